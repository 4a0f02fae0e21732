import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as core from '@actions/core'
import { parse as parseYaml } from 'yaml'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readSettings, type InputReader, type Settings } from '../src/action/inputs.js'
import type { RunDetailsSettings } from '../src/action/run-lookup.js'

/** The step's inputs as action.yml declares them, with the defaults the runner applies. */
const ACTION = parseYaml(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>
}
const INPUTS = Object.keys(ACTION.inputs)
const RUN_TOKEN = 'ghs_runnerTokenForThisJob0123456789'
/** What the runner passes when the step gives only `url` (it evaluates `${{ job.status }}`). */
const RUNNER_DEFAULTS = Object.fromEntries(
  INPUTS.map(name => [
    name,
    ACTION.inputs[name]?.default
      ?.replace('${{ job.status }}', 'success')
      .replace('${{ github.token }}', RUN_TOKEN)
  ])
)

const PASSWORD = 'Sup3r-Secret-pw'
const URL = `rockets://bot:${PASSWORD}@chat.example.com/#ci`
const CA = readFileSync('test/fixtures/tls/ca.pem', 'utf8')

/** A checkout with a template, a PEM, and the kinds of file a hostile commit can hold. */
const workspace = mkdtempSync(join(tmpdir(), 'inputs-workspace-'))
const outside = mkdtempSync(join(tmpdir(), 'inputs-outside-'))
mkdirSync(join(workspace, '.github/rocketchat'), { recursive: true })
writeFileSync(join(workspace, '.github/rocketchat/deploy.md'), 'Deployed ${{ github.sha }}\n')
writeFileSync(join(workspace, 'ca.pem'), CA)
writeFileSync(join(workspace, 'users.yml'), 'octocat: alice\n')
writeFileSync(join(workspace, 'big.md'), 'x'.repeat(1024 * 1024 + 1))
writeFileSync(join(workspace, 'limit.md'), 'x'.repeat(1024 * 1024))
writeFileSync(join(outside, 'secret.md'), 'ACTIONS_RUNTIME_TOKEN=leaked')
symlinkSync('/proc/self/environ', join(workspace, '.github/rocketchat/environ.md'))
symlinkSync(join(outside, 'secret.md'), join(workspace, 'outside.md'))
symlinkSync(outside, join(workspace, 'linked-dir'))
symlinkSync('.github/rocketchat/deploy.md', join(workspace, 'inside-link.md'))
mkdirSync(join(workspace, 'a-directory'))

interface Run {
  settings: Settings
  masked: string[]
  warnings: string[]
}

let masked: string[]
let warnings: string[]

beforeEach(() => {
  masked = []
  warnings = []
  vi.stubEnv('GITHUB_WORKSPACE', workspace)
})
afterEach(() => {
  vi.unstubAllEnvs()
})

/**
 * The real `core.getInput` and `core.getBooleanInput` over `INPUT_*` variables, as the runner sets
 * them; the secrets and warnings it would print are recorded instead.
 */
const reader: InputReader = {
  getInput: core.getInput,
  getBooleanInput: core.getBooleanInput,
  setSecret: secret => masked.push(secret),
  warning: message => warnings.push(message)
}

function read(inputs: Record<string, string | undefined>): Run {
  for (const name of INPUTS) vi.stubEnv(`INPUT_${name.toUpperCase()}`, inputs[name] ?? '')
  return { settings: readSettings(reader), masked, warnings }
}

const withDefaults = (inputs: Record<string, string>): Run =>
  read({ ...RUNNER_DEFAULTS, url: URL, ...inputs })

/** The one mistake reading `inputs` reports: a mistake does not stop the alert. */
function mistake(inputs: Record<string, string>): string {
  const { mistakes } = withDefaults(inputs).settings
  expect(mistakes).toHaveLength(1)
  return mistakes[0] ?? ''
}

function refusal(inputs: Record<string, string>): string {
  try {
    withDefaults(inputs)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`accepted ${JSON.stringify(inputs)}`)
}

