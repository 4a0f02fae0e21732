import { describe, expect, it } from 'vitest'
import { CONCLUSION_STATUS, conclusionOf, isNoVerdict } from '../src/run/conclusions.js'
import { statusLook } from '../src/template/defaults.js'

/** src/run/conclusions.ts: every conclusion GitHub gives, its status and its words, one table. */
describe('every conclusion has a meaning', () => {
  it.each([
    ['success', 'success', '✅', 'succeeded', false],
    ['failure', 'failure', '❌', 'failed', false],
    ['timed_out', 'failure', '❌', 'timed out', false],
    ['startup_failure', 'failure', '❌', 'could not start', false],
    ['cancelled', 'cancelled', '⚪', 'was cancelled', false],
    ['skipped', 'info', 'ℹ️', 'was skipped', true],
    ['neutral', 'info', 'ℹ️', 'finished with no verdict (neutral)', true],
    ['stale', 'info', 'ℹ️', 'went stale with no verdict', true],
    ['action_required', 'info', 'ℹ️', 'is waiting for approval', true]
  ] as const)('%s: %s, %s "%s"', (given, status, emoji, outcome, noVerdict) => {
    const conclusion = conclusionOf(given)
    expect(conclusion).toBe(given)
    expect(CONCLUSION_STATUS[given]).toBe(status)
    expect(statusLook(status, conclusion)).toMatchObject({ emoji, outcome })
    expect(isNoVerdict(conclusion)).toBe(noVerdict)
  })

  it('covers exactly the conclusions GitHub documents for a run', () => {
    expect(Object.keys(CONCLUSION_STATUS).sort()).toEqual(
      [
        'action_required',
        'cancelled',
        'failure',
        'neutral',
        'skipped',
        'stale',
        'startup_failure',
        'success',
        'timed_out'
      ].sort()
    )
  })

  // ['success'] would pass for 'success' as a property name: only a string is a conclusion.
  it.each([null, undefined, '', 'in_progress', 'constructor', 'toString', 7, ['success']])(
    'reads %s as no conclusion',
    value => {
      expect(conclusionOf(value)).toBeUndefined()
      expect(isNoVerdict(conclusionOf(value))).toBe(false)
    }
  )
})
