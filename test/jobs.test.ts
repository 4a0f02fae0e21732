import { describe, expect, it } from 'vitest'
import {
  deriveStatus,
  isFailing,
  jobsFromNeeds,
  NeedsError,
  runDurationSeconds,
  statusOfConclusion,
  type JobResult,
  type RunJob
} from '../src/github/jobs.js'

function job(result: JobResult, overrides: Partial<RunJob> = {}): RunJob {
  return {
    id: 1,
    name: result || 'running',
    result,
    completed: result !== '',
    startedAt: undefined,
    completedAt: undefined,
    failedStep: undefined,
    ...overrides
  }
}

describe('status: auto', () => {
  it.each<[JobResult[], string]>([
    [['success', 'failure', 'cancelled'], 'failure'],
    [['success', 'timed_out'], 'failure'],
    [['success', 'cancelled', 'skipped'], 'cancelled'],
    [['success', 'skipped', 'neutral'], 'success'],
    // No verdict at all is never a success (docs/run-verdicts.md).
    [['skipped', 'skipped'], 'info'],
    [['skipped', 'neutral'], 'info'],
    [[], 'success']
  ])('derives %j as %s', (results, status) => {
    expect(deriveStatus(results.map(result => job(result)))).toBe(status)
  })

  it('leaves out the jobs still running: the summary job itself', () => {
    const running = job('', { completed: false })
    expect(deriveStatus([job('success'), running])).toBe('success')
    // A job still running cannot have failed yet, whatever its partial result says.
    expect(deriveStatus([job('failure', { completed: false })])).toBe('success')
  })
})

describe('a failing job', () => {
  it('has failed, or is still running past a failed step (the job sending its own alert)', () => {
    const step = { name: 'Run npm test', number: 4 }
    expect(isFailing(job('failure'))).toBe(true)
    expect(isFailing(job('timed_out'))).toBe(true)
    expect(isFailing(job('', { completed: false, failedStep: step }))).toBe(true)
    expect(isFailing(job('', { completed: false }))).toBe(false)
    expect(isFailing(job('cancelled', { failedStep: step }))).toBe(false)
  })
})

describe("the run's duration", () => {
  it('runs from the first start to the last end, or to now for a job still running', () => {
    const jobs = [
      job('success', { startedAt: '2026-12-01T10:00:00Z', completedAt: '2026-12-01T10:01:00Z' }),
      job('failure', { startedAt: '2026-12-01T10:00:30Z', completedAt: '2026-12-01T10:03:25Z' })
    ]
    expect(runDurationSeconds(jobs)).toBe(205)

    const now = Date.parse('2026-12-01T10:05:00Z')
    const running = job('', { completed: false, startedAt: '2026-12-01T10:04:00Z' })
    expect(runDurationSeconds([...jobs, running], now)).toBe(300)
  })

  it('is unknown without start times (jobs from needs)', () => {
    expect(runDurationSeconds([job('success')])).toBeUndefined()
  })
})

describe('needs', () => {
  it('reads ${{ toJSON(needs) }} as finished jobs, in order', () => {
    const needs = JSON.stringify({
      build: { result: 'success', outputs: { version: '1.2.3' } },
      test: { result: 'failure', outputs: {} }
    })

    expect(jobsFromNeeds(needs).map(j => [j.name, j.result, j.completed, j.id])).toEqual([
      ['build', 'success', true, 0],
      ['test', 'failure', true, 0]
    ])
  })

  it.each([
    ['not JSON', 'build: success', /could not be parsed/],
    ['a list', '["build"]', /a JSON object of jobs/],
    ['no result', '{"build": {"outputs": {}}}', /needs\.build\.result must be one of/],
    ['an unknown result', '{"build": {"result": "great"}}', /needs\.build\.result/]
  ])('refuses %s with a message that says what is expected', (_, text, message) => {
    expect(() => jobsFromNeeds(text)).toThrow(NeedsError)
    expect(() => jobsFromNeeds(text)).toThrow(message)
  })
})

describe('status: auto on workflow_run: the triggering run’s conclusion', () => {
  it.each([
    ['success', 'success'],
    ['failure', 'failure'],
    ['timed_out', 'failure'],
    ['startup_failure', 'failure'],
    ['cancelled', 'cancelled'],
    ['skipped', undefined],
    ['action_required', undefined],
    [null, undefined]
  ])('%s gives %s', (conclusion, status) => {
    expect(statusOfConclusion(conclusion)).toBe(status)
  })
})
