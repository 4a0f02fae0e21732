// `npm run bench`: how fast the committed bundle sends, side by side with its floors and Apprise.
// Builds nothing. Starts the fake Rocket.Chat on loopback and, as medians over repeated cold runs
// with each ratio taken pair by pair (A B A B ...), prints:
//   - a cold one-message webhook send of `node dist/index.js` against one-fetch, one-node:http and
//     `node -e 0` scripts, on Node 24 and Node 20, and against Apprise's CLI;
//   - a 20-target basic-mode fan-out with 50 ms of server latency per request against the latency
//     floor at the action's concurrency, and against Apprise on the same URL;
//   - a failure alert that reads the run's details from a fake GitHub API answering in 50 ms, against
//     the same alert without the lookup, and the API rounds it waits for before the post;
//   - a workflow_run failure report quoting the failing step's log (5,000 lines) at the same 50 ms,
//     against the same report with log-lines: 0, and its API rounds before the post;
//   - a later run in a keyed thread (thread-key, token mode, 50 ms per request) against the same
//     post without one, and the requests each makes;
//   - a templated send that reads its workflow file (one contents request to a fake GitHub) against
//     the same send with a plain body and the same templated send outside a workflow file (no read);
//   - `markdown()` of a 65,536-character issue body of each hostile family (cubic or quadratic
//     before), against the same body of plain words: each must render in under 1 s;
//   - a failure alert reading a 10,000-case JUnit report of 5 MB (test-results), against the same
//     alert without it;
//   - peak RSS of each, the bundle's size, and the time before the first request leaves.
// BENCH_RUNS (default 15) sets the repeats; BENCH_ONLY=cold runs the Node 24 cold sends only, BENCH_ONLY=workflow-file the workflow-file read only, BENCH_ONLY=test-results the test-results alert only; BENCH_APPRISE_FANOUT=0 skips Apprise's ~2-minute fan-out.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { DEFAULT_CONCURRENCY } from '../src/rocketchat/deliver.ts'
import { startFakeGitHub } from '../test/fake-github/server.ts'
import { startFakeServer } from '../test/fake-server/server.ts'
import {
  BUNDLE,
  NODE_20,
  NODE_24,
  NODE_24_SKIPPED,
  runnerEnvironment
} from '../test/support/run-action.ts'

// The figures are for the runtime GitHub uses; without it there is nothing to measure.
if (NODE_24 === undefined) {
  console.error(`npm run bench needs Node 24: ${NODE_24_SKIPPED}`)
  process.exit(1)
}

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const FANOUT_TARGETS = 20
const LATENCY_MS = 50
const floor = name => resolve('scripts/bench', name)
const apprise = spawnSync('sh', ['-c', 'command -v apprise']).stdout.toString().trim()

const server = await startFakeServer()
server.settings.rateLimit.enabled = false
const { webhook } = server.seed
const hookUrl = `${server.url}${webhook.path}`
const rocketHook = `rocket://${webhook.id}/${webhook.token}@${server.host}/`
const channels = Array.from({ length: FANOUT_TARGETS }, (_, i) => {
  server.addRoom({ name: `bench${i}`, type: 'c', members: ['bot'] })
  return `#bench${i}`
})
const rocketFanout = `rocket://bot:bot-password@${server.host}/${channels.join('/')}`

/** One cold run: wall time from spawn to exit, and when its first request reached the server. */
function timeRun({ command, args, env }) {
  const before = server.requests.length
  const startedAt = Date.now()
  const start = performance.now()
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env: env ?? process.env, stdio: 'ignore' })
    child.on('error', fail)
    child.on('exit', code => {
      const ms = performance.now() - start
      const first = server.requests[before]
      if (code !== 0) fail(new Error(`${command} ${args.join(' ')} exited ${code}`))
      else done({ ms, firstRequestMs: first ? first.receivedAt - startedAt : undefined })
    })
  })
}

