export const id = 228;
export const ids = [228];
export const modules = {

/***/ 7228:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseAttachments: () => (/* binding */ parseAttachments)
/* harmony export */ });
/* unused harmony export AttachmentsError */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _shared_error_message_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6833);
/* harmony import */ var _shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8325);



/** Attachments that cannot be read or do not have the shape Rocket.Chat takes. */
class AttachmentsError extends Error {
    name = 'AttachmentsError';
}
/**
 * The attachment keys Rocket.Chat checks (docs/rocketchat-server.md 9.1), besides `fields`. Others
 * pass through, since a newer server may know them, but are reported: most are typos.
 */
const KEYS = {
    title: 'string',
    title_link: 'url',
    title_link_download: 'boolean',
    text: 'string',
    pretext: 'string',
    color: 'string',
    author_name: 'string',
    author_link: 'url',
    author_icon: 'url',
    image_url: 'url',
    thumb_url: 'url',
    audio_url: 'url',
    video_url: 'url',
    message_link: 'url',
    image_type: 'string',
    audio_type: 'string',
    video_type: 'string',
    image_size: 'number',
    audio_size: 'number',
    video_size: 'number',
    image_dimensions: 'object',
    image_preview: 'string',
    ts: 'timestamp',
    collapsed: 'boolean',
    mrkdwn_in: 'strings',
    actions: 'objects',
    button_alignment: 'string'
};
const EXPECTED = {
    string: 'a string',
    url: 'a string (a URL)',
    boolean: 'true or false',
    number: 'a number',
    timestamp: 'a date string or a number',
    object: 'an object',
    strings: 'a list of strings',
    objects: 'a list of objects'
};
/**
 * Reads the `attachments` input: JSON or YAML, one attachment or a list. Strings are rendered with
 * `render` only after parsing and checking, so an inserted value can never change the structure.
 * `warn` hears of keys Rocket.Chat does not know.
 */
