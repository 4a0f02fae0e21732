import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createProxy } from 'proxy'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { NetworkSettings } from '../src/action/network.js'
import { readRunnerContext, type RunnerContext } from '../src/action/runner-context.js'
import { withRunDetails, type RunDetailsSettings } from '../src/action/run-lookup.js'
import { jobsFromNeeds } from '../src/github/jobs.js'
import type { Status } from '../src/rocketchat/types.js'
import type { NotificationInput } from '../src/template/notification.js'
import type { Fault } from './fake-github/server.js'
import { useFakeGitHub } from './support/fake.js'
import { notificationInput } from './support/notification-input.js'

/**
 * src/action/run-lookup.ts at source level: what the run's details change in the input and the
 * context, and which requests the fake GitHub API received for it. The bundle tests
 * (test/run-details.test.ts) prove the same end to end; these make coverage and mutation count it.
 */

const github = useFakeGitHub()
const TOKEN = 'ghs_s0urceLev3lT0k3nxxxxxxxxxxxxxxxxxxxxx'
let log: string[]

beforeEach(() => {
  log = []
  vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    log.push(String(chunk))
    return true
  })
})

type Input = Omit<NotificationInput, 'status'> & {
  status: Status | 'auto'
  runDetails: RunDetailsSettings
  secrets: string[]
}

function input(
  more: Partial<Omit<Input, 'runDetails'>> = {},
  runDetails: Partial<RunDetailsSettings> = {}
): Input {
  return {
    ...notificationInput(),
    secrets: [],
    ...more,
    // No log quote here: the routes each case expects are those of the jobs and their errors.
    runDetails: {
      token: TOKEN,
      needs: undefined,
      userMap: '',
      logLines: 0,
      notifyWhen: 'always',
      attachLog: false,
      ...runDetails
    }
  }
}

/**
 * The lookup's budget for a fault: a fake GitHub that never answers is given up after 200 ms, not
 * the real 5 s; every other answer gets the real budget, which a busy machine cannot run out.
 */
const budgetFor = (fault: Fault): number | undefined => (fault === 'slow' ? 200 : undefined)

/** The run's network settings as main decides them, here with no proxy. */
const NETWORK: NetworkSettings = { proxy: {}, userAgent: 'rocketchat-notify', deadlineMs: 60_000 }

/** The lookup as main makes it, with the network settings it decided (`NETWORK` unless given). */
function lookUp<I extends Input>(
  given: I,
  runner: RunnerContext,
  budgetMs?: number,
  network = NETWORK
): ReturnType<typeof withRunDetails<I>> {
  return withRunDetails(given, runner, network, budgetMs)
}

function context(event: unknown = {}, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'run-details-'))
  writeFileSync(join(dir, 'event.json'), JSON.stringify(event))
  return readRunnerContext({
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_RUN_ID: String(github.runId),
    GITHUB_RUN_ATTEMPT: String(github.attempt),
    GITHUB_API_URL: github.apiUrl,
    GITHUB_WORKFLOW: 'CI',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    ...env
  })
}

const stdout = () => log.join('')

function failedRun(): void {
  github.addJob({ name: 'lint', result: 'success' })
  github.addJob({
    name: 'unit-tests',
    result: 'failure',
    failedStep: 4,
    annotations: [{ message: 'AssertionError: expected 2 to be 3' }]
  })
  github.addJob({ name: 'notify', result: 'in_progress' })
}

