export const id = 187;
export const ids = [187];
export const modules = {

/***/ 5187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deployJobMessage: () => (/* binding */ deployJobMessage),
/* harmony export */   deploymentFromEvent: () => (/* binding */ deploymentFromEvent),
/* harmony export */   deploymentMessage: () => (/* binding */ deploymentMessage),
/* harmony export */   deploymentOfJob: () => (/* binding */ deploymentOfJob),
/* harmony export */   deploymentStatus: () => (/* binding */ deploymentStatus),
/* harmony export */   deploymentThread: () => (/* binding */ deploymentThread)
/* harmony export */ });
/* harmony import */ var _buttons_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5723);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6922);
/* harmony import */ var _inert_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4442);



const LOOKS = {
    queued: look('\u23f3', w => `Deploy of ${w} queued`, 'Queued', 'info', '#9e9e9e', false),
    pending: look('\u23f3', w => `Deploy of ${w} pending`, 'Pending', 'info', '#9e9e9e', false),
    in_progress: look('\ud83d\ude80', w => `Deploying ${w}`, 'Deploying', 'info', '#439fe0', false),
    success: look('\u2705', w => `Deployed ${w}`, 'Live', 'success', '#2eb886', true),
    failure: look('\u274c', w => `Deploy of ${w} failed`, 'Failed', 'failure', '#d50200', true),
    error: look('\u274c', w => `Deploy of ${w} errored`, 'Errored', 'failure', '#d50200', true),
    inactive: look('\ud83d\udca4', w => `Deploy of ${w} superseded`, 'Superseded', 'cancelled', '#9e9e9e', true)
};
const UNKNOWN = look('\u2139\ufe0f', w => `Deploy of ${w}`, 'Unknown state', 'info', '#439fe0', false);
function look(emoji, line, word, status, color, final) {
    return { emoji, line, word, status, color, final };
}
function lookOf(state) {
    return Object.hasOwn(LOOKS, state) ? (LOOKS[state] ?? UNKNOWN) : UNKNOWN;
}
const DESCRIPTION_LENGTH = 500;
/** The deployment of a `deployment_status` event; none for any other event. */
function deploymentFromEvent(context) {
    const { github } = context;
    if (github.event_name !== 'deployment_status')
        return undefined;
    const event = github.event;
    const deployment = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(event, 'deployment');
    const status = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(event, 'deployment_status');
    const id = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(deployment, 'id'));
    if (!/^\d+$/.test(id))
        return undefined;
    return {
        id,
        environment: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(status, 'environment')) || (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(deployment, 'environment'))),
        state: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(status, 'state')),
        url: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(status, 'environment_url')),
        log_url: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(status, 'log_url')) || (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(status, 'target_url')),
        creator: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(status, 'creator', 'login')) || (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(deployment, 'creator', 'login')),
        description: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(status, 'description')) || (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(deployment, 'description')),
        ref: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(deployment, 'ref'))),
        sha: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(deployment, 'sha')),
        status_id: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(status, 'id')),
        updated_at: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(status, 'updated_at')) || (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(status, 'created_at'))
    };
}
/** The status a deployment's state gives the message: its colour, avatar and mentions. */
function deploymentStatus(deployment) {
    return lookOf(deployment.state).status;
}
/**
 * The default message for a deployment's state: one line (`\u2705 Deployed repo to production at
 * abc1234 (main) by octocat`) and an attachment with the environment, ref, commit, creator and the
 * status's description.
 */
