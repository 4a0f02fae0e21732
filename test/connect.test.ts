import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createProxy } from 'proxy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RocketChatError } from '../src/rocketchat/errors.js'
import { Transport } from '../src/rocketchat/transport.js'

/**
 * Who the server is, checked one way: the certificate must name the URL's host, a DNS name or an
 * IP address (v4 or v6), whether the connection is direct or a CONNECT proxy's tunnel. The
 * certificates are made here, signed by a CA of this test, one per row of the table.
 */
const CERTS = {
  'DNS name only': 'DNS:localhost',
  'IP addresses only': 'IP:127.0.0.1,IP:::1',
  'DNS name and IP addresses': 'DNS:localhost,IP:127.0.0.1,IP:::1',
  'neither (another name)': 'DNS:elsewhere.test'
} as const
type Cert = keyof typeof CERTS
type Host = 'localhost' | '127.0.0.1' | '[::1]'

/** Which hosts each certificate is accepted for: the same with and without the proxy. */
const ACCEPTED: Record<Cert, Host[]> = {
  'DNS name only': ['localhost'],
  'IP addresses only': ['127.0.0.1', '[::1]'],
  'DNS name and IP addresses': ['localhost', '127.0.0.1', '[::1]'],
  'neither (another name)': []
}

let dir: string
let ca: string
/** Per certificate: one server on 127.0.0.1 and one on ::1, on the same port. */
const servers = new Map<Cert, { port: number; close: () => Promise<void> }>()
let proxy: Server
const tunnels: string[] = []

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tls-identity-'))
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca-key.pem',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Identity Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign'
  )
  ca = readFileSync(join(dir, 'ca.pem'), 'utf8')
  for (const [index, [cert, altNames]] of Object.entries(CERTS).entries()) {
    const name = `leaf${index}`
    writeFileSync(
      join(dir, `${name}.ext`),
      `basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=${altNames}\n`
    )
    openssl(
      'req',
      '-new',
      ...ec,
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.csr`,
      '-subj',
      '/CN=identity-test'
    )
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`
    )
    const tls = {
      cert: readFileSync(join(dir, `${name}.pem`)),
      key: readFileSync(join(dir, `${name}-key.pem`))
    }
    const answer = (_: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}')
    }
    const v4 = createHttpsServer(tls, answer)
    await new Promise<void>(resolve => v4.listen(0, '127.0.0.1', resolve))
    const { port } = v4.address() as AddressInfo
    const v6 = createHttpsServer(tls, answer)
    await new Promise<void>(resolve => v6.listen(port, '::1', resolve))
    servers.set(cert as Cert, {
      port,
      close: async () => {
        for (const server of [v4, v6]) {
          server.closeAllConnections()
          await new Promise(resolve => server.close(resolve))
        }
      }
    })
  }
  proxy = createProxy(createHttpServer())
  proxy.prependListener('connect', (req: { url?: string }) => tunnels.push(req.url ?? ''))
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
})

afterAll(async () => {
  for (const server of servers.values()) await server.close()
  await new Promise(resolve => proxy.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

async function reach(cert: Cert, host: Host, proxied: boolean): Promise<string> {
  const { port } = servers.get(cert) ?? { port: 0 }
  const proxyUrl = `http://127.0.0.1:${String((proxy.address() as AddressInfo).port)}`
  const transport = new Transport({
    timeout: 5,
    retries: 0,
    caCert: ca,
    ...(proxied ? { proxy: { httpsProxy: proxyUrl } } : {})
  })
  try {
    const answer = await transport.send(
      { method: 'GET', url: `https://${host}:${String(port)}/api/info` },
      { verify: true, connectTimeout: undefined, readTimeout: undefined, retry: undefined }
    )
    return answer.status === 200 ? 'accepted' : `HTTP ${String(answer.status)}`
  } catch (error) {
    if (!(error instanceof RocketChatError)) throw error
    return `${error.kind}: ${error.message}`
  } finally {
    await transport.close()
  }
}

const rows = (Object.keys(CERTS) as Cert[]).flatMap(cert =>
  (['localhost', '127.0.0.1', '[::1]'] as Host[]).map(host => ({
    cert,
    host,
    accepted: ACCEPTED[cert].includes(host)
  }))
)

describe.each([
  ['direct', false],
  ['through the CONNECT proxy', true]
])('the server certificate, %s', (_, proxied) => {
  it.each(rows)(
    'a certificate naming $cert, for https://$host: accepted $accepted',
    async ({ cert, host, accepted }) => {
      tunnels.length = 0

      const result = await reach(cert, host, proxied)

      if (accepted) expect(result).toBe('accepted')
      else
        expect(result).toMatch(/^tls: TLS certificate not trusted \(ERR_TLS_CERT_ALTNAME_INVALID\)/)
      expect(tunnels).toHaveLength(proxied ? 1 : 0)
    }
  )
})
