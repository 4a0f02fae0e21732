import type { Destination, Target, TargetResult } from './types.js'
import { errorMessage } from './errors.js'

/** A target's result before anything is sent: not delivered until a send says so. */
export function pendingResult(destination: Destination, target: string): TargetResult {
  return { url: destination.masked, mode: destination.mode, target, ok: false }
}

/** Runs a task within the run's concurrency bound. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>

/** A target as the user wrote it: `#channel`, `@user` or a room id. */
export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'channel':
      return `#${target.name}`
    case 'user':
      return `@${target.name}`
    case 'room':
      return target.id
  }
}

/** A bound on how many tasks run at once, shared by every destination of a run. */
export function concurrencyLimit(max: number): Limit {
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

/** Records a thrown failure as the result's error, so one target's failure never stops the others. */
export async function settle(result: { error?: string }, task: () => Promise<void>): Promise<void> {
  try {
    await task()
  } catch (error) {
    result.error = errorMessage(error)
  }
}
