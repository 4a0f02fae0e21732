export const id = 319;
export const ids = [319];
export const modules = {

/***/ 9319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   alignInput: () => (/* binding */ alignInput),
/* harmony export */   expressionOf: () => (/* binding */ expressionOf),
/* harmony export */   filledInFinder: () => (/* binding */ filledInFinder),
/* harmony export */   stepCandidates: () => (/* binding */ stepCandidates)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/**
 * The author's own words, read from the workflow file. The runner fills in every `${{ }}` of a
 * step's `with:` before the action starts; the workflow file still holds what the author typed.
 * This module finds the step's `with:` in the file and aligns each input's value with its source:
 * the literal parts are the author's, every span a `${{ }}` filled in is data (never evaluated,
 * made inert as an inserted `{{ }}` value is), whatever it holds and wherever it came from. Where
 * the alignment is ambiguous (a literal that also occurs inside a filled-in value), the ambiguous
 * characters are data. Pure: the file is read by src/github/workflow-file.ts.
 */

/**
 * This step's `with:` in the workflow file (keys lower case, values as text): the job `job` (GITHUB_JOB), the step whose id is
 * `action` (GITHUB_ACTION), else the steps that use an action and have no id, of which the caller
 * keeps the one whose inputs align. Several candidates come back as a list to try.
 */
function stepCandidates(workflow, job, action) {
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__.parse)(workflow, { maxAliasCount: 100 });
    }
    catch {
        return { missing: 'the workflow file is not valid YAML' };
    }
    const jobs = record(record(document)?.jobs);
    const found = record(jobs?.[job]);
    if (!found)
        return { missing: `the job ${job} is not in the workflow file` };
    if (typeof found.uses === 'string')
        return { missing: `the job ${job} calls a reusable workflow` };
    const steps = Array.isArray(found.steps) ? found.steps.map(record) : [];
    const byId = steps.find(step => step?.id === action);
    const candidates = byId
        ? [byId]
        : steps.filter(step => typeof step?.uses === 'string' && step.id === undefined);
    if (candidates.length === 0)
        return { missing: `no step of the job ${job} is this one` };
    return candidates.map(step => {
        const inputs = new Map();
        for (const [key, value] of Object.entries(record(step?.with) ?? {})) {
            if (['string', 'number', 'boolean'].includes(typeof value)) {
                inputs.set(key.toLowerCase(), String(value));
            }
        }
        return inputs;
    });
}
/**
 * The filled-in spans of `value`, an input's value as the action received it, against `source`,
 * the input as the workflow file writes it; undefined when the two do not align (another step, a
 * changed file). `trimmed`: the action read the value trimmed, as `core.getInput` does.
 */
