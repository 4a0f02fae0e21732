/**
 * Bundled in place of `@actions/http-client` (tsconfig `paths`, which ncc follows). @actions/core
 * imports it at start-up only for getIDToken, which this action never calls, and it would load
 * all of undici on every run: about 30 ms of a cold start. Calling it is a bug, said plainly.
 *
 * @actions/github builds a default proxy agent from it when it loads (src/github/), which this
 * action replaces with its own fetch: that agent is "none", as http-client gives without a proxy.
 */
function unused(): never {
  throw new Error('@actions/http-client is not bundled: OIDC tokens are not used by this action')
}

export class HttpClient {
  getAgent(): undefined {
    return undefined
  }

  getAgentDispatcher(): undefined {
    return undefined
  }

  getJson(): never {
    unused()
  }
}

// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- stands in for a class core constructs
export class BearerCredentialHandler {
  constructor() {
    unused()
  }
}
