import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/main.js'
import { RocketChatError } from '../src/rocketchat/errors.js'
import { parseRocketUrl } from '../src/rocketchat/url/index.js'
import { propertyParameters } from './support/properties.js'

/**
 * Bad input, generated: arbitrary and mutated URLs, bodies, templates and input values. The action
 * never throws, fails with one clear line, and never prints a secret.
 */

const secretChars = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$&*+=;:@/%#?._~-'.split('')
)
/** Secrets long enough that finding one by chance in unrelated text is impossible. */
const secret = fc.string({ unit: secretChars, minLength: 12, maxLength: 40 })
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/)

/** Mostly well-formed values with some broken ones, so runs reach both success and failure. */
const mostly = <T>(valid: T[], broken: T[]) =>
  fc.constantFrom(...Array.from({ length: 12 }, () => valid).flat(), ...broken)

/** A URL with a secret in it, in each of the shapes users write, then mangled a little. */
const secretUrl = fc
  .record({
    scheme: mostly(['rocket', 'rockets', 'ROCKET'], ['http', '']),
    user: word,
    secret,
    host: mostly(['chat.example.com', '127.0.0.1', '[::1]'], ['', 'ex ample']),
    port: mostly(['', ':443'], [':0', ':99999', ':x']),
    path: mostly(['/#general', '/@alice', '/ROOM1', '/#a,#b', '#x'], ['/', '']),
    query: mostly(['', '?mode=token', '?avatar=no', '?format=rtf&x=1'], ['?mode=bogus']),
    shape: fc.constantFrom('basic', 'webhook', 'webhook-encoded'),
    cut: fc.nat(),
    insert: mostly([''], ['/', '@', ':', '#', '%', '?', '%2', ' '])
  })
  .map(p => {
    const userinfo =
      p.shape === 'basic'
        ? `${p.user}:${encodeURIComponent(p.secret)}`
        : p.shape === 'webhook'
          ? `hookid/${p.secret.replace(/[^A-Za-z0-9]/g, '') || 'x'}`
          : `hookid%2F${p.secret.replace(/[^A-Za-z0-9]/g, '') || 'x'}`
    const url = `${p.scheme}://${userinfo}@${p.host}${p.port}${p.path}${p.query}`
    const at = p.cut % (url.length + 1)
    const mangled = p.insert ? url.slice(0, at) + p.insert + url.slice(at) : url
    const secrets = [p.secret, encodeURIComponent(p.secret)].filter(s => s.length >= 12)
    return { url: mangled, secrets }
  })

function leaks(text: string, secrets: string[]): string | undefined {
  return secrets.find(s => text.includes(s))
}

describe('parseRocketUrl on arbitrary input', () => {
  it('returns a destination or throws a RocketChatError, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), raw => {
        try {
          parseRocketUrl(raw)
        } catch (error) {
          expect(error).toBeInstanceOf(RocketChatError)
          expect((error as Error).message.length).toBeGreaterThan(0)
        }
      }),
      propertyParameters('parseRocketUrl: a destination or a RocketChatError', 3000)
    )
  })

  it('never puts a secret in an error, a warning, the masked URL or a rejected target', () => {
    fc.assert(
      fc.property(secretUrl, ({ url, secrets }) => {
        let said: string
        try {
          const { destination, warnings } = parseRocketUrl(url)
          const rejected = destination.rejectedTargets.map(r => `${r.target} ${r.reason}`)
          said = [destination.masked, ...warnings, ...rejected].join('\n')
        } catch (error) {
          said = (error as Error).message
        }
        expect(leaks(said, secrets)).toBeUndefined()
      }),
      propertyParameters('parseRocketUrl: no secret in what it says', 3000)
    )
  })
})

