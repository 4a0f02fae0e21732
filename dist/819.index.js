export const id = 819;
export const ids = [819];
export const modules = {

/***/ 1819:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readArtifactZip: () => (/* binding */ readArtifactZip),
  readPastRuns: () => (/* binding */ readPastRuns),
  readRun: () => (/* binding */ readRun),
  readRunAttempt: () => (/* binding */ readRunAttempt)
});

// UNUSED EXPORTS: RunLookupError

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(157);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(4371);
// EXTERNAL MODULE: ./src/github/lookup-dispatcher.ts
var lookup_dispatcher = __webpack_require__(3779);
;// CONCATENATED MODULE: ./src/github/logs.ts
/** `2026-12-01T10:00:01.1234567Z ` before every line of a job's log (a BOM before the first). */
const TIMESTAMP = /^\uFEFF?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) ?/;
/** What is left of a timestamp cut by the end of the log. */
const CUT_TIMESTAMP = /^\uFEFF?\d{4}-[\d:.TZ-]*$/;
/**
 * Terminal escape sequences, each removed whole: an OSC (ESC ], up to BEL or ESC \\, or the line's
 * end), so an OSC 8 hyperlink leaves its label and nothing of its URL; a CSI (colours, cursor: ESC [
 * parameters intermediates final); or a two-byte escape.
 */
// eslint-disable-next-line no-control-regex -- removing escape sequences is the point
const ANSI = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-_]/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const MARKER = /^##\[([a-z]+)\]/;
const LINE_LENGTH = 300;
const ERRORS = 5;
/** The runner's own lines after the last step: the failing step's part ends before them. */
const JOB_END = /^(Post job cleanup\.|Cleaning up orphan processes)/;
/**
 * The failing step's errors and last `lines` lines. The step's part is found by its start and end
 * times from the jobs answer (the log's timestamps are finer than the API's whole seconds, so the
 * window runs to the end of its last second), else by its `##[group]<step name>` marker; without
 * either, the end of the log. Empty when there is nothing to quote.
 */