function parseAttachments(source, render, warn) {
    const parsed = parseSource(source);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.map((item, index) => {
        const path = `attachments[${index}]`;
        if (!(0,_shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(item)) {
            throw new AttachmentsError(`${path} must be an object with keys such as title, text and fields, not ${typeName(item)}`);
        }
        checkAttachment(item, path);
        for (const key of unknownKeys(item)) {
            warn?.(`${path}.${key} is not an attachment key Rocket.Chat knows; it is sent as is. ` +
                `Known keys: ${[...Object.keys(KEYS), 'fields'].join(', ')}`);
        }
        return finish(renderStrings(item, path, render), path);
    });
}
function parseSource(source) {
    if (/^\s*[[{]/.test(source)) {
        try {
            return JSON.parse(source);
        }
        catch (jsonError) {
            // YAML flow style (`{title: Build}`) looks like JSON too; only if YAML fails is it bad JSON.
            try {
                return (0,yaml__WEBPACK_IMPORTED_MODULE_0__.parse)(source);
            }
            catch {
                throw new AttachmentsError(`attachments is not valid JSON: ${jsonProblem(jsonError, source)}`);
            }
        }
    }
    try {
        return (0,yaml__WEBPACK_IMPORTED_MODULE_0__.parse)(source);
    }
    catch (error) {
        // The yaml package's message already has the line, the column and the line itself.
        const detail = (0,_shared_error_message_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(error);
        throw new AttachmentsError(`attachments is not valid YAML: ${detail.trimEnd()}`);
    }
}
/** JSON.parse names an offset (and on newer Node a line and column): say line and column. */
function jsonProblem(error, source) {
    const message = (0,_shared_error_message_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(error);
    const offset = /at position (\d+)/.exec(message)?.[1];
    if (offset === undefined)
        return message;
    const cut = message.indexOf(' in JSON at position ');
    const problem = (cut < 0 ? message : message.slice(0, cut)).trimEnd();
    const before = source.slice(0, Number(offset));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `${problem} at line ${line}, column ${column}`;
}
function checkAttachment(attachment, path) {
    for (const [key, value] of Object.entries(attachment)) {
        const kind = KEYS[key];
        if (key === 'fields')
            checkFields(value, `${path}.fields`);
        else if (kind && !hasKind(value, kind))
            throw typeError(`${path}.${key}`, EXPECTED[kind], value);
    }
}
function unknownKeys(attachment) {
    return Object.keys(attachment).filter(key => KEYS[key] === undefined && key !== 'fields');
}
function checkFields(fields, path) {
    if (!Array.isArray(fields))
        throw typeError(path, 'a list of {title, value, short}', fields);
    fields.forEach((item, index) => {
        const at = `${path}[${index}]`;
        if (!(0,_shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(item))
            throw typeError(at, 'an object with title and value', item);
        if (typeof item.title !== 'string')
            throw typeError(`${at}.title`, 'a string', item.title);
        if (!['string', 'number', 'boolean'].includes(typeof item.value)) {
            throw typeError(`${at}.value`, 'a string, number or boolean', item.value);
        }
        if (item.short !== undefined && typeof item.short !== 'boolean') {
            throw typeError(`${at}.short`, 'true or false', item.short);
        }
    });
}
function hasKind(value, kind) {
    switch (kind) {
        case 'string':
        case 'url':
            return typeof value === 'string';
        case 'boolean':
            return typeof value === 'boolean';
        case 'number':
            return typeof value === 'number';
        case 'timestamp':
            return typeof value === 'string' || typeof value === 'number';
        case 'object':
            return (0,_shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(value);
        case 'strings':
            return Array.isArray(value) && value.every(item => typeof item === 'string');
        case 'objects':
            return Array.isArray(value) && value.every(_shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G);
    }
}
function typeError(path, expected, value) {
    // YAML reads `color: #ff0000` as a comment and an empty value as null.
    const hint = value === null
        ? ' (an empty YAML value, or one starting with # that YAML took for a comment: quote it)'
        : '';
    return new AttachmentsError(`${path} must be ${expected}, not ${typeName(value)}${hint}`);
}
function typeName(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
function renderStrings(value, path, render) {
    if (typeof value === 'string') {
        try {
            return render(value, path);
        }
        catch (error) {
            const message = (0,_shared_error_message_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(error);
            throw new AttachmentsError(`${path}: ${message}`, { cause: error });
        }
    }
    if (Array.isArray(value)) {
        return value.map((item, index) => renderStrings(item, `${path}[${index}]`, render));
    }
    if ((0,_shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(value)) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [
            key,
            renderStrings(item, `${path}.${key}`, render)
        ]));
    }
    return value;
}
/**
 * Settles what rendering decided. A URL or field that renders empty (`${{ env.IMAGE }}` unset, a
 * head ref on a push) is left out: Rocket.Chat refuses the whole message for an empty field or a
 * URL that is not absolute, and a missing detail must not lose the notification.
 */
function finish(attachment, path) {
    const result = {};
    for (const [key, value] of Object.entries(attachment)) {
        if (KEYS[key] === 'url' && typeof value === 'string') {
            if (value.trim() === '')
                continue;
            if (!isLink(value.trim(), key)) {
                throw new AttachmentsError(`${path}.${key} must be an absolute http(s) URL, not "${shorten(value)}"`);
            }
            result[key] = value.trim();
        }
        else if (key === 'fields' && Array.isArray(value)) {
            result[key] = value.filter(_shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G).flatMap(item => {
                // Numbers and booleans as text: Rocket.Chat also refuses a value of 0 or false.
                const text = typeof item.value === 'string' ? item.value : String(item.value);
                const title = typeof item.title === 'string' ? item.title : '';
                return title.trim() === '' || text.trim() === '' ? [] : [{ ...item, title, value: text }];
            });
        }
        else {
            result[key] = value;
        }
    }
    return result;
}
/** Rocket.Chat takes absolute URLs; a title link may also be a path on the server (an upload). */
function isLink(value, key) {
    if (key === 'title_link' && value.startsWith('/') && !value.startsWith('//'))
        return true;
    return /^https?:\/\/[^\s/]/i.test(value);
}
function shorten(value) {
    return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}


/***/ })

};
