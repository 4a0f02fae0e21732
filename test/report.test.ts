import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  report,
  reportStopped,
  reportUnchanged,
  type DeliveryReport
} from '../src/action/report.js'
import { parseRocketUrls } from '../src/rocketchat/url/index.js'
import type { TargetResult } from '../src/rocketchat/types.js'
import { parseOutputs } from './support/run-action.js'

/**
 * What a run says at its end, at source level: the outputs (through @actions/core's GITHUB_OUTPUT
 * file), the log lines and annotations, the job summary and the step's verdict. The bundle tests
 * (test/action.test.ts) see the same through a real run.
 */

const URLS = parseRocketUrls(
  'rockets://bot:Sup3r-Secret@chat.example.com/#ci/@alice rockets://Hook1d/HookT0ken-secret@chat.example.com/'
).map(parsed => parsed.destination)
const SECRETS = URLS.flatMap(d => d.secrets)

// One summary file for the whole file: @actions/core keeps the path of the first one it writes.
const dir = mkdtempSync(join(tmpdir(), 'report-'))
const files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
let log: string[]

beforeEach(() => {
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  vi.stubEnv('GITHUB_OUTPUT', files.output)
  vi.stubEnv('GITHUB_STEP_SUMMARY', files.summary)
  log = []
  vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    log.push(String(chunk))
    return true
  })
  process.exitCode = undefined
})

afterEach(() => {
  vi.unstubAllEnvs()
  process.exitCode = undefined
})

const at = (destination: number) => ({
  destination,
  url: URLS[destination]?.masked ?? '',
  mode: URLS[destination]?.mode ?? 'basic'
})
const delivered = (target: string, messageId: string): TargetResult => ({
  ...at(0),
  target,
  outcome: 'delivered',
  messageId,
  roomId: 'GENERAL'
})
const failed = (target: string, error: string): TargetResult => ({
  ...at(1),
  target,
  outcome: 'failed',
  kind: 'auth',
  status: 401,
  error
})

function delivery(results: TargetResult[], more: Partial<DeliveryReport> = {}): DeliveryReport {
  return {
    results,
    destinations: URLS,
    message: { title: 'Build', body: 'hello', status: 'success' },
    plan: undefined,
    failOnError: true,
    secrets: SECRETS,
    ...more
  }
}

/** @actions/core keeps the summary's path once it wrote there: a fresh copy for another path. */
async function freshReport(): Promise<typeof import('../src/action/report.js')> {
  vi.resetModules()
  return import('../src/action/report.js')
}

const outputs = () => parseOutputs(readFileSync(files.output, 'utf8'))
const summary = () => readFileSync(files.summary, 'utf8')
const stdout = () => log.join('')

