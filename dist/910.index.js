export const id = 910;
export const ids = [910];
export const modules = {

/***/ 9910:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readTap: () => (/* binding */ readTap)
/* harmony export */ });
/* harmony import */ var tap_parser__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3415);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2870);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1564);



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
    const parser = new tap_parser__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .iX({ strict: false });
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
                seen.summed += (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .numberOr */ .d_)(diagOf(point).duration_ms, 0) ?? 0;
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
        throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .ReportError */ .$('no TAP test points');
    // TAP says how many tests it holds (`1..N`, first or last): a stream without its plan, or with
    // fewer top-level tests than planned, was cut. A bail-out is the tool's own stop, read as is.
    if (!parser.bailedOut) {
        if (parser.syntheticPlan || parser.planStart === -1) {
            throw (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .cutShort */ .V)('it ends before its plan (`1..N`)');
        }
        const planned = parser.planEnd - parser.planStart + 1;
        if (parser.count !== planned) {
            throw (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .cutShort */ .V)(`its plan is ${parser.planStart}..${parser.planEnd} and ${parser.count} tests are written`);
        }
    }
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
        suite: suite.join(' \u203a '),
        name: point.name,
        outcome,
        flaky: false,
        message: outcome === 'failed' ? (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .firstLine */ .TM)(message ?? '') : '',
        file: (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .workspacePath */ .X5)(file, workspace),
        line: location ? location.line : (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .numberOr */ .d_)(at.lineNumber, null)
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


/***/ })

};