/**
 * Peak RSS in MiB and CPU time (user + system) in ms, as the kernel counts them for the child
 * (python's getrusage of its children). CPU time hardly moves when other work shares the machine,
 * where wall time does. Spawned asynchronously: the fake server answering the child lives here.
 */
function usage({ command, args, env }) {
  const wrapper =
    'import resource,subprocess,sys\n' +
    'subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)\n' +
    'u=resource.getrusage(resource.RUSAGE_CHILDREN)\n' +
    'print(u.ru_maxrss,(u.ru_utime+u.ru_stime)*1000)'
  return new Promise((done, fail) => {
    const child = spawn('python3', ['-c', wrapper, command, ...args], { env: env ?? process.env })
    let out = ''
    child.stdout.on('data', chunk => (out += chunk))
    child.on('error', fail)
    child.on('exit', () => {
      const [kib, cpuMs] = out.trim().split(' ').map(Number)
      done({ rss: kib / 1024, cpuMs })
    })
  })
}

const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs A B C ... A B C ... `runs` times; each ratio is A over its neighbour in the same round. */
async function compare(title, contenders, runs = RUNS) {
  const times = contenders.map(() => [])
  const firsts = contenders.map(() => [])
  await timeRun(contenders[0]) // warm the disk cache once, as a runner's second step would be
  for (let round = 0; round < runs; round++) {
    for (const [i, contender] of contenders.entries()) {
      const { ms, firstRequestMs } = await timeRun(contender)
      times[i].push(ms)
      if (firstRequestMs !== undefined) firsts[i].push(firstRequestMs)
    }
  }
  console.log(`\n### ${title}\n`)
  console.log(
    '| run | median ms | first request ms | peak RSS MiB | CPU ms | A/B ratio (median of pairs) |'
  )
  console.log('|---|---:|---:|---:|---:|---:|')
  const rows = []
  for (const [i, contender] of contenders.entries()) {
    const ratios = times[0].map((a, round) => a / times[i][round])
    const used = []
    for (let i = 0; i < 5; i++) used.push(await usage(contender))
    const rss = median(used.map(u => u.rss))
    const cpuMs = median(used.map(u => u.cpuMs))
    const first = firsts[i].length ? median(firsts[i]).toFixed(0) : '-'
    const ratio = i === 0 ? '(A)' : `${median(ratios).toFixed(2)}x`
    rows.push({ name: contender.name, ms: median(times[i]), ratio: median(ratios), rss, cpuMs })
    console.log(
      `| ${contender.name} | ${median(times[i]).toFixed(0)} | ${first} | ${rss.toFixed(1)} | ${cpuMs.toFixed(0)} | ${ratio} |`
    )
  }
  return rows
}

function action(node, inputs) {
  const { env } = runnerEnvironment(inputs)
  return { name: `action (${label(node)})`, command: node, args: [BUNDLE], env }
}
const label = node => (node === NODE_24 ? 'Node 24' : 'Node 20')
const script = (node, name, file, ...args) => ({
  name: `${name} (${label(node)})`,
  command: node,
  args: [file, ...args]
})

console.log(`# npm run bench: ${new Date().toISOString()}, ${RUNS} cold runs per row`)
console.log(`\n\`dist/index.js\`: ${(statSync(BUNDLE).size / 1024).toFixed(0)} KiB`)
// Node 20 is reported beside Node 24 when this machine has one.
const runtimes = NODE_20 && process.env.BENCH_ONLY !== 'cold' ? [NODE_24, NODE_20] : [NODE_24]
const versions = runtimes.map(n => spawnSync(n, ['-v']).stdout.toString().trim())
console.log(`Node: ${versions.join(', ')}; Apprise: ${apprise || 'not installed'}`)