/** Every input of action.yml: its setting when the step leaves it out, and values it takes. */
const TABLE: Record<string, { unset: Partial<Settings>; takes: [string, Partial<Settings>][] }> = {
  url: {
    // With the run's github-token, masked and redacted like the URL's secrets.
    unset: { secrets: expect.arrayContaining([PASSWORD]) as string[] },
    takes: [
      [
        `${URL}\nrocket://hook/tok-en@other.example.com/`,
        {
          secrets: expect.arrayContaining([PASSWORD, 'tok-en']) as string[]
        }
      ]
    ]
  },
  title: {
    unset: { title: '' },
    takes: [['Deploy ${{ github.ref_name }}', { title: 'Deploy ${{ github.ref_name }}' }]]
  },
  body: { unset: { body: '' }, takes: [['  hello\n', { body: '  hello\n' }]] },
  'body-file': {
    unset: { body: '' },
    takes: [
      ['.github/rocketchat/deploy.md', { body: 'Deployed ${{ github.sha }}\n' }],
      [join(workspace, '.github/rocketchat/deploy.md'), { body: 'Deployed ${{ github.sha }}\n' }],
      ['inside-link.md', { body: 'Deployed ${{ github.sha }}\n' }],
      ['limit.md', { body: 'x'.repeat(1024 * 1024) }]
    ]
  },
  status: {
    unset: { status: 'success' },
    takes: [
      ['failure', { status: 'failure' }],
      ['CANCELLED', { status: 'cancelled' }],
      ['warning', { status: 'warning' }],
      ['info', { status: 'info' }],
      // Decided from the run in src/action/run-lookup.ts, and nowhere else.
      ['Auto', { status: 'auto' }],
      // `${{ github.event.workflow_run.conclusion }}`: every conclusion, one table (conclusions.ts).
      ['timed_out', { status: 'failure', conclusion: 'timed_out' }],
      ['startup_failure', { status: 'failure', conclusion: 'startup_failure' }],
      ['skipped', { status: 'info', conclusion: 'skipped' }],
      ['neutral', { status: 'info', conclusion: 'neutral' }],
      ['stale', { status: 'info', conclusion: 'stale' }],
      ['action_required', { status: 'info', conclusion: 'action_required' }]
    ]
  },
  'log-lines': {
    unset: { runDetails: expect.objectContaining({ logLines: 15 }) as RunDetailsSettings },
    takes: [
      ['0', { runDetails: expect.objectContaining({ logLines: 0 }) as RunDetailsSettings }],
      ['40', { runDetails: expect.objectContaining({ logLines: 40 }) as RunDetailsSettings }]
    ]
  },
  'notify-when': {
    unset: { runDetails: expect.objectContaining({ notifyWhen: 'always' }) as RunDetailsSettings },
    takes: [
      [
        'Changed',
        { runDetails: expect.objectContaining({ notifyWhen: 'changed' }) as RunDetailsSettings }
      ]
    ]
  },
  'github-token': {
    unset: { runDetails: expect.objectContaining({ token: RUN_TOKEN }) as RunDetailsSettings },
    takes: [
      [
        'ghs_another',
        {
          runDetails: expect.objectContaining({ token: 'ghs_another' }) as RunDetailsSettings,
          secrets: expect.arrayContaining(['ghs_another']) as string[]
        }
      ]
    ]
  },
  needs: {
    unset: { runDetails: expect.objectContaining({ needs: undefined }) as RunDetailsSettings },
    takes: [
      [
        '{"build":{"result":"success"}}',
        {
          runDetails: expect.objectContaining({
            needs: [expect.objectContaining({ name: 'build', result: 'success' })]
          }) as RunDetailsSettings
        }
      ]
    ]
  },
  'user-map': {
    unset: { runDetails: expect.objectContaining({ userMap: '' }) as RunDetailsSettings },
    takes: [
      [
        'octocat: alice',
        { runDetails: expect.objectContaining({ userMap: 'octocat: alice' }) as RunDetailsSettings }
      ],
      [
        'users.yml',
        {
          runDetails: expect.objectContaining({ userMap: 'octocat: alice\n' }) as RunDetailsSettings
        }
      ]
    ]
  },
  mention: {
    unset: { mention: [] },
    takes: [['@alice, @devops bob', { mention: ['@alice', '@devops', 'bob'] }]]
  },
  'mention-on': {
    unset: { mentionOn: ['failure'] },
    takes: [
      ['success, Failure', { mentionOn: ['success', 'failure'] }],
      ['always', { mentionOn: ['success', 'failure', 'cancelled', 'warning', 'info'] }],
      ['never', { mentionOn: [] }]
    ]
  },
  attachments: {
    unset: { attachments: '' },
    takes: [['title: Build', { attachments: 'title: Build' }]]
  },
  'status-attachment': {
    unset: { statusAttachment: true },
    takes: [
      ['false', { statusAttachment: false }],
      ['True', { statusAttachment: true }]
    ]
  },
  buttons: {
    unset: { buttons: '' },
    takes: [
      [
        '- {text: Docs, url: "https://example.com"}',
        { buttons: '- {text: Docs, url: "https://example.com"}' }
      ],
      ['none', { buttons: false }],
      [' None ', { buttons: false }]
    ]
  },
  deploy: {
    unset: { deploy: undefined },
    takes: [['production', { deploy: 'production' }]]
  },
  'deploy-result': {
    unset: { deployEnded: false },
    takes: [
      ['failure', { deployEnded: true, status: 'failure' }],
      ['success', { deployEnded: true, status: 'success' }]
    ]
  },
  'environment-url': {
    unset: { environmentUrl: undefined },
    takes: [['https://example.com', { environmentUrl: 'https://example.com' }]]
  },
  thread: { unset: { thread: undefined }, takes: [['MSG-1', { thread: 'MSG-1' }]] },
  update: { unset: { update: undefined }, takes: [['MSG-1', { update: 'MSG-1' }]] },
  'thread-key': {
    unset: { threadKey: undefined },
    takes: [['pr-{{ github.event.number }}', { threadKey: 'pr-{{ github.event.number }}' }]]
  },
  'thread-title': {
    unset: { threadTitle: undefined },
    takes: [['Deploy {{ github.sha }}', { threadTitle: 'Deploy {{ github.sha }}' }]]
  },
  'thread-broadcast': {
    unset: { threadBroadcast: 'changed' },
    takes: [
      ['always', { threadBroadcast: 'always' }],
      ['Never', { threadBroadcast: 'never' }],
      ['changed', { threadBroadcast: 'changed' }]
    ]
  },
  alias: { unset: { alias: undefined }, takes: [['CI bot', { alias: 'CI bot' }]] },
  emoji: { unset: { emoji: undefined }, takes: [[':rocket:', { emoji: ':rocket:' }]] },
  'avatar-url': {
    unset: { avatarUrl: undefined },
    takes: [['https://example.com/a.png', { avatarUrl: 'https://example.com/a.png' }]]
  },
  'dry-run': {
    unset: { dryRun: false },
    takes: ['true', 'True', 'TRUE', 'false', 'False', 'FALSE', ' true '].map(value => [
      value,
      { dryRun: value.trim().toLowerCase() === 'true' }
    ])
  },
  'attach-log': {
    unset: { runDetails: expect.objectContaining({ attachLog: false }) as RunDetailsSettings },
    takes: ['true', 'True', 'false', 'FALSE'].map(value => [
      value,
      {
        runDetails: expect.objectContaining({
          attachLog: value.toLowerCase() === 'true'
        }) as RunDetailsSettings
      }
    ])
  },
  'fail-on-error': {
    unset: { failOnError: true },
    takes: ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].map(value => [
      value,
      { failOnError: value.toLowerCase() === 'true' }
    ])
  },
  timeout: {
    unset: { timeout: 10 },
    takes: [
      ['0.1', { timeout: 0.1 }],
      ['.5', { timeout: 0.5 }],
      ['600', { timeout: 600 }],
      ['2.5', { timeout: 2.5 }]
    ]
  },
  retries: {
    unset: { retries: 2 },
    takes: [
      ['0', { retries: 0 }],
      ['10', { retries: 10 }]
    ]
  },
  files: {
    unset: { files: [] },
    takes: [
      ['reports/*.txt', { files: ['reports/*.txt'] }],
      ['  a.log\n\n logs/**/*.txt \n', { files: ['a.log', 'logs/**/*.txt'] }]
    ]
  },
  'test-results': {
    unset: { testResults: [] },
    takes: [
      [
        'reports/junit.xml\n  **/TEST-*.xml \n',
        { testResults: ['reports/junit.xml', '**/TEST-*.xml'] }
      ]
    ]
  },
  'test-results-artifact': {
    unset: { testResultsArtifact: '' },
    takes: [[' test-reports \n', { testResultsArtifact: 'test-reports' }]]
  },
  'test-failures-shown': {
    unset: { testFailuresShown: 5 },
    takes: [
      ['0', { testFailuresShown: 0 }],
      ['50', { testFailuresShown: 50 }]
    ]
  },
  'max-file-size': {
    unset: { maxFileSize: 20 * 1024 * 1024 },
    takes: [
      ['1', { maxFileSize: 1 }],
      ['512k', { maxFileSize: 512 * 1024 }],
      ['100 MiB', { maxFileSize: 100 * 1024 * 1024 }],
      ['1.5M', { maxFileSize: 1.5 * 1024 * 1024 }],
      ['2G', { maxFileSize: 2048 * 1024 * 1024 }]
    ]
  },
  'max-posts': {
    unset: { maxPosts: 10 },
    takes: [
      ['1', { maxPosts: 1 }],
      ['100', { maxPosts: 100 }]
    ]
  },
  'ca-cert': {
    unset: { caCert: undefined },
    takes: [
      [CA, { caCert: CA.trim() }],
      ['ca.pem', { caCert: CA }]
    ]
  }
}