function alignInput(source, value, trimmed) {
    const expressions = expressionsIn(source);
    const literals = [];
    let cursor = 0;
    for (const expression of expressions) {
        literals.push(source.slice(cursor, expression.start));
        cursor = expression.end;
    }
    literals.push(source.slice(cursor));
    const last = literals.length - 1;
    if (trimmed) {
        literals[0] = (literals[0] ?? '').trimStart();
        literals[last] = (literals[last] ?? '').trimEnd();
    }
    if (expressions.length === 0)
        return literals[0] === value ? [] : undefined;
    const first = literals[0] ?? '';
    const final = literals[last] ?? '';
    if (!value.startsWith(first) || !value.endsWith(final))
        return undefined;
    if (value.length - final.length < first.length)
        return undefined;
    // Each literal placed as early as it can be, then as late: between the two, it is ambiguous.
    const earliest = [0];
    for (let i = 1; i < last; i++) {
        const from = earliest[i - 1] + literals[i - 1].length;
        const at = value.indexOf(literals[i], from);
        if (at < 0)
            return undefined;
        earliest.push(at);
    }
    earliest.push(value.length - final.length);
    const end = (i, starts) => starts[i] + literals[i].length;
    if (last > 1 && end(last - 1, earliest) > earliest[last])
        return undefined;
    const latest = new Array(last + 1);
    latest[last] = value.length - final.length;
    for (let i = last - 1; i >= 1; i--) {
        const before = latest[i + 1] - literals[i].length;
        latest[i] = value.lastIndexOf(literals[i], before);
    }
    latest[0] = 0;
    // Data between the firm literals: each run named by the first `${{ }}` inside it.
    const spans = [];
    let dataStart = first.length;
    let written = expressions[0]?.written ?? '';
    for (let i = 1; i <= last; i++) {
        const firm = i === last || earliest[i] === latest[i];
        if (!firm)
            continue;
        const literalStart = earliest[i];
        if (literalStart > dataStart)
            spans.push({ start: dataStart, end: literalStart, written });
        dataStart = end(i, earliest);
        written = expressions[i]?.written ?? '';
    }
    return spans;
}
/** The `${{ }}` of a source, each ended by the first `}}` outside a '...' string, as the runner ends it. */
function expressionsIn(source) {
    const found = [];
    for (let open = source.indexOf('${{'); open >= 0;) {
        let inString = false;
        let close = -1;
        for (let i = open + 3; i + 1 < source.length; i++) {
            const c = source[i];
            if (c === "'")
                inString = !inString;
            else if (!inString && c === '}' && source[i + 1] === '}') {
                close = i;
                break;
            }
        }
        if (close < 0)
            break;
        found.push({ start: open, end: close + 2, written: source.slice(open, close + 2) });
        open = source.indexOf('${{', close + 2);
    }
    return found;
}
/** What a filled-in `${{ }}` says: `steps.meta.outputs.subject`. */
function expressionOf(written) {
    return written.slice(3, -2).trim();
}
/** GitHub markdown (a release, pull request, issue or comment body): converted, not only inert. */
const MARKDOWN_BODY = /^github\.event\.[A-Za-z_.]*\.body$/;
/**
 * A finder of the filled-in text of each template, keyed by the template's text as the action
 * renders it: the inputs' values, and for `attachments` each parsed string whose source overlaps a
 * filled-in span (wholly data after YAML or JSON unquoting).
 */
function filledInFinder(templates, attachments) {
    const byText = new Map();
    const add = (text, spans) => {
        if (spans.length === 0)
            return;
        byText.set(text, merge([...(byText.get(text) ?? []), ...spans]));
    };
    for (const { value, spans } of templates)
        add(value, spans.map(toPasted));
    if (attachments && attachments.spans.length > 0) {
        for (const { text, written } of filledScalars(attachments.value, attachments.spans)) {
            add(text, [
                { start: 0, end: text.length, path: expressionOf(written), markdown: false, written }
            ]);
        }
    }
    const all = [...byText.values()].flat();
    return {
        spansIn: text => byText.get(text) ?? [],
        markdown: all.some(span => span.markdown)
    };
}
function toPasted({ start, end, written }) {
    const path = expressionOf(written);
    return { start, end, path, markdown: MARKDOWN_BODY.test(path), written };
}
/** Overlapping or touching spans merged, in order. */
function merge(spans) {
    const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    const merged = [];
    for (const span of sorted) {
        const previous = merged[merged.length - 1];
        if (previous && span.start < previous.end) {
            if (span.end > previous.end)
                previous.markdown = false;
            previous.end = Math.max(previous.end, span.end);
        }
        else
            merged.push({ ...span });
    }
    return merged;
}
/**
 * The string scalars of `attachments` whose source overlaps a filled-in span. Where the text is
 * not YAML that the yaml package reads without error, every string scalar it reads is data.
 */
function filledScalars(value, spans) {
    const document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__.parseDocument)(value, { keepSourceTokens: false });
    const strict = document.errors.length === 0;
    const found = [];
    const visit = (node) => {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isScalar)(node)) {
            if (typeof node.value !== 'string')
                return;
            const [from, to] = node.range ?? [0, value.length];
            const overlap = spans.find(span => span.start < to && from < span.end);
            if (overlap || !strict)
                found.push({ text: node.value, written: overlap?.written ?? '${{ }}' });
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isMap)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__.isSeq)(node)) {
            for (const item of node.items)
                visit(item);
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isPair)(node)) {
            visit(node.value);
        }
    };
    visit(document.contents);
    return found;
}
function record(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}


/***/ })

};
