/** The scheme, host and port of a URL: where the posts go. */
import { isIPv6 } from 'node:net'
import { showablePort } from './mask.js'
import { HOOK_LINK_PATH, readPort, type Fail, type RawUrl } from './tokenize.js'

const HOST_LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}$/
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/
const DEFAULT_PORT = { http: 80, https: 443 }

export interface Address {
  secure: boolean
  /** Lower-cased, so one server written two ways is one destination. */
  host: string
  /** Undefined when none was given or it is the scheme's default. */
  port: number | undefined
  baseUrl: string
  /** Host and port as the user wrote them, for the masked URL. */
  written: string
}

/** Reads the host and port; `port=` (already checked) beats the port after the host. */
export function readAddress(
  url: RawUrl,
  secure: boolean,
  portParam: number | undefined,
  fail: Fail
): Address {
  if (url.host === '') {
    fail(
      'No host was specified: the server name comes after :// (or after the @ of user:password@)'
    )
  }
  // The message does not echo the host: when the userinfo is mangled, a piece of a password can
  // land here (the masked URL after it shows the host only when it cannot be such a piece).
  if (!isHost(url.host)) {
    fail('Invalid host: expected a hostname, an IPv4 address or a bracketed IPv6 address')
  }
  const writtenPort = url.portText === undefined ? undefined : readPort(url.portText)
  if (url.portText !== undefined && writtenPort === undefined) {
    const shown = showablePort(url)
    fail(
      shown === undefined
        ? "Invalid port: it must be a number from 1 to 65535 (a port that is not a number is often a password whose '@host' is missing)"
        : `Invalid port: port ${shown} is out of range (it must be from 1 to 65535)`
    )
  }
  const given = portParam ?? writtenPort
  const port = given === DEFAULT_PORT[secure ? 'https' : 'http'] ? undefined : given
  const host = url.host.toLowerCase()
  const hostport = (name: string, number: number | undefined) =>
    number === undefined ? name : `${name}:${number}`
  return {
    secure,
    host,
    port,
    baseUrl: `${secure ? 'https' : 'http'}://${hostport(host, port)}`,
    written: hostport(url.host, given)
  }
}

/** True for rockets:// (https), false for rocket:// (http); fails on any other scheme. */
export function readScheme(url: RawUrl, fail: Fail): boolean {
  if (url.scheme === 'rocket') return false
  if (url.scheme === 'rockets') return true
  if (
    HOOK_LINK_PATH.test(url.path) &&
    (url.scheme === 'https' || url.scheme === 'http') &&
    isHost(url.host)
  ) {
    // Both halves are masked, as everywhere else: the runner masks the integration id too.
    const port = url.portText !== undefined && readPort(url.portText) ? `:${url.portText}` : ''
    const scheme = url.scheme === 'https' ? 'rockets' : 'rocket'
    fail(
      `This is a Rocket.Chat webhook link, not a ${scheme}:// URL: write it as ${scheme}://****/****@${url.host}${port}/ with the id and token that follow /hooks/ in place of ****/****`
    )
  }
  return fail(`Unsupported scheme '${url.scheme}': use rocket:// for http or rockets:// for https`)
}

function isHost(host: string): boolean {
  if (host.startsWith('[')) return host.endsWith(']') && isIPv6(host.slice(1, -1))
  if (IPV4.test(host)) return host.split('.').every(octet => Number(octet) <= 255)
  const name = host.endsWith('.') ? host.slice(0, -1) : host
  return name.length <= 253 && name.split('.').every(label => HOST_LABEL.test(label))
}
