export const id = 459;
export const ids = [459];
export const modules = {

/***/ 1459:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readJunit: () => (/* binding */ readJunit)
/* harmony export */ });
/* harmony import */ var fast_xml_parser__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8879);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2870);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1564);



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
        throw new _types_js__WEBPACK_IMPORTED_MODULE_0__/* .ReportError */ .$('a DOCTYPE is refused (entity declarations are never read)');
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
const parser = new fast_xml_parser__WEBPACK_IMPORTED_MODULE_1__/* ["default"] */ .A({
    ignoreAttributes: false,
    // Prefixed: node:test writes a `failure` attribute beside the `<failure>` element.
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // The tree the parser builds first, as it is: turning it into plain objects took up to a quarter
    // more time, and a second tree in memory.
    preserveOrder: true,
    // Where each element ends: an element never closed is a report cut short.
    captureMetaData: true,
    // Callbacks get a matcher instead of a path string built for every element: about half the time.
    jPath: false,
    entityDecoder,
    // Output and properties are never shown: skipped unparsed, and left out of the tree.
    stopNodes: ['*.system-out', '*.system-err', '*.properties'],
    updateTag: tagName => !UNREAD.has(tagName)
});
const METADATA = fast_xml_parser__WEBPACK_IMPORTED_MODULE_1__/* ["default"] */ .A.getMetaDataSymbol();
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
        if (error instanceof _types_js__WEBPACK_IMPORTED_MODULE_0__/* .ReportError */ .$)
            throw error;
        // The parser stops at a tag the file never finishes: a report cut there, said so.
        if (text.lastIndexOf('<') > text.lastIndexOf('>'))
            throw (0,_types_js__WEBPACK_IMPORTED_MODULE_0__/* .cutShort */ .V)('it ends inside a tag');
        throw new _types_js__WEBPACK_IMPORTED_MODULE_0__/* .ReportError */ .$(`not well-formed XML (${error.message})`);
    }
    const top = document.filter(node => tagOf(node) !== '#text');
    const [first] = top;
    if (first === undefined || !['testsuites', 'testsuite'].includes(tagOf(first))) {
        throw new _types_js__WEBPACK_IMPORTED_MODULE_0__/* .ReportError */ .$('no <testsuites> or <testsuite> element');
    }
    // A report cut short (the job writing it stopped, a copy cut at a size) would read as a smaller
    // run: refused whole, never counted as if complete.
    const open = top.find(node => node[METADATA]?.endIndex === undefined);
    if (open !== undefined)
        throw (0,_types_js__WEBPACK_IMPORTED_MODULE_0__/* .cutShort */ .V)(`it ends inside its <${tagOf(open)}> element`);
    // `<testsuites>` (whose time is the run's), or one or more `<testsuite>` at the top.
    const hasTop = tagOf(first) === 'testsuites';
    const suites = hasTop ? childrenNamed(first, 'testsuite') : top;
    const cases = new Cases();
    walk(hasTop ? first : { testsuite: top }, '', cases, workspace);
    const summed = suites.reduce((sum, s) => sum + ((0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .numberOr */ .d_)(attr(s, 'time'), 0) ?? 0), 0);
    return {
        format: 'junit',
        cases: cases.list,
        durationSeconds: (hasTop ? (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .numberOr */ .d_)(attr(first, 'time'), null) : null) ?? (suites.length > 0 ? summed : null)
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
/** The test cases of a suite and of the suites within it, in the order the report writes them. */
function walk(suite, outer, cases, workspace) {
    const name = attr(suite, 'name') || outer;
    for (const child of children(suite)) {
        const tag = tagOf(child);
        if (tag === 'testsuite')
            walk(child, name, cases, workspace);
        else if (tag === 'testcase') {
            const read = readCase(child, name, workspace);
            cases.add(read, `${attr(child, 'classname')}\u0000${read.suite}\u0000${read.name}`);
        }
    }
}
function readCase(test, suiteName, workspace) {
    const inner = new Map();
    for (const child of children(test)) {
        const tag = tagOf(child);
        const same = inner.get(tag);
        if (same)
            same.push(child);
        else
            inner.set(tag, [child]);
    }
    const named = (tag) => inner.get(tag) ?? [];
    const failures = [...named('failure'), ...named('error')];
    const skipped = named('skipped');
    const retried = [
        ...named('flakyFailure'),
        ...named('flakyError'),
        ...named('rerunFailure'),
        ...named('rerunError')
    ];
    let outcome = 'passed';
    if (failures.length > 0)
        outcome = 'failed';
    else if (skipped.length > 0)
        outcome = attr(skipped[0], 'type') === 'todo' ? 'todo' : 'skipped';
    const failure = failures[0] ?? (outcome === 'passed' ? retried[0] : undefined);
    const body = failure === undefined ? '' : textOf(failure);
    const message = failure === undefined ? '' : (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .firstLine */ .TM)(attr(failure, 'message') || body);
    const classname = attr(test, 'classname');
    // node:test writes classname="test" on every case: its suite is the enclosing <testsuite>.
    const suite = classname && classname !== 'test' ? classname : suiteName;
    const written = attr(test, 'file');
    // vitest names a case's file only as its classname; a path is one when the failure cites it.
    const file = (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .workspacePath */ .X5)(written || (looksLikePath(classname) ? classname : ''), workspace);
    const cited = body ? (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .lineIn */ .Wg)(body, file) : null;
    const line = cited ?? (written ? (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .numberOr */ .d_)(attr(test, 'line'), null) : null);
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
/** The tag an ordered-tree node is: its one key besides the attributes (`#text` for text). */
function tagOf(node) {
    for (const key in node)
        if (key !== ':@')
            return key;
    return '';
}
function children(node) {
    const list = node[tagOf(node)];
    return Array.isArray(list) ? list : [];
}
function childrenNamed(node, tag) {
    return children(node).filter(child => tagOf(child) === tag);
}
function attr(node, name) {
    const value = node?.[':@']?.[`@_${name}`];
    return typeof value === 'string' ? value : '';
}
/** An element's text: its own, or a Surefire `<stackTrace>` child's. */
function textOf(node) {
    const own = textIn(node);
    if (own.trim() !== '')
        return own;
    const trace = childrenNamed(node, 'stackTrace')[0];
    return trace === undefined ? '' : textIn(trace);
}
/** The text directly in an element, its pieces (around child elements, CDATA) joined. */
function textIn(node) {
    let text = '';
    for (const child of children(node)) {
        const piece = child['#text'];
        if (typeof piece === 'string')
            text += piece;
    }
    return text;
}


/***/ })

};