describe('report', () => {
  it('counts the targets and names the first message and room in the outputs', async () => {
    await report(
      delivery([
        delivered('#ci', 'msg-1'),
        delivered('@alice', 'msg-2'),
        failed('(webhook default)', 'no')
      ])
    )

    expect(outputs()).toMatchObject({
      sent: '2',
      failed: '1',
      unconfirmed: '0',
      'message-id': 'msg-1',
      'room-id': 'GENERAL'
    })
    expect(JSON.parse(outputs().destinations ?? '')).toEqual([
      'rockets://bot:****@chat.example.com/#ci/@alice',
      'rockets://****/****@chat.example.com/'
    ])
    expect(JSON.parse(outputs().results ?? '')).toEqual([
      {
        destination: 0,
        target: '#ci',
        outcome: 'delivered',
        messageId: 'msg-1',
        roomId: 'GENERAL'
      },
      {
        destination: 0,
        target: '@alice',
        outcome: 'delivered',
        messageId: 'msg-2',
        roomId: 'GENERAL'
      },
      {
        destination: 1,
        target: '(webhook default)',
        outcome: 'failed',
        kind: 'auth',
        status: 401,
        error: 'no'
      }
    ])
  })

  it('fails the step on a failed target, with an error annotation naming it', async () => {
    await report(delivery([delivered('#ci', 'msg-1'), failed('(webhook default)', 'refused')]))

    expect(stdout()).toContain(
      '::error::Not delivered to (webhook default) (destination 2, auth): refused'
    )
    expect(stdout()).toContain('::error::1 of 2 target(s) did not receive the message')
    expect(process.exitCode).toBe(1)
  })

  it('only warns with fail-on-error off, and the step succeeds', async () => {
    await report(delivery([failed('(webhook default)', 'refused')], { failOnError: false }))

    expect(stdout()).toContain('::warning::Not delivered to (webhook default)')
    expect(stdout()).not.toContain('::error::')
    expect(process.exitCode).toBeUndefined()
  })

  it('warns of an unconfirmed target without failing the step', async () => {
    const lost: TargetResult = {
      ...at(1),
      target: '(webhook default)',
      outcome: 'unconfirmed',
      reason: 'answer lost'
    }
    await report(delivery([lost]))

    expect(outputs()).toMatchObject({ sent: '0', failed: '0', unconfirmed: '1', 'message-id': '' })
    expect(stdout()).toContain(
      '::warning::Unconfirmed for (webhook default) (destination 2): answer lost'
    )
    expect(process.exitCode).toBeUndefined()
  })

  it('says updated for an edit and sent for a post, one line each, the URL listed once', async () => {
    const edit: TargetResult = {
      ...at(0),
      target: '#ci',
      outcome: 'updated',
      messageId: 'm',
      roomId: 'r'
    }
    await report(delivery([edit, delivered('@alice', 'msg-2')]))

    expect(stdout()).toContain('Updated the message in #ci (destination 1)\n')
    expect(stdout()).toContain('Sent to @alice (destination 1)\n')
    expect(stdout().match(/Destination 1: /g)).toHaveLength(1)
    expect(outputs()['message-id']).toBe('m')
  })

  it('keeps a log line one line: a server text cannot start a runner command', async () => {
    await report(delivery([delivered('#ci\n::error::forged', 'msg-1')]))

    expect(stdout()).toContain('Sent to #ci\\n::error::forged (destination 1)')
    expect(stdout()).not.toMatch(/^::error::forged/m)
  })

  it('redacts every secret from the outputs, the log and the summary', async () => {
    const loginToken = 'L0gin-T0ken-0123456789'
    await report(
      delivery(
        [
          failed('(webhook default)', `denied for Sup3r-Secret, HookT0ken-secret and ${loginToken}`)
        ],
        {
          secrets: [...SECRETS, loginToken],
          message: { title: 'Sup3r-Secret', body: '', status: 'failure' }
        }
      )
    )

    for (const secret of ['Sup3r-Secret', 'HookT0ken-secret', loginToken]) {
      expect(readFileSync(files.output, 'utf8')).not.toContain(secret)
      expect(stdout()).not.toContain(secret)
      expect(summary()).not.toContain(secret)
    }
    expect(JSON.parse(outputs().results ?? '')).toMatchObject([
      { error: 'denied for ****, **** and ****' }
    ])
  })

  it('lists a dry run plan in the log and the summary, with nothing sent', async () => {
    const planned: TargetResult = { ...at(0), target: '#ci', outcome: 'planned' }
    const plan = [
      {
        method: 'POST',
        url: 'https://chat.example.com/api/v1/login',
        headers: {},
        body: { password: 'Sup3r-Secret' }
      }
    ]
    await report(delivery([planned], { plan }))

    expect(stdout()).toContain('Dry run: 1 request(s) planned, none sent.')
    expect(stdout()).toContain('"url": "https://chat.example.com/api/v1/login"')
    expect(stdout()).not.toContain('Sup3r-Secret')
    expect(summary()).toContain('Rocket.Chat Notify (dry run)')
    expect(summary()).toContain('Planned requests')
    expect(summary()).toContain('📝 Planned')
    expect(outputs().sent).toBe('0')
  })

  it('writes the summary table with escaped cells and the message as it will read', async () => {
    await report(delivery([delivered('#ci', 'msg-1'), failed('<b>x</b>', 'refused')]))

    expect(summary()).toContain('<h3>Rocket.Chat Notify</h3>')
    expect(summary()).toContain(
      '<tr><td>1</td><td>1</td><td>#ci</td><td>✅ Sent</td><td>msg-1</td></tr>'
    )
    expect(summary()).toContain(
      '<td>&lt;b&gt;x&lt;/b&gt;</td><td>❌ Failed</td><td>auth: refused</td>'
    )
    expect(summary()).toContain(
      '<li><code>rockets://bot:****@chat.example.com/#ci/@alice</code></li>'
    )
    expect(summary()).not.toContain('Planned requests')
  })

  it('writes the summary as a list of the URLs, then one row per target', async () => {
    const lost: TargetResult = {
      ...at(1),
      target: '(webhook default)',
      outcome: 'unconfirmed',
      reason: 'answer lost'
    }
    await report(delivery([delivered('#ci', 'msg-1'), lost]))

    expect(summary()).toContain(
      [
        '<ol>',
        '<li><code>rockets://bot:****@chat.example.com/#ci/@alice</code></li>',
        '<li><code>rockets://****/****@chat.example.com/</code></li>',
        '</ol>',
        '<table>',
        '<tr><th>#</th><th>Destination</th><th>Target</th><th>Result</th><th>Message id or error</th></tr>',
        '<tr><td>1</td><td>1</td><td>#ci</td><td>✅ Sent</td><td>msg-1</td></tr>',
        '<tr><td>2</td><td>2</td><td>(webhook default)</td><td>❔ Unconfirmed</td><td>answer lost</td></tr>',
        '</table>'
      ].join('\n')
    )
  })

  it('writes an empty cell for a planned target', async () => {
    await report(delivery([{ ...at(0), target: '#ci', outcome: 'planned' }], { plan: [] }))

    expect(summary()).toContain(
      '<tr><td>1</td><td>1</td><td>#ci</td><td>📝 Planned</td><td></td></tr>'
    )
  })

  it('names the first message with an id: a webhook post has none', async () => {
    const hook: TargetResult = { ...at(1), target: '(webhook default)', outcome: 'delivered' }
    await report(delivery([hook, delivered('#ci', 'msg-2')]))

    expect(outputs()).toMatchObject({ 'message-id': 'msg-2', 'room-id': 'GENERAL' })
  })

  it('leaves message-id and room-id empty when nothing was sent', async () => {
    await report(delivery([failed('(webhook default)', 'no')], { failOnError: false }))

    expect(outputs()).toMatchObject({ 'message-id': '', 'room-id': '' })
  })

  it('gives planned and unconfirmed targets their own small entries', async () => {
    const lost: TargetResult = {
      ...at(1),
      target: '(webhook default)',
      outcome: 'unconfirmed',
      reason: 'answer lost'
    }
    await report(delivery([{ ...at(0), target: '#ci', outcome: 'planned' }, lost], { plan: [] }))

    expect(JSON.parse(outputs().results ?? '')).toEqual([
      { destination: 0, target: '#ci', outcome: 'planned' },
      { destination: 1, target: '(webhook default)', outcome: 'unconfirmed', reason: 'answer lost' }
    ])
  })

  it('escapes a carriage return in a log line too', async () => {
    await report(delivery([delivered('#ci\r::error::forged', 'msg-1')]))

    expect(stdout()).toContain('Sent to #ci\\r::error::forged (destination 1)')
  })

  it('shows at most 1000 rows in the summary and counts the rest', async () => {
    const many = Array.from({ length: 1002 }, (_, i) => delivered(`@user${i}`, `m${i}`))
    await report(delivery(many))

    expect(summary().match(/<tr><td>/g)).toHaveLength(1000)
    expect(summary()).toContain('<p>2 more target(s): see the results output.</p>')
  })

  it('writes no summary where the runner gives no summary file', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '')
    await report(delivery([delivered('#ci', 'msg-1')]))

    expect(summary()).toBe('')
    expect(outputs().sent).toBe('1')
  })

  it('clips a long message preview in the summary', async () => {
    const body = 'x'.repeat(70 * 1024)
    await report(
      delivery([delivered('#ci', 'msg-1')], { message: { title: '', body, status: 'success' } })
    )

    expect(summary()).toContain(`… (${70 * 1024 - 64 * 1024} more characters)`)
    expect(summary()).not.toContain('x'.repeat(64 * 1024 + 1))
  })

  describe('the results output', () => {
    it('stays under 1 MiB counted in bytes, as GitHub counts, and says what it left out', async () => {
      // 3-byte characters: about 0.5 million characters but 1.3 MB of UTF-8.
      const many = Array.from({ length: 2000 }, (_, i) => failed(`#${'€'.repeat(200)}${i}`, 'no'))
      await report(delivery(many, { failOnError: false }))

      const results = outputs().results ?? ''
      expect(Buffer.byteLength(results)).toBeLessThanOrEqual(1024 * 1024)
      const entries = JSON.parse(results) as { truncated?: string }[]
      const shown = entries.length - 1
      expect(shown).toBeGreaterThan(1000)
      expect(entries.at(-1)).toEqual({
        truncated: `${2000 - shown} more result(s) left out: the output would pass 1 MiB`
      })
      expect(stdout()).toContain('::warning::results output truncated:')
    })

    it('is whole when it fits', async () => {
      const many = Array.from({ length: 2000 }, (_, i) => failed(`#${'e'.repeat(200)}${i}`, 'no'))
      await report(delivery(many, { failOnError: false }))

      expect(JSON.parse(outputs().results ?? '')).toHaveLength(2000)
      expect(stdout()).not.toContain('truncated')
    })
  })
})

