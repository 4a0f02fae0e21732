import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake-server/server.js'

/**
 * One fake Rocket.Chat for a test file: started before its tests, reset before each, closed after.
 * Tests that do not study rate limiting turn the limiter off so their request counts are theirs.
 */
export function useFakeServer(
  options: FakeServerOptions & { rateLimited?: boolean } = {}
): FakeServer {
  const { rateLimited = true, ...serverOptions } = options
  let server: FakeServer | undefined
  beforeAll(async () => {
    server = await startFakeServer(serverOptions)
  })
  afterAll(() => server?.close())
  beforeEach(() => {
    started().reset()
    if (!rateLimited) started().settings.rateLimit.enabled = false
  })
  const started = (): FakeServer => {
    if (!server) throw new Error('the fake server is used before beforeAll started it')
    return server
  }
  // The tests hold this object from the start; it answers for the server once it runs.
  return new Proxy({} as FakeServer, {
    get: (_, key) => {
      const value: unknown = Reflect.get(started(), key)
      return typeof value === 'function' ? (value as () => unknown).bind(started()) : value
    }
  })
}
