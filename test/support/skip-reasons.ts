/**
 * A vitest reporter that says, after the run, why tests were skipped: each reason a test gave
 * (`context.skip(condition, reason)`) with how many tests and which files, and how many were
 * skipped without one, so that a skip nobody explains shows in every run's output.
 */

import { relative } from 'node:path'
import type { Reporter, TestModule, Vitest } from 'vitest/node'

export default class SkipReasons implements Reporter {
  private filtered = false

  onInit(vitest: Vitest): void {
    // Tests left out by `-t` are skipped without a reason; they are not worth a line.
    this.filtered = Boolean(vitest.config.testNamePattern)
  }

  onTestRunEnd(modules: readonly TestModule[]): void {
    const reasons = new Map<string, { count: number; files: Set<string> }>()
    for (const module of modules) {
      for (const test of module.children.allTests('skipped')) {
        const result = test.result()
        const reason = (result.state === 'skipped' ? result.note : undefined) ?? ''
        if (reason === '' && (this.filtered || test.options.mode === 'todo')) continue
        const entry = reasons.get(reason) ?? { count: 0, files: new Set<string>() }
        entry.count++
        entry.files.add(relative(process.cwd(), module.moduleId))
        reasons.set(reason, entry)
      }
    }
    for (const [reason, { count, files }] of reasons) {
      const tests = `${String(count)} test${count === 1 ? '' : 's'} skipped`
      const said = reason === '' ? `${tests} without a reason given` : `${reason}: ${tests}`
      console.log(`Skipped: ${said} (${[...files].join(', ')})`)
    }
  }
}
