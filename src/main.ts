import * as core from '@actions/core'
import { readAuthorsWords } from './action/authors-words.js'
import { readRunnerContext } from './action/runner-context.js'
import { openFiles, withFileProblems } from './action/files.js'
import { readSettings } from './action/inputs.js'
import { withLogFiles } from './action/log-files.js'
import {
  credentialsInEnvironment,
  networkFromEnvironment,
  withExtraCaCerts
} from './action/network.js'
import { report, reportStopped, reportUnchanged } from './action/report.js'
import { comparePreviousTests } from './action/previous-tests.js'
import { withRunDetails } from './action/run-lookup.js'
import {
  readTestArtifact,
  readTestResults,
  replyWithFailures,
  setTestOutputs
} from './action/test-results.js'
import { errorMessage } from './shared/error-message.js'
import { redact } from './shared/redact.js'
import { deliver, DryRun, Transport, type Sender } from './rocketchat/index.js'
import { composeNotification } from './template/notification.js'
import { failuresReply, testResultsValue } from './template/test-results-wording.js'

/** One run: inputs -> context -> message -> delivery -> report. */
export async function run(): Promise<void> {
  // Every secret known so far, login tokens included, grows as the run learns them.
  const secrets: string[] = []
  // What the message went without, and why: the summary lists it, even for a run stopped later.
  let leftOut: string[] = []
  // Whether the run's outputs were written (or begun): a later error must not overwrite them.
  let reported = false
  const remember = (secret: string) => {
    core.setSecret(secret)
    secrets.push(secret)
  }
  try {
    // A password in a proxy URL or GITHUB_API_URL is masked before anything can print it.
    credentialsInEnvironment(process.env).forEach(remember)
    const settings = readSettings(core)
    secrets.push(...settings.secrets)
    // A mistake in the workflow is an error, but the alert still goes; the step fails after it.
    const mistakes = [...settings.mistakes]
    for (const mistake of mistakes) core.error(redact(mistake, secrets))
    // Proxy, user agent and deadline, decided once for every request of the run.
    const network = networkFromEnvironment(process.env)
    // Which text the runner filled in, from the workflow file: read beside the run's details.
    const authorsRead = readAuthorsWords(settings, settings.runDetails.token, process.env, network)
    // The status, what failed, where, and who should look: read from the run (on workflow_run,
    // the triggering one) only when the message needs it.
    // The runner's context, the event file parsed once for every part of the run that reads it.
    const runner = readRunnerContext(process.env)
    const details = await withRunDetails(settings, runner, network)
    const { input, context, unchanged, stepLogs } = details
    leftOut = details.leftOut
    if (unchanged !== undefined) {
      reported = true
      await reportUnchanged(unchanged, settings.destinations)
      return
    }
    // Only the author's own words act.
    const authors = await authorsRead
    if (authors && 'unknown' in authors) {
      core.notice(
        redact(
          `The workflow file could not be read: ${authors.unknown}; event text found in the inputs is sent as text instead, and text from elsewhere (a step output) may still act`,
          secrets
        )
      )
    }
    const filledIn = authors && 'filledIn' in authors ? { filledIn: authors.filledIn } : {}
    // Test reports: their counts and first failures go in the message; one that cannot be read is
    // a mistake, never a reason to keep the alert back.
    if (settings.testResults.length > 0 || settings.testResultsArtifact !== '') {
      // In the job that ran the tests, the artifact is where the next run finds its reports.
      const artifact =
        settings.testResultsArtifact === '' ||
        (runner.github.event_name !== 'workflow_run' && settings.testResults.length > 0)
          ? undefined
          : await readTestArtifact(
              settings.testResultsArtifact,
              settings.maxFileSize,
              settings.runDetails.token,
              runner,
              network
            )
      const tests = await readTestResults(
        settings.testResults,
        settings.maxFileSize,
        warning => {
          core.warning(warning)
        },
        undefined,
        artifact
      )
      for (const mistake of tests.mistakes) core.error(redact(mistake, secrets))
      mistakes.push(...tests.mistakes)
      // With notify-when or thread-key: which failures are new since the previous run.
      const previous = tests.summary
        ? await comparePreviousTests(
            tests.reports,
            {
              artifact: settings.testResultsArtifact,
              maxFileSize: settings.maxFileSize,
              token: settings.runDetails.token,
              notifyWhen: settings.runDetails.notifyWhen,
              threadKey: settings.threadKey
            },
            runner,
            network,
            details.pastRuns
          )
        : undefined
      leftOut.push(...(previous?.leftOut ?? []))
      if (tests.summary) {
        context.test_results = testResultsValue(tests.summary, context, previous?.compared)
      }
    }
    const message = await composeNotification({ ...input, ...filledIn }, context, {
      warn: warning => {
        core.warning(warning)
      },
      notice: notice => {
        core.notice(notice)
      },
      error: mistake => {
        core.error(redact(mistake, secrets))
        mistakes.push(mistake)
      }
    })

    if (message.threadKey?.implicit === true) {
      for (const destination of settings.destinations.filter(d => d.mode === 'webhook')) {
        core.notice(
          `${destination.masked}: a webhook cannot keep one thread per deployment nor find a ` +
            "deploy's message again (it cannot choose message ids), so it gets one message per " +
            'deployment status or deploy step; token or basic mode follows each deploy in one place'
        )
      }
    }
    const sender: Sender = settings.dryRun
      ? new DryRun(secrets)
      : new Transport({
          timeout: settings.timeout,
          retries: settings.retries,
          signal: AbortSignal.timeout(network.deadlineMs),
          userAgent: network.userAgent,
          proxy: network.proxy,
          ...(settings.caCert ? { caCert: withExtraCaCerts(settings.caCert, process.env) } : {})
        })
    const hooks = {
      onSecret: remember,
      onWarning: (warning: string) => {
        core.warning(warning)
      }
    }
    // Files to send after the message, held open from the check to the upload, then the failing
    // steps' logs (attach-log); a bad one is a failed result of its own, never a reason to keep
    // the message back.
    const files = withLogFiles(
      await openFiles(settings.files, settings.maxFileSize, hooks.onWarning),
      stepLogs,
      settings.maxFileSize
    )
    try {
      const delivered = await deliver(settings.destinations, message, {
        sender,
        hooks,
        maxPosts: settings.maxPosts,
        files: files.toSend
      })
      const results = withFileProblems(delivered, files.problems)
      if (context.test_results) {
        setTestOutputs(context.test_results)
        await replyWithFailures(
          failuresReply(context.test_results),
          settings.testFailuresShown,
          context.test_results,
          {
            results,
            destinations: settings.destinations,
            sender,
            hooks,
            threadId: message.threadId
          }
        )
      }
      reported = true
      await report({
        results,
        destinations: settings.destinations,
        message,
        plan: sender.plan,
        failOnError: settings.failOnError,
        secrets,
        mistakes,
        leftOut
      })
      if (mistakes.length > 0 && settings.failOnError) {
        core.setFailed(
          `${mistakes.length} mistake(s) in the step's inputs, reported above; the message was not held back for them`
        )
      }
    } finally {
      files.close()
      await sender.close()
    }
  } catch (error) {
    // The runner masks what setSecret was told; this also covers a failure's own words.
    const why = redact(errorMessage(error), secrets)
    core.setFailed(why)
    // Outputs and the summary say why too, unless the results were reported already.
    if (!reported) await reportStopped(why, secrets, leftOut)
  }
}