describe('readSettings: every input of action.yml', () => {
  it('has a row in this table', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...INPUTS].sort())
  })

  it('url takes several URLs, one destination each', () => {
    const { settings } = withDefaults({ url: `${URL}\n rocket://hook/tok-en@other.example.com/` })
    expect(settings.destinations.map(d => d.host)).toEqual([
      'chat.example.com',
      'other.example.com'
    ])
  })

  it.each(INPUTS)('%s left out: the runner applies the default of action.yml', name => {
    expect(withDefaults({}).settings).toMatchObject(TABLE[name]?.unset ?? { missing: name })
  })

  it.each(INPUTS)('%s left out of a direct run (no defaults applied): the same default', name => {
    const direct: Record<string, Partial<Settings>> = {
      status: { status: 'info' },
      'github-token': { runDetails: expect.objectContaining({ token: '' }) as RunDetailsSettings }
    }
    const expected = { ...TABLE[name]?.unset, ...direct[name] }
    expect(read({ url: URL }).settings).toMatchObject(expected)
  })

  it.each(INPUTS.flatMap(name => (TABLE[name]?.takes ?? []).map(row => [name, ...row] as const)))(
    '%s: %j',
    (name, value, expected) => {
      expect(withDefaults({ [name]: value }).settings).toMatchObject(expected)
    }
  )
})

