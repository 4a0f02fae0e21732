// `npm start`: the action end to end with no credentials. Starts the fake Rocket.Chat and the fake
// GitHub API on loopback, runs the committed bundle as the runner would (a failure alert on a
// push, which names the failed job and step, then a release announcement with its notes
// converted to Rocket.Chat's Markdown, in each mode), prints what the server now holds, and stops.
// With ROCKET_URL set, sends one neutral message to that server instead, which says that it is a
// test: a real room must not read that a build failed.
import { readFileSync } from 'node:fs'
import examples from '@octokit/webhooks-examples' with { type: 'json' }
import { runAction } from '../test/support/run-action.ts'
import { startFakeGitHub } from '../test/fake-github/server.ts'
import { startFakeServer } from '../test/fake-server/server.ts'

const event = name => examples.find(e => e.name === name).examples[0]
// GitHub's push example is of a new tag; the README's scenario is two commits pushed to main,
// which gives the alert its Changes field.
const pushExample = event('push')
const commit = (id, message) => ({ ...pushExample.head_commit, id, message })
const push = {
  eventName: 'push',
  event: {
    ...pushExample,
    ref: 'refs/heads/main',
    created: false,
    base_ref: null,
    compare: 'https://github.com/octo-org/octo-repo/compare/1a2b3c4d5e6f...0123456789ab',
    commits: [
      commit('1a2b3c4d', 'Test the login redirect'),
      commit('0123456789ab', 'Fix the login redirect')
    ],
    head_commit: commit('0123456789abcdef0123456789abcdef01234567', 'Fix the login redirect')
  }
}
const notes = readFileSync(
  new URL('../test/fixtures/markdown/release-notes.md', import.meta.url),
  'utf8'
)
const releaseExample = event('release')
const release = {
  eventName: 'release',
  event: {
    ...releaseExample,
    release: {
      ...releaseExample.release,
      body: notes,
      html_url: 'https://github.com/octo-org/octo-repo/releases/tag/0.0.1'
    }
  },
  env: { GITHUB_REF: 'refs/tags/0.0.1', GITHUB_REF_NAME: '0.0.1', GITHUB_REF_TYPE: 'tag' }
}

function show(label, run) {
  const verdict = run.code === 0 ? 'ok' : `exit ${run.code}`
  console.log(`\n== ${label}: ${verdict}  sent=${run.outputs.sent} failed=${run.outputs.failed}`)
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('::error::') || line.startsWith('::warning::')) console.log(`   ${line}`)
  }
}

if (process.env.ROCKET_URL) {
  const run = await runAction(
    {
      url: process.env.ROCKET_URL,
      status: 'info',
      title: 'Rocket.Chat Notify: a test message',
      body:
        'Sent by `npm start` with `ROCKET_URL` set, to show that this URL reaches this room. ' +
        'No build failed; nothing needs doing.',
      'status-attachment': 'false'
    },
    { eventName: 'workflow_dispatch', event: {} }
  )
  show('test message', run)
  console.log(run.outputs.results)
  process.exit(run.code)
}

const server = await startFakeServer()
const github = await startFakeGitHub()
try {
  server.settings.rateLimit.enabled = false
  const { webhook, botId, botToken } = server.seed
  const urls = {
    webhook: `rocket://${webhook.id}/${webhook.token}@${server.host}/`,
    token: `rocket://${botId}:${botToken}@${server.host}/#general?mode=token`,
    basic: `rocket://bot:bot-password@${server.host}/#general/@alice`
  }
  console.log(`Fake Rocket.Chat listening on ${server.url}, fake GitHub API on ${github.apiUrl}`)
  // The run being alerted about, started 3m 25s ago: lint passed, unit tests failed at step 4,
  // this job is running.
  const at = seconds => new Date(Date.now() + (seconds - 205) * 1000).toISOString()
  github.addJob({ name: 'lint', result: 'success', startedAt: at(0), completedAt: at(60) })
  github.addJob({
    name: 'unit-tests (ubuntu-latest, 20)',
    result: 'failure',
    failedStep: 4,
    startedAt: at(0),
    completedAt: at(125),
    annotations: [
      { message: 'AssertionError: expected 2 to be 3', path: 'test/sum.test.ts', line: 12 }
    ]
  })
  github.addJob({ name: 'notify', result: 'in_progress', startedAt: at(130) })
  const runEnv = {
    GITHUB_API_URL: github.apiUrl,
    GITHUB_RUN_ID: String(github.runId),
    GITHUB_RUN_ATTEMPT: String(github.attempt)
  }
  let failed = false
  for (const [mode, url] of Object.entries(urls)) {
    const alert = await runAction(
      {
        url,
        status: 'failure',
        mention: '@alice',
        'github-token': 'ghs_demo-token-for-the-fake-api'
      },
      { ...push, env: runEnv }
    )
    show(`${mode}: failure alert for a push`, alert)
    const announce = await runAction({ url, status: 'success' }, release)
    show(`${mode}: release announcement`, announce)
    failed ||= alert.code !== 0 || announce.code !== 0
  }
  console.log(`\nThe server now holds ${server.messages.length} messages:`)
  for (const m of server.messages) {
    console.log(`\n--- in ${m.roomName}, from ${m.alias || m.u.username}:`)
    console.log(m.msg)
    for (const a of m.attachments) console.log(`    [attachment] ${JSON.stringify(a)}`)
  }
  process.exitCode = failed ? 1 : 0
} finally {
  await Promise.all([server.close(), github.close()])
}