describe('files sent after the message', () => {
  const file = (
    outcome: 'delivered' | 'unconfirmed' | 'failed',
    name: string,
    size?: number
  ): TargetResult => {
    const of = { ...at(0), target: '#ci', file: size === undefined ? { name } : { name, size } }
    if (outcome === 'delivered') return { ...of, outcome, fileId: 'F1', messageId: 'fm-1' }
    if (outcome === 'unconfirmed') return { ...of, outcome, reason: 'answer lost' }
    return { ...of, outcome, kind: 'too-large', status: 413, error: 'payload too large' }
  }

  it('logs each upload, names the file and its size in the summary, and counts only messages', async () => {
    await report(
      delivery([
        delivered('#ci', 'msg-1'),
        file('delivered', 'report.txt', 20),
        file('delivered', 'coverage.html', 2048),
        file('delivered', 'trace.zip', 3 * 1024 * 1024),
        file('delivered', 'unsized.log')
      ])
    )

    expect(outputs()).toMatchObject({ sent: '1', failed: '0', 'message-id': 'msg-1' })
    expect(stdout()).toContain('Uploaded report.txt to #ci (destination 1)\n')
    expect(summary()).toContain('<td>#ci 📎 report.txt (20 B)</td><td>✅ Sent</td><td>fm-1</td>')
    expect(summary()).toContain('<td>#ci 📎 coverage.html (2.0 KiB)</td>')
    expect(summary()).toContain('<td>#ci 📎 trace.zip (3.0 MiB)</td>')
    expect(summary()).toContain('<td>#ci 📎 unsized.log</td>')
    expect((JSON.parse(outputs().results ?? '') as unknown[])[1]).toEqual({
      destination: 0,
      target: '#ci',
      file: { name: 'report.txt', size: 20 },
      outcome: 'delivered',
      messageId: 'fm-1',
      fileId: 'F1'
    })
    expect(process.exitCode).toBeUndefined()
  })

  it('warns of an unconfirmed upload without failing the step', async () => {
    await report(delivery([delivered('#ci', 'msg-1'), file('unconfirmed', 'report.txt', 20)]))

    expect(stdout()).toContain(
      '::warning::Unconfirmed upload of report.txt to #ci (destination 1): answer lost'
    )
    expect(process.exitCode).toBeUndefined()
  })

  it('fails the step on a failed upload, though the message itself was sent', async () => {
    await report(delivery([delivered('#ci', 'msg-1'), file('failed', 'report.txt', 20)]))

    expect(outputs()).toMatchObject({ sent: '1', failed: '0' })
    expect(stdout()).toContain(
      '::error::File not uploaded: report.txt to #ci (destination 1), too-large: payload too large'
    )
    expect(stdout()).toContain('::error::1 of 1 file upload(s) failed')
    expect(process.exitCode).toBe(1)
  })

  it('names both failures in the step’s verdict', async () => {
    await report(delivery([failed('(webhook default)', 'no'), file('failed', 'report.txt', 20)]))

    expect(stdout()).toContain(
      '::error::1 of 1 target(s) did not receive the message; 1 of 1 file upload(s) failed'
    )
  })

  it('only warns of a failed upload with fail-on-error off', async () => {
    await report(
      delivery([delivered('#ci', 'msg-1'), file('failed', 'report.txt', 20)], {
        failOnError: false
      })
    )

    expect(stdout()).toContain('::warning::File not uploaded: report.txt')
    expect(stdout()).not.toContain('::error::')
    expect(process.exitCode).toBeUndefined()
  })
})