describe('readSettings: what stops the run, saying which input and why', () => {
  it.each([
    ['url is required', { url: '' }, /Input required and not supplied: url/],
    ['a url that cannot be parsed', { url: 'https://chat.example.com/' }, /rocket/]
  ])('%s: nothing to send to', (_, inputs, message) => {
    expect(refusal(inputs)).toMatch(message)
  })

  it('masks every URL whole before parsing it, so a malformed one is hidden too', () => {
    const bad = `rockets://bot:${PASSWORD}@chat.example.com:99999/#ci`
    expect(() => withDefaults({ url: `${URL} ${bad}` })).toThrow(/port/)
    expect(masked).toEqual([URL, bad])
  })

  it('masks each secret part of a URL too, and passes its warnings on', () => {
    const { masked, warnings } = withDefaults({ url: `${URL}?format=rtf` })
    expect(masked).toContain(PASSWORD)
    expect(warnings).toEqual([expect.stringMatching(/format/)])
  })
})

describe('readSettings: what it reports as a mistake, and falls back on so the alert still goes', () => {
  type Reported = [string, Record<string, string>, Partial<Settings>, RegExp]
  const row = (...reported: Reported): Reported => reported
  const runDetails = (settings: Partial<RunDetailsSettings>) => ({
    runDetails: expect.objectContaining(settings) as RunDetailsSettings
  })
  const reported: Reported[] = [
    [
      'body and body-file: the body-file',
      { body: 'hi', 'body-file': '.github/rocketchat/deploy.md' },
      { body: 'Deployed ${{ github.sha }}\n', bodyFromFile: true },
      /^give body or body-file, not both; sending the body-file, body ignored$/
    ],
    [
      'thread and update: a reply in the thread',
      { thread: 'A', update: 'B' },
      { thread: 'A', update: undefined },
      /^give thread or update, not both: .*; posting a new message as thread says, update ignored$/
    ],
    [
      'thread and thread-key: a reply to the message id given',
      { thread: 'A', 'thread-key': 'pr-1' },
      { thread: 'A', threadKey: undefined },
      /^give thread-key or thread, not both: .*; replying to thread, thread-key ignored$/
    ],
    [
      "update and thread-key: a new post in the key's thread",
      { update: 'A', 'thread-key': 'pr-1' },
      { update: undefined, threadKey: 'pr-1' },
      /^give thread-key or update, not both: .*; posting a new message as thread-key says, update ignored$/
    ],
    ...['sucess', 'failed', 'ok'].map(value =>
      row(
        `status ${value}: failure`,
        { status: value },
        { status: 'failure' },
        new RegExp(
          `^status must be one of success, failure, cancelled, warning, info, a run's conclusion or auto; got "${value}"; sent as failure`
        )
      )
    ),
    [
      'mention-on with an unknown word: read as failure',
      { 'mention-on': 'success, sometimes' },
      { mentionOn: ['success', 'failure'] },
      /^mention-on takes statuses .*always or never; got "sometimes"; read as failure$/
    ],
    [
      'mention-on with only unknown words: failure',
      { 'mention-on': 'fail broken' },
      { mentionOn: ['failure'] },
      /^mention-on takes statuses .*; got "fail", "broken"; read as failure$/
    ],
    [
      'thread-broadcast outside the list: changed',
      { 'thread-broadcast': 'sometimes' },
      { threadBroadcast: 'changed' },
      /^thread-broadcast must be one of changed, always, never; got "sometimes"; using the default changed$/
    ],
    [
      'notify-when unknown: always',
      { 'notify-when': 'sometimes' },
      runDetails({ notifyWhen: 'always' }),
      /^notify-when must be always or changed; got "sometimes"; using the default always$/
    ],
    [
      'log-lines past 100: 15',
      { 'log-lines': '101' },
      runDetails({ logLines: 15 }),
      /^log-lines must be a whole number from 0 to 100; got "101"; using the default 15$/
    ],
    [
      'needs that is not toJSON(needs): the API',
      { needs: '{"build": "success"}' },
      runDetails({ needs: undefined }),
      /^needs\.build\.result must be one of .*; the jobs are read from the API instead$/
    ],
    [
      'needs that is no JSON: the API',
      { needs: 'build' },
      runDetails({ needs: undefined }),
      /^needs must be \$\{\{ toJSON\(needs\) \}\}: JSON that could not be parsed; the jobs are read from the API instead$/
    ],
    ...['0.05', '0', '600.5', '-1', 'abc', '1e1', '0x10', 'Infinity', '10s', 'soon'].map(value =>
      row(
        `timeout ${value}: 10`,
        { timeout: value },
        { timeout: 10 },
        /^timeout must be a number from 0.1 to 600; got ".*"; using the default 10$/
      )
    ),
    ...['-1', '51', '2.5', 'five'].map(value =>
      row(
        `test-failures-shown ${value}: 5`,
        { 'test-failures-shown': value },
        { testFailuresShown: 5 },
        /^test-failures-shown must be a whole number from 0 to 50; got ".*"; using the default 5$/
      )
    ),
    ...['-1', '11', '1.5', '2.0', '1e1', '0x1', 'two'].map(value =>
      row(
        `retries ${value}: 2`,
        { retries: value },
        { retries: 2 },
        /^retries must be a whole number from 0 to 10; got ".*"; using the default 2$/
      )
    ),
    ...['0', '3G', '-1', '20 MB extra', '1e6', 'ten'].map(value =>
      row(
        `max-file-size ${value}: 20M`,
        { 'max-file-size': value },
        { maxFileSize: 20 * 1024 * 1024 },
        /^max-file-size must be a size from 1 byte to 2 GiB, .*; got ".*"; using the default 20M$/
      )
    ),
    ...['0', '101', '2.5', '1e2', 'ten'].map(value =>
      row(
        `max-posts ${value}: 10`,
        { 'max-posts': value },
        { maxPosts: 10 },
        /^max-posts must be a whole number from 1 to 100; got ".*"; using the default 10$/
      )
    ),
    ...['yes', 'no', 'on', 'off', '1', '0', 'tRUE', 'y'].flatMap(value => [
      row(
        `fail-on-error ${value}: true`,
        { 'fail-on-error': value },
        { failOnError: true },
        new RegExp(
          `^fail-on-error must be one of true, True, TRUE, false, False, FALSE; got "${value}"; using the default true$`
        )
      ),
      row(
        `status-attachment ${value}: true`,
        { 'status-attachment': value },
        { statusAttachment: true },
        new RegExp(
          `^status-attachment must be one of true, True, TRUE, false, False, FALSE; got "${value}"; using the default true$`
        )
      ),
      // Who writes dry-run asks for one: a message posted by mistake cannot be taken back.
      row(
        `dry-run ${value}: a dry run`,
        { 'dry-run': value },
        { dryRun: true },
        new RegExp(
          `^dry-run must be one of true, True, TRUE, false, False, FALSE; got "${value}"; a dry run instead: nothing is sent, the message is in the job summary$`
        )
      )
    ])
  ]

  it.each(reported)('%s', (_, inputs, settings, message) => {
    expect(mistake(inputs)).toMatch(message)
    expect(withDefaults(inputs).settings).toMatchObject(settings)
  })

  it('reports each mistake: all three of thread, update and thread-key replies to thread', () => {
    const { settings } = withDefaults({ thread: 'A', update: 'B', 'thread-key': 'pr-1' })
    expect(settings).toMatchObject({ thread: 'A', update: undefined, threadKey: undefined })
    expect(settings.mistakes).toEqual([
      expect.stringMatching(/^give thread-key or thread, not both/),
      expect.stringMatching(/^give thread or update, not both/)
    ])
  })

  it('sends the body when a body-file given with it cannot be read', () => {
    const { settings } = withDefaults({ body: 'hi', 'body-file': 'missing.md' })
    expect(settings).toMatchObject({ body: 'hi', bodyFromFile: false })
    expect(settings.mistakes).toEqual([
      'give body or body-file, not both; sending the body-file, body ignored',
      'body-file: cannot read missing.md (no such file); the body is sent instead'
    ])
  })

  it.each(['timeout', 'status', 'mention-on', 'dry-run', 'body-file', 'ca-cert', 'user-map'])(
    'never shows a secret pasted into %s',
    name => {
      const message = mistake({ [name]: `x${PASSWORD}` })
      expect(message).not.toContain(PASSWORD)
      expect(message).toContain('****')
    }
  )
})

