/**
 * Which proxy a request takes: the one rule for every request of a run (posts, room look-ups, and
 * the action's GitHub API calls, which ask this module too). `NO_PROXY` is read as curl and Go read
 * it, the de-facto semantics no single package covers (undici and Node's own support have no CIDR,
 * proxy-from-env neither, and both match `0.0.1` against `127.0.0.1`):
 *
 * - `*`: nothing goes through the proxy;
 * - `example.com`, `.example.com`, `*.example.com`: that name and every name under it;
 * - `host:port`, `[v6]:port`: only on that port (the scheme's default when the URL gives none);
 * - `10.1.2.3`, `::1`, `[::1]`: that address, compared as an address (`0:0::1` is `::1`);
 * - `10.0.0.0/8`, `fd00::/8`: every address in the block.
 *
 * Names are never resolved: an address entry matches a URL that names the address, as in curl.
 * Addresses are compared by node:net's BlockList, Node's own address and subnet matcher.
 */
import { BlockList, isIP } from 'node:net'
import { RocketChatError } from '../errors.js'

/** Proxies as the `*_proxy` variables name them; the caller reads the environment, not this module. */
export interface ProxySettings {
  httpProxy?: string
  httpsProxy?: string
  /** Hosts reached directly, comma or space separated (the rules above). */
  noProxy?: string
}

/**
 * The proxy a request to `url` goes through, or undefined for a direct connection. As curl and
 * undici do, https falls back to the http proxy when it has none of its own.
 */
export function proxyFor(url: URL, settings: ProxySettings | undefined): URL | undefined {
  if (!settings) return undefined
  const https = url.protocol === 'https:'
  const raw = (https ? settings.httpsProxy || settings.httpProxy : settings.httpProxy)?.trim()
  if (!raw || bypassed(url, settings.noProxy)) return undefined
  return proxyUrl(raw, https ? 'https' : 'http')
}

/**
 * Throws one clear error when a proxy setting is not a URL, so a run fails once, before sending,
 * instead of every target failing alike. The value is never echoed: it may hold a password.
 */
export function checkProxySettings(settings: ProxySettings | undefined): void {
  if (settings?.httpProxy?.trim()) proxyUrl(settings.httpProxy.trim(), 'http')
  if (settings?.httpsProxy?.trim()) proxyUrl(settings.httpsProxy.trim(), 'https')
}

function proxyUrl(raw: string, scheme: 'http' | 'https'): URL {
  let url: URL | undefined
  try {
    url = new URL(raw.includes('://') ? raw : `http://${raw}`)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new RocketChatError(
      `the ${scheme} proxy setting (${scheme}_proxy) is not an http:// or https:// URL with a host`,
      { kind: 'rejected' }
    )
  }
  return url
}

/** Whether `noProxy` sends `url` straight to its host. */
export function bypassed(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false
  const host = url.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  const family = ipFamily(host)
  for (const raw of noProxy.toLowerCase().split(/[\s,]+/)) {
    if (raw === '') continue
    if (raw === '*') return true
    const { name, entryPort } = splitPort(raw)
    if (entryPort !== undefined && entryPort !== port) continue
    const slash = name.indexOf('/')
    if (slash >= 0) {
      if (family && inBlock(host, family, name.slice(0, slash), name.slice(slash + 1))) return true
      continue
    }
    const entryFamily = ipFamily(name)
    if (entryFamily || family) {
      // An address matches only the same address: never a suffix of one.
      if (family && entryFamily === family && sameAddress(host, name, family)) return true
      continue
    }
    const domain = name.replace(/^\*?\./, '').replace(/\.$/, '')
    if (domain !== '' && (host === domain || host.endsWith(`.${domain}`))) return true
  }
  return false
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address (which has no port). */
function splitPort(entry: string): { name: string; entryPort: string | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return { name: bracketed[1] ?? '', entryPort: bracketed[2] }
  const parts = entry.split(':')
  if (parts.length === 2 && /^\d+$/.test(parts[1] ?? '')) {
    return { name: parts[0] ?? '', entryPort: parts[1] }
  }
  return { name: entry, entryPort: undefined }
}

function ipFamily(host: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(host)
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined
}

function sameAddress(host: string, entry: string, family: 'ipv4' | 'ipv6'): boolean {
  const list = new BlockList()
  list.addAddress(entry, family)
  return list.check(host, family)
}

function inBlock(host: string, family: 'ipv4' | 'ipv6', network: string, bits: string): boolean {
  const prefix = Number(bits)
  if (ipFamily(network) !== family || !/^\d+$/.test(bits)) return false
  if (prefix > (family === 'ipv4' ? 32 : 128)) return false
  const list = new BlockList()
  list.addSubnet(network, prefix, family)
  return list.check(host, family)
}
