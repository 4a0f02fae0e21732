import * as core from '@actions/core'
import { readWorkflowContext } from './action/context.js'
import { openFiles, withFileProblems } from './action/files.js'
import { readSettings } from './action/inputs.js'
import { proxyFromEnvironment, withExtraCaCerts } from './action/network.js'
import { report } from './action/report.js'
import { withRunDetails } from './action/run-details.js'
import { deliver } from './rocketchat/deliver.js'
import { DryRun } from './rocketchat/dry-run.js'
import { errorMessage, redact } from './rocketchat/errors.js'
import { Transport } from './rocketchat/transport.js'
import { composeNotification } from './template/notification.js'

const USER_AGENT = 'rocketchat-notify'
/** Every request and wait ends by then: a notifier must not hold a job hostage. */
const DEADLINE_MS = 180_000

/** One run: inputs -> context -> message -> delivery -> report. */
export async function run(): Promise<void> {
  // Every secret known so far, login tokens included, grows as the run learns them.
  const secrets: string[] = []
  try {
    const settings = readSettings(core)
    secrets.push(...settings.secrets)
    // What failed, where, and who should look: read from the run only when the message needs it.
    const workflow = readWorkflowContext(process.env, settings.status)
    const { input, context } = await withRunDetails(settings, workflow)
    const message = await composeNotification(input, context, warning => {
      core.warning(warning)
    })

    const sender = settings.dryRun
      ? new DryRun(secrets)
      : new Transport({
          timeout: settings.timeout,
          retries: settings.retries,
          signal: AbortSignal.timeout(DEADLINE_MS),
          userAgent: USER_AGENT,
          proxy: proxyFromEnvironment(process.env),
          ...(settings.caCert ? { caCert: withExtraCaCerts(settings.caCert, process.env) } : {})
        })
    const hooks = {
      onSecret: (secret: string) => {
        core.setSecret(secret)
        secrets.push(secret)
      },
      onWarning: (warning: string) => {
        core.warning(warning)
      }
    }
    // Files to send after the message, held open from the check to the upload; a bad one is a
    // failed result of its own, never a reason to keep the message back.
    const files = await openFiles(settings.files, settings.maxFileSize, hooks.onWarning)
    try {
      const delivered = await deliver(settings.destinations, message, {
        sender,
        hooks,
        maxPosts: settings.maxPosts,
        files: files.attachments
      })
      const results = withFileProblems(delivered, files.problems)
      await report({
        results,
        destinations: settings.destinations,
        message,
        plan: sender instanceof DryRun ? sender.requests : undefined,
        failOnError: settings.failOnError,
        secrets
      })
    } finally {
      files.close()
      if (sender instanceof Transport) await sender.close()
    }
  } catch (error) {
    // The runner masks what setSecret was told; this also covers a failure's own words.
    core.setFailed(redact(errorMessage(error), secrets))
  }
}
