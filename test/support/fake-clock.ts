import type { Clock } from '../../src/rocketchat/transport.js'

export interface FakeClock extends Clock {
  /** Every sleep asked for, in milliseconds, in order. */
  readonly waits: number[]
}

/**
 * A clock for the transport whose sleeps return at once and are recorded, time moving on by them:
 * a test asserts what the transport chose to wait (a backoff, a `Retry-After`, a rate-limit
 * window) without waiting it, as ky's retry tests capture their timeouts. Sleeps that overlap
 * (concurrent requests) move time to the latest end, not the sum. A sleep whose signal has fired
 * rejects, as a real one does.
 */
export function fakeClock(start = Date.now()): FakeClock {
  let now = start
  const waits: number[] = []
  return {
    waits,
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted()
      waits.push(ms)
      const end = now + ms
      await Promise.resolve()
      now = Math.max(now, end)
    }
  }
}