function deploymentMessage(context, deployment) {
    const t = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .inertTextFor */ .f8)(context);
    const state = lookOf(deployment.state);
    const what = `${t(context.github.repository) || 'this repository'}${deployment.environment ? ` to ${t(deployment.environment)}` : ''}`;
    const commit = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .commitValue */ .H9)(context, { sha: safeSha(deployment.sha), message: '' });
    const at = [commit, deployment.ref ? `(${t(deployment.ref)})` : ''].filter(Boolean).join(' ');
    const live = deployment.state === 'success' && (0,_buttons_js__WEBPACK_IMPORTED_MODULE_0__/* .isHttpUrl */ .q$)(deployment.url);
    const text = `${state.emoji} ${state.line(what)}${at ? ` at ${at}` : ''}` +
        (deployment.creator ? ` by ${t(deployment.creator)}` : '') +
        (live ? ` \u00b7 ${(0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(deployment.url, 'open')}` : '');
    const fields = [
        field('Environment', t(deployment.environment)),
        field('State', `${state.word}${deployment.state ? ` (${t(deployment.state)})` : ''}`),
        field('Ref', t(deployment.ref)),
        field('Commit', commit),
        field('Creator', t(deployment.creator)),
        field('Since', timeOf(deployment.updated_at))
    ].filter(item => item.value !== '');
    const attachment = {
        color: state.color,
        title: (0,_inert_js__WEBPACK_IMPORTED_MODULE_2__/* .defuseRoomMentions */ .fE)(`Deploy${deployment.environment ? ` to ${deployment.environment}` : ''}`),
        fields
    };
    const description = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(deployment.description.slice(0, DESCRIPTION_LENGTH));
    if (description)
        attachment.text = t(description);
    return { text, attachment };
}
/**
 * The deployment's keyed thread: one per deployment (key from its id, no input needed). The root
 * names the environment, ref, commit and creator, and on its last line the state and its time;
 * a reply is shown in the channel only when the deploy reaches a final state, and a status older
 * than the root's (by the statuses' ids, else their times) replies without taking the root back.
 */