describe('withRunDetails', () => {
  it('makes no request for a success with the default message', async () => {
    failedRun()

    const result = await lookUp(input(), context())

    expect(github.requests).toEqual([])
    expect(result.input.status).toBe('success')
    expect(result.context.run_details).toBeUndefined()
    expect(stdout()).toBe('')
  })

  it('makes no request for a custom body that does not read run_details, even on failure', async () => {
    failedRun()

    await lookUp(input({ body: 'Deployed', status: 'failure' }), context())

    expect(github.requests).toEqual([])
  })

  it('reads the jobs and their errors for a failure with the default message', async () => {
    failedRun()

    const result = await lookUp(input({ status: 'failure' }), context())

    expect(github.requests.map(r => r.route)).toEqual(['jobs', 'annotations'])
    expect(github.requests[0]?.authorization).toBe(`token ${TOKEN}`)
    expect(github.requests[0]?.userAgent).toMatch(/^rocketchat-notify/)
    const details = result.context.run_details
    expect(details?.failed_jobs.map(job => job.name)).toEqual(['unit-tests'])
    expect(details?.annotations.map(a => a.message)).toEqual(['AssertionError: expected 2 to be 3'])
    expect(result.input.status).toBe('failure')
  })

  it('reads only the jobs for a template that shows no annotations', async () => {
    failedRun()

    await lookUp(
      input({ body: '{{ run_details.failed_jobs[0].name }}', status: 'failure' }),
      context()
    )

    expect(github.requests.map(r => r.route)).toEqual(['jobs'])
  })

  it.each(['annotations', 'summary'])(
    'reads the errors too for a template that shows run_details.%s',
    async field => {
      failedRun()

      await lookUp(input({ title: `{{ run_details.${field} }}` }), context())

      expect(github.requests.map(r => r.route)).toEqual(['jobs', 'annotations'])
    }
  )

  describe('status: auto', () => {
    it('takes the status the other jobs give, into the input and the context', async () => {
      failedRun()

      const result = await lookUp(input({ status: 'auto' }), context())

      expect(result.input.status).toBe('failure')
      expect(result.context.job.status).toBe('failure')
      expect(result.context.run_details?.status).toBe('failure')
    })

    it('is success when every finished job passed, with no errors to read', async () => {
      github.addJob({ name: 'lint', result: 'success' })
      github.addJob({ name: 'notify', result: 'in_progress' })

      const result = await lookUp(input({ status: 'auto' }), context())

      expect(result.input.status).toBe('success')
      expect(github.requests.map(r => r.route)).toEqual(['jobs'])
    })

    it.each<[string, Partial<RunDetailsSettings>, () => void]>([
      ['the token is empty', { token: '' }, () => undefined],
      [
        'the API refuses',
        {},
        () => {
          github.fail('jobs', 'forbidden')
        }
      ],
      [
        'the run is not found',
        {},
        () => {
          github.fail('jobs', 'not-found')
        }
      ]
    ])('is the neutral info, never success, when %s', async (_, settings, fault) => {
      fault()

      const result = await lookUp(input({ status: 'auto' }, { ...settings }), context())

      expect(result.input.status).toBe('info')
      expect(result.context.job.status).toBe('info')
      expect(result.context.run_details).toBeUndefined()
      expect(stdout()).toMatch(/::notice::Run details left out: .*`actions: read`/)
    })

    it('takes the jobs from needs without a request', async () => {
      const needs = { build: { result: 'success' }, test: { result: 'cancelled' } }

      const result = await lookUp(
        input({ status: 'auto' }, { needs: jobsFromNeeds(JSON.stringify(needs)) }),
        context()
      )

      expect(github.requests).toEqual([])
      expect(result.input.status).toBe('cancelled')
      expect(result.context.run_details?.jobs.map(job => job.name)).toEqual(['build', 'test'])
    })
  })

  it('keeps the jobs and names checks: read when only the annotations are refused', async () => {
    failedRun()
    github.fail('annotations', 'forbidden')

    const result = await lookUp(input({ status: 'failure' }), context())

    expect(result.context.run_details?.failed_jobs).toHaveLength(1)
    expect(stdout()).toMatch(/::notice::Error annotations left out: .*`checks: read`/)
    // Returned as data for the summary, not kept in a module.
    expect(result.leftOut).toEqual([expect.stringMatching(/^Error annotations left out: /)])
  })

  it('asks no API of a run without a repository or run id', async () => {
    const result = await lookUp(
      input({ status: 'failure' }),
      context({}, { GITHUB_RUN_ID: '', GITHUB_REPOSITORY: '' })
    )

    expect(github.requests).toEqual([])
    expect(result.context.run_details).toBeUndefined()
  })

  it('reads the errors for a body of only white space, which is the default message', async () => {
    failedRun()

    await lookUp(input({ body: '  \n', status: 'failure' }), context())

    expect(github.requests.map(r => r.route)).toEqual(['jobs', 'annotations'])
  })

  it('reads only the jobs for status: auto with a custom body', async () => {
    failedRun()

    const result = await lookUp(input({ body: 'Deployed', status: 'auto' }), context())

    expect(github.requests.map(r => r.route)).toEqual(['jobs'])
    expect(result.input.status).toBe('failure')
  })

  it('offers the jobs of needs to a custom body, without a request and without log links', async () => {
    const needs = { build: { result: 'failure' } }

    const result = await lookUp(
      input(
        { body: 'Deployed', status: 'failure' },
        { needs: jobsFromNeeds(JSON.stringify(needs)) }
      ),
      context()
    )

    expect(github.requests).toEqual([])
    expect(result.context.run_details?.jobs).toMatchObject([{ name: 'build', url: '' }])
  })

  it('reads the first attempt when the runner gives no attempt number', async () => {
    failedRun()

    const result = await lookUp(
      input({ status: 'failure' }),
      context({}, { GITHUB_RUN_ATTEMPT: '' })
    )

    expect(github.requests[0]?.url).toContain(`/attempts/1/jobs`)
    expect(result.context.run_details?.failed_jobs).toHaveLength(1)
  })

  it.each([
    ['a repository without its owner', { GITHUB_REPOSITORY: 'octo-repo' }],
    ['a repository without its name', { GITHUB_REPOSITORY: 'octo-org/' }],
    ['run id 0', { GITHUB_RUN_ID: '0' }],
    ['a run id that is not a number', { GITHUB_RUN_ID: '12ab' }]
  ])('asks nothing of the API for %s', async (_, env) => {
    failedRun()

    const result = await lookUp(input({ status: 'failure' }), context({}, env))

    expect(github.requests).toEqual([])
    expect(result.context.run_details).toBeUndefined()
  })

  it('says the token is empty when it is', async () => {
    const result = await lookUp(input({ status: 'failure' }, { token: '' }), context())

    expect(github.requests).toEqual([])
    expect(stdout()).toContain('::notice::Run details left out: github-token is empty.')
    expect(result.leftOut).toEqual([expect.stringMatching(/^Run details left out: github-token/)])
  })

  it('returns nothing left out when nothing was', async () => {
    failedRun()

    const result = await lookUp(input({ status: 'failure' }), context())

    expect(result.leftOut).toEqual([])
  })

  // Permission advice only where permissions are the cause; the others say what happened.
  it.each<[Parameters<typeof github.fail>[1], RegExp, boolean]>([
    ['forbidden', /GitHub answered .*403/, true],
    ['rate-limited', /GitHub refused the request: the API rate limit is spent/, false],
    ['reset', /GitHub could not be reached/, false],
    ['slow', /GitHub gave no answer in time/, false],
    [
      'redirect-loop',
      /GitHub could not be read: redirected too many times \(more than 20 redirects\)/,
      false
    ]
  ])(
    'sends without the details when the API is %s, and says how it failed',
    async (fault, said, permissions) => {
      failedRun()
      github.fail('jobs', fault)

      const result = await lookUp(input({ status: 'failure' }), context(), budgetFor(fault))

      expect(result.context.run_details).toBeUndefined()
      expect(result.input.status).toBe('failure')
      const notice =
        stdout()
          .split('\n')
          .find(line => line.startsWith('::notice::')) ?? ''
      expect(notice).toMatch(said)
      if (permissions) expect(notice).toContain('`actions: read`')
      else expect(notice).toContain('The message is sent without them.')
    }
  )

  describe('attach-log', () => {
    const SECRET = 'hunter2-but-longer'

    /** unit-tests failed at step 4 after printing more than a short quote shows, and a secret. */
    function longFailure(): void {
      github.addJob({
        name: 'unit-tests',
        result: 'failure',
        failedStep: 4,
        failedStepLog: ['\u001b[31mline 1\u001b[39m', 'line 2', `password ${SECRET}`, 'token: ***']
      })
      github.addJob({ name: 'notify', result: 'in_progress' })
    }

    it('reads the failing step’s log for a failure with a custom body, and gives it redacted', async () => {
      longFailure()

      const result = await lookUp(
        input({ body: 'Deployed', status: 'failure', secrets: [SECRET] }, { attachLog: true }),
        context()
      )

      expect(github.requests.map(r => r.route)).toEqual(['jobs', 'logs'])
      expect(result.stepLogs).toEqual([
        {
          job: 'unit-tests',
          step: 4,
          text: [
            '##[group]Run npm test',
            'npm test',
            '##[endgroup]',
            'line 1',
            'line 2',
            'password ****',
            'token: ***',
            '##[error]Process completed with exit code 1.',
            ''
          ].join('\n')
        }
      ])
    })

    it('gives no file when the message’s quote already shows the whole step', async () => {
      longFailure()

      const result = await lookUp(
        input({ status: 'failure' }, { attachLog: true, logLines: 15 }),
        context()
      )

      expect(github.requests.map(r => r.route)).toContain('logs')
      expect(result.context.run_details?.failed_jobs[0]?.log).toContain('token: ***')
      expect(result.stepLogs).toEqual([])
    })

    it('gives the file when the quote shows only the last lines', async () => {
      longFailure()

      const result = await lookUp(
        input({ status: 'failure' }, { attachLog: true, logLines: 2 }),
        context()
      )

      expect(result.stepLogs.map(log => log.text.split('\n').length)).toEqual([9])
    })

    it.each<[string, Status | 'auto']>([
      ['a success', 'success'],
      ['a warning', 'warning']
    ])('reads no log for %s', async (_, status) => {
      longFailure()

      const result = await lookUp(input({ status }, { attachLog: true }), context())

      expect(github.requests).toEqual([])
      expect(result.stepLogs).toEqual([])
    })

    it('reads no log with attach-log: false and log-lines: 0', async () => {
      longFailure()

      const result = await lookUp(input({ status: 'failure' }), context())

      expect(github.requests.map(r => r.route)).not.toContain('logs')
      expect(result.stepLogs).toEqual([])
    })

    it('is left out with a notice naming actions: read when the log is refused', async () => {
      longFailure()
      github.fail('logs', 'forbidden')

      const result = await lookUp(
        input({ body: 'Deployed', status: 'auto' }, { attachLog: true }),
        context()
      )

      expect(result.input.status).toBe('failure')
      expect(result.stepLogs).toEqual([])
      expect(stdout()).toMatch(/::notice::Log file left out: GitHub answered 403.*`actions: read`/)
    })

    it('says the file is left out when the jobs come from needs', async () => {
      const result = await lookUp(
        input(
          { body: 'Deployed', status: 'failure' },
          {
            attachLog: true,
            needs: jobsFromNeeds(JSON.stringify({ build: { result: 'failure' } }))
          }
        ),
        context()
      )

      expect(github.requests).toEqual([])
      expect(result.stepLogs).toEqual([])
      expect(stdout()).toMatch(/::notice::Log file left out: the jobs come from `needs`/)
    })
    it('names both the quote and the file when a log read for both is refused', async () => {
      longFailure()
      github.fail('logs', 'reset')

      const result = await lookUp(
        input({ status: 'failure' }, { attachLog: true, logLines: 2 }),
        context()
      )

      expect(result.stepLogs).toEqual([])
      expect(result.context.run_details?.failed_jobs[0]?.log).toBe('')
      // Not a matter of permissions: no advice to grant one.
      expect(stdout()).toMatch(
        /::notice::Log excerpt and file left out: GitHub could not be reached .*The message is sent without it\./
      )
      expect(stdout()).not.toContain('`actions: read`')
    })

    it('says a log excerpt is left out when its read is refused', async () => {
      longFailure()
      github.fail('logs', 'forbidden')

      await lookUp(input({ status: 'failure' }, { logLines: 2 }), context())

      expect(stdout()).toMatch(
        /::notice::Log excerpt left out: GitHub answered 403.*`actions: read`/
      )
    })

    it('says the log of a job still running is left out, naming the job', async () => {
      longFailure()
      github.addJob({ name: 'e2e', result: 'in_progress', failedStep: 3 })

      const result = await lookUp(
        input({ body: 'Deployed', status: 'failure' }, { attachLog: true }),
        context()
      )

      expect(result.stepLogs.map(log => log.job)).toEqual(['unit-tests'])
      expect(stdout()).toContain(
        '::notice::Log file of "e2e" left out: the job is still running, and a log is read once its job has finished'
      )
    })
  })

  describe('mention: author', () => {
    const push = { head_commit: { author: { username: 'hubot' } } }

    it('stands for the mapped actor and commit author, once each, beside other names', async () => {
      const result = await lookUp(
        input(
          { mention: ['@devops', 'author', '@devops'] },
          { userMap: 'octocat: jdoe\nhubot: hbot\n' }
        ),
        context(push)
      )

      expect(result.input.mention).toEqual(['@devops', 'jdoe', 'hbot'])
    })

    it('mentions no unmapped login, and a notice names the logins it could not map', async () => {
      const result = await lookUp(
        input({ mention: ['@Author'] }, { userMap: '{"someone": "else"}' }),
        context(push)
      )

      expect(result.input.mention).toEqual([])
      expect(stdout()).toContain(
        '::notice::mention: author: user-map maps none of octocat, hubot; no author is mentioned.'
      )
    })

    it('says so with no user-map at all', async () => {
      await lookUp(input({ mention: ['author', '@devops'] }), context(push))

      expect(stdout()).toMatch(/::notice::mention: author: user-map maps none of octocat, hubot;/)
    })

    it('gives no notice when someone is mapped', async () => {
      await lookUp(input({ mention: ['author'] }, { userMap: 'hubot: hbot' }), context(push))

      expect(stdout()).not.toContain('::notice::')
    })

    it('warns and mentions no author when the user-map cannot be read', async () => {
      const result = await lookUp(
        input({ mention: ['author', '@devops'] }, { userMap: 'octocat: [unclosed' }),
        context(push)
      )

      expect(result.input.mention).toEqual(['@devops'])
      expect(stdout()).toMatch(
        /::warning::user-map is neither YAML nor JSON .*no author is mentioned/
      )
    })

    it('warns of each entry it leaves out of the user-map, and maps the rest', async () => {
      const result = await lookUp(
        input({ mention: ['author'] }, { userMap: 'octocat: all\nhubot: hbot\nHubot: hbot2\n' }),
        context(push)
      )

      expect(result.input.mention).toEqual(['hbot2'])
      expect(stdout()).toContain(
        '::warning::user-map: "octocat" maps to @all, which would notify the whole room; it is left out'
      )
      expect(stdout()).toContain('::warning::user-map: Hubot is mapped twice; the last one counts')
    })

    it('reads only the first 256 KiB of a larger user-map, up to its last whole line, and says so', async () => {
      const filler = Array.from({ length: 20_000 }, (_, i) => `user${i}: name${i}`).join('\n')
      const result = await lookUp(
        input({ mention: ['author'] }, { userMap: `octocat: jdoe\n${filler}\nhubot: hbot\n` }),
        context(push)
      )

      // hubot's line is past the limit: only the actor is mentioned.
      expect(result.input.mention).toEqual(['jdoe'])
      expect(stdout()).toMatch(/::warning::user-map is \d+ KiB; only its first 256 KiB are read/)
    })

    it('leaves the mentions as they are without author or user-map', async () => {
      const result = await lookUp(input({ mention: ['@devops'] }), context(push))

      expect(result.input.mention).toEqual(['@devops'])
    })
  })
})

