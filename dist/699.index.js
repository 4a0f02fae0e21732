export const id = 699;
export const ids = [699,472];
export const modules = {

/***/ 1699:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportsInZip: () => (/* binding */ reportsInZip)
/* harmony export */ });
/* unused harmony exports MAX_ENTRIES, ZipRefusedError */
/* harmony import */ var yauzl__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(663);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8472);
/**
 * The test reports inside an artifact's zip, read with yauzl: entry by entry, each inflated as a
 * stream and counted, stopped at its limit. A zip is hostile data: one whose entries escape it
 * (`..`, an absolute path), hold too many files or more than the total cap, or inflate past the
 * size they declare (a zip bomb) is refused whole. Loaded by dynamic import only when
 * `test-results-artifact` is given.
 */


/** The most entries a zip of reports may hold. */
const MAX_ENTRIES = 1000;
/** Why a zip is refused whole: its words name what in it was wrong. */
class ZipRefusedError extends Error {
    name = 'ZipRefusedError';
}
async function reportsInZip(zip, limits) {
    let file;
    try {
        // yauzl refuses names escaping the zip (`..`, absolute, backslashes) and entries that inflate
        // past their declared size; its own words say which.
        file = await (0,yauzl__WEBPACK_IMPORTED_MODULE_0__/* .fromBufferPromise */ .SY)(zip, { lazyEntries: true, validateEntrySizes: true });
    }
    catch (error) {
        throw new ZipRefusedError(`not a readable zip: ${message(error)}`);
    }
    try {
        if (file.entryCount > MAX_ENTRIES) {
            throw new ZipRefusedError(`${file.entryCount} entries, more than ${MAX_ENTRIES}`);
        }
        const entries = await allEntries(file);
        let declared = 0;
        for (const entry of entries)
            declared += entry.uncompressedSize;
        if (declared > limits.maxTotalBytes) {
            throw new ZipRefusedError(`its entries declare ${declared} bytes, more than the limit of ${limits.maxTotalBytes}`);
        }
        const found = { reports: [], tooLarge: [] };
        const budget = { left: limits.maxTotalBytes };
        for (const entry of entries) {
            if (entry.fileName.endsWith('/'))
                continue;
            if (entry.uncompressedSize > limits.maxEntryBytes) {
                found.tooLarge.push(entry.fileName);
                continue;
            }
            const text = await readEntry(file, entry, limits.maxEntryBytes, budget);
            if ((0,_index_js__WEBPACK_IMPORTED_MODULE_1__/* .looksLikeReport */ .QO)(text))
                found.reports.push({ path: entry.fileName, text });
        }
        return found;
    }
    finally {
        file.close();
    }
}
function allEntries(file) {
    return new Promise((resolve, reject) => {
        const entries = [];
        file.on('entry', (entry) => {
            entries.push(entry);
            file.readEntry();
        });
        file.on('end', () => {
            resolve(entries);
        });
        file.on('error', (error) => {
            reject(new ZipRefusedError(message(error)));
        });
        file.readEntry();
    });
}
/**
 * One entry, inflated as a stream and counted: past its declared size (yauzl), `maxBytes` or the
 * zip's budget, the stream is stopped and the zip refused, whatever is left of it never inflated.
 */
async function readEntry(file, entry, maxBytes, budget) {
    const chunks = [];
    let size = 0;
    const stream = await file.openReadStreamPromise(entry);
    try {
        for await (const chunk of stream) {
            size += chunk.byteLength;
            budget.left -= chunk.byteLength;
            if (size > maxBytes || budget.left < 0) {
                throw new ZipRefusedError(`${entry.fileName} inflates past the limit of ${maxBytes} bytes`);
            }
            chunks.push(chunk);
        }
    }
    catch (error) {
        if (error instanceof ZipRefusedError)
            throw error;
        throw new ZipRefusedError(`${entry.fileName}: ${message(error)}`);
    }
    finally {
        stream.destroy();
    }
    return Buffer.concat(chunks).toString('utf8');
}
function message(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 8472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  QO: () => (/* binding */ looksLikeReport),
  readReport: () => (/* binding */ readReport),
  summarize: () => (/* reexport */ summarize)
});

// UNUSED EXPORTS: MAX_LISTED, ReportError

