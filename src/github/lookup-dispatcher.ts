import { createDispatcher, type ProxySettings } from '../rocketchat/index.js'

/**
 * The HTTP stack of one GitHub read: the posts' dispatcher with the run's proxy rule, the system's
 * certificate authorities (`ca-cert` is the Rocket.Chat server's) and the read's budget for
 * connecting and for the answer. Apart from api.ts, so workflow-file.ts loads no Octokit.
 */
export function lookupDispatcher(options: {
  proxy?: ProxySettings | undefined
  timeoutMs: number
}): ReturnType<typeof createDispatcher> {
  return createDispatcher({
    proxy: options.proxy,
    ca: undefined,
    rejectUnauthorized: true,
    connectMs: options.timeoutMs,
    answerMs: options.timeoutMs
  })
}
