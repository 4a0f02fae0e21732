import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../fake-github/server.js'
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake-server/server.js'

/**
 * One fake Rocket.Chat for a test file: started before its tests, reset before each, closed after.
 * Tests that do not study rate limiting turn the limiter off so their request counts are theirs.
 */
export function useFakeServer(
  options: FakeServerOptions & { rateLimited?: boolean } = {}
): FakeServer {
  const { rateLimited = true, ...serverOptions } = options
  return useFake(
    () => startFakeServer(serverOptions),
    server => {
      if (!rateLimited) server.settings.rateLimit.enabled = false
    }
  )
}

/**
 * A fake Rocket.Chat of the test's own, closed when it ends: tests that each have one can run side
 * by side (`it.concurrent`), which a file's bundle runs, mostly waiting for a child process, gain by.
 */
export async function withFakeServer(
  options: FakeServerOptions & { rateLimited?: boolean },
  test: (server: FakeServer) => Promise<void>
): Promise<void> {
  const { rateLimited = true, ...serverOptions } = options
  const server = await startFakeServer(serverOptions)
  if (!rateLimited) server.settings.rateLimit.enabled = false
  try {
    await test(server)
  } finally {
    await server.close()
  }
}

/** One fake GitHub API for a test file, with the same lifecycle. */
export function useFakeGitHub(): FakeGitHub {
  return useFake(() => startFakeGitHub())
}

function useFake<T extends { reset(): void; close(): Promise<void> }>(
  start: () => Promise<T>,
  afterReset: (fake: T) => void = () => undefined
): T {
  let fake: T | undefined
  beforeAll(async () => {
    fake = await start()
  })
  afterAll(() => fake?.close())
  beforeEach(() => {
    started().reset()
    afterReset(started())
  })
  const started = (): T => {
    if (!fake) throw new Error('the fake server is used before beforeAll started it')
    return fake
  }
  // The tests hold this object from the start; it answers for the server once it runs.
  return new Proxy({} as T, {
    get: (_, key) => {
      const value: unknown = Reflect.get(started(), key)
      return typeof value === 'function' ? (value as () => unknown).bind(started()) : value
    }
  })
}

/** A fake GitHub API of the test's own, closed when it ends, as withFakeServer. */
export async function withFakeGitHub(
  options: FakeGitHubOptions,
  test: (github: FakeGitHub) => Promise<void>
): Promise<void> {
  const github = await startFakeGitHub(options)
  try {
    await test(github)
  } finally {
    await github.close()
  }
}
