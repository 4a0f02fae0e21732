export const id = 943;
export const ids = [943];
export const modules = {

/***/ 8943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readRun: () => (/* binding */ readRun)
/* harmony export */ });
/* unused harmony export RunLookupError */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6752);
/* harmony import */ var _rocketchat_transport_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3678);
/* harmony import */ var _jobs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7997);
/**
 * Reads this run's jobs and the failed jobs' annotations through the REST API with the toolkit's
 * Octokit. Loaded by dynamic import only when a message needs them: Octokit and undici are about a
 * megabyte that a plain send never pays for.
 */




/** Why the run could not be read; its message is safe to show (never the token, bounded length). */
class RunLookupError extends Error {
    kind;
    status;
    name = 'RunLookupError';
    constructor(message, kind, status) {
        super(message);
        this.kind = kind;
        this.status = status;
    }
}
const JOBS_ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs';
const ANNOTATIONS_ROUTE = 'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations';
const PER_PAGE = 100;
/** 500 jobs: more than a run shows on one page of its graph. */
const MAX_PAGES = 5;
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
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const dispatcher = dispatcherFor(ref.apiUrl, options.timeoutMs, options.proxy ?? {});
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(ref.token, {
        baseUrl: ref.apiUrl.replace(/\/+$/, ''),
        userAgent: options.userAgent,
        request: { fetch: boundedFetch(dispatcher, deadline) },
        // Octokit's own log would print API deprecation notices into the job's log.
        log: { debug: noop, info: noop, warn: noop, error: noop }
    });
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
        const first = await jobsPage(1);
        const firstJobs = toJobs(first.data.jobs);
        const total = first.data.total_count;
        const count = typeof total === 'number' && Number.isFinite(total) ? total : 0;
        const pages = Math.min(MAX_PAGES, Math.ceil(count / PER_PAGE));
        const annotated = options.annotations ? MAX_ANNOTATED_JOBS : 0;
        const annotatedFirst = firstJobs.filter(_jobs_js__WEBPACK_IMPORTED_MODULE_3__/* .isFailing */ .DI).slice(0, annotated);
        const [laterPages, firstAnnotations] = await Promise.all([
            Promise.all(range(2, pages).map(jobsPage)),
            annotationsOf(annotatedFirst)
        ]);
        const laterJobs = laterPages.flatMap(page => toJobs(page.data.jobs));
        const annotatedLater = laterJobs.filter(_jobs_js__WEBPACK_IMPORTED_MODULE_3__/* .isFailing */ .DI).slice(0, annotated - annotatedFirst.length);
        const laterAnnotations = await annotationsOf(annotatedLater);
        return {
            details: {
                jobs: [...firstJobs, ...laterJobs],
                annotations: sortByLevel([...firstAnnotations, ...laterAnnotations]),
                source: 'api'
            },
            annotationsError
        };
    }
    finally {
        void dispatcher.destroy();
    }
}
/**
 * Through the runner's proxy, if it names one for the API's origin, by the same rules (NO_PROXY
 * included) as the posts (src/rocketchat/transport/connect.ts). undici's stable ProxyAgent, not its
 * EnvHttpProxyAgent, which prints an "experimental" warning into the job's log.
 */
function dispatcherFor(apiUrl, timeoutMs, proxy) {
    const options = {
        connect: { timeout: timeoutMs },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs
    };
    const through = (0,_rocketchat_transport_connect_js__WEBPACK_IMPORTED_MODULE_2__/* .proxyFor */ .iJ)(new URL(apiUrl), proxy);
    return through ? new undici__WEBPACK_IMPORTED_MODULE_1__/* .ProxyAgent */ .kT({ ...options, uri: through.href }) : new undici__WEBPACK_IMPORTED_MODULE_1__/* .Agent */ .g6(options);
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
        const answer = await (0,undici__WEBPACK_IMPORTED_MODULE_1__/* .fetch */ .hd)(url, { ...init, dispatcher, signal: deadline });
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
        return new undici__WEBPACK_IMPORTED_MODULE_1__.Response(body, { status: answer.status, headers: answer.headers });
    };
    return bounded;
}
function toLookupError(error, deadline, timeoutMs) {
    if (error instanceof RunLookupError)
        return error;
    if (deadline.aborted) {
        return new RunLookupError(`no answer within ${timeoutMs / 1000} s`, 'timeout', undefined);
    }
    const failure = error;
    const said = safeText(typeof failure.message === 'string' ? failure.message : String(error), 200);
    const status = typeof failure.status === 'number' ? failure.status : undefined;
    if (status === undefined || failure.response === undefined) {
        return new RunLookupError(said, 'network', undefined);
    }
    const headers = failure.response.headers ?? {};
    if (status === 429 || (status === 403 && headers['x-ratelimit-remaining'] === '0')) {
        return new RunLookupError(`${status} rate limit exceeded`, 'rate-limit', status);
    }
    const kind = status === 401 || status === 403 ? 'auth' : status === 404 ? 'not-found' : 'rejected';
    return new RunLookupError(`${status} ${said}`, kind, status);
}
/** The API's jobs, read defensively: an answer is untrusted, whatever its declared type says. */
function toJobs(jobs) {
    return records(jobs).map(job => {
        const steps = records(job.steps);
        const failedStep = steps.find(step => step.conclusion === 'failure' || step.conclusion === 'timed_out');
        const conclusion = typeof job.conclusion === 'string' ? job.conclusion : '';
        return {
            id: checkRunId(job),
            name: safeText(job.name, MAX_TEXT),
            result: RESULTS.includes(conclusion) ? conclusion : '',
            completed: job.status === 'completed',
            startedAt: typeof job.started_at === 'string' ? job.started_at : undefined,
            completedAt: typeof job.completed_at === 'string' ? job.completed_at : undefined,
            failedStep: failedStep && typeof failedStep.number === 'number'
                ? { name: safeText(failedStep.name, MAX_TEXT), number: failedStep.number }
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
        message: safeText(annotation.message, MAX_TEXT),
        title: safeText(annotation.title, MAX_TEXT),
        path: safeText(annotation.path, MAX_TEXT),
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
/** Text from the API, kept as data: no control characters, a bounded length. */
function safeText(value, max) {
    const text = typeof value === 'string' ? value : '';
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
    return clean.length > max ? Array.from(clean).slice(0, max).join('') : clean;
}


/***/ })

};
