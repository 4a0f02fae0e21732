// `npm start`: the action end to end with no credentials. Starts the fake Rocket.Chat on loopback,
// runs the committed bundle as the runner would (a failure alert on a push, then a release
// announcement, in each mode), prints what the server now holds, and stops.
// With ROCKET_URL set, sends the failure alert to that server instead.
import examples from '@octokit/webhooks-examples' with { type: 'json' }
import { runAction } from '../test/support/run-action.ts'
import { startFakeServer } from '../test/fake-server/server.ts'

const event = name => examples.find(e => e.name === name).examples[0]
const push = { eventName: 'push', event: event('push') }
const release = { eventName: 'release', event: event('release') }

function show(label, run) {
  const verdict = run.code === 0 ? 'ok' : `exit ${run.code}`
  console.log(`\n== ${label}: ${verdict}  sent=${run.outputs.sent} failed=${run.outputs.failed}`)
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('::error::') || line.startsWith('::warning::')) console.log(`   ${line}`)
  }
}

if (process.env.ROCKET_URL) {
  const run = await runAction({ url: process.env.ROCKET_URL, status: 'failure' }, push)
  show('failure alert', run)
  console.log(run.outputs.results)
  process.exit(run.code)
}

const server = await startFakeServer()
try {
  server.settings.rateLimit.enabled = false
  const { webhook, botId, botToken } = server.seed
  const urls = {
    webhook: `rocket://${webhook.id}/${webhook.token}@${server.host}/`,
    token: `rocket://${botId}:${botToken}@${server.host}/#general?mode=token`,
    basic: `rocket://bot:bot-password@${server.host}/#general/@alice`
  }
  console.log(`Fake Rocket.Chat listening on ${server.url}`)
  let failed = false
  for (const [mode, url] of Object.entries(urls)) {
    const alert = await runAction({ url, status: 'failure', mention: '@alice' }, push)
    show(`${mode}: failure alert for a push`, alert)
    const announce = await runAction(
      {
        url,
        status: 'success',
        title: 'Released ${{ github.event.release.tag_name }}',
        body: "${{ github.event.release.body || 'No release notes.' }}"
      },
      release
    )
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
  await server.close()
}