/** A templated send and its workflow-file read, against a plain body: rows and GitHub requests. */
async function workflowFileBench(github) {
  // A templated send (`{{ github.sha }}` could act): the step's with: is read from the workflow file
  // at GITHUB_WORKFLOW_SHA, one contents request, against the same send with a plain body (none).
  github.reset()
  const workflowSha = '89abcdef0123456789abcdef0123456789abcdef'
  github.addFile(
    '.github/workflows/ci.yml',
    workflowSha,
    'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - id: notify\n' +
      '        uses: rocketchat-notify/action@v1\n        with:\n          url: ${{ secrets.ROCKET_URL }}\n' +
      "          body: 'Deployed {{ github.sha }} by octocat'\n"
  )
  const deployedSend = (name, body, workflowRef = true) => {
    const { env } = runnerEnvironment(
      { url: rocketHook, body, 'github-token': 'ghs_bench' },
      {
        env: {
          GITHUB_API_URL: github.apiUrl,
          ...(workflowRef
            ? {
                GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
                GITHUB_WORKFLOW_SHA: workflowSha
              }
            : {}),
          GITHUB_ACTION: 'notify'
        }
      }
    )
    return { name, command: NODE_24, args: [BUNDLE], env }
  }
  const fileReads = [
    deployedSend('templated send, workflow file read', 'Deployed {{ github.sha }} by octocat'),
    deployedSend('same send, plain body (no read)', 'Deployed by octocat'),
    // Outside a workflow file (no GITHUB_WORKFLOW_REF): the template's own cost, without the read.
    deployedSend(
      'same templated send, no GITHUB_WORKFLOW_REF (no read)',
      'Deployed {{ github.sha }} by octocat',
      false
    )
  ]
  const workflowFile = await compare(
    'A templated send reading its workflow file (API at 0 ms), Node 24',
    fileReads,
    Math.min(RUNS, 9)
  )
  const githubRequestsOf = async contender => {
    github.requests.length = 0
    await timeRun(contender)
    return github.requests.map(r => r.route ?? r.url)
  }
  const templatedRequests = await githubRequestsOf(fileReads[0])
  const plainSendRequests = await githubRequestsOf(fileReads[1])
  console.log(
    `\nGitHub requests per run: templated ${templatedRequests.length} (${templatedRequests.join(', ')}), ` +
      `plain ${plainSendRequests.length}; the read adds ${(workflowFile[0].ms - workflowFile[2].ms).toFixed(0)} ms ` +
      `to the templated send, which is ${(workflowFile[2].ms - workflowFile[1].ms).toFixed(0)} ms over the plain one (medians).`
  )
  return { templatedRequests, plainSendRequests, workflowFile }
}