describe('readSettings: secrets are masked whole, and only where masking is safe', () => {
  it('masks a password with a / whole, never piece by piece', () => {
    const { masked, settings } = withDefaults({
      url: 'rockets://bot:pass/word-9@chat.example.com/#ci'
    })
    expect(masked).toContain('pass/word-9')
    expect(masked).not.toContain('pass')
    expect(masked).not.toContain('word-9')
    expect(settings.secrets).not.toContain('word-9')
  })

  it('masks each half of a webhook, each a credential of its own', () => {
    const id = 'a1B2c3D4e5F6g7H8i'
    const token = 'Tk9x7Yq2Lm4Np6Rs8Vw0Zb3Dc5Fg7Hj9Kl1Mn3Pq5St7Uv9W'
    const { masked } = withDefaults({ url: `rockets://${id}/${token}@chat.example.com/` })
    expect(masked).toEqual(expect.arrayContaining([`${id}/${token}`, id, token]))
  })

  it('does not mask a password under 4 characters, and says why', () => {
    const { masked, settings, warnings } = withDefaults({
      url: 'rockets://bot:a1@chat.example.com/#ci'
    })
    expect(masked).not.toContain('a1')
    expect(settings.secrets).not.toContain('a1')
    expect(warnings).toEqual([
      expect.stringMatching(/^The password has fewer than 4 characters, too short to mask safely/)
    ])
  })

  it('masks a password of exactly 4 characters, the shortest it masks, with no warning', () => {
    const { masked, settings, warnings } = withDefaults({
      url: 'rockets://bot:x9-Q@chat.example.com/#ci'
    })
    expect(masked).toContain('x9-Q')
    expect(settings.secrets).toContain('x9-Q')
    expect(warnings).toEqual([])
  })

  it.each([
    ['a word', 'rockets://bot:general@chat.example.com/#ci'],
    ["a word of the action's outputs", 'rockets://bot:delivered@chat.example.com/#ci'],
    ['a room name of the URL', 'rockets://bot:ops-room-1@chat.example.com/#ops-room-1']
  ])('masks a password that is %s in the log, and warns it is too common', (_, url) => {
    const { masked, warnings } = withDefaults({ url })
    const password = /bot:([^@]+)@/.exec(url)?.[1] ?? ''
    expect(masked).toContain(password)
    expect(warnings).toEqual([
      expect.stringMatching(/^The password is a common word, too common to mask safely/)
    ])
    expect(warnings.join('')).not.toContain(password)
  })

  it('names the URL by number when there are several, and says nothing of a strong password', () => {
    const { warnings } = withDefaults({ url: `${URL} rockets://bot:abc@chat.example.com/#ci` })
    expect(warnings).toEqual([expect.stringMatching(/^URL 2: the password has fewer than 4/)])
  })
})

