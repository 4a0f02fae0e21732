import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { useFakeGitHub, useFakeServer } from './support/fake.js'
import { linksIn, mentionsIn, serverMentionsIn, textOf, parseMessage } from './support/parser.js'
import { runAction, type ActionRun } from './support/run-action.js'

const server = useFakeServer({ rateLimited: false })
const github = useFakeGitHub()

const SHA = '89abcdef0123456789abcdef0123456789abcdef'
const WORKFLOW_PATH = '.github/workflows/ci.yml'
const DEPLOY_KEY = 'dk-live-0123456789abcdef'
const HEAD_ID = '0123456789abcdef0123456789abcdef01234567'

/** What anyone can write: a commit message, an issue title, a pull request title, labels. */
const subject = `@all see [docs](https://evil.example) {{ env.DEPLOY_KEY }}`
const event = {
  head_commit: { id: HEAD_ID, message: `${subject}\n\n@here details [x](https://evil.example)` },
  issue: {
    title: '@all [urgent](https://evil.example)\uFEFF',
    labels: [{ name: 'x @' }, { name: 'all' }]
  },
  pull_request: { title: '"@all [pr](https://evil.example) {{ env.DEPLOY_KEY }}"' }
}
/** What the runner evaluates each `${{ }}` of the step to (a step output among them). */
const values: Record<string, string> = {
  'secrets.ROCKET_URL': '',
  'steps.meta.outputs.subject': subject,
  // A step output found nowhere in the event: only the workflow file tells it from the author's.
  'steps.meta.outputs.note': '@channel [note](https://evil.example) {{ env.DEPLOY_KEY }}',
  'github.event.issue.title': event.issue.title,
  'github.event.issue.labels[0].name': 'x @',
  'github.event.issue.labels[1].name': 'all',
  'github.event.pull_request.title': event.pull_request.title,
  'toJSON(github.event.head_commit.message)': JSON.stringify(event.head_commit.message)
}

/** This step as the author wrote it: hostile text only through `${{ }}`, their own @here and {{ }}. */
const step = `      - id: notify
        uses: rocketchat-notify/action@v1
        with:
          url: \${{ secrets.ROCKET_URL }}
          title: "\${{ github.event.issue.title }}"
          body: |
            @here Build broke: \${{ steps.meta.outputs.subject }}, at {{ github.event.head_commit.id }}
            \${{ github.event.issue.labels[0].name }}\${{ github.event.issue.labels[1].name }}
            Note: \${{ steps.meta.outputs.note }}
          attachments: |
            - text: \${{ github.event.pull_request.title }}
            - text: \${{ toJSON(github.event.head_commit.message) }}
            - text: "@here {{ github.event.head_commit.id }}"
`
const workflow = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: meta
        run: echo "subject=$(git log -1 --format=%s)" >> "$GITHUB_OUTPUT"
${step}`

/** The runner's part: every `${{ }}` of the step's `with:` filled in before the action starts. */
function substituted(
  file: string,
  url: string,
  filled: Record<string, string> = values
): Record<string, string> {
  const parsed = parse(file) as {
    jobs: { build: { steps: { id?: string; with?: Record<string, string> }[] } }
  }
  const notify = parsed.jobs.build.steps.find(s => s.id === 'notify')
  const inputs: Record<string, string> = {}
  for (const [name, source] of Object.entries(notify?.with ?? {})) {
    inputs[name] = source.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
      if (!(expression in filled)) throw new Error(`no value for ${expression}`)
      return filled[expression] ?? ''
    })
  }
  return { ...inputs, url }
}

function runnerEnv(): Record<string, string> {
  return {
    GITHUB_API_URL: github.apiUrl,
    GITHUB_WORKFLOW_REF: `octo-org/octo-repo/${WORKFLOW_PATH}@refs/heads/main`,
    GITHUB_WORKFLOW_SHA: SHA,
    GITHUB_JOB: 'build',
    GITHUB_ACTION: 'notify',
    DEPLOY_KEY
  }
}

/** Without the file, only event text is recognised: the step output not in the event is left out. */
const eventTextOnly = { ...values, 'steps.meta.outputs.note': 'plain words' }

async function send(
  env: Record<string, string> = {},
  filled: Record<string, string> = values
): Promise<ActionRun> {
  const url = `rocket://bot:bot-password@${server.host}/#general`
  return runAction(
    { ...substituted(workflow, url, filled), 'github-token': 'ghs_token0123456789' },
    { event, env: { ...runnerEnv(), ...env } }
  )
}