// test-results: a JUnit report of 10,000 cases in 5 MB, 1 in 50 failing with a stack trace; the
// same tests as node:test's TAP (a subtest of 50 each, YAML diagnostics) and as CTRF.
const TEST_CASES = 10_000
async function testResultsBench() {
  const reportDir = mkdtempSync(join(tmpdir(), 'bench-tests-'))
  const trace = Array.from(
    { length: 12 },
    (_, i) => `    at step${i} (src/module${i}.ts:${i + 10}:5)`
  )
  const cases = Array.from({ length: TEST_CASES }, (_, i) => {
    const name = `suite ${i % 200} > does thing number ${i} with a long enough descriptive name`
    const head = `<testcase classname="src/module${i % 200}.test.ts" name="${name}" time="0.0${i % 90}">`
    const body =
      i % 50 === 0
        ? `<failure message="expected ${i} to be ${i + 1}" type="AssertionError">AssertionError: expected ${i}\n${trace.join('\n')}\n ❯ src/module${i % 200}.test.ts:${i % 400}:7\n</failure>`
        : `<system-out>${'log line of the test output '.repeat(14)}</system-out>`
    return `${head}${body}</testcase>`
  })
  const junit = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench" time="252.4">\n<testsuite name="all" tests="${TEST_CASES}">\n${cases.join('\n')}\n</testsuite>\n</testsuites>\n`
  writeFileSync(join(reportDir, 'junit.xml'), junit)
  const reportBytes = statSync(join(reportDir, 'junit.xml')).size
  const tap = ['TAP version 13']
  for (let suite = 0; suite < TEST_CASES / 50; suite++) {
    tap.push(`# Subtest: suite ${suite}`)
    for (let j = 0; j < 50; j++) {
      const i = suite * 50 + j
      const name = `does thing number ${i} with a long enough descriptive name`
      tap.push(`    # Subtest: ${name}`, `    ${j === 0 ? 'not ok' : 'ok'} ${j + 1} - ${name}`)
      tap.push('      ---', `      duration_ms: ${(i % 90) / 10}`)
      if (j === 0) {
        tap.push(
          `      location: '${reportDir}/src/module${suite}.test.ts:${i % 400}:7'`,
          `      error: 'expected ${i} to be ${i + 1}'`,
          '      stack: |-',
          ...trace.map(line => `        ${line.trim()}`)
        )
      }
      tap.push('      ...')
    }
    tap.push(
      '    1..50',
      `not ok ${suite + 1} - suite ${suite}`,
      '  ---',
      '  duration_ms: 100',
      '  ...'
    )
  }
  tap.push(`1..${TEST_CASES / 50}`, '# duration_ms 252400')
  writeFileSync(join(reportDir, 'report.tap'), `${tap.join('\n')}\n`)
  const ctrfTests = Array.from({ length: TEST_CASES }, (_, i) => ({
    name: `suite ${i % 200} > does thing number ${i} with a long enough descriptive name`,
    status: i % 50 === 0 ? 'failed' : 'passed',
    duration: i % 90,
    filePath: `${reportDir}/src/module${i % 200}.test.ts`,
    ...(i % 50 === 0 ? { message: `expected ${i} to be ${i + 1}`, trace: trace.join('\n') } : {})
  }))
  const ctrf = {
    results: { tool: { name: 'bench' }, summary: { start: 0, stop: 252400 }, tests: ctrfTests }
  }
  writeFileSync(join(reportDir, 'ctrf.json'), JSON.stringify(ctrf))
  const bytes = name => (statSync(join(reportDir, name)).size / 1e6).toFixed(1)
  const testsAlert = (name, inputs) => {
    const { env } = runnerEnvironment(
      { url: rocketHook, status: 'failure', ...inputs },
      { env: { GITHUB_WORKSPACE: reportDir } }
    )
    return { name, command: NODE_24, args: [BUNDLE], env }
  }
  const rows = await compare(
    `failure alert with a ${TEST_CASES}-case JUnit report (${(reportBytes / 1e6).toFixed(1)} MB), Node 24`,
    [
      testsAlert('with test-results', { 'test-results': 'junit.xml' }),
      testsAlert('without test-results', {}),
      testsAlert(`with TAP (${bytes('report.tap')} MB)`, { 'test-results': 'report.tap' }),
      testsAlert(`with CTRF (${bytes('ctrf.json')} MB)`, { 'test-results': 'ctrf.json' })
    ]
  )
  return { rows, reportBytes }
}

const testResultsVerdict = ({ rows, reportBytes }) =>
  `- test-results, ${TEST_CASES} cases in ${(reportBytes / 1e6).toFixed(1)} MB of JUnit: ` +
  `+${(rows[0].ms - rows[1].ms).toFixed(0)} ms, +${(rows[0].rss - rows[1].rss).toFixed(1)} MiB ` +
  'peak RSS over the same alert without it (target <= 300 ms, 60 MiB)' +
  rows
    .slice(2)
    .map(
      row =>
        `\n- test-results, the same tests ${row.name.slice(5)}: +${(row.ms - rows[1].ms).toFixed(0)} ms, ` +
        `+${(row.rss - rows[1].rss).toFixed(1)} MiB`
    )
    .join('')

// BENCH_ONLY=test-results runs that comparison alone.
if (process.env.BENCH_ONLY === 'test-results') {
  const tests = await testResultsBench()
  await server.close()
  console.log(`\n${testResultsVerdict(tests)}`)
  process.exit(0)
}