describe('a secret that is a common word', () => {
  it('is masked in errors and reasons, never in targets, ids, outcomes or kinds', async () => {
    // The password `general` would read in `#general`, `GENERAL` and the error alike.
    const weak = parseRocketUrls('rockets://bot:general@chat.example.com/#general').map(
      parsed => parsed.destination
    )
    const results: TargetResult[] = [
      {
        destination: 0,
        url: weak[0]?.masked ?? '',
        mode: 'basic',
        target: '#general',
        outcome: 'delivered',
        messageId: 'msg-general',
        roomId: 'GENERAL'
      },
      {
        destination: 0,
        url: weak[0]?.masked ?? '',
        mode: 'basic',
        target: '#general-2',
        outcome: 'failed',
        kind: 'rejected',
        error: 'logging in as bot with general failed'
      }
    ]
    await report(delivery(results, { destinations: weak, secrets: ['general'] }))

    const [sent, refused] = JSON.parse(outputs().results ?? '') as Record<string, string>[]
    expect(sent).toMatchObject({
      target: '#general',
      outcome: 'delivered',
      messageId: 'msg-general'
    })
    expect(refused).toMatchObject({ target: '#general-2', outcome: 'failed', kind: 'rejected' })
    expect(refused?.error).toBe('logging in as bot with **** failed')
    expect(outputs()['room-id']).toBe('GENERAL')
    expect(summary()).toContain('#general')
    expect(summary()).not.toContain('with general failed')
  })
})

