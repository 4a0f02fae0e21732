/*
 * Every conclusion GitHub gives a run or a check, and what it means here: one table, read by
 * `status` (written or `auto`), by `notify-when`'s comparison and by the default message's words.
 */
import type { Status } from '../rocketchat/index.js'

/**
 * The status each conclusion gives. A verdict is a success or a failure; the conclusions with no
 * verdict (the run was skipped, is waiting for approval, went stale or finished neutral) are `info`:
 * never a success, never "fixed", never a red failure, and they mention no one.
 */
export const CONCLUSION_STATUS = {
  success: 'success',
  failure: 'failure',
  timed_out: 'failure',
  startup_failure: 'failure',
  cancelled: 'cancelled',
  skipped: 'info',
  neutral: 'info',
  stale: 'info',
  action_required: 'info'
} as const satisfies Record<string, Status>

export type Conclusion = keyof typeof CONCLUSION_STATUS

/** A conclusion GitHub gives, or undefined for anything else (null while a run is in progress). */
export function conclusionOf(value: unknown): Conclusion | undefined {
  return typeof value === 'string' && Object.hasOwn(CONCLUSION_STATUS, value)
    ? (value as Conclusion)
    : undefined
}

/** A conclusion with no verdict: the run was neither a success nor a failure nor cancelled. */
export function isNoVerdict(conclusion: Conclusion | undefined): boolean {
  return conclusion !== undefined && CONCLUSION_STATUS[conclusion] === 'info'
}