// BENCH_ONLY=workflow-file runs that comparison alone.
if (process.env.BENCH_ONLY === 'workflow-file') {
  const github = await startFakeGitHub()
  await workflowFileBench(github)
  await github.close()
  await server.close()
  process.exit(0)
}

const summary = {}
for (const node of runtimes) {
  const rows = await compare(`Cold one-message webhook send, ${label(node)}`, [
    action(node, { url: rocketHook, title: 'bench', body: 'bench' }),
    script(node, 'one fetch', floor('floor-fetch.mjs'), hookUrl),
    script(node, 'one node:http', floor('floor-http.mjs'), hookUrl),
    { name: `node -e 0 (${label(node)})`, command: node, args: ['-e', '0'] }
  ])
  summary[label(node)] = rows
}

// BENCH_ONLY=cold stops after the cold sends on Node 24: the start-up budget alone, in a fraction
// of the time.
if (process.env.BENCH_ONLY === 'cold') {
  await server.close()
  process.exit(0)
}

if (apprise) {
  const rows = await compare(
    'Cold one-message webhook send, against Apprise',
    [
      action(NODE_24, { url: rocketHook, title: 'bench', body: 'bench' }),
      { name: 'apprise CLI', command: apprise, args: ['-t', 'bench', '-b', 'bench', rocketHook] }
    ],
    Math.min(RUNS, 7)
  )
  summary.apprise = rows
}

server.settings.latencyMs = LATENCY_MS
const rounds = 2 + Math.ceil(FANOUT_TARGETS / DEFAULT_CONCURRENCY)
console.log(
  `\nFan-out: ${FANOUT_TARGETS} targets, basic mode, ${LATENCY_MS} ms per request, concurrency ` +
    `${DEFAULT_CONCURRENCY}: ${rounds} round trips (login, posts, logout) = ${rounds * LATENCY_MS} ms of latency.`
)
const fanout = await compare(
  `Fan-out of ${FANOUT_TARGETS} targets, Node 24`,
  [
    action(NODE_24, { url: rocketFanout, title: 'bench', body: 'bench' }),
    script(
      NODE_24,
      `latency floor at concurrency ${DEFAULT_CONCURRENCY}`,
      floor('floor-fanout.mjs'),
      server.url,
      'bot',
      'bot-password',
      String(DEFAULT_CONCURRENCY),
      ...channels
    )
  ],
  Math.min(RUNS, 9)
)
if (apprise && process.env.BENCH_APPRISE_FANOUT !== '0') {
  const { ms } = await timeRun({
    command: apprise,
    args: ['-t', 'bench', '-b', 'bench', rocketFanout]
  })
  console.log(
    `\nApprise CLI, same fan-out, one run: ${(ms / 1000).toFixed(1)} s; the action is ` +
      `${(ms / fanout[0].ms).toFixed(0)}x faster.`
  )
}

// A keyed thread (thread-key), token mode to a room id, each request 50 ms: the first run looks the
// root up and creates it; every later run looks it up before its post and updates it after.
const keyedUrl = `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/GENERAL?mode=token`
const keyed = (name, inputs) => ({
  ...action(NODE_24, { url: keyedUrl, body: 'bench', ...inputs }),
  name
})
const threadRuns = [
  keyed('later run in a keyed thread', { 'thread-key': 'bench-{{ github.sha }}' }),
  keyed('same post, no thread-key', {})
]
await timeRun(threadRuns[0]) // the root exists from here on: the rows time later runs
const threads = await compare(
  `A keyed thread, token mode, ${LATENCY_MS} ms per request, Node 24`,
  threadRuns,
  Math.min(RUNS, 9)
)
const requestsOf = async contender => {
  const start = server.requests.length
  await timeRun(contender)
  return server.requests.slice(start).map(r => r.path.replace('/api/v1/', ''))
}
const keyedRequests = await requestsOf(threadRuns[0])
const plainRequests = await requestsOf(threadRuns[1])
console.log(
  `\nRequests per run: keyed thread ${keyedRequests.length} (${keyedRequests.join(', ')}), ` +
    `without ${plainRequests.length}; the thread adds ${(threads[0].ms - threads[1].ms).toFixed(0)} ms (medians).`
)