function logExcerpt(log, step, lines) {
    return failingStepLog(log, step, lines).excerpt;
}
/** The excerpt, and the step's whole part when the excerpt is shorter than it. */
function failingStepLog(log, step, lines) {
    const part = stepPart(parse(log), step);
    const shown = part
        .map((line, index) => ({ index, text: display(line.text) }))
        .filter((entry) => entry.text !== undefined);
    while (shown.length > 0 && shown[shown.length - 1]?.text.trim() === '')
        shown.pop();
    // The quote shows every line the log page would, none of them cut: a file would add nothing.
    const quotesAll = lines > 0 && shown.length <= lines && shown.every(entry => bounded(entry.text) === entry.text);
    const whole = quotesAll || shown.length === 0 ? undefined : wholePart(part);
    return { excerpt: lines > 0 ? excerpt(part, shown, lines) : '', whole };
}
function excerpt(part, shown, lines) {
    const errors = part
        .map((line, index) => ({ index, marker: MARKER.exec(line.text)?.[1], line }))
        .filter(entry => entry.marker === 'error')
        .slice(0, ERRORS);
    const tail = shown.slice(-lines);
    const tailStart = tail[0]?.index ?? part.length;
    const earlier = errors.filter(entry => entry.index < tailStart);
    const quoted = earlier.map(entry => bounded(display(entry.line.text) ?? ''));
    if (earlier.length > 0 && tail.length > 0)
        quoted.push('\u2026');
    quoted.push(...tail.map(entry => bounded(entry.text)));
    return quoted.join('\n');
}
/** The part's lines as written, without the blank lines at its end, ending in a line break. */
function wholePart(part) {
    const texts = part.map(line => line.text);
    while (texts.length > 0 && texts[texts.length - 1]?.trim() === '')
        texts.pop();
    return `${texts.join('\n')}\n`;
}
function parse(log) {
    const raw = log.split('\n');
    const lines = [];
    let at;
    for (const [i, line] of raw.entries()) {
        // The last line may be cut inside its timestamp: nothing of it is log text.
        if (i === raw.length - 1 && CUT_TIMESTAMP.test(line))
            continue;
        const stamp = TIMESTAMP.exec(line);
        if (stamp?.[1] !== undefined) {
            const parsed = Date.parse(stamp[1]);
            if (!Number.isNaN(parsed))
                at = parsed;
        }
        const text = lastRewrite(stamp ? line.slice(stamp[0].length) : line)
            .replace(ANSI, '')
            .replace(CONTROL, '')
            .trimEnd();
        lines.push({ at, text });
    }
    return lines;
}
/** A line a progress bar rewrote with `\r` shows what came after the last one (a CRLF end aside). */
function lastRewrite(line) {
    let end = line.length;
    while (end > 0 && line[end - 1] === '\r')
        end--;
    return line.slice(line.lastIndexOf('\r', end - 1) + 1, end);
}
function stepPart(lines, step) {
    if (step === undefined)
        return lines;
    const start = seconds(step.startedAt);
    const end = seconds(step.completedAt);
    if (start !== undefined && end !== undefined) {
        const inside = lines.filter(line => line.at !== undefined && line.at >= start && line.at < end + 1000);
        if (inside.length > 0)
            return beforeJobEnd(fromMarker(inside, step.name) ?? inside);
    }
    const marked = fromMarker(lines, step.name);
    return marked === undefined ? lines : beforeJobEnd(marked);
}
/** The post steps can start within the failing step's last second: their lines are not its. */
function beforeJobEnd(lines) {
    const end = lines.findIndex(line => JOB_END.test(line.text));
    return end > 0 ? lines.slice(0, end) : lines;
}
/** From the step's last `##[group]<name>` line on, if there is one. */
function fromMarker(lines, name) {
    const marker = `##[group]${name}`;
    for (let i = lines.length - 1; i >= 0; i--) {
        if (lines[i]?.text === marker)
            return lines.slice(i);
    }
    return undefined;
}
/** A line as the log page shows it; undefined for lines it hides (group ends, debug). */
function display(text) {
    const marker = MARKER.exec(text);
    if (!marker)
        return text;
    const rest = text.slice(marker[0].length);
    switch (marker[1]) {
        case 'error':
            return `Error: ${rest}`;
        case 'warning':
            return `Warning: ${rest}`;
        case 'notice':
            return `Notice: ${rest}`;
        case 'endgroup':
        case 'debug':
            return undefined;
        default:
            return rest;
    }
}
function bounded(text) {
    if (text.length <= LINE_LENGTH)
        return text;
    const chars = Array.from(text);
    return chars.length > LINE_LENGTH ? `${chars.slice(0, LINE_LENGTH - 1).join('')}\u2026` : text;
}
/** The API's step times are whole seconds: the start of that second. */
function seconds(iso) {
    if (iso === undefined)
        return undefined;
    const t = Date.parse(iso);
    return Number.isNaN(t) ? undefined : Math.floor(t / 1000) * 1000;
}

// EXTERNAL MODULE: ./src/github/lookup-error.ts
var lookup_error = __webpack_require__(3658);
// EXTERNAL MODULE: ./src/github/jobs.ts
var github_jobs = __webpack_require__(203);
;// CONCATENATED MODULE: ./src/github/api.ts
/**
 * Reads a run's jobs, the failed jobs' annotations and the failing steps' logs, and a workflow's
 * past runs, through the REST API with the toolkit's Octokit. Loaded by dynamic import only when a message needs them: Octokit is what a plain send never
 * pays for. Requests go through the run's one HTTP stack (`createDispatcher`, undici), as the posts do.
 */







const JOBS_ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs';
const ANNOTATIONS_ROUTE = 'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations';
const PER_PAGE = 100;
/** 500 jobs: more than a run shows on one page of its graph. */
const MAX_PAGES = 5;
const LOG_ROUTE = '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs';
const RUNS_ROUTE = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
/** Logs are read for the first finished failed jobs only. */
const MAX_LOGGED_JOBS = 3;
/** The end of a log is what is quoted: a Range request asks for this much of it, at most. */
const MAX_LOG_BYTES = 1024 * 1024;
/** A server that ignores Range sends the whole log: past this, its end is not waited for. */
const MAX_LOG_DOWNLOAD = 16 * 1024 * 1024;
/** Past runs read for `notify-when: changed`: one page, newest first. */
const PAST_RUNS = 30;
/** Annotations are read for the first failed jobs only: a message shows a few of them anyway. */
const MAX_ANNOTATED_JOBS = 5;
const ANNOTATIONS_PER_JOB = 50;
/** An answer past this is not GitHub's: a page of 100 jobs with their steps is far below it. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
const MAX_TEXT = 1000;
const LEVELS = ['failure', 'warning', 'notice'];
const RESULTS = [
    'success',
    'failure',
    'cancelled',
    'skipped',
    'timed_out',
    'neutral',
    'action_required'
];
/**
 * Two rounds at most for a run of up to 100 jobs: the jobs, then the failed jobs' annotations all
 * at once (an annotation is found by the job's id, which only the first answer tells). Later pages
 * of jobs are read together, beside the first failed jobs' annotations.
 */
