import { describe, expect, it } from 'vitest'
import { linksIn, mentionsIn, typesOf } from './support/parser.js'
import type { GithubContext } from '../src/template/workflow-context.js'
import type { RunAnnotation, RunDetails, RunJob } from '../src/github/jobs.js'
import type { DefaultMessage } from '../src/template/defaults.js'
import {
  addRunDetails,
  formatDuration,
  inertLine,
  runDetailsValue
} from '../src/template/run-details-wording.js'

const github = {
  server_url: 'https://ghe.example.com',
  repository: 'octo-org/octo-repo',
  run_id: '77'
} as GithubContext

function job(name: string, result: RunJob['result'], overrides: Partial<RunJob> = {}): RunJob {
  return {
    id: 10,
    name,
    result,
    completed: result !== '',
    startedAt: '2026-12-01T10:00:00Z',
    completedAt: '2026-12-01T10:02:05Z',
    failedStep: undefined,
    ...overrides
  }
}

function annotation(message: string, overrides: Partial<RunAnnotation> = {}): RunAnnotation {
  return {
    jobId: 10,
    jobName: 'test',
    level: 'failure',
    message,
    title: '',
    path: 'src/a.ts',
    line: 3,
    ...overrides
  }
}

const base: DefaultMessage = {
  text: '❌ CI failed in octo-org/octo-repo on main',
  attachment: { color: '#d50200', fields: [{ title: 'Actor', value: 'octocat', short: true }] }
}

function details(jobs: RunJob[], annotations: RunAnnotation[] = []): RunDetails {
  return { jobs, annotations, source: 'api' }
}

describe('a failure message with the run details', () => {
  it("links each failed job to its log and its failing step to the step's line", () => {
    const run = details([
      job('lint', 'success', { id: 9 }),
      job('unit-tests (ubuntu-latest, 20)', 'failure', {
        id: 10,
        failedStep: { name: 'Run npm test', number: 4 }
      })
    ])

    const message = addRunDetails(base, runDetailsValue(run, github, false, 'failure'), 'failure')

    const job10 = 'https://ghe.example.com/octo-org/octo-repo/actions/runs/77/job/10'
    expect(message.text).toBe(
      '❌ CI failed in octo-org/octo-repo on main · unit-tests (ubuntu-latest, 20) at step 4'
    )
    expect(message.attachment.text).toBe(
      `❌ [unit-tests (ubuntu-latest, 20)](${job10}) failed at step 4: [Run npm test](${job10}#step:4:1) (job 2m 5s)`
    )
    expect(message.attachment.fields).toContainEqual({
      title: 'Duration',
      value: '2m 5s',
      short: true
    })
  })

  it("says whose each time is: the failing step's own when GitHub gives it, and the job's", () => {
    const run = details([
      job('build', 'failure', {
        failedStep: {
          name: 'Compile',
          number: 3,
          startedAt: '2026-12-01T10:01:00Z',
          completedAt: '2026-12-01T10:01:42Z'
        }
      })
    ])

    const text = String(
      addRunDetails(base, runDetailsValue(run, github, false, 'failure'), 'failure').attachment.text
    )

    expect(text).toMatch(/failed at step 3: \[Compile\]\([^)]*\) \(step 42s, job 2m 5s\)$/)
  })

  it('shows the first three errors, warnings left out, the run-level ones without a location', () => {
    const run = details(
      [job('test', 'failure')],
      [
        annotation('one'),
        annotation('a warning', { level: 'warning' }),
        annotation('Process completed with exit code 1.', { path: '.github', line: 1 }),
        annotation('three'),
        annotation('four')
      ]
    )

    const text = String(
      addRunDetails(base, runDetailsValue(run, github, false, 'failure'), 'failure').attachment.text
    )

    expect(text.split('\n').slice(1)).toEqual([
      '> `src/a.ts:3` `one`',
      '> `Process completed with exit code 1.`',
      '> `src/a.ts:3` `three`'
    ])
  })

  it('says "timed out" for a job that ran out of time, and counts the failed jobs not shown', () => {
    const jobs = [
      job('slow', 'timed_out'),
      ...Array.from({ length: 6 }, (_, i) => job(`shard ${i}`, 'failure'))
    ]

    const message = addRunDetails(
      base,
      runDetailsValue(details(jobs), github, false, 'failure'),
      'failure'
    )

    expect(message.text).toMatch(/ · slow and 6 more$/)
    const lines = String(message.attachment.text).split('\n')
    expect(lines[0]).toContain('slow](')
    expect(lines[0]).toContain(') timed out (2m 5s)')
    expect(lines).toContain('and 2 more failed job(s)')
  })

  it('adds nothing to a message whose status is not failure, unless it is a summary job', () => {
    const run = runDetailsValue(details([job('test', 'failure')]), github, false, 'failure')
    expect(addRunDetails(base, run, 'success').attachment.text).toBeUndefined()
  })

  it('keeps what the attachment already said (release notes) before the details', () => {
    const withNotes = { ...base, attachment: { ...base.attachment, text: 'Notes' } }
    const run = runDetailsValue(details([job('test', 'failure')]), github, false, 'failure')
    expect(String(addRunDetails(withNotes, run, 'failure').attachment.text)).toMatch(/^Notes\n❌/)
  })
})