;// CONCATENATED MODULE: ./src/test-results/types.ts
/** The shapes every report format is read into: one list of test cases, whatever wrote them. */
/** A report that cannot be read: not a format we know, malformed, or refused (a DOCTYPE). */
class ReportError extends Error {
    name = 'ReportError';
}

;// CONCATENATED MODULE: ./src/test-results/text.ts
/** Small helpers every format shares to turn report text into bounded, comparable values. */
/** A message's first line is what a phone shows; more goes to the run's log, not the room. */
const MESSAGE_LENGTH = 300;
/** The first non-empty line, trimmed and bounded. Linear: one scan to the first line break. */
function firstLine(text) {
    let start = 0;
    while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        const line = text.slice(start, Math.min(end, start + MESSAGE_LENGTH * 4)).trim();
        if (line !== '')
            return bounded(line);
        start = end + 1;
    }
    return '';
}
function bounded(line) {
    const chars = Array.from(line);
    return chars.length > MESSAGE_LENGTH ? `${chars.slice(0, MESSAGE_LENGTH - 1).join('')}…` : line;
}
/**
 * A path as the report writes it, made relative to the workspace when it lies inside (CTRF and
 * TAP write absolute paths), `./` dropped; anything else as written (never linked: see wording).
 */
function workspacePath(path, workspace) {
    let file = path.trim().replace(/^file:\/\//, '');
    const root = workspace?.replace(/\/+$/, '');
    if (root && file.startsWith(`${root}/`))
        file = file.slice(root.length + 1);
    return file.replace(/^(?:\.\/)+/, '');
}
/**
 * The line of `file` a failure's text points at (`file:12`, `file:12:5`, `(file:12)`): the first
 * mention, the frame closest to the failing assertion in every format we read. Linear: indexOf.
 */
function lineIn(text, file) {
    if (file === '')
        return null;
    const base = file.slice(file.lastIndexOf('/') + 1);
    for (const name of base === file ? [file] : [file, base]) {
        let at = text.indexOf(`${name}:`);
        while (at >= 0) {
            const before = at === 0 ? '' : text.charAt(at - 1);
            // `cart.test.js` must not match inside `my-cart.test.js`.
            if (before === '' || /[\s/(\\"'❯]/.test(before)) {
                const digits = /^\d{1,7}/.exec(text.slice(at + name.length + 1, at + name.length + 9));
                if (digits)
                    return Number(digits[0]);
            }
            at = text.indexOf(`${name}:`, at + 1);
        }
    }
    return null;
}
function numberOr(value, fallback) {
    const n = typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : NaN;
    return Number.isFinite(n) && n >= 0 ? n : fallback;
}

;// CONCATENATED MODULE: ./src/test-results/ctrf.ts


const OUTCOMES = {
    passed: 'passed',
    failed: 'failed',
    skipped: 'skipped',
    pending: 'todo',
    other: 'skipped'
};
/** A CTRF report (ctrf.io): `results.tests`, each with a status, and flaky when a retry passed. */
function readCtrf(text, workspace) {
    let document;
    try {
        document = JSON.parse(text);
    }
    catch (error) {
        throw new ReportError(`not JSON (${error.message})`);
    }
    const results = isObject(document) ? document.results : undefined;
    const tests = isObject(results) ? results.tests : undefined;
    if (!isObject(results) || !Array.isArray(tests)) {
        throw new ReportError('not a CTRF report: no results.tests list');
    }
    const cases = tests.filter(isObject).map((test) => {
        const name = str(test.name);
        const outcome = OUTCOMES[str(test.status)] ?? 'skipped';
        // CTRF 0.0 writes suite as text (some reporters repeat the name there), 1.0 as a list.
        const suite = Array.isArray(test.suite)
            ? test.suite.map(str).filter(Boolean).join(' › ')
            : str(test.suite) === name
                ? ''
                : str(test.suite);
        const file = workspacePath(str(test.filePath), workspace);
        const trace = str(test.trace);
        return {
            suite,
            name,
            outcome,
            flaky: outcome === 'passed' && test.flaky === true,
            message: outcome === 'failed' ? firstLine(str(test.message) || trace) : '',
            file,
            line: numberOr(test.line, null) ?? (trace ? lineIn(trace, file) : null)
        };
    });
    const summary = isObject(results.summary) ? results.summary : {};
    const start = numberOr(summary.start, null);
    const stop = numberOr(summary.stop, null);
    return {
        format: 'ctrf',
        cases,
        durationSeconds: start !== null && stop !== null && stop >= start ? (stop - start) / 1000 : null
    };
}
function str(value) {
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 28 modules
var XMLParser = __webpack_require__(8879);
;// CONCATENATED MODULE: ./src/test-results/junit.ts



/** Elements kept as lists whatever their count, so one and many read alike. */
const LISTS = new Set([
    'testsuite',
    'testcase',
    'failure',
    'error',
    'skipped',
    'flakyFailure',
    'flakyError',
    'rerunFailure',
    'rerunError'
]);
/** Elements never shown: the tests' output can be most of a report. */
const UNREAD = new Set(['system-out', 'system-err', 'properties']);
/** XML's own five entities; anything a DOCTYPE could declare is refused before it is read. */
const XML_ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/**
 * fast-xml-parser's entity hook: a DOCTYPE (the only way to declare an entity, hence the billion
 * laughs and external entities) stops the parse; XML's own entities and character references are
 * decoded. One pass of a linear regex.
 */
const entityDecoder = {
    setExternalEntities: () => undefined,
    addInputEntities: () => {
        throw new ReportError('a DOCTYPE is refused (entity declarations are never read)');
    },
    reset: () => undefined,
    setXmlVersion: () => undefined,
    decode: (text) => text.includes('&')
        ? text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref) => {
            if (ref.startsWith('#')) {
                const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
                return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
            }
            return XML_ENTITIES[ref] ?? whole;
        })
        : text
};
const parser = new XMLParser/* default */.A({
    ignoreAttributes: false,
    // Prefixed: node:test writes a `failure` attribute beside the `<failure>` element.
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: name => LISTS.has(name),
    // Callbacks get a matcher instead of a path string built for every element: about half the time.
    jPath: false,
    entityDecoder,
    // Output and properties are never shown: skipped unparsed, and left out of the tree.
    stopNodes: ['*.system-out', '*.system-err', '*.properties'],
    updateTag: tagName => !UNREAD.has(tagName)
});
/**
 * A JUnit XML report, as vitest, jest-junit, pytest, Maven Surefire, go-junit-report, gotestsum,
 * node:test and PHPUnit write it: `<testsuites>` or one `<testsuite>`, suites nested or not.
 */
function readJunit(text, workspace) {
    let document;
    try {
        document = parser.parse(text);
    }
    catch (error) {
        if (error instanceof ReportError)
            throw error;
        throw new ReportError(`not well-formed XML (${error.message})`);
    }
    const hasTop = 'testsuites' in document;
    if (!hasTop && !('testsuite' in document)) {
        throw new ReportError('no <testsuites> or <testsuite> element');
    }
    // `<testsuites>` (whose time is the run's), or one or more `<testsuite>` at the top.
    const container = hasTop
        ? (asList(document.testsuites)[0] ?? {})
        : { testsuite: document.testsuite };
    const cases = new Cases();
    walk(container, '', cases, workspace);
    const suites = asList(container.testsuite);
    const summed = suites.reduce((sum, s) => sum + (numberOr(attr(s, 'time'), 0) ?? 0), 0);
    return {
        format: 'junit',
        cases: cases.list,
        durationSeconds: (hasTop ? numberOr(attr(container, 'time'), null) : null) ??
            (suites.length > 0 ? summed : null)
    };
}
/** Test cases in report order; a test written again after a rerun is one test (gotestsum, pytest-rerunfailures). */
class Cases {
    list = [];
    failedAt = new Map();
    add(test, key) {
        const earlier = this.failedAt.get(key);
        if (earlier !== undefined && test.outcome === 'passed') {
            const failed = this.list[earlier];
            if (failed)
                this.list[earlier] = { ...failed, outcome: 'passed', flaky: true };
            this.failedAt.delete(key);
            return;
        }
        if (test.outcome === 'failed')
            this.failedAt.set(key, this.list.length);
        this.list.push(test);
    }
}
function walk(suite, outer, cases, workspace) {
    const name = attr(suite, 'name');
    for (const test of asList(suite.testcase)) {
        const read = readCase(test, name || outer, workspace);
        cases.add(read, `${attr(test, 'classname')}\u0000${read.suite}\u0000${read.name}`);
    }
    for (const inner of asList(suite.testsuite))
        walk(inner, name || outer, cases, workspace);
}
function readCase(test, suiteName, workspace) {
    const failures = [...asList(test.failure), ...asList(test.error)];
    const skipped = asList(test.skipped);
    const retried = [
        ...asList(test.flakyFailure),
        ...asList(test.flakyError),
        ...asList(test.rerunFailure),
        ...asList(test.rerunError)
    ];
    let outcome = 'passed';
    if (failures.length > 0)
        outcome = 'failed';
    else if (skipped.length > 0)
        outcome = attr(skipped[0], 'type') === 'todo' ? 'todo' : 'skipped';
    const failure = failures[0] ?? (outcome === 'passed' ? retried[0] : undefined);
    const body = failure === undefined ? '' : textOf(failure);
    const message = failure === undefined ? '' : firstLine(attr(failure, 'message') || body);
    const classname = attr(test, 'classname');
    // node:test writes classname="test" on every case: its suite is the enclosing <testsuite>.
    const suite = classname && classname !== 'test' ? classname : suiteName;
    const written = attr(test, 'file');
    // vitest names a case's file only as its classname; a path is one when the failure cites it.
    const file = workspacePath(written || (looksLikePath(classname) ? classname : ''), workspace);
    const cited = body ? lineIn(body, file) : null;
    const line = cited ?? (written ? numberOr(attr(test, 'line'), null) : null);
    return {
        suite,
        name: attr(test, 'name'),
        outcome,
        flaky: outcome === 'passed' && retried.length > 0,
        message,
        file: written || cited !== null ? file : '',
        line
    };
}
function looksLikePath(name) {
    return /\/|\.[cm]?[jt]sx?$|\.py$/.test(name);
}
function asList(value) {
    if (value === undefined)
        return [];
    const list = Array.isArray(value) ? value : [value];
    // `<skipped/>` reads as an empty string: still an element.
    return list.map(item => (typeof item === 'object' && item !== null ? item : {}));
}
function attr(node, name) {
    const value = node?.[`@_${name}`];
    return typeof value === 'string' ? value : '';
}
/** An element's text: its own, or a Surefire `<stackTrace>` child's. */
function textOf(node) {
    const own = node['#text'];
    if (typeof own === 'string' && own.trim() !== '')
        return own;
    const trace = node.stackTrace;
    if (typeof trace === 'string')
        return trace;
    if (typeof trace === 'object' && trace !== null) {
        const text = trace['#text'];
        return typeof text === 'string' ? text : '';
    }
    return '';
}

// EXTERNAL MODULE: ./node_modules/tap-parser/dist/esm/index.js + 15 modules
var esm = __webpack_require__(3415);
;// CONCATENATED MODULE: ./src/test-results/tap.ts



/**
 * A TAP 13 or 14 stream (node:test's tap reporter, tap, tape): each test point that closes no
 * subtest is a test; the subtests it sits in are its suite. A `# duration_ms` comment at the top
 * level is the run's time (node:test), else the top-level points' own `duration_ms` are summed.
 */
async function readTap(text, workspace) {
    const cases = [];
    // Set from the parser's events: an object, so the compiler does not take them for constants.
    const seen = {
        version: false,
        duration: null,
        summed: 0
    };
    const parser = new esm/* Parser */.iX({ strict: false });
    const finished = new Promise(resolve => {
        parser.on('complete', () => {
            resolve();
        });
    });
    const attach = (at, suite, top) => {
        let inner;
        at.on('child', (child) => {
            inner = child.name;
            attach(child, [...suite, child.name].filter(Boolean), false);
        });
        at.on('assert', (point) => {
            // A point right after a subtest is that subtest's own verdict: its tests are counted already.
            const closes = inner !== undefined;
            inner = undefined;
            if (top)
                seen.summed += numberOr(diagOf(point).duration_ms, 0) ?? 0;
            if (closes)
                return;
            cases.push(testCase(point, suite, workspace));
        });
        if (top) {
            at.on('version', () => {
                seen.version = true;
            });
            at.on('comment', (comment) => {
                const written = /^#\s*duration_ms\s+([\d.]+)\s*$/.exec(comment);
                if (written)
                    seen.duration = Number(written[1]) / 1000;
            });
        }
    };
    attach(parser, [], true);
    parser.end(text);
    await finished;
    if (!seen.version && cases.length === 0)
        throw new ReportError('no TAP test points');
    return {
        format: 'tap',
        cases,
        durationSeconds: seen.duration ?? (seen.summed > 0 ? seen.summed / 1000 : null)
    };
}
function testCase(point, suite, workspace) {
    const diag = diagOf(point);
    let outcome = point.ok ? 'passed' : 'failed';
    if (point.todo !== false)
        outcome = 'todo';
    else if (point.skip !== false)
        outcome = 'skipped';
    // node:test: `location: '/path/file.mjs:8:3'`; tap: `at: { fileName, lineNumber }`.
    const location = typeof diag.location === 'string' ? fileAndLine(diag.location) : undefined;
    const at = typeof diag.at === 'object' && diag.at !== null ? diag.at : {};
    const file = location?.file ?? (typeof at.fileName === 'string' ? at.fileName : '');
    const message = [diag.error, diag.message].find((value) => typeof value === 'string');
    return {
        suite: suite.join(' › '),
        name: point.name,
        outcome,
        flaky: false,
        message: outcome === 'failed' ? firstLine(message ?? '') : '',
        file: workspacePath(file, workspace),
        line: location ? location.line : numberOr(at.lineNumber, null)
    };
}
function diagOf(point) {
    const diag = point.diag;
    return typeof diag === 'object' && diag !== null ? diag : {};
}
/** `path:line` or `path:line:column`, read from the end: no regex backtracks over the path. */
function fileAndLine(location) {
    const parts = location.split(':');
    const numbers = [];
    while (parts.length > 1 &&
        numbers.length < 2 &&
        /^\d{1,7}$/.test(parts[parts.length - 1] ?? '')) {
        numbers.unshift(Number(parts.pop()));
    }
    const [line] = numbers;
    return line === undefined ? undefined : { file: parts.join(':'), line };
}

;// CONCATENATED MODULE: ./src/test-results/summary.ts
/** The most failures a summary keeps, in report order: the counts still count them all. */
const MAX_LISTED = 1000;
function summarize(reports) {
    const summary = {
        total: 0,
        passed: 0,
        failed: 0,
        skipped: 0,
        todo: 0,
        flaky: 0,
        duration_seconds: null,
        failures: [],
        flaky_tests: [],
        reports: []
    };
    for (const { file, report } of reports) {
        summary.reports.push({ file, format: report.format, tests: report.cases.length });
        if (report.durationSeconds !== null) {
            summary.duration_seconds = (summary.duration_seconds ?? 0) + report.durationSeconds;
        }
        for (const test of report.cases) {
            summary.total++;
            summary[test.outcome]++;
            if (test.outcome === 'failed' && summary.failures.length < MAX_LISTED) {
                summary.failures.push(test);
            }
            if (test.flaky) {
                summary.flaky++;
                if (summary.flaky_tests.length < MAX_LISTED)
                    summary.flaky_tests.push(test);
            }
        }
    }
    return summary;
}

;// CONCATENATED MODULE: ./src/test-results/index.ts
/**
 * Test reports (JUnit XML, CTRF JSON, TAP) read into one list of cases and summed up. Loaded by
 * dynamic import only when `test-results` is given: no other run pays for the parsers.
 */





/** Reads a report of any known format, detected by its content, never by its name. */
async function readReport(text, workspace) {
    const start = text.replace(/^\uFEFF/, '').trimStart();
    if (start.startsWith('<'))
        return readJunit(start, workspace);
    if (start.startsWith('{'))
        return readCtrf(start, workspace);
    if (TAP_START.test(start))
        return readTap(start, workspace);
    throw new ReportError('not a JUnit XML, CTRF JSON or TAP report');
}
const TAP_START = /^(?:TAP version \d+|(?:not )?ok\b|1\.\.\d|#)/;
/** Whether readReport would take the text for a report: an artifact's other files are skipped. */
function looksLikeReport(text) {
    const start = text.replace(/^\uFEFF/, '').trimStart();
    return start.startsWith('<') || start.startsWith('{') || TAP_START.test(start);
}



/***/ })

};