describe('readSettings: a file input that cannot be read is a mistake, and the alert still goes', () => {
  it.each<[string, Record<string, string>, RegExp, Partial<Settings>]>([
    [
      'a missing body-file: the default message',
      { 'body-file': 'missing.md' },
      /^body-file: cannot read missing.md \(no such file\); the event's default message is sent instead$/,
      { body: '', bodyFromFile: false }
    ],
    [
      'a missing user-map file: no author mentioned',
      { 'user-map': 'missing-users.yml' },
      /^user-map: cannot read missing-users.yml \(no such file\); no author is mentioned$/,
      {}
    ],
    [
      'a ca-cert that is no file: the system CAs',
      { 'ca-cert': 'missing.pem' },
      /^ca-cert: cannot read missing.pem \(no such file\); sending with the system's certificate authorities only$/,
      { caCert: undefined }
    ],
    [
      'a ca-cert that is no PEM: the system CAs',
      { 'ca-cert': '.github/rocketchat/deploy.md' },
      /^ca-cert must be a PEM certificate .*; sending with the system's certificate authorities only$/,
      { caCert: undefined }
    ]
  ])('%s', (_, inputs, message, settings) => {
    expect(mistake(inputs)).toMatch(message)
    expect(withDefaults(inputs).settings).toMatchObject(settings)
  })

  it('a body-file read is the one template that reads env', () => {
    expect(withDefaults({ 'body-file': '.github/rocketchat/deploy.md' }).settings).toMatchObject({
      body: 'Deployed ${{ github.sha }}\n',
      bodyFromFile: true,
      mistakes: []
    })
    expect(withDefaults({ body: 'hi' }).settings.bodyFromFile).toBe(false)
  })
})

