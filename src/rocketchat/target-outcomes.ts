/** What became of a target, as a result: a thrown failure, a refusal, a lost answer, in words. */
import { errorMessage } from '../shared/error-message.js'
import { RocketChatError } from './errors.js'
import type { Answer } from './answer.js'
import type { TargetOf, TargetOutcome, TargetResult } from './types.js'

type Refusal = Extract<Answer, { ok: false }>

/** The outcome of a thrown failure: its kind and status when the library threw it. */
export function failedBy(error: unknown): TargetOutcome {
  if (error instanceof RocketChatError) {
    return {
      outcome: 'failed',
      kind: error.kind,
      ...(error.status === undefined ? {} : { status: error.status }),
      error: error.message
    }
  }
  return { outcome: 'failed', kind: 'rejected', error: errorMessage(error) }
}

/** The outcome of a refusal the server answered. */
export function refusedBy(answer: Refusal): TargetOutcome {
  const { kind, status, error } = answer
  return { outcome: 'failed', kind, status, error }
}

/** What went wrong, in words: a failure's own, or that the answer never came. */
export function failureWords(outcome: TargetOutcome): string {
  return outcome.outcome === 'failed' ? outcome.error : 'the answer was lost'
}

/** A failure outcome with `part 2 of 3: ` before its words, for a message sent in several posts. */
export function inPart(outcome: TargetOutcome, index: number, count: number): TargetOutcome {
  if (count < 2) return outcome
  const part = `part ${index + 1} of ${count}: `
  if (outcome.outcome === 'failed') return { ...outcome, error: part + outcome.error }
  if (outcome.outcome === 'unconfirmed') return { ...outcome, reason: part + outcome.reason }
  return outcome
}

/** Whether a thrown failure may have left the request stored: its answer was lost, not refused. */
export function mayHaveArrived(error: unknown): boolean {
  return error instanceof RocketChatError && error.mayHaveArrived
}

/** A result for each target of a destination that nothing was sent to, all for the same reason. */
export function allFailed(of: TargetOf[], error: unknown): TargetResult[] {
  const outcome = failedBy(error)
  return of.map(target => ({ ...target, ...outcome }))
}