async function readRun(ref, options) {
    const { deadline, baseUrl, dispatcher, release, octokit } = clientFor(ref, options);
    const failWith = (error) => {
        throw toLookupError(error, deadline, options.timeoutMs);
    };
    const repo = { owner: ref.owner, repo: ref.repo };
    try {
        const jobsPage = (page) => octokit
            .request(JOBS_ROUTE, {
            ...repo,
            run_id: ref.runId,
            attempt_number: ref.attempt,
            per_page: PER_PAGE,
            page
        })
            .catch(failWith);
        let annotationsError;
        const annotationsOf = async (jobs) => {
            if (jobs.length === 0)
                return [];
            const lists = await Promise.all(jobs.map(job => octokit
                .request(ANNOTATIONS_ROUTE, {
                ...repo,
                check_run_id: job.id,
                per_page: ANNOTATIONS_PER_JOB
            })
                .then(answer => toAnnotations(answer.data, job), (error) => {
                annotationsError ??= toLookupError(error, deadline, options.timeoutMs);
                return [];
            })));
            return lists.flat();
        };
        let logsError;
        const logLines = options.logLines ?? 0;
        // One read of a log serves both its quote and its file.
        const readsLogs = logLines > 0 || options.stepLogs === true;
        let logged = 0;
        const logsOf = async (jobs) => {
            const finished = jobs.filter(job => job.completed && (0,github_jobs/* isFailed */.Ix)(job) && job.id > 0);
            const chosen = readsLogs ? finished.slice(0, MAX_LOGGED_JOBS - logged) : [];
            logged += chosen.length;
            await Promise.all(chosen.map(job => readJobLog(ref, baseUrl, job.id, dispatcher, deadline, options).then(log => {
                const { excerpt, whole } = failingStepLog(log, job.failedStep, logLines);
                if (excerpt !== '')
                    job.log = excerpt;
                if (options.stepLogs === true && whole !== undefined)
                    job.stepLog = whole;
            }, (error) => {
                logsError ??= toLookupError(error, deadline, options.timeoutMs);
            })));
        };
        const first = await jobsPage(1);
        const firstJobs = toJobs(first.data.jobs);
        const total = first.data.total_count;
        const count = typeof total === 'number' && Number.isFinite(total) ? total : 0;
        const pages = Math.min(MAX_PAGES, Math.ceil(count / PER_PAGE));
        const annotated = options.annotations ? MAX_ANNOTATED_JOBS : 0;
        const annotatedFirst = firstJobs.filter(github_jobs/* isFailing */.DI).slice(0, annotated);
        const [laterPages, firstAnnotations] = await Promise.all([
            Promise.all(range(2, pages).map(jobsPage)),
            annotationsOf(annotatedFirst),
            logsOf(firstJobs)
        ]);
        const laterJobs = laterPages.flatMap(page => toJobs(page.data.jobs));
        const annotatedLater = laterJobs.filter(github_jobs/* isFailing */.DI).slice(0, annotated - annotatedFirst.length);
        const [laterAnnotations] = await Promise.all([annotationsOf(annotatedLater), logsOf(laterJobs)]);
        const jobs = [...firstJobs, ...laterJobs];
        const unfinished = readsLogs
            ? jobs.filter(job => !job.completed && (0,github_jobs/* isFailing */.DI)(job)).map(job => job.name)
            : [];
        return {
            details: {
                jobs,
                annotations: sortByLevel([...firstAnnotations, ...laterAnnotations]),
                source: 'api',
                runId: ref.runId
            },
            annotationsError,
            logsError,
            unfinished
        };
    }
    finally {
        release();
    }
}
/**
 * A job's log: the API answers with a redirect to a short-lived signed URL, which is read without
 * the token (it is not GitHub's API, and the URL itself is the credential), asking for the last
 * MAX_LOG_BYTES only. A server that sends more is read to its end, keeping the last MAX_LOG_BYTES,
 * up to MAX_LOG_DOWNLOAD. The first line of a part is cut, so it is left out.
 */
