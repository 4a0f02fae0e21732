/** Mass mentions in text this action did not write: defused so an event field cannot ping a room. */

/**
 * `@all`, `@here` and `@channel` as whole words; `@allison` is someone else. A following `.` or `:`
 * still counts as the end of the word, to stay on the safe side of Rocket.Chat's username rules.
 */
const MASS_MENTION = /@(?:all|here|channel)(?![0-9A-Za-z_-])/gi

/**
 * A zero-width space after the `@`: Rocket.Chat (server and message parser) only sees a mention
 * when username characters follow the `@` directly, and the space is invisible to readers.
 */
const DEFUSED_AT = '@\u200B'

/** Makes every `@all`, `@here` and `@channel` in `text` unable to ping. */
export function defuseMentions(text: string): string {
  return text.replace(MASS_MENTION, mention => DEFUSED_AT + mention.slice(1))
}

/**
 * Defuses the mass mentions that contain inserted text, including ones an inserted value completes
 * (`@${{ x }}` with x = `all`); the ones the template author wrote whole are kept.
 */
export function defuseWithin(output: string, inserted: [number, number][]): string {
  if (inserted.length === 0) return output
  return output.replace(MASS_MENTION, (mention, offset: number) => {
    const end = offset + mention.length
    const touched = inserted.some(([start, stop]) => offset < stop && end > start)
    return touched ? DEFUSED_AT + mention.slice(1) : mention
  })
}