describe('readSettings: path inputs read only files inside the workspace', () => {
  /** What follows `<input>: <path> ` in the error. */
  const refusals: [string, string, RegExp][] = [
    ['a relative path out of it', '../../etc/passwd', /is outside the workspace \/tmp\//],
    ['an absolute path outside', '/etc/passwd', /is outside the workspace/],
    [
      'a committed symlink to /proc/self/environ',
      '.github/rocketchat/environ.md',
      /leads through a symlink outside the workspace/
    ],
    ['a symlink to a file outside', 'outside.md', /leads through a symlink outside/],
    [
      'a path through a symlinked directory',
      'linked-dir/secret.md',
      /leads through a symlink outside/
    ],
    ['a directory', 'a-directory', /is not a regular file/],
    ['a file over 1 MiB', 'big.md', /is larger than 1 MiB, the limit for a file input/]
  ]
  const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

  it.each(refusals)('body-file refuses %s', (_, path, message) => {
    const error = mistake({ 'body-file': path })
    expect(error).toMatch(new RegExp(`^body-file: ${escaped(path)} ${message.source}`))
    expect(error).not.toContain('leaked')
  })

  it.each(refusals)('ca-cert refuses %s', (_, path, message) => {
    expect(mistake({ 'ca-cert': path })).toMatch(
      new RegExp(`^ca-cert: ${escaped(path)} ${message.source}`)
    )
  })

  it('names a missing file', () => {
    expect(mistake({ 'body-file': 'nope.md' })).toBe(
      "body-file: cannot read nope.md (no such file); the event's default message is sent instead"
    )
  })

  it('takes a workspace reached through a symlink (realpath of both sides)', () => {
    const link = join(outside, 'workspace-link')
    symlinkSync(workspace, link)
    vi.stubEnv('GITHUB_WORKSPACE', link)
    const { settings } = withDefaults({ 'body-file': join(link, '.github/rocketchat/deploy.md') })
    expect(settings.body).toBe('Deployed ${{ github.sha }}\n')
  })

  it('reads from the current directory when GITHUB_WORKSPACE is not set (a local run)', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '')
    const { settings } = withDefaults({ 'ca-cert': 'test/fixtures/tls/ca.pem' })
    expect(settings.caCert).toBe(readFileSync(resolve('test/fixtures/tls/ca.pem'), 'utf8'))
  })
})