describe('one destination however it is written', () => {
  /** Every character percent-encoded, as some URL builders do. */
  const encodeAll = (text: string) =>
    Array.from(
      new TextEncoder().encode(text),
      byte => `%${byte.toString(16).padStart(2, '0')}`
    ).join('')

  it('has one identity: host case, default port, encoding, defaults written out', () => {
    fc.assert(
      fc.property(
        fc.record({
          // A password with `/` is a webhook's `ID/TOKEN`, whose avatar default differs.
          secret: secret.filter(s => !s.includes('/')),
          host: fc.constantFrom('chat.example.com', 'localhost', '127.0.0.1'),
          upper: fc.boolean(),
          port: fc.boolean(),
          encodeAll: fc.boolean(),
          defaults: fc.subarray(['format=markdown', 'overflow=upstream', 'verify=yes', 'avatar=no'])
        }),
        p => {
          const plain = `rockets://alice:${encodeURIComponent(p.secret)}@${p.host}/#general`
          const user = p.encodeAll ? encodeAll('alice') : 'alice'
          const password = p.encodeAll ? encodeAll(p.secret) : encodeURIComponent(p.secret)
          const host = p.upper ? p.host.toUpperCase() : p.host
          const query = p.defaults.length > 0 ? `?${p.defaults.join('&')}` : ''
          const other = `rockets://${user}:${password}@${host}${p.port ? ':443' : ''}/@bob${query}`
          expect(parseRocketUrl(other).destination.identity).toBe(
            parseRocketUrl(plain).destination.identity
          )
        }
      ),
      propertyParameters('one destination however it is written', 500)
    )
  })
})

describe('the action on arbitrary inputs (dry run, in process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rocket-props-'))
  const outputFile = join(dir, 'output')
  const saved = { ...process.env }
  let printed = ''
  const write = process.stdout.write.bind(process.stdout)

  beforeAll(() => {
    writeFileSync(
      join(dir, 'event.json'),
      JSON.stringify({ pull_request: { title: '@all hi', number: 1 } })
    )
    process.stdout.write = (chunk: string | Uint8Array) => {
      printed += String(chunk)
      return true
    }
  })
  afterAll(() => {
    process.stdout.write = write
    process.env = saved
    process.exitCode = 0
  })

  const inputs = fc.record({
    target: secretUrl,
    title: fc.oneof(
      fc.string({ maxLength: 40 }),
      mostly(['${{ github.event.pull_request.title }} ${{ github.sha }}'], ['${{', '${{ }}'])
    ),
    body: fc.oneof(
      fc.string({ maxLength: 200 }),
      mostly(
        ['', '${{ toJSON(github) }}', "${{ format('{0} {1}', env.HOME, job.status) }}"],
        ['${{ 1 + }}', '${{ fromJSON("x") }}', "${{ fromJSON('{') }}"]
      )
    ),
    status: mostly(['', 'success', 'failure', 'cancelled', 'FAILURE'], ['bogus']),
    timeout: mostly(['', '10', '2.5'], ['0', '-1', 'abc', '1e9']),
    retries: mostly(['', '2', '0'], ['11', '1.5']),
    mentionOn: mostly(['', 'always', 'never', 'success failure'], ['sometimes']),
    attachments: mostly(
      ['', '[{"title":"x"}]', '- text: ${{ github.sha }}'],
      ['{', 'title: [', '[1]']
    ),
    thread: mostly([''], ['abc']),
    update: mostly([''], ['def'])
  })

  it('always settles with success or one clear failure, and prints no secret', async () => {
    const outcomes = { succeeded: 0, failed: 0 }
    await fc.assert(
      fc.asyncProperty(inputs, async input => {
        writeFileSync(outputFile, '')
        process.env = {
          ...saved,
          GITHUB_OUTPUT: outputFile,
          GITHUB_EVENT_PATH: join(dir, 'event.json'),
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_REPOSITORY: 'octo-org/octo-repo',
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_RUN_ID: '1',
          INPUT_URL: input.target.url,
          INPUT_TITLE: input.title,
          INPUT_BODY: input.body,
          INPUT_STATUS: input.status,
          INPUT_TIMEOUT: input.timeout,
          INPUT_RETRIES: input.retries,
          'INPUT_MENTION-ON': input.mentionOn,
          INPUT_MENTION: '@alice',
          INPUT_ATTACHMENTS: input.attachments,
          INPUT_THREAD: input.thread,
          INPUT_UPDATE: input.update,
          'INPUT_DRY-RUN': 'true'
        }
        process.exitCode = 0
        printed = ''

        await run()

        const visible = printed
          .split('\n')
          .filter(line => !line.startsWith('::add-mask::'))
          .join('\n')
        const said = visible + readFileSync(outputFile, 'utf8')
        expect(leaks(said, input.target.secrets)).toBeUndefined()
        if (process.exitCode === 1) {
          expect(visible).toMatch(/::error::\S/)
          outcomes.failed++
        } else {
          expect(visible).toContain('Dry run:')
          outcomes.succeeded++
        }
      }),
      propertyParameters('the action on arbitrary inputs', 1000)
    )
    // Both paths were really walked, not just the early rejections.
    expect(outcomes.succeeded).toBeGreaterThan(50)
    expect(outcomes.failed).toBeGreaterThan(50)
  })
})