describe('notify-when: changed', () => {
  const WORKFLOW = {
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_RUN_NUMBER: '42',
    GITHUB_EVENT_NAME: 'push'
  }
  const changed = (
    status: Status | 'auto',
    env: Record<string, string> = {},
    more = {},
    budgetMs?: number
  ) =>
    lookUp(
      input({ body: 'Deployed', status }, { notifyWhen: 'changed', ...more }),
      context({}, { ...WORKFLOW, ...env }),
      budgetMs
    )
  const notices = () =>
    stdout()
      .split('\n')
      .filter(line => line.startsWith('::notice::'))

  it('sends nothing for a success after a success, and says why', async () => {
    github.addPastRun({ number: 41, conclusion: 'success' })
    github.addPastRun({ number: 40, conclusion: 'failure' })

    const result = await changed('success')

    expect(result.unchanged).toBe(
      'notify-when: changed: still succeeding, as run #41 did; no message is sent.'
    )
    expect(result.context.previous_run).toMatchObject({ status: 'success', change: 'unchanged' })
    expect(github.requests.map(r => r.url)).toEqual([
      '/repos/octo-org/octo-repo/actions/workflows/ci.yml/runs?branch=main&status=completed&per_page=30'
    ])
  })

  it('sends nothing for a failure after a failure, and says why', async () => {
    github.addPastRun({ number: 41, conclusion: 'failure' })

    const result = await changed('failure')

    expect(result.unchanged).toBe(
      'notify-when: changed: still failing, as run #41 did; no message is sent.'
    )
  })

  it('sends a failure after a success as broken, naming the last success', async () => {
    const sha = 'c0ffee0'.padEnd(40, '0')
    const id = github.addPastRun({ number: 41, conclusion: 'success', sha })

    const result = await changed('failure')

    expect(result.unchanged).toBeUndefined()
    expect(result.context.previous_run).toEqual({
      status: 'success',
      number: 41,
      url: `https://github.com/octo-org/octo-repo/actions/runs/${id}`,
      sha,
      change: 'broken',
      failed_runs: 0,
      failed_runs_more: false,
      broken_since: null,
      broken_for: ''
    })
  })

  it('sends a success after failures as fixed: after how many, since which run, for how long', async () => {
    github.addPastRun({ number: 43, conclusion: 'failure' }) // newer: not the previous one
    github.addPastRun({ number: 42, conclusion: 'failure' }) // this run's number: left out
    github.addPastRun({ number: 41, conclusion: 'failure' })
    github.addPastRun({ number: 40, conclusion: 'cancelled' }) // says nothing
    github.addPastRun({
      number: 39,
      conclusion: 'timed_out',
      createdAt: new Date(Date.now() - 7_500_000).toISOString()
    })
    github.addPastRun({ number: 38, conclusion: 'success' })

    const result = await changed('success')

    expect(result.unchanged).toBeUndefined()
    expect(result.context.previous_run).toMatchObject({
      status: 'failure',
      number: 41,
      change: 'fixed',
      failed_runs: 2,
      failed_runs_more: false,
      broken_since: { number: 39 },
      broken_for: '2h 5m'
    })
  })

  it('says the failures go back further than the runs read when no success is among them', async () => {
    github.addPastRun({ number: 41, conclusion: 'failure' })
    github.addPastRun({ number: 40, conclusion: 'failure' })

    const result = await changed('success')

    expect(result.context.previous_run).toMatchObject({
      change: 'fixed',
      failed_runs: 2,
      failed_runs_more: true,
      broken_since: { number: 40 }
    })
  })

  it('compares a pull request’s run with the runs of its head branch and pull request', async () => {
    github.addPastRun({
      number: 41,
      conclusion: 'failure',
      branch: 'feature',
      event: 'pull_request',
      pullRequests: [5]
    })
    github.addPastRun({ number: 40, conclusion: 'success', branch: 'main' })

    const result = await lookUp(
      input({ body: 'Deployed', status: 'failure' }, { notifyWhen: 'changed' }),
      context(
        {
          pull_request: {
            number: 5,
            head: { ref: 'feature', repo: { full_name: 'octo-org/octo-repo' } }
          }
        },
        { ...WORKFLOW, GITHUB_EVENT_NAME: 'pull_request', GITHUB_HEAD_REF: 'feature' }
      )
    )

    expect(github.requests[0]?.url).toContain('?branch=feature&')
    expect(result.unchanged).toMatch(/still failing, as run #41 did/)
  })

  it.each<[string, Status]>([
    ['a warning', 'warning'],
    ['a cancelled run', 'cancelled']
  ])('sends %s without comparing: only a success or a failure can change', async (_, status) => {
    github.addPastRun({ number: 41, conclusion: 'success' })

    const result = await changed(status)

    expect(result.unchanged).toBeUndefined()
    expect(result.context.previous_run).toBeUndefined()
  })

  it('sends, with a notice, when there is no previous completed run', async () => {
    const result = await changed('success')

    expect(result.unchanged).toBeUndefined()
    expect(result.context.previous_run).toBeUndefined()
    expect(notices()).toEqual([
      '::notice::notify-when: changed: no previous completed run like this one (same workflow, event, head repository and branch); the message is sent.'
    ])
  })

  it('sends, with a notice that says so, when the previous runs have no verdict', async () => {
    github.addPastRun({ number: 41, conclusion: 'skipped' })

    const result = await changed('success')

    expect(result.unchanged).toBeUndefined()
    expect(result.context.previous_run).toBeUndefined()
    expect(notices()).toEqual([
      '::notice::notify-when: changed: the last run like this one has no verdict (skipped); the message is sent.'
    ])
  })

  it.each<[Parameters<typeof github.fail>[1], RegExp]>([
    ['forbidden', /GitHub answered 403/],
    ['slow', /GitHub gave no answer in time/]
  ])('sends, with a notice naming actions: read, when the runs are %s', async (fault, said) => {
    github.addPastRun({ number: 41, conclusion: 'success' })
    github.fail('runs', fault)

    const result = await changed('success', {}, {}, budgetFor(fault))

    expect(result.unchanged).toBeUndefined()
    expect(notices()).toHaveLength(1)
    expect(notices()[0]).toMatch(
      /^::notice::notify-when: changed: not compared with the previous run/
    )
    expect(notices()[0]).toMatch(said)
    expect(notices()[0]).toContain('reading runs takes `actions: read`); the message is sent.')
  })

  it('sends, with a notice, when the token is empty, asking nothing', async () => {
    const result = await changed('success', {}, { token: '' })

    expect(result.unchanged).toBeUndefined()
    expect(github.requests).toEqual([])
    expect(notices()).toEqual([
      '::notice::notify-when: changed: not compared with the previous run (github-token is empty); the message is sent.'
    ])
  })

  it.each([
    ['the workflow file', { GITHUB_WORKFLOW_REF: '' }],
    [
      'the branch (a tag push)',
      { GITHUB_REF: 'refs/tags/v1', GITHUB_REF_NAME: 'v1', GITHUB_REF_TYPE: 'tag' }
    ]
  ])('sends, with a notice, when %s is unknown', async (_, env) => {
    const result = await changed('success', env)

    expect(result.unchanged).toBeUndefined()
    expect(github.requests).toEqual([])
    expect(notices()).toEqual([
      '::notice::notify-when: changed: not compared with the previous run (the workflow or branch of the run is unknown); the message is sent.'
    ])
  })

  describe('on workflow_run, the run that triggered it', () => {
    const triggering = (run: Record<string, unknown>) =>
      context(
        { workflow_run: run },
        { ...WORKFLOW, GITHUB_EVENT_NAME: 'workflow_run', GITHUB_RUN_ID: '555000111' }
      )

    it('compares that run, by its workflow id and branch, taking its conclusion as the status', async () => {
      github.addPastRun({ number: 16, conclusion: 'failure', branch: 'dev' })
      github.addPastRun({ number: 15, conclusion: 'success', branch: 'dev' })
      // Its first attempt was cancelled: no verdict, so run #16's counts.
      github.addPastRun({
        id: github.runId,
        number: 17,
        attempt: 1,
        conclusion: 'cancelled',
        branch: 'dev'
      })

      const result = await lookUp(
        input({ body: 'Deployed', status: 'auto' }, { notifyWhen: 'changed' }),
        triggering({
          id: github.runId,
          run_attempt: 2,
          run_number: 17,
          workflow_id: github.workflowId,
          event: 'push',
          head_repository: { full_name: 'octo-org/octo-repo' },
          head_branch: 'dev',
          conclusion: 'success'
        })
      )

      expect(result.input.status).toBe('success')
      expect(result.context.previous_run).toMatchObject({ number: 16, change: 'fixed' })
      expect(github.requests.map(r => r.url).sort()).toEqual([
        `/repos/octo-org/octo-repo/actions/runs/${github.runId}/attempts/1`,
        `/repos/octo-org/octo-repo/actions/workflows/${github.workflowId}/runs?branch=dev&status=completed&per_page=30`
      ])
    })

    it('reads the jobs of that run’s first attempt when it gives no attempt or number', async () => {
      failedRun()

      const result = await lookUp(
        input({ status: 'auto' }),
        triggering({ id: github.runId, conclusion: null })
      )

      expect(github.requests[0]?.url).toContain(`/runs/${github.runId}/attempts/1/jobs`)
      expect(result.input.status).toBe('failure')
    })

    it('asks nothing and sends the neutral info for a triggering run without an id', async () => {
      const result = await lookUp(
        input({ status: 'auto' }, { notifyWhen: 'changed' }),
        triggering({ id: 'not-a-number', conclusion: 'success', head_branch: 'dev' })
      )

      expect(github.requests).toEqual([])
      expect(result.input.status).toBe('info')
      expect(result.unchanged).toBeUndefined()
      expect(notices()).toEqual([
        '::notice::notify-when: changed: not compared with the previous run (the workflow or branch of the run is unknown); the message is sent.'
      ])
    })
  })
})

describe('the network settings it is given', () => {
  it('reads the previous runs and the jobs through the proxy and user agent it is given, never through a proxy the environment names', async () => {
    failedRun()
    github.addPastRun({ number: 41, conclusion: 'success' })
    const tunnels: string[] = []
    const proxy = createProxy(createHttpServer())
    // It connects from its own address: GitHub sees which requests came through it.
    proxy.localAddress = '127.0.0.2'
    proxy.prependListener('connect', (req: { url?: string }) => tunnels.push(req.url ?? ''))
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
    const proxyUrl = `http://127.0.0.1:${String((proxy.address() as AddressInfo).port)}`
    // Nothing listens there: a lookup that read the environment would fail.
    for (const name of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY']) {
      vi.stubEnv(name, 'http://127.0.0.1:9')
    }
    try {
      const result = await lookUp(
        input({ status: 'failure' }, { notifyWhen: 'changed' }),
        context(
          {},
          {
            GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
            GITHUB_REF: 'refs/heads/main',
            GITHUB_REF_NAME: 'main',
            GITHUB_EVENT_NAME: 'push'
          }
        ),
        undefined,
        { proxy: { httpProxy: proxyUrl }, userAgent: 'notify-under-test', deadlineMs: 60_000 }
      )

      expect(result.context.previous_run).toMatchObject({ change: 'broken' })
      expect(result.context.run_details?.failed_jobs.map(job => job.name)).toEqual(['unit-tests'])
      expect(github.requests.map(r => r.url.split('?')[0])).toEqual([
        '/repos/octo-org/octo-repo/actions/workflows/ci.yml/runs',
        `/repos/octo-org/octo-repo/actions/runs/${github.runId}/attempts/${github.attempt}/jobs`,
        expect.stringMatching(/^\/repos\/octo-org\/octo-repo\/check-runs\/\d+\/annotations$/)
      ])
      expect(new Set(github.requests.map(r => r.userAgent?.split(' ')[0]))).toEqual(
        new Set(['notify-under-test'])
      )
      expect(github.requests.map(r => r.remoteAddress)).toEqual(
        github.requests.map(() => '127.0.0.2')
      )
      expect(new Set(tunnels)).toEqual(new Set([new URL(github.apiUrl).host]))
    } finally {
      vi.unstubAllEnvs()
      await new Promise(resolve => proxy.close(resolve))
    }
  })
})
