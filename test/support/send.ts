import { deliver } from '../../src/rocketchat/deliver.js'
import { Transport, type Sender, type TransportOptions } from '../../src/rocketchat/transport.js'
import type { FileToSend } from '../../src/rocketchat/upload.js'
import type { Message, TargetResult } from '../../src/rocketchat/types.js'
import { parseRocketUrl } from '../../src/rocketchat/url/index.js'

export interface Delivery {
  results: TargetResult[]
  warnings: string[]
  /** Login tokens the library asked to mask. */
  secrets: string[]
}

export interface SendOptions extends Partial<TransportOptions> {
  concurrency?: number
  files?: FileToSend[]
  /** Another sender than a fresh Transport (a DryRun). */
  sender?: Sender
}

/** The library as the action drives it: parse URLs, deliver over a real Transport, close it. */
export async function send(
  urls: string | string[],
  message: Partial<Message> = {},
  options: SendOptions = {}
): Promise<Delivery> {
  const destinations = [urls].flat().map(url => parseRocketUrl(url).destination)
  const { concurrency, files, sender: given, ...transportOptions } = options
  const sender =
    given ??
    new Transport({
      timeout: 5,
      retries: 2,
      signal: AbortSignal.timeout(60_000),
      userAgent: 'rocketchat-notify-test',
      backoffMs: 5,
      ...transportOptions
    })
  const warnings: string[] = []
  const secrets: string[] = []
  try {
    const results = await deliver(
      destinations,
      { title: 'Build failed', body: 'main is red', status: 'failure', ...message },
      {
        sender,
        ...(concurrency === undefined ? {} : { concurrency }),
        ...(files === undefined ? {} : { files }),
        hooks: { onSecret: s => secrets.push(s), onWarning: w => warnings.push(w) }
      }
    )
    return { results, warnings, secrets }
  } finally {
    if (sender instanceof Transport) await sender.close()
  }
}

/** What a result says went wrong: a failure's error or an unconfirmed post's reason. */
export function words(result: TargetResult | undefined): string | undefined {
  if (result?.outcome === 'failed') return result.error
  if (result?.outcome === 'unconfirmed') return result.reason
  return undefined
}

/** The message and room ids of a delivered or updated result, else nothing. */
export function idsOf(result: TargetResult | undefined): { messageId?: string; roomId?: string } {
  if (result?.outcome !== 'delivered' && result?.outcome !== 'updated') return {}
  return {
    ...(result.messageId === undefined ? {} : { messageId: result.messageId }),
    ...(result.roomId === undefined ? {} : { roomId: result.roomId })
  }
}