// A failure alert with the run's details: jobs, then the failed job's annotations, each answer 50 ms.
server.settings.latencyMs = 0
const github = await startFakeGitHub()
github.latencyMs = LATENCY_MS
github.addJob({ name: 'lint', result: 'success' })
github.addJob({
  name: 'unit-tests (ubuntu-latest, 20)',
  result: 'failure',
  failedStep: 4,
  annotations: [{ message: 'expected 2 to be 3', path: 'test/sum.test.ts', line: 12 }]
})
github.addJob({ name: 'notify', result: 'in_progress' })
const failureAlert = (name, inputs) => {
  const { env } = runnerEnvironment(
    { url: rocketHook, status: 'failure', 'github-token': 'ghs_bench', ...inputs },
    { env: { GITHUB_API_URL: github.apiUrl, GITHUB_RUN_ID: String(github.runId) } }
  )
  return { name, command: NODE_24, args: [BUNDLE], env }
}
const withDetails = failureAlert('failure alert with run details', {})
const details = await compare(
  `Failure alert with the run's details, API at ${LATENCY_MS} ms, Node 24`,
  [withDetails, failureAlert('same alert, custom body (no lookup)', { body: 'CI failed' })],
  Math.min(RUNS, 9)
)
/**
 * One more run, watched: which API requests (the signed log URL's too) came before the post, in
 * how many rounds of LATENCY_MS.
 */
async function apiRoundsOf(contender, rows) {
  github.requests.length = 0
  github.signedRequests.length = 0
  const postsBefore = server.requests.length
  await timeRun(contender)
  const postedAt = server.requests[postsBefore]?.receivedAt ?? Infinity
  const before = [...github.requests, ...github.signedRequests]
    .filter(r => r.receivedAt < postedAt)
    .sort((a, b) => a.receivedAt - b.receivedAt)
  let rounds = 0
  let roundStart = -Infinity
  for (const { receivedAt } of before) {
    if (receivedAt - roundStart >= LATENCY_MS * 0.8) {
      rounds++
      roundStart = receivedAt
    }
  }
  const lookupMs = rows[0].ms - rows[1].ms
  console.log(
    `\nAPI before the post: ${before.length} request(s) in ${rounds} round(s) ` +
      `(${rounds * LATENCY_MS} ms of latency); the lookup adds ${lookupMs.toFixed(0)} ms (medians).`
  )
  return rounds
}
const apiRounds = await apiRoundsOf(withDetails, details)

// A workflow_run failure report: the triggering run's jobs, annotations and the failing step's log.
github.reset()
github.latencyMs = LATENCY_MS
github.addJob({ name: 'lint', result: 'success' })
github.addJob({
  name: 'unit-tests',
  result: 'failure',
  failedStep: 4,
  annotations: [{ message: 'expected 2 to be 3', path: 'test/sum.test.ts', line: 12 }],
  failedStepLog: Array.from({ length: 5000 }, (_, i) => `\u001b[32m✓\u001b[39m test ${i} passed`)
})
const workflowRunReport = (name, inputs) => {
  const { env } = runnerEnvironment(
    { url: rocketHook, status: 'auto', 'github-token': 'ghs_bench', ...inputs },
    {
      eventName: 'workflow_run',
      event: {
        action: 'completed',
        workflow_run: {
          id: github.runId,
          run_attempt: github.attempt,
          run_number: 17,
          name: 'CI',
          workflow_id: github.workflowId,
          head_branch: 'main',
          conclusion: 'failure'
        }
      },
      env: { GITHUB_API_URL: github.apiUrl, GITHUB_RUN_ID: '555000111' }
    }
  )
  return { name, command: NODE_24, args: [BUNDLE], env }
}
const withLog = workflowRunReport('workflow_run failure report with log quote', {})
const report = await compare(
  `workflow_run failure report, API and signed log URL at ${LATENCY_MS} ms, Node 24`,
  [withLog, workflowRunReport('same report, log-lines: 0', { 'log-lines': '0' })],
  Math.min(RUNS, 9)
)
const reportRounds = await apiRoundsOf(withLog, report)