describe('thread-id', () => {
  it('names the keyed thread the first message went into', async () => {
    const threaded: TargetResult = {
      ...at(0),
      target: '#ci',
      outcome: 'delivered',
      messageId: 'msg-1',
      roomId: 'GENERAL',
      threadId: 'ROOT-1'
    }
    await report(delivery([threaded]))

    expect(outputs()['thread-id']).toBe('ROOT-1')
    expect(JSON.parse(outputs().results ?? '')).toMatchObject([{ threadId: 'ROOT-1' }])
    expect(summary()).toContain('<td>msg-1 in thread ROOT-1</td>')
  })

  it('is empty when the message went into no thread', async () => {
    await report(delivery([delivered('#ci', 'msg-1')]))

    expect(outputs()['thread-id']).toBe('')
    expect(summary()).toContain('<td>msg-1</td>')
  })
})

describe('leftOut', () => {
  it('lists in the summary what the message went without, masked', async () => {
    await report(
      delivery([delivered('#ci', 'msg-1')], {
        leftOut: ['Run details left out: <GitHub> answered 403 for Sup3r-Secret.']
      })
    )

    expect(summary()).toContain(
      '<p>Left out of the message:</p>\n<ul>\n<li>Run details left out: &lt;GitHub&gt; answered 403 for ****.</li>\n</ul>'
    )
  })

  it('adds no list when nothing was left out', async () => {
    await report(delivery([delivered('#ci', 'msg-1')]))

    expect(summary()).not.toContain('Left out of the message')
  })
})

describe('reportStopped', () => {
  it('says in the outputs and the summary why nothing was sent, masked', async () => {
    await reportStopped('url: password Sup3r-Secret <is> wrong', SECRETS, [
      'Log file left out: the jobs come from `needs`.'
    ])

    expect(outputs()).toMatchObject({
      sent: '0',
      failed: '1',
      unconfirmed: '0',
      'message-id': '',
      'room-id': '',
      destinations: '[]'
    })
    expect(JSON.parse(outputs().results ?? '')).toEqual([
      { outcome: 'failed', kind: 'rejected', error: 'url: password **** <is> wrong' }
    ])
    expect(summary()).toContain(
      '<p>❌ Stopped before the message was sent: url: password **** &lt;is&gt; wrong</p>'
    )
    expect(summary()).toContain('<li>Log file left out: the jobs come from `needs`.</li>')
    expect(readFileSync(files.output, 'utf8') + summary()).not.toContain('Sup3r-Secret')
  })

  it('writes only the outputs where the runner gives no summary file', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '')

    await reportStopped('bad input', [])

    expect(outputs().failed).toBe('1')
    expect(summary()).toBe('')
  })

  it('only warns when the summary cannot be written, without showing a secret', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', join(dir, 'no-such-dir', 'Sup3r-Secret'))

    await (await freshReport()).reportStopped('bad input', SECRETS)

    expect(outputs().failed).toBe('1')
    expect(stdout()).toMatch(/::warning::job summary not written: .*\*\*\*\*/)
    expect(stdout()).not.toContain('Sup3r-Secret')
  })
})

describe('reportUnchanged', () => {
  const REASON = 'notify-when: changed: still succeeding, as run #41 did; no message is sent.'

  it('says none was sent and why, in the outputs, the log and the summary', async () => {
    await reportUnchanged(REASON, URLS)

    expect(outputs()).toMatchObject({
      sent: '0',
      failed: '0',
      unconfirmed: '0',
      'message-id': '',
      'room-id': '',
      results: '[]',
      skipped: REASON
    })
    expect(JSON.parse(outputs().destinations ?? '')).toEqual([
      'rockets://bot:****@chat.example.com/#ci/@alice',
      'rockets://****/****@chat.example.com/'
    ])
    expect(stdout()).toContain(`${REASON}\n`)
    expect(summary()).toContain(`<h3>Rocket.Chat Notify</h3>\n<p>${REASON}</p>`)
    expect(process.exitCode).toBeUndefined()
  })

  it('writes no summary where the runner gives no summary file', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '')

    await reportUnchanged(REASON, URLS)

    expect(outputs().skipped).toBe(REASON)
    expect(summary()).toBe('')
  })
})