function deploymentThread(context, deployment) {
    const t = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .inertTextFor */ .f8)(context);
    const state = lookOf(deployment.state);
    const commit = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .commitValue */ .H9)(context, { sha: safeSha(deployment.sha), message: '' });
    const subject = `Deploy of ${commit || 'a commit'}${deployment.ref ? ` (${t(deployment.ref)})` : ''}` +
        `${deployment.environment ? ` to ${t(deployment.environment)}` : ''} in ${t(context.github.repository)}` +
        (deployment.creator ? ` by ${t(deployment.creator)}` : '');
    const when = timeOf(deployment.updated_at);
    const order = orderOf(deployment);
    const stateLine = [
        state.emoji,
        `${state.word}${when ? ` since ${when}` : ''}`,
        order ? `\u00b7 ${order}` : ''
    ]
        .filter(Boolean)
        .join(' ');
    return {
        key: `deployment ${context.github.repository} ${deployment.id}`,
        subject,
        state: stateLine,
        broadcast: state.final ? 'changed' : 'never',
        implicit: true,
        isNewerThan: rootText => isNewer(order, rootText)
    };
}
/** `status 209916254`, else `at 2019-05-15T15:20:55Z`: what the root keeps to order states by. */
function orderOf(deployment) {
    if (/^\d{1,20}$/.test(deployment.status_id))
        return `status ${deployment.status_id}`;
    const time = Date.parse(deployment.updated_at);
    return Number.isNaN(time) ? '' : `at ${new Date(time).toISOString()}`;
}
const ORDER = /\u00b7 (status (\d{1,20})|at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z))$/;
/** Whether this state may replace the root's: it has no order, or a later one of the same kind. */
function isNewer(order, rootText) {
    const lastLine = rootText.slice(rootText.lastIndexOf('\n') + 1).trimEnd();
    const theirs = ORDER.exec(lastLine);
    const mine = ORDER.exec(`\u00b7 ${order}`);
    if (!theirs || !mine)
        return true;
    if (theirs[2] !== undefined && mine[2] !== undefined)
        return BigInt(mine[2]) >= BigInt(theirs[2]);
    if (theirs[3] !== undefined && mine[3] !== undefined)
        return mine[3] >= theirs[3];
    return true;
}
/** `2019-05-15 15:20:55 UTC`; nothing for a time that cannot be read. */
function timeOf(value) {
    const time = Date.parse(value);
    if (Number.isNaN(time))
        return '';
    return new Date(time)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, ' UTC');
}
/** Only a commit id is linked as one: anything else in `sha` is no commit. */
function safeSha(sha) {
    return /^[0-9a-f]{7,64}$/i.test(sha) ? sha : '';
}
function field(title, value) {
    return { title, value, short: true };
}
/** `deployment` for a deploy job: what the step knows, the rest from the run. */
function deploymentOfJob(context, job) {
    const { github } = context;
    const state = job.result === undefined
        ? 'in_progress'
        : job.result === 'success'
            ? 'success'
            : job.result === 'cancelled'
                ? 'inactive'
                : 'failure';
    return {
        id: '',
        environment: (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(job.environment),
        state,
        url: job.url,
        log_url: '',
        creator: github.actor,
        description: '',
        ref: github.ref_name,
        sha: github.sha,
        status_id: '',
        updated_at: ''
    };
}
const STARTED = /\u00b7 started (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC \u00b7/;
const ATTEMPT = /\u00b7 attempt (\d{1,9})$/;
/**
 * A deploy job followed in one message, edited in place (in-place.ts): the first step posts
 * "deploying", the `if: always()` step brings it to the job's result with the duration, the
 * environment's URL and, on failure, the failing step. Its id comes from the run, the job and the
 * environment, so a re-run of the job finds it again; the attempt it names only ever grows.
 */
function deployJobMessage(context, job, now = Date.now) {
    const { github } = context;
    const t = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .inertTextFor */ .f8)(context);
    const what = `${t(github.repository) || 'this repository'} to ${t((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(job.environment))}`;
    const run = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .subjectRun */ .SQ)(context);
    const runLabel = `run #${run.number || github.run_id}`;
    const runLink = run.url ? (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(run.url, runLabel) : runLabel;
    const attempt = Math.max(1, Number(github.run_attempt) || 1);
    const urlLink = (0,_buttons_js__WEBPACK_IMPORTED_MODULE_0__/* .isHttpUrl */ .q$)(job.url)
        ? ` \u00b7 ${(0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(job.url, job.url.replace(/^https?:\/\//, ''))}`
        : '';
    const text = (previous) => {
        // The start is this attempt's first step: a later attempt starts its own clock.
        const sameAttempt = previous !== undefined && ATTEMPT.exec(previous.trimEnd())?.[1] === String(attempt);
        const startedText = sameAttempt ? STARTED.exec(previous)?.[1] : undefined;
        const started = startedText ? Date.parse(`${startedText.replace(' ', 'T')}Z`) : now();
        const tail = ` \u00b7 ${runLink}${attempt > 1 ? ` (attempt ${attempt})` : ''} \u00b7 started ${timeOf(new Date(started).toISOString())} \u00b7 attempt ${attempt}`;
        if (job.result === undefined)
            return `\ud83d\ude80 Deploying ${what}${tail}`;
        const took = startedText ? formatSeconds((now() - started) / 1000) : '';
        if (job.result === 'success') {
            return `\u2705 Deployed ${what}${took ? ` in ${took}` : ''}${urlLink}${tail}`;
        }
        if (job.result === 'cancelled') {
            return `\u26aa Deploy of ${what} was cancelled${took ? ` after ${took}` : ''}${tail}`;
        }
        return `\u274c Deploy of ${what} failed${failedStep(context)}${took ? ` after ${took}` : ''}${tail}`;
    };
    const commit = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .commitValue */ .H9)(context, { sha: safeSha(github.sha), message: '' });
    const attachment = {
        title: (0,_inert_js__WEBPACK_IMPORTED_MODULE_2__/* .defuseRoomMentions */ .fE)(`Deploy to ${(0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(job.environment)}`),
        fields: [
            field('Environment', t((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(job.environment))),
            field('Ref', t(github.ref_name)),
            field('Commit', commit),
            field('Job', t(github.job))
        ].filter(item => item.value !== '')
    };
    const thread = {
        key: `deploy ${github.repository} ${github.run_id} ${github.job} ${job.environment}`,
        subject: '',
        state: '',
        broadcast: 'never',
        implicit: true,
        isNewerThan: previous => {
            const theirs = Number(ATTEMPT.exec(previous.trimEnd())?.[1] ?? 0);
            return attempt >= theirs;
        },
        inPlace: text
    };
    return { text, attachment, thread };
}
/** ` at step 4: Deploy` (linked to its log), from the run's details, when known. */
function failedStep(context) {
    const jobs = context.run_details?.failed_jobs ?? [];
    const job = jobs.find(j => j.failed_step) ?? jobs[0];
    const step = job?.failed_step;
    if (!step)
        return '';
    const name = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .inertTextFor */ .f8)(context)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(step.name));
    return ` at step ${step.number}: ${step.url ? (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(step.url, (0,_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(step.name)) : name}`;
}
function formatSeconds(seconds) {
    const total = Math.max(0, Math.round(seconds));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    return [h ? `${h}h` : '', h || m ? `${m}m` : '', `${s}s`].filter(Boolean).join(' ');
}


/***/ })

};
