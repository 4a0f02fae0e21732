/** Runs a task within the run's concurrency bound. */
export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>

/** A bound on how many tasks run at once, shared by every destination of a run. */
export function concurrencyLimit(max: number): ConcurrencyLimit {
  let running = 0
  const waiting: (() => void)[] = []
  return async task => {
    if (running >= max) await new Promise<void>(resolve => waiting.push(resolve))
    running++
    try {
      return await task()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}