/** Every text a reader of the room sees: the message and its attachments' texts. */
function texts(): string[] {
  const message = server.messages[0]
  const attachments = (message?.attachments ?? []) as { text?: string }[]
  return [message?.msg ?? '', ...attachments.map(a => a.text ?? '')]
}

const contentsRequests = () => github.requests.filter(r => r.route === 'contents')

function expectInert(run: ActionRun): void {
  expect(run.code, run.stdout).toBe(0)
  const all = texts().join('\n')
  expect(all).not.toContain(DEPLOY_KEY)
  for (const text of texts()) {
    // No hidden link: every link shows its own address.
    for (const link of linksIn(text)) expect(link.label).toBe(link.src)
    expect(linksIn(text).filter(link => link.src.includes('evil.example'))).toEqual([])
  }
  // Written as it came: shown, not evaluated.
  expect(all).toContain('{{ env.DEPLOY_KEY }}')
}

describe('only the author own words act: the workflow file read at GITHUB_WORKFLOW_SHA', () => {
  it('text the runner filled in (a step output, toJSON(), a quoted title, a U+FEFF title, two fields) is inert; the author @here and {{ }} act', async () => {
    github.addFile(WORKFLOW_PATH, SHA, workflow)

    const run = await send()

    expectInert(run)
    const [msg = '', pulled = '', jsoned = '', own = ''] = texts()
    // One mention, the author's @here; no @all from the title, the subject or the two labels.
    expect(mentionsIn(msg)).toEqual(['here'])
    expect(serverMentionsIn(msg)).toEqual(['here'])
    expect(textOf(parseMessage(msg))).toContain(`at ${HEAD_ID}`)
    expect(msg).toContain('x @')
    for (const text of [pulled, jsoned]) {
      expect(mentionsIn(text)).toEqual([])
      expect(serverMentionsIn(text)).toEqual([])
    }
    expect(mentionsIn(own)).toEqual(['here'])
    expect(own).toContain(HEAD_ID)
    // One request for the file, at the commit, with the job's token.
    expect(contentsRequests().map(r => r.url)).toEqual([
      `/repos/octo-org/octo-repo/contents/${WORKFLOW_PATH}?ref=${SHA}`
    ])
    expect(contentsRequests()[0]?.authorization).toBe('token ghs_token0123456789')
    // The notice quotes the author's ${{ }} and says how to keep a step output a value.
    expect(run.stdout).toContain(
      '::notice::body: the runner filled in ${{ steps.meta.outputs.subject }} before the action started'
    )
    expect(run.stdout).toContain(
      '(NAME: ${{ steps.meta.outputs.subject }}) and write {{ env.NAME }} in a body-file'
    )
    expect(run.stdout).not.toContain('The workflow file could not be read')
  })

  it('does not align with a workflow file other than the step ran with: event text found instead, and a notice', async () => {
    github.addFile(
      WORKFLOW_PATH,
      SHA,
      workflow.replace('@here Build broke:', '@here Build failed:')
    )

    const run = await send({}, eventTextOnly)

    expectInert(run)
    expect(run.stdout).toContain(
      "::notice::The workflow file could not be read: this step's inputs do not match its with: in the workflow file at this commit"
    )
  })

  it('does not trust a working copy changed to make the hostile text look literal', async () => {
    github.addFile(WORKFLOW_PATH, SHA, workflow)
    const workspace = mkdtempSync(join(tmpdir(), 'workspace-'))
    mkdirSync(join(workspace, '.github/workflows'), { recursive: true })
    // The pull request's checkout: the hostile text written in as if the author had typed it.
    const url = `rocket://bot:bot-password@${server.host}/#general`
    const inputs = substituted(workflow, url)
    const forged = workflow.replace(
      /^ {10}body: \|\n(?: {12}.*\n)+/m,
      `          body: |\n${(inputs.body ?? '').replace(/^/gm, '            ')}\n`
    )
    writeFileSync(join(workspace, WORKFLOW_PATH), forged)

    const run = await send({ GITHUB_WORKSPACE: workspace })

    expectInert(run)
    expect(mentionsIn(texts()[0] ?? '')).toEqual(['here'])
  })

  it('a templated send makes one request to GitHub: the file at the commit, with the token', async () => {
    const deployed = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: notify
        uses: rocketchat-notify/action@v1
        with:
          url: \${{ secrets.ROCKET_URL }}
          body: 'Deployed {{ github.sha }} by octocat'
`
    github.addFile(WORKFLOW_PATH, SHA, deployed)
    const url = `rocket://bot:bot-password@${server.host}/#general`
    const run = await runAction(
      { url, body: 'Deployed {{ github.sha }} by octocat', 'github-token': 'ghs_token0123456789' },
      { event, env: runnerEnv() }
    )

    expect(run.code, run.stdout).toBe(0)
    expect(server.messages[0]?.msg).toContain(`Deployed ${HEAD_ID} by octocat`)
    expect(github.requests.map(r => [r.method, r.url, r.authorization, r.userAgent])).toEqual([
      [
        'GET',
        `/repos/octo-org/octo-repo/contents/${WORKFLOW_PATH}?ref=${SHA}`,
        'token ghs_token0123456789',
        'rocketchat-notify'
      ]
    ])
    expect(run.stdout).not.toContain('The workflow file could not be read')
  })

  it('a plain send reads no file', async () => {
    github.addFile(WORKFLOW_PATH, SHA, workflow)
    const url = `rocket://bot:bot-password@${server.host}/#general`
    const run = await runAction(
      {
        url,
        title: 'Deployed',
        body: 'Deployed to production',
        'github-token': 'ghs_token0123456789'
      },
      { event, env: runnerEnv() }
    )

    expect(run.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(github.requests).toEqual([])
  })
})

describe('the workflow file cannot be read: event text found in the inputs instead', () => {
  it('with the contents API refusing (403): the trimmed, toJSON() and YAML-unquoted texts are still inert, and one notice says why', async () => {
    github.fail('contents', 'forbidden')

    const run = await send({}, eventTextOnly)

    expectInert(run)
    const [msg = '', pulled = '', jsoned = ''] = texts()
    // The issue title trimmed of its U+FEFF, the pull request title unquoted, the toJSON() message.
    expect(msg.startsWith('# @')).toBe(true)
    for (const text of [pulled, jsoned]) expect(mentionsIn(text)).toEqual([])
    expect(mentionsIn(msg.split('\n')[0] ?? '')).toEqual([])
    const notices = run.stdout
      .split('\n')
      .filter(line => line.startsWith('::notice::The workflow file'))
    expect(notices).toEqual([
      expect.stringMatching(
        /could not be read: the contents API did not give it \(403 Resource not accessible by integration/
      )
    ])
    expect(contentsRequests()).toHaveLength(1)
  })

  it('with the connection reset before an answer: the same fallback, and one notice naming the cause', async () => {
    github.fail('contents', 'reset')

    const run = await send({}, eventTextOnly)

    expectInert(run)
    expect(
      run.stdout.split('\n').filter(line => line.startsWith('::notice::The workflow file'))
    ).toEqual([
      expect.stringContaining(
        'the contents API did not give it (connection closed by the server before it answered)'
      )
    ])
    expect(contentsRequests()).toHaveLength(1)
  })

  it('without a github-token: no request, the same fallback, and the notice says so', async () => {
    github.addFile(WORKFLOW_PATH, SHA, workflow)
    const url = `rocket://bot:bot-password@${server.host}/#general`
    const run = await runAction(
      { ...substituted(workflow, url, eventTextOnly), 'github-token': '' },
      { event, env: runnerEnv() }
    )

    expectInert(run)
    expect(github.requests).toEqual([])
    expect(run.stdout).toContain(
      '::notice::The workflow file could not be read: there is no github-token to read it with'
    )
  })
})

describe('templates that help when they go wrong, through the bundle', () => {
  it('a typo in a path warns with the closest key, {{ steps... }} says to write ${{ }}, and the summary lists the mistakes', async () => {
    const url = `rocket://bot:bot-password@${server.host}/#general`
    const run = await runAction(
      {
        url,
        title: 'Pushed {{ github.event.head_commit.mesage }}',
        body: 'Subject: {{ steps.meta.outputs.subject }}'
      },
      { event }
    )

    expect(server.messages).toHaveLength(1)
    expect(run.stdout).toContain(
      '::warning::title: {{ github.event.head_commit.mesage }} at line 1, column 8 resolves to nothing: github.event.head_commit has no `mesage`; did you mean `message`?'
    )
    expect(run.stdout).toMatch(
      /::error::body: \{\{ steps\.meta\.outputs\.subject \}\} at line 1, column 10: Unrecognized named-value: 'steps': [^;]+; write \$\{\{ steps\.NAME \}\} and the runner fills it in/
    )
    expect(run.code).toBe(1)
    // The summary says Sent, and lists the mistake that failed the step.
    expect(run.summary).toContain('Mistakes in the inputs')
    expect(run.summary).toMatch(
      /<li>body: \{\{ steps\.meta\.outputs\.subject \}\} at line 1, column 10: Unrecognized named-value: 'steps'/
    )
  })
})
