export const id = 699;
export const ids = [699,256];
export const modules = {

/***/ 1699:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportsInZip: () => (/* binding */ reportsInZip)
/* harmony export */ });
/* unused harmony exports MAX_ENTRIES, ZipRefusedError */
/* harmony import */ var yauzl__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(663);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3256);
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

/***/ 3256:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  QO: () => (/* binding */ looksLikeReport),
  readReport: () => (/* binding */ readReport),
  summarize: () => (/* reexport */ summarize)
});

// UNUSED EXPORTS: MAX_LISTED, ReportError

// EXTERNAL MODULE: ./src/test-results/types.ts
var types = __webpack_require__(2870);
// EXTERNAL MODULE: ./src/test-results/text.ts
var test_results_text = __webpack_require__(1564);
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
        throw new types/* ReportError */.$(`not JSON (${error.message})`);
    }
    const results = isObject(document) ? document.results : undefined;
    const tests = isObject(results) ? results.tests : undefined;
    if (!isObject(results) || !Array.isArray(tests)) {
        throw new types/* ReportError */.$('not a CTRF report: no results.tests list');
    }
    const cases = tests.filter(isObject).map((test) => {
        const name = str(test.name);
        const outcome = OUTCOMES[str(test.status)] ?? 'skipped';
        // CTRF 0.0 writes suite as text (some reporters repeat the name there), 1.0 as a list.
        const suite = Array.isArray(test.suite)
            ? test.suite.map(str).filter(Boolean).join(' \u203a ')
            : str(test.suite) === name
                ? ''
                : str(test.suite);
        const file = (0,test_results_text/* workspacePath */.X5)(str(test.filePath), workspace);
        const trace = str(test.trace);
        return {
            suite,
            name,
            outcome,
            flaky: outcome === 'passed' && test.flaky === true,
            message: outcome === 'failed' ? (0,test_results_text/* firstLine */.TM)(str(test.message) || trace) : '',
            file,
            line: (0,test_results_text/* numberOr */.d_)(test.line, null) ?? (trace ? (0,test_results_text/* lineIn */.Wg)(trace, file) : null)
        };
    });
    const summary = isObject(results.summary) ? results.summary : {};
    const start = (0,test_results_text/* numberOr */.d_)(summary.start, null);
    const stop = (0,test_results_text/* numberOr */.d_)(summary.stop, null);
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
 * dynamic import only when `test-results` is given: no other run pays for the parsers. Each
 * format's parser is loaded only for a report of that format too: a JUnit run never loads
 * tap-parser and its YAML.
 */



/** Reads a report of any known format, detected by its content, never by its name. */
async function readReport(text, workspace) {
    const start = text.replace(/^\uFEFF/, '').trimStart();
    if (start.startsWith('<'))
        return (await Promise.all(/* import() */[__webpack_require__.e(879), __webpack_require__.e(459)]).then(__webpack_require__.bind(__webpack_require__, 1459))).readJunit(start, workspace);
    if (start.startsWith('{'))
        return readCtrf(start, workspace);
    if (TAP_START.test(start))
        return (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(415), __webpack_require__.e(910)]).then(__webpack_require__.bind(__webpack_require__, 9910))).readTap(start, workspace);
    throw new types/* ReportError */.$('not a JUnit XML, CTRF JSON or TAP report');
}
const TAP_START = /^(?:TAP version \d+|(?:not )?ok\b|1\.\.\d|#)/;
/** Whether readReport would take the text for a report: an artifact's other files are skipped. */
function looksLikeReport(text) {
    const start = text.replace(/^\uFEFF/, '').trimStart();
    return start.startsWith('<') || start.startsWith('{') || TAP_START.test(start);
}



/***/ }),

/***/ 1564:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TM: () => (/* binding */ firstLine),
/* harmony export */   Wg: () => (/* binding */ lineIn),
/* harmony export */   X5: () => (/* binding */ workspacePath),
/* harmony export */   d_: () => (/* binding */ numberOr)
/* harmony export */ });
/* unused harmony export MESSAGE_LENGTH */
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
    return chars.length > MESSAGE_LENGTH ? `${chars.slice(0, MESSAGE_LENGTH - 1).join('')}\u2026` : line;
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
            if (before === '' || /[\s/(\\"'\u276f]/.test(before)) {
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


/***/ }),

/***/ 2870:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ ReportError),
/* harmony export */   V: () => (/* binding */ cutShort)
/* harmony export */ });
/** The shapes every report format is read into: one list of test cases, whatever wrote them. */
/** A report that cannot be read: not a format we know, malformed, or refused (a DOCTYPE). */
class ReportError extends Error {
    name = 'ReportError';
}
/**
 * A report that ends before it says it does (the job writing it stopped, a copy was cut at a size)
 * would read as a smaller run: refused whole, never counted as if complete.
 */
function cutShort(why) {
    return new ReportError(`cut short: ${why}, as a report does when the job writing it stopped or a copy was cut at a size; none of its tests are counted`);
}


/***/ })

};
