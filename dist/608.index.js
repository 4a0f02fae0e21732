export const id = 608;
export const ids = [608];
export const modules = {

/***/ 8608:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderTemplate: () => (/* binding */ renderTemplate)
/* harmony export */ });
/* unused harmony export TemplateError */
/* harmony import */ var _actions_expressions__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(438);
/* harmony import */ var _mentions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8887);
/* harmony import */ var _rocketchat_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1315);



/** A template that cannot be rendered; the message names the expression and where it is. */
class TemplateError extends Error {
    name = 'TemplateError';
}
const CONTEXT_NAMES = ['github', 'env', 'job', 'runner'];
const OPEN = '${{';
const CLOSE = '}}';
/**
 * Renders each `${{ expr }}` in `template` over the workflow context. A value is inserted as text
 * and never evaluated again, so `${{` inside an event field stays literal.
 */
function renderTemplate(template, context, options = {}) {
    if (!template.includes(OPEN))
        return template;
    const functions = statusFunctions(context.job.status);
    let output = '';
    const inserted = [];
    let cursor = 0;
    for (let open = template.indexOf(OPEN); open >= 0; open = template.indexOf(OPEN, cursor)) {
        const close = findClose(template, open + OPEN.length);
        if (close < 0) {
            throw new TemplateError(`${quote(template.slice(open))} at ${position(template, open)} has no closing }}`);
        }
        output += template.slice(cursor, open);
        const source = template.slice(open + OPEN.length, close);
        const where = () => `${quote(template.slice(open, close + CLOSE.length))} at ${position(template, open)}`;
        const value = evaluate(source, context, functions, where);
        inserted.push([output.length, output.length + value.length]);
        output += value;
        cursor = close + CLOSE.length;
    }
    output += template.slice(cursor);
    return options.defuse === false ? output : (0,_mentions_js__WEBPACK_IMPORTED_MODULE_2__/* .defuseWithin */ .I)(output, inserted);
}
/** The end of an expression: the first `}}` outside a '...' string literal, as the runner finds it. */
function findClose(template, from) {
    let inString = false;
    for (let i = from; i < template.length; i++) {
        const c = template[i];
        if (c === "'")
            inString = !inString;
        else if (!inString && c === '}' && template[i + 1] === '}')
            return i;
    }
    return -1;
}
function evaluate(source, context, functions, where) {
    let result;
    try {
        const { tokens } = new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .Lexer */ .JG(source).lex();
        // Only the end token: the parser would return no tree at all.
        if (tokens.length <= 1)
            throw new Error('empty expression');
        const expression = new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .iX(tokens, CONTEXT_NAMES, [...functions.values()]).parse();
        result = new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .Evaluator */ .oi(expression, contextData(context), functions).evaluate();
    }
    catch (error) {
        throw new TemplateError(`${where()}: ${describe(error)}`, { cause: error });
    }
    return toText(result);
}
function describe(error) {
    const message = (0,_rocketchat_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error);
    return message.startsWith('Unrecognized named-value')
        ? `${message} (templates can read ${CONTEXT_NAMES.join(', ')})`
        : message;
}
/**
 * Strings as GitHub prints them (null is empty, numbers without a trailing `.0`), except objects
 * and arrays, which GitHub prints as `Object` and `Array`: JSON says more in a message.
 */
function toText(result) {
    return result.primitive ? result.coerceString() : JSON.stringify(result, _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.replacer */ .p.$U);
}
/**
 * `success()` and friends follow the `status` input, the only job status a step can know; `warning`
 * and `info` are neither success nor failure. Keys are lower case, as the evaluator looks them up.
 */
function statusFunctions(status) {
    const truth = {
        success: status === 'success',
        failure: status === 'failure',
        cancelled: status === 'cancelled',
        always: true
    };
    return new Map(Object.entries(truth).map(([name, value]) => [
        name,
        { name, minArgs: 0, maxArgs: 0, call: () => new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.BooleanData */ .p.bo(value) }
    ]));
}
/** The converted contexts, once per context: the event payload can be large. */
const converted = new WeakMap();
function contextData(context) {
    let dictionary = converted.get(context);
    if (!dictionary) {
        dictionary = new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.Dictionary */ .p.bT(...CONTEXT_NAMES.map(key => ({ key, value: toData(context[key]) })));
        converted.set(context, dictionary);
    }
    return dictionary;
}
function toData(value) {
    if (typeof value === 'string')
        return new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.StringData */ .p.uQ(value);
    if (typeof value === 'number')
        return new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.NumberData */ .p.Q9(value);
    if (typeof value === 'boolean')
        return new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.BooleanData */ .p.bo(value);
    if (Array.isArray(value))
        return new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.Array */ .p.O3(...value.map(toData));
    if (typeof value === 'object' && value !== null) {
        return new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.Dictionary */ .p.bT(...Object.entries(value).map(([key, item]) => ({ key, value: toData(item) })));
    }
    return new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.Null */ .p.Uv();
}
/** 1-based `line L, column C` of an offset, counted in characters as editors do. */
function position(text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return `line ${line}, column ${column}`;
}
function quote(source) {
    const oneLine = source.replace(/\s+/g, ' ');
    return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}


/***/ })

};