const { templatedRequests, plainSendRequests, workflowFile } = await workflowFileBench(github)
await github.close()

// markdown() on the largest issue body GitHub accepts, of each shape that once held a step for
// minutes (a cubic or quadratic pattern), against plain words of the same size.
const BODY_SIZE = 65_536
const fill = (unit, head = '') =>
  head + unit.repeat(Math.ceil((BODY_SIZE - head.length) / unit.length))
const hostile = {
  'plain words': fill('word '),
  '<a href="" repeated': fill('<a href="" '),
  'a run of backticks': fill('`', 'text '),
  'a run of [': fill('['),
  'a heading with many spaces': fill(' ', '#').slice(0, -1) + 'x',
  '<details repeated': fill('<details ')
}
const markdownRun = (name, body) => {
  const { env } = runnerEnvironment(
    { url: rocketHook, body: '{{ markdown(github.event.issue.body) }}' },
    {
      event: { issue: { number: 1, title: 'x', body: body.slice(0, BODY_SIZE) } },
      eventName: 'issues'
    }
  )
  return { name, command: NODE_24, args: [BUNDLE], env }
}
const rendered = await compare(
  `markdown() of a ${BODY_SIZE}-character issue body, Node 24`,
  Object.entries(hostile).map(([name, body]) => markdownRun(name, body)),
  Math.min(RUNS, 5)
)
const slowest = rendered.slice(1).reduce((a, b) => (b.ms > a.ms ? b : a))

const tests = await testResultsBench()
await server.close()

console.log('\n### Verdict (Node 24)\n')
const n24 = summary['Node 24']
console.log(`- cold send / one-fetch floor: ${n24[1].ratio.toFixed(2)}x (target <= 1.10x)`)
if (summary.apprise)
  console.log(`- cold send / Apprise CLI: ${summary.apprise[1].ratio.toFixed(2)}x (target < 1x)`)
console.log(`- fan-out / latency floor: ${fanout[1].ratio.toFixed(2)}x (target <= 1.3x)`)
console.log(
  `- failure alert, API rounds before the post: ${apiRounds} (jobs; annotations and the log ` +
    'redirect; the signed log)'
)
console.log(
  `- workflow_run failure report with log quote: ${report[0].ms.toFixed(0)} ms, ` +
    `${reportRounds} API rounds before the post, the log adding ${(report[0].ms - report[1].ms).toFixed(0)} ms`
)
console.log(
  `- keyed thread, later run: ${keyedRequests.length - plainRequests.length} request(s) more than a plain post (target <= 2)`
)
console.log(
  `- markdown() of ${BODY_SIZE} hostile characters: slowest ${slowest.name}, ` +
    `${slowest.ms.toFixed(0)} ms, ${(slowest.ms - rendered[0].ms).toFixed(0)} ms over plain words (target < 1 s)`
)
console.log(
  `- templated send reading its workflow file: ${templatedRequests.length} GitHub request(s), ` +
    `${(workflowFile[0].ms - workflowFile[2].ms).toFixed(0)} ms over the same send without the read; a plain body makes ${plainSendRequests.length}`
)
console.log(testResultsVerdict(tests))
console.log(`- peak RSS: ${n24[0].rss.toFixed(1)} MiB (target < 64 MiB)`)
console.log(`- dist/index.js: ${(statSync(BUNDLE).size / 1e6).toFixed(2)} MB (target < 1.5 MB)`)