describe('a summary job', () => {
  it('lists each finished job with its result', () => {
    const run = details([
      job('build', 'success'),
      job('test', 'failure'),
      job('e2e', 'cancelled'),
      job('docs', 'skipped'),
      job('notify', '')
    ])

    const message = addRunDetails(base, runDetailsValue(run, github, true, 'failure'), 'failure')

    expect(String(message.attachment.text).split('\n')[0]).toBe(
      '✅ build · ❌ test · ⚪ e2e · ⏭️ docs'
    )
  })

  it('lists only the jobs that did not succeed when there are many', () => {
    const jobs = Array.from({ length: 12 }, (_, i) =>
      job(`shard ${i}`, i === 3 ? 'failure' : 'success')
    )

    const value = runDetailsValue(details(jobs), github, true, 'failure')

    expect(value.jobs_summary).toBe('❌ shard 3 · 11 other job(s) succeeded or were skipped')
  })

  it('names jobs from needs without links: there is no job id to link to', () => {
    const run: RunDetails = {
      jobs: [job('test', 'failure', { id: 0 })],
      annotations: [],
      source: 'needs'
    }

    const value = runDetailsValue(run, github, true, 'failure')

    expect(value.failed_jobs[0]?.url).toBe('')
    expect(value.summary).toBe('❌ **test** failed (2m 5s)')
  })
})

describe('text from the API', () => {
  it('cannot mention anyone, hide a link or break a link label', () => {
    const run = details(
      [job('deploy [to] @all', 'failure', { failedStep: { name: 'ping @here', number: 2 } })],
      [annotation('see [docs](https://evil.example) @octocat `x`')]
    )

    const value = runDetailsValue(run, github, false, 'failure')

    expect(value.summary).not.toMatch(/@(all|here|octocat)/)
    expect(value.summary).toContain('[deploy to @\u200Ball](')
    expect(value.summary).toContain("`see [docs](https://evil.example) @\u200Boctocat 'x'`")
  })

  it('makes no link, room or mention where a name stands unlinked, nor lets a path leave its code span', () => {
    const hostile = 'x [see](https://evil.example) #general <https://evil.example|docs> @all'
    const run: RunDetails = {
      jobs: [job(hostile, 'failure', { id: 0, failedStep: { name: hostile, number: 2 } })],
      annotations: [annotation('boom', { path: 'a`b', line: 2 })],
      source: 'needs'
    }

    const value = runDetailsValue(run, github, true, 'failure')
    const message = addRunDetails(base, value, 'failure')

    for (const text of [message.text, value.summary, value.jobs_summary]) {
      expect(typesOf(text).has('MENTION_CHANNEL'), text).toBe(false)
      expect(mentionsIn(text), text).toEqual([])
      // A URL may show as itself; no label may hide where a link goes.
      for (const link of linksIn(text)) expect(link.label, text).toBe(link.src)
    }
    expect(value.summary).toContain("`a'b:2`")
  })

  it('is one line of bounded length', () => {
    expect(inertLine('a\n\nb\tc', 10)).toBe('a b c')
    expect(inertLine('x'.repeat(300), 100)).toBe(`${'x'.repeat(99)}…`)
    // Never inside a character.
    expect(Array.from(inertLine('😀'.repeat(150), 100))).toHaveLength(100)
  })
})

describe('the template context', () => {
  it('exposes jobs, failed jobs, annotations and the duration', () => {
    const run = details(
      [
        job('build', 'success', { id: 9 }),
        job('test', 'failure', { failedStep: { name: 'Run', number: 3 } })
      ],
      [annotation('boom')]
    )

    const value = runDetailsValue(run, github, false, 'failure')

    expect(value.status).toBe('failure')
    expect(value.duration).toBe('2m 5s')
    expect(value.jobs.map(j => [j.name, j.result])).toEqual([
      ['build', 'success'],
      ['test', 'failure']
    ])
    expect(value.failed_jobs[0]?.failed_step).toEqual({
      name: 'Run',
      number: 3,
      url: 'https://ghe.example.com/octo-org/octo-repo/actions/runs/77/job/10#step:3:1',
      duration: ''
    })
    expect(value.annotations[0]).toMatchObject({ message: 'boom', location: 'src/a.ts:3', line: 3 })
  })
})

it.each([
  [5, '5s'],
  [125, '2m 5s'],
  [3600 + 120, '1h 2m']
])('formats %i seconds as %s', (seconds, text) => {
  expect(formatDuration(seconds)).toBe(text)
})
