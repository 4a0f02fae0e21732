export const id = 373;
export const ids = [373];
export const modules = {

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


/***/ }),

/***/ 5373:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readWorkflowFile: () => (/* binding */ readWorkflowFile)
/* harmony export */ });
/* harmony import */ var _rocketchat_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1792);
/* harmony import */ var _lookup_dispatcher_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3779);
/* harmony import */ var _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3658);
/**
 * The workflow file this run runs, read from its commit through the contents API: never from a
 * working copy, which a pull request's checkout could have changed (`pull_request_target` with the
 * head checked out). One request, loaded only by runs whose inputs could act, sent through the
 * stack the posts already loaded (`createDispatcher`, `exchange`): no Octokit, which cost a
 * templated send 300-470 ms of loading for this one GET (docs/performance.md).
 */



const WORKFLOW_REF = /^([^/@]+)\/([^/@]+)\/(\.github\/workflows\/[^@]+)@/;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** The contents API inlines files up to 1 MiB; a workflow file is far smaller. */
const MAX_FILE_BYTES = 1024 * 1024;
/** The workflow file's text; a RunLookupError says why it cannot be read. */
async function readWorkflowFile(ref, options) {
    const where = WORKFLOW_REF.exec(ref.workflowRef);
    if (!where || !SHA.test(ref.sha)) {
        throw new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I('GITHUB_WORKFLOW_REF or GITHUB_WORKFLOW_SHA is not one', 'rejected', undefined);
    }
    const [, owner = '', repo = '', path = ''] = where;
    const answer = await getContent(ref, [owner, repo, path], options);
    const said = parsed(answer.text);
    if (answer.status !== 200)
        throw refusal(answer, said);
    const file = said;
    if (file?.type !== 'file' || file.encoding !== 'base64' || typeof file.content !== 'string') {
        throw new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I(`${path} is not a file of at most 1 MiB`, 'rejected', undefined);
    }
    const bytes = Buffer.from(file.content, 'base64');
    if (bytes.byteLength > MAX_FILE_BYTES) {
        throw new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I(`${path} is larger than 1 MiB`, 'rejected', undefined);
    }
    return bytes.toString('utf8');
}
/**
 * Get repository content, `GET {api}/repos/{owner}/{repo}/contents/{path}?ref={sha}`, once: the
 * answer whole (the exchange's 1 MiB cap), within the budget, through the run's NO_PROXY rule.
 */
async function getContent(ref, [owner, repo, path], options) {
    let url;
    try {
        // The API URL's own path (GHES: /api/v3) is kept; a user:password@ in it never leaves (origin).
        url = new URL(`${ref.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/` +
            `${encodeURIComponent(repo)}/contents/${path.split('/').map(encodeURIComponent).join('/')}` +
            `?ref=${ref.sha}`);
    }
    catch {
        throw new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I('GITHUB_API_URL is not a URL', 'rejected', undefined);
    }
    const deadline = options.deadline ?? AbortSignal.timeout(options.timeoutMs);
    const dispatcher = (0,_lookup_dispatcher_js__WEBPACK_IMPORTED_MODULE_1__/* .lookupDispatcher */ .O)(options);
    try {
        return await (0,_rocketchat_index_js__WEBPACK_IMPORTED_MODULE_0__/* .exchange */ .cv)({
            method: 'GET',
            url,
            headers: {
                accept: 'application/vnd.github+json',
                authorization: `token ${ref.token}`,
                'user-agent': options.userAgent,
                'x-github-api-version': '2022-11-28'
            },
            body: undefined,
            dispatcher,
            proxy: (0,_rocketchat_index_js__WEBPACK_IMPORTED_MODULE_0__/* .proxyFor */ .iJ)(url, options.proxy),
            connectMs: options.timeoutMs,
            answerMs: options.timeoutMs,
            stallMs: options.timeoutMs,
            signal: deadline
        });
    }
    catch (error) {
        throw unanswered(error, deadline, options.timeoutMs);
    }
    finally {
        void dispatcher.destroy();
    }
}
function parsed(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** An answer other than the file, classified as the run's other GitHub reads classify theirs. */
function refusal(answer, said) {
    const { status, headers } = answer;
    const message = said?.message;
    const words = (0,_lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .safeText */ .H)(typeof message === 'string' ? message : answer.text, 200);
    if (status === 429 || (status === 403 && headers['x-ratelimit-remaining'] === '0')) {
        return new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I(`${status} rate limit exceeded`, 'rate-limit', status);
    }
    const kind = status === 401 || status === 403 ? 'auth' : status === 404 ? 'not-found' : 'rejected';
    return new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I(`${status} ${words}`.trim(), kind, status);
}
/** No answer: the exchange's own words name the cause (a timeout, the proxy, TLS, the network). */
function unanswered(error, deadline, timeoutMs) {
    if (deadline.aborted) {
        return new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I(`no answer within ${timeoutMs / 1000} s`, 'timeout', undefined);
    }
    if (!(error instanceof _rocketchat_index_js__WEBPACK_IMPORTED_MODULE_0__/* .AttemptFailure */ .WY)) {
        return new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I((0,_lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .safeText */ .H)(String(error), 200), 'network', undefined);
    }
    switch (error.failure) {
        case 'connect-timeout':
        case 'read-timeout':
            return new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I(error.message, 'timeout', undefined);
        case 'tls':
        case 'tls-untrusted':
            return new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I(error.message, 'tls', undefined);
        case 'too-large':
            return new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I(error.message, 'too-large', undefined);
        default:
            return new _lookup_error_js__WEBPACK_IMPORTED_MODULE_2__/* .RunLookupError */ .I(error.message, 'network', undefined);
    }
}


/***/ })

};