async function readJobLog(ref, baseUrl, jobId, dispatcher, deadline, options) {
    const { userAgent } = options;
    const path = LOG_ROUTE.replace('{owner}', encodeURIComponent(ref.owner))
        .replace('{repo}', encodeURIComponent(ref.repo))
        .replace('{job_id}', String(jobId));
    const signed = await signedLocation(`${baseUrl}${path}`, ref.token, dispatcher, deadline, options);
    // The signed URL's host is another one: the dispatcher asks NO_PROXY about it, not the API's host.
    const answer = await (0,undici/* fetch */.hd)(signed, {
        dispatcher,
        signal: deadline,
        headers: { range: `bytes=-${MAX_LOG_BYTES}`, 'user-agent': userAgent }
    });
    if (!answer.ok)
        throw httpError(answer, await boundedText(answer, 4096));
    const { bytes, cut } = await tailOf(answer);
    const text = bytes.toString('utf8');
    const partial = answer.status === 206 || cut;
    return partial ? text.slice(text.indexOf('\n') + 1) : text;
}
const ARTIFACTS_ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts';
const ARTIFACT_ZIP_ROUTE = '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/zip';
/**
 * The zip of the run's artifact named `name` (its newest unexpired one), at most `maxBytes`: by its
 * declared size first, then counted as it arrives. As with a job's log, Download an artifact answers
 * with a redirect to a signed URL, which is read without the token. `createdBefore` (ISO 8601)
 * leaves out the artifacts made later: a run's artifacts are listed for all its attempts together.
 */
