/** The targets of a URL: `#channel`, `@user` and room ids, from the path and every `to=`. */
import type { Destination, Target } from '../types.js'
import { decode, TARGET_SEPARATORS } from './tokenize.js'

/** Channel and user names as Rocket.Chat allows them, non-ASCII letters included. */
const NAME = /^[\p{L}\p{M}\p{N}._-]+$/u
const ALNUM = /^[A-Za-z0-9]+$/

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

/**
 * The path's targets, then the `to=` ones, in the order written, each once. One that cannot be a
 * target is rejected with the reason instead of failing the URL, so the others still get the post.
 */
export function readTargets(
  path: string,
  to: string[]
): Pick<Destination, 'targets' | 'rejectedTargets'> {
  const pieces = [...splitTargets(path).map(decode), ...to.flatMap(value => splitTargets(value))]
  const seen = new Set<string>()
  const result: Pick<Destination, 'targets' | 'rejectedTargets'> = {
    targets: [],
    rejectedTargets: []
  }
  for (const piece of pieces) {
    const target = classify(piece)
    const key = target === undefined ? piece : describeTarget(target)
    if (seen.has(key)) continue
    seen.add(key)
    if (target === undefined) result.rejectedTargets.push({ target: piece, reason: reason(piece) })
    else result.targets.push(target)
  }
  return result
}

/** Apprise's separators, and a new target at every '#' (`/#a#b`, `ROOM1#chan`). */
function splitTargets(text: string): string[] {
  return text
    .split(TARGET_SEPARATORS)
    .flatMap(piece => piece.split(/(?=#)/))
    .filter(Boolean)
}

function classify(piece: string): Target | undefined {
  const name = piece.slice(1)
  if (piece.startsWith('#')) return NAME.test(name) ? { kind: 'channel', name } : undefined
  if (piece.startsWith('@')) return NAME.test(name) ? { kind: 'user', name } : undefined
  return ALNUM.test(piece) ? { kind: 'room', id: piece } : undefined
}

function reason(piece: string): string {
  const hint = NAME.test(piece) ? `; for a channel write '#${piece}'` : ''
  return `expected #channel, @user or a room id (letters and digits)${hint}`
}