async function readArtifactZip(ref, name, maxBytes, options, createdBefore) {
    const { deadline, baseUrl, dispatcher, release, octokit } = clientFor(ref, options);
    try {
        const answer = await octokit.request(ARTIFACTS_ROUTE, {
            owner: ref.owner,
            repo: ref.repo,
            run_id: ref.runId,
            name,
            per_page: PER_PAGE
        });
        const all = records(answer.data.artifacts).filter(found => found.name === name);
        const named = all.filter(found => createdBefore === undefined ||
            Date.parse(String(found.created_at)) <= Date.parse(createdBefore));
        const artifact = named
            .filter(found => found.expired !== true)
            .filter(found => typeof found.id === 'number' && Number.isSafeInteger(found.id))
            .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)))[0];
        if (!artifact) {
            // 410 is what GitHub answers for an expired artifact's download.
            throw named.length > 0
                ? new lookup_error/* RunLookupError */.I(`its artifact ${name} has expired`, 'not-found', 410)
                : all.length > 0
                    ? new lookup_error/* RunLookupError */.I(`its artifact ${name} is a later attempt's (an upload with \`overwrite\` replaced it)`, 'not-found', undefined)
                    : new lookup_error/* RunLookupError */.I(`the run has no artifact named ${name}`, 'not-found', 404);
        }
        const declared = Number(artifact.size_in_bytes);
        if (declared > maxBytes) {
            throw new lookup_error/* RunLookupError */.I(`its zip is ${declared} bytes, more than the limit of ${maxBytes}`, 'too-large', undefined);
        }
        const path = ARTIFACT_ZIP_ROUTE.replace('{owner}', encodeURIComponent(ref.owner))
            .replace('{repo}', encodeURIComponent(ref.repo))
            .replace('{artifact_id}', String(artifact.id));
        const signed = await signedLocation(`${baseUrl}${path}`, ref.token, dispatcher, deadline, options);
        const zip = await (0,undici/* fetch */.hd)(signed, {
            dispatcher,
            signal: deadline,
            headers: { 'user-agent': options.userAgent }
        });
        if (!zip.ok)
            throw httpError(zip, await boundedText(zip, 4096));
        return await wholeBody(zip, maxBytes);
    }
    catch (error) {
        throw toLookupError(error, deadline, options.timeoutMs);
    }
    finally {
        release();
    }
}
/** Where a download redirects: asked with the token, the signed URL itself is the credential. */
async function signedLocation(api, token, dispatcher, deadline, options) {
    const redirect = await (0,undici/* fetch */.hd)(api, {
        dispatcher,
        signal: deadline,
        redirect: 'manual',
        headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${token}`,
            'user-agent': options.userAgent,
            'x-github-api-version': '2022-11-28'
        }
    });
    const said = await boundedText(redirect, 4096);
    const location = redirect.headers.get('location');
    if (redirect.status < 300 || redirect.status > 399 || !location) {
        throw httpError(redirect, said);
    }
    const signed = new URL(location, api);
    if (signed.protocol !== 'https:' && signed.protocol !== 'http:') {
        throw new lookup_error/* RunLookupError */.I('the redirect is not an http(s) URL', 'rejected', redirect.status);
    }
    return signed;
}
/** A body read whole, refused as soon as it passes `maxBytes`. */
async function wholeBody(answer, maxBytes) {
    const chunks = [];
    let size = 0;
    if (answer.body) {
        for await (const chunk of answer.body) {
            size += chunk.byteLength;
            if (size > maxBytes) {
                throw new lookup_error/* RunLookupError */.I(`its zip is more than the limit of ${maxBytes} bytes`, 'too-large', undefined);
            }
            chunks.push(Buffer.from(chunk));
        }
    }
    return Buffer.concat(chunks);
}
/** The last MAX_LOG_BYTES of a body, read to its end or to MAX_LOG_DOWNLOAD. */
async function tailOf(answer) {
    const chunks = [];
    let kept = 0;
    let read = 0;
    let cut = false;
    if (answer.body) {
        for await (const chunk of answer.body) {
            read += chunk.byteLength;
            if (read > MAX_LOG_DOWNLOAD)
                throw new Error(`log of more than ${MAX_LOG_DOWNLOAD} bytes`);
            chunks.push(Buffer.from(chunk));
            kept += chunk.byteLength;
            while (kept - (chunks[0]?.byteLength ?? 0) >= MAX_LOG_BYTES) {
                kept -= chunks.shift()?.byteLength ?? 0;
                cut = true;
            }
        }
    }
    const all = Buffer.concat(chunks);
    if (all.byteLength <= MAX_LOG_BYTES)
        return { bytes: all, cut };
    return { bytes: all.subarray(all.byteLength - MAX_LOG_BYTES), cut: true };
}
async function boundedText(answer, max) {
    if (!answer.body)
        return '';
    const chunks = [];
    let size = 0;
    for await (const chunk of answer.body) {
        chunks.push(Buffer.from(chunk));
        size += chunk.byteLength;
        if (size >= max)
            break;
    }
    return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
/** An HTTP refusal in the shape Octokit's errors have, so it is described the same way. */
function httpError(answer, body) {
    let message = body;
    try {
        const parsed = JSON.parse(body);
        const said = parsed?.message;
        if (typeof said === 'string')
            message = said;
    }
    catch {
        // not JSON: the body's own words
    }
    return {
        status: answer.status,
        message: message || answer.statusText,
        response: { headers: Object.fromEntries(answer.headers) }
    };
}
const ATTEMPT_ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}';
/**
 * The latest completed runs of a workflow whose head branch has this name, newest first: one page,
 * with the run the message is about and newer ones still in it (the caller knows which those are).
 * GitHub matches `branch` against every run's head branch, forks' included: the caller filters.
 */
async function readPastRuns(ref, options) {
    const { deadline, release, octokit } = clientFor(ref, options);
    try {
        const answer = await octokit.request(RUNS_ROUTE, {
            owner: ref.owner,
            repo: ref.repo,
            workflow_id: ref.workflow,
            branch: ref.branch,
            status: 'completed',
            per_page: PAST_RUNS
        });
        return records(answer.data.workflow_runs).flatMap(run => toPastRun(run) ?? []);
    }
    catch (error) {
        throw toLookupError(error, deadline, options.timeoutMs);
    }
    finally {
        release();
    }
}
/** One attempt of a run (a re-run's previous attempt), as `notify-when: changed` compares it. */
async function readRunAttempt(ref, options) {
    const { deadline, release, octokit } = clientFor(ref, options);
    try {
        const answer = await octokit.request(ATTEMPT_ROUTE, {
            owner: ref.owner,
            repo: ref.repo,
            run_id: ref.runId,
            attempt_number: ref.attempt
        });
        const run = answer.data;
        return typeof run === 'object' && run !== null
            ? toPastRun(run)
            : undefined;
    }
    catch (error) {
        throw toLookupError(error, deadline, options.timeoutMs);
    }
    finally {
        release();
    }
}
function toPastRun(run) {
    const { id, run_number: number, run_attempt: attempt } = run;
    if (typeof id !== 'number' || typeof number !== 'number')
        return undefined;
    const headRepository = run.head_repository;
    return {
        id,
        number,
        attempt: typeof attempt === 'number' ? attempt : 1,
        conclusion: (0,lookup_error/* safeText */.H)(run.conclusion, 40),
        sha: /^[0-9a-f]{40}$/.test(String(run.head_sha)) ? String(run.head_sha) : '',
        url: (0,lookup_error/* safeText */.H)(run.html_url, MAX_TEXT),
        createdAt: typeof run.created_at === 'string' ? run.created_at : undefined,
        updatedAt: typeof run.updated_at === 'string' ? run.updated_at : undefined,
        event: (0,lookup_error/* safeText */.H)(run.event, 100),
        headRepository: (0,lookup_error/* safeText */.H)(headRepository?.full_name, 200),
        headBranch: (0,lookup_error/* safeText */.H)(run.head_branch, 300),
        pullRequests: records(run.pull_requests).flatMap(pr => typeof pr.number === 'number' ? [pr.number] : [])
    };
}
/**
 * One lookup's client: its budget, the API's URL without credentials, Octokit, and the run's HTTP
 * stack (the posts' `createDispatcher`: the same NO_PROXY rule, per request host, and timeouts).
 */
function clientFor(ref, options) {
    const deadline = options.deadline ?? AbortSignal.timeout(options.timeoutMs);
    const baseUrl = withoutCredentials(ref.apiUrl);
    const dispatcher = (0,lookup_dispatcher/* lookupDispatcher */.O)(options);
    const release = () => {
        void dispatcher.destroy();
    };
    const octokit = (0,github/* getOctokit */.Q)(ref.token, {
        baseUrl,
        userAgent: options.userAgent,
        request: { fetch: boundedFetch(dispatcher, deadline) },
        // Octokit's own log would print API deprecation notices into the job's log.
        log: { debug: noop, info: noop, warn: noop, error: noop }
    });
    return { deadline, baseUrl, dispatcher, release, octokit };
}
/**
 * `GITHUB_API_URL` without a `user:password@` (the action masks it when the run starts): fetch
 * refuses such a URL with a message that quotes it, and the token is the credential here.
 */
function withoutCredentials(apiUrl) {
    const trimmed = apiUrl.replace(/\/+$/, '');
    try {
        const url = new URL(trimmed);
        if (url.username === '' && url.password === '')
            return trimmed;
        url.username = '';
        url.password = '';
        return url.href.replace(/\/+$/, '');
    }
    catch {
        throw new lookup_error/* RunLookupError */.I('GITHUB_API_URL is not a URL', 'rejected', undefined);
    }
}
function noop() {
    // Octokit logs nothing into the job's log.
}
function range(from, to) {
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
/** undici's fetch, bounded in time and in size. */
function boundedFetch(dispatcher, deadline) {
    const bounded = async (url, init) => {
        const answer = await (0,undici/* fetch */.hd)(url, { ...init, dispatcher, signal: deadline });
        const length = Number(answer.headers.get('content-length') ?? 0);
        if (length > MAX_ANSWER_BYTES)
            throw new Error(`answer of ${length} bytes is too large`);
        const chunks = [];
        let size = 0;
        if (answer.body) {
            for await (const chunk of answer.body) {
                size += chunk.byteLength;
                if (size > MAX_ANSWER_BYTES)
                    throw new Error('answer too large');
                chunks.push(chunk);
            }
        }
        const body = answer.status === 204 || answer.status === 304 ? null : Buffer.concat(chunks);
        return new undici.Response(body, { status: answer.status, headers: answer.headers });
    };
    return bounded;
}
function toLookupError(error, deadline, timeoutMs) {
    if (error instanceof lookup_error/* RunLookupError */.I)
        return error;
    if (deadline.aborted) {
        return new lookup_error/* RunLookupError */.I(`no answer within ${timeoutMs / 1000} s`, 'timeout', undefined);
    }
    const failure = error;
    const said = (0,lookup_error/* safeText */.H)(typeof failure.message === 'string' ? failure.message : String(error), 200);
    const status = typeof failure.status === 'number' ? failure.status : undefined;
    // undici's fetch follows at most 20 redirects and then fails as if nothing had answered.
    if (causes(error).some(cause => cause === 'redirect count exceeded')) {
        return new lookup_error/* RunLookupError */.I('redirected too many times (more than 20 redirects)', 'rejected', undefined);
    }
    if (status === undefined || failure.response === undefined) {
        return new lookup_error/* RunLookupError */.I(said, 'network', undefined);
    }
    const headers = failure.response.headers ?? {};
    if (status === 429 || (status === 403 && headers['x-ratelimit-remaining'] === '0')) {
        return new lookup_error/* RunLookupError */.I(`${status} rate limit exceeded`, 'rate-limit', status);
    }
    const kind = status === 401 || status === 403 ? 'auth' : status === 404 ? 'not-found' : 'rejected';
    return new lookup_error/* RunLookupError */.I(`${status} ${said}`, kind, status);
}
/** The messages of an error and of its causes, a few deep (Octokit and fetch each wrap one). */
function causes(error) {
    const messages = [];
    let current = error;
    for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
        messages.push(current.message);
        current = current.cause;
    }
    return messages;
}
/** The API's jobs, read defensively: an answer is untrusted, whatever its declared type says. */
function toJobs(jobs) {
    return records(jobs).map(job => {
        const steps = records(job.steps);
        const failedStep = steps.find(step => step.conclusion === 'failure' || step.conclusion === 'timed_out');
        const startedAt = failedStep?.started_at;
        const completedAt = failedStep?.completed_at;
        const conclusion = typeof job.conclusion === 'string' ? job.conclusion : '';
        return {
            id: checkRunId(job),
            name: (0,lookup_error/* safeText */.H)(job.name, MAX_TEXT),
            result: RESULTS.includes(conclusion) ? conclusion : '',
            completed: job.status === 'completed',
            startedAt: typeof job.started_at === 'string' ? job.started_at : undefined,
            completedAt: typeof job.completed_at === 'string' ? job.completed_at : undefined,
            failedStep: failedStep && typeof failedStep.number === 'number'
                ? {
                    name: (0,lookup_error/* safeText */.H)(failedStep.name, MAX_TEXT),
                    number: failedStep.number,
                    ...(typeof startedAt === 'string' ? { startedAt } : {}),
                    ...(typeof completedAt === 'string' ? { completedAt } : {})
                }
                : undefined
        };
    });
}
/** A job's check run carries its annotations; its id is the job's, as check_run_url shows. */
function checkRunId(job) {
    const url = typeof job.check_run_url === 'string' ? job.check_run_url : '';
    const id = /\/check-runs\/(\d+)$/.exec(url)?.[1];
    return Number(id ?? job.id) || 0;
}
function toAnnotations(annotations, job) {
    return records(annotations).map(annotation => ({
        jobId: job.id,
        jobName: job.name,
        level: LEVELS.find(level => level === annotation.annotation_level) ?? 'notice',
        message: (0,lookup_error/* safeText */.H)(annotation.message, MAX_TEXT),
        title: (0,lookup_error/* safeText */.H)(annotation.title, MAX_TEXT),
        path: (0,lookup_error/* safeText */.H)(annotation.path, MAX_TEXT),
        line: typeof annotation.start_line === 'number' && Number.isInteger(annotation.start_line)
            ? annotation.start_line
            : undefined
    }));
}
function records(value) {
    if (!Array.isArray(value))
        return [];
    return value.filter((item) => typeof item === 'object' && item !== null);
}
/** Failures first, then warnings, then notices; the API's order within each. */
function sortByLevel(annotations) {
    return [...annotations].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
}


/***/ }),

/***/ 3779:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ lookupDispatcher)
/* harmony export */ });
/* harmony import */ var _rocketchat_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1792);

/**
 * The HTTP stack of one GitHub read: the posts' dispatcher with the run's proxy rule, the system's
 * certificate authorities (`ca-cert` is the Rocket.Chat server's) and the read's budget for
 * connecting and for the answer. Apart from api.ts, so workflow-file.ts loads no Octokit.
 */
function lookupDispatcher(options) {
    return (0,_rocketchat_index_js__WEBPACK_IMPORTED_MODULE_0__/* .createDispatcher */ .SM)({
        proxy: options.proxy,
        ca: undefined,
        rejectUnauthorized: true,
        connectMs: options.timeoutMs,
        answerMs: options.timeoutMs
    });
}


/***/ })

};
