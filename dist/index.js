import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 689:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ HttpClient),
/* harmony export */   t: () => (/* binding */ BearerCredentialHandler)
/* harmony export */ });
/**
 * Bundled in place of `@actions/http-client` (tsconfig `paths`, which ncc follows). @actions/core
 * imports it at start-up only for getIDToken, which this action never calls, and it would load
 * all of undici on every run: about 30 ms of a cold start. Calling it is a bug, said plainly.
 *
 * @actions/github builds a default proxy agent from it when it loads (src/github/), which this
 * action replaces with its own fetch: that agent is "none", as http-client gives without a proxy.
 */
function unused() {
    throw new Error('@actions/http-client is not bundled: OIDC tokens are not used by this action');
}
class HttpClient {
    getAgent() {
        return undefined;
    }
    getAgentDispatcher() {
        return undefined;
    }
    getJson() {
        unused();
    }
}
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- stands in for a class core constructs
class BearerCredentialHandler {
    constructor() {
        unused();
    }
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1402);

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 1402:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// NAMESPACE OBJECT: ./node_modules/@actions/core/lib/platform.js
var platform_namespaceObject = {};
__nccwpck_require__.r(platform_namespaceObject);
__nccwpck_require__.d(platform_namespaceObject, {
  arch: () => (arch),
  getDetails: () => (getDetails),
  isLinux: () => (isLinux),
  isMacOS: () => (isMacOS),
  isWindows: () => (isWindows),
  platform: () => (platform)
});

// NAMESPACE OBJECT: ./node_modules/@actions/core/lib/core.js
var core_namespaceObject = {};
__nccwpck_require__.r(core_namespaceObject);
__nccwpck_require__.d(core_namespaceObject, {
  ExitCode: () => (ExitCode),
  addPath: () => (addPath),
  debug: () => (debug),
  endGroup: () => (endGroup),
  error: () => (error),
  exportVariable: () => (exportVariable),
  getBooleanInput: () => (getBooleanInput),
  getIDToken: () => (getIDToken),
  getInput: () => (getInput),
  getMultilineInput: () => (getMultilineInput),
  getState: () => (getState),
  group: () => (group),
  info: () => (info),
  isDebug: () => (isDebug),
  markdownSummary: () => (markdownSummary),
  notice: () => (core_notice),
  platform: () => (platform_namespaceObject),
  saveState: () => (saveState),
  setCommandEcho: () => (setCommandEcho),
  setFailed: () => (setFailed),
  setOutput: () => (setOutput),
  setSecret: () => (setSecret),
  startGroup: () => (startGroup),
  summary: () => (summary_summary),
  toPlatformPath: () => (toPlatformPath),
  toPosixPath: () => (toPosixPath),
  toWin32Path: () => (toWin32Path),
  warning: () => (core_warning)
});

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: ./src/action/http-client-unused.ts
var http_client_unused = __nccwpck_require__(689);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new http_client_unused/* HttpClient */.Q('actions/oidc-client', [new http_client_unused/* BearerCredentialHandler */.t(OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return __awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return __awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = _summary;
const summary_summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, external_path_.sep);
}
//# sourceMappingURL=path-utils.js.map
// EXTERNAL MODULE: external "string_decoder"
var external_string_decoder_ = __nccwpck_require__(3193);
;// CONCATENATED MODULE: external "events"
const external_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
;// CONCATENATED MODULE: external "assert"
const external_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var io_util_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_.constants.O_RDONLY;
function exists(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return io_util_awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_.dirname(filePath);
                        const upperName = external_path_.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_namespaceObject.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (toolrunner_IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_.EOL.length);
                n = s.indexOf(external_os_.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_namespaceObject.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new external_string_decoder_.StringDecoder('utf8');
        const stderrDecoder = new external_string_decoder_.StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${external_path_.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function core_warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function core_notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: ./src/rocketchat/answer.ts
var rocketchat_answer = __nccwpck_require__(7794);
;// CONCATENATED MODULE: ./src/action/runner-context.ts
/** Builds, from the runner's environment, the workflow context that templates read. */


const DEFAULT_SERVER_URL = 'https://github.com';
/** `github.<key>` comes from `GITHUB_<KEY>`; these are the plain string ones. */
const GITHUB_STRINGS = [
    'event_name',
    'event_path',
    'repository',
    'repository_owner',
    'repository_id',
    'repository_owner_id',
    'run_id',
    'run_number',
    'run_attempt',
    'sha',
    'head_ref',
    'base_ref',
    'actor',
    'actor_id',
    'triggering_actor',
    'workflow',
    'workflow_ref',
    'workflow_sha',
    'job',
    'action',
    'action_path',
    'action_ref',
    'action_repository',
    'workspace',
    'retention_days'
];
const RUNNER_KEYS = ['name', 'os', 'arch', 'temp', 'tool_cache', 'debug', 'environment'];
function readWorkflowContext(env, status) {
    return { ...readRunnerContext(env), job: { status } };
}
function readRunnerContext(env) {
    const read = (name) => env[name] ?? '';
    const strings = Object.fromEntries(GITHUB_STRINGS.map(key => [key, read(`GITHUB_${key.toUpperCase()}`)]));
    const serverUrl = (env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL).replace(/\/+$/, '');
    const ref = read('GITHUB_REF');
    const github = {
        ...strings,
        event: readEvent(strings.event_path),
        server_url: serverUrl,
        api_url: env.GITHUB_API_URL || apiUrl(serverUrl),
        graphql_url: env.GITHUB_GRAPHQL_URL || graphqlUrl(serverUrl),
        repository_owner: strings.repository_owner || strings.repository.split('/')[0] || '',
        ref,
        // The runner always sets these; a local or test run may give GITHUB_REF alone.
        ref_name: env.GITHUB_REF_NAME ?? ref.replace(/^refs\/(heads|tags|pull)\//, ''),
        ref_type: env.GITHUB_REF_TYPE ?? (ref.startsWith('refs/tags/') ? 'tag' : ref ? 'branch' : ''),
        ref_protected: read('GITHUB_REF_PROTECTED') === 'true'
    };
    const runner = Object.fromEntries(RUNNER_KEYS.map(key => [key, read(`RUNNER_${key.toUpperCase()}`)]));
    return { github, env: templateEnv(env), runner };
}
/**
 * GitHub's `env` context holds only what the workflow defined, which a step cannot tell apart from
 * the rest of its environment, so templates see the whole environment except two families:
 * `INPUT_*` holds this step's inputs, among them the secret URL, and `ACTIONS_*` holds the runner's
 * own credentials (ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN), never part of `env`.
 * Other variables stay: a workflow that puts a secret in `env:` can read it in expressions there too.
 */
function templateEnv(env) {
    const result = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined || /^(INPUT|ACTIONS)_/i.test(name))
            continue;
        result[name] = value;
    }
    return result;
}
function readEvent(path) {
    if (path === '')
        return {};
    try {
        const event = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8'));
        return (0,rocketchat_answer/* isObject */.Gv)(event) ? event : {};
    }
    catch {
        return {};
    }
}
/** github.com has its own API host; GitHub Enterprise Server serves the API under /api. */
function apiUrl(serverUrl) {
    return isDotCom(serverUrl) ? 'https://api.github.com' : `${serverUrl}/api/v3`;
}
function graphqlUrl(serverUrl) {
    return isDotCom(serverUrl) ? 'https://api.github.com/graphql' : `${serverUrl}/api/graphql`;
}
function isDotCom(serverUrl) {
    return serverUrl === DEFAULT_SERVER_URL;
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
// EXTERNAL MODULE: ./src/rocketchat/errors.ts
var errors = __nccwpck_require__(1315);
;// CONCATENATED MODULE: ./src/action/workspace.ts


/** A Rocket.Chat message is at most a few thousand characters; a template or a PEM is far smaller. */
const MAX_FILE_BYTES = 1024 * 1024;
/** A path input that names no readable file of the workspace. */
class WorkspaceFileError extends Error {
    reason;
    name = 'WorkspaceFileError';
    constructor(message, 
    /** Why: for a file sent with the message, the kind its result reports. */
    reason = 'missing') {
        super(message);
        this.reason = reason;
    }
}
/**
 * Reads the file a path input (`body-file`, `ca-cert`, ...) names, only if it lies inside the
 * workspace once every symlink is followed: the input comes from the workflow, but the file may be
 * a committed symlink to `/proc/self/environ`, whose content would be posted to a chat room. Both
 * the workspace and the file are resolved to their real paths before the containment check.
 * The workspace is `GITHUB_WORKSPACE`, or the current directory in a local run.
 */
function readWorkspaceFile(input, path, workspace = defaultWorkspace()) {
    return readBounded(input, path, confined(input, path, workspace));
}
/** `GITHUB_WORKSPACE`, or the current directory in a local run. */
function defaultWorkspace() {
    return process.env.GITHUB_WORKSPACE || process.cwd();
}
/**
 * Opens a file of the workspace to send it whole (`files`), by the same rules as
 * readWorkspaceFile, with its own size limit; the caller closes `fd`.
 */
function openWorkspaceFile(input, path, maxBytes, workspace = defaultWorkspace()) {
    const file = confined(input, path, workspace);
    const fd = openRegular(input, path, file);
    const { size } = (0,external_node_fs_namespaceObject.fstatSync)(fd);
    if (size > maxBytes) {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
        throw new WorkspaceFileError(`${input}: ${path} is ${size} bytes, over the limit of ${maxBytes}`, 'too-large');
    }
    return { file, fd, size };
}
/** The real path of `path` in the workspace, refused when it or its symlinks lead outside. */
function confined(input, path, workspace) {
    const root = realpath(input, workspace, `the workspace ${workspace}`);
    const within = (file, dir) => file === dir || file.startsWith(dir.endsWith(external_node_path_namespaceObject.sep) ? dir : dir + external_node_path_namespaceObject.sep);
    const written = (0,external_node_path_namespaceObject.resolve)(root, path);
    // Checked before the file is touched too, so a refusal says nothing of what exists outside.
    if (!within(written, root) && !within(written, (0,external_node_path_namespaceObject.resolve)(workspace))) {
        throw outside(input, `${path} is`, root);
    }
    const file = realpath(input, written, path);
    if (!within(file, root)) {
        throw outside(input, `${path} leads through a symlink to ${file}, which is`, root);
    }
    return file;
}
function outside(input, what, root) {
    return new WorkspaceFileError(`${input}: ${what} outside the workspace ${root}: only files in the workspace are read`, 'outside');
}
function realpath(input, path, shown) {
    try {
        return (0,external_node_fs_namespaceObject.realpathSync)(path);
    }
    catch (error) {
        throw new WorkspaceFileError(`${input}: cannot read ${shown} (${codeOf(error)})`);
    }
}
/** Opened without blocking (a FIFO would hang the step), then checked to be a regular file. */
function openRegular(input, path, file) {
    let fd;
    try {
        fd = (0,external_node_fs_namespaceObject.openSync)(file, external_node_fs_namespaceObject.constants.O_RDONLY | external_node_fs_namespaceObject.constants.O_NONBLOCK);
    }
    catch (error) {
        throw new WorkspaceFileError(`${input}: cannot read ${path} (${codeOf(error)})`);
    }
    if (!(0,external_node_fs_namespaceObject.fstatSync)(fd).isFile()) {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
        throw new WorkspaceFileError(`${input}: ${path} is not a regular file`, 'not-a-file');
    }
    return fd;
}
function readBounded(input, path, file) {
    const fd = openRegular(input, path, file);
    try {
        if ((0,external_node_fs_namespaceObject.fstatSync)(fd).size > MAX_FILE_BYTES)
            throw tooLarge(input, path);
        // The size can change between fstat and read: read at most one byte past the limit.
        const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
        let length = 0;
        let read;
        do {
            read = (0,external_node_fs_namespaceObject.readSync)(fd, buffer, length, buffer.length - length, null);
            length += read;
        } while (read > 0 && length < buffer.length);
        if (length > MAX_FILE_BYTES)
            throw tooLarge(input, path);
        return buffer.toString('utf8', 0, length);
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
function tooLarge(input, path) {
    return new WorkspaceFileError(`${input}: ${path} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, the limit for a file input`, 'too-large');
}
function codeOf(error) {
    const code = error.code ?? 'unreadable';
    const words = { ENOENT: 'no such file', EACCES: 'permission denied' };
    return words[code] ?? code;
}

;// CONCATENATED MODULE: ./src/action/files.ts





/** The most files one run sends with its message. */
const MAX_FILES = 10;
/** Matches read from one pattern; more is a mistake, not a list of reports. */
const MAX_MATCHES = 1000;
const KIND = {
    missing: 'not-found',
    outside: 'rejected',
    'not-a-file': 'rejected',
    'too-large': 'too-large'
};
/**
 * The files the `files` input names (workspace paths or globs, one a line), opened through the
 * workspace reader and held open, so what is sent is what was checked. Each is streamed from its
 * descriptor when sent, never read whole. A path that cannot be sent is a problem, never a throw:
 * the message goes without it. A glob matching nothing is a warning, as upload-artifact's is.
 */
async function openFiles(patterns, maxBytes, warn, workspace = defaultWorkspace()) {
    const problems = [];
    const paths = await expand(patterns, workspace, warn, problems);
    const attachments = [];
    const fds = [];
    const seen = new Set();
    for (const path of paths) {
        try {
            const opened = openWorkspaceFile('files', path, maxBytes, workspace);
            if (seen.has(opened.file)) {
                (0,external_node_fs_namespaceObject.closeSync)(opened.fd);
                continue;
            }
            seen.add(opened.file);
            if (attachments.length >= MAX_FILES) {
                (0,external_node_fs_namespaceObject.closeSync)(opened.fd);
                problems.push({
                    name: (0,external_node_path_namespaceObject.basename)(path),
                    kind: 'rejected',
                    reason: `files: ${path} not sent: at most ${MAX_FILES} files go with a message`
                });
                continue;
            }
            fds.push(opened.fd);
            attachments.push(streamedFile((0,external_node_path_namespaceObject.basename)(path), opened.fd, opened.size));
        }
        catch (error) {
            if (!(error instanceof WorkspaceFileError))
                throw error;
            problems.push({ name: (0,external_node_path_namespaceObject.basename)(path), kind: KIND[error.reason], reason: error.message });
        }
    }
    return {
        toSend: attachments,
        problems,
        close: () => {
            for (const fd of fds.splice(0))
                (0,external_node_fs_namespaceObject.closeSync)(fd);
        }
    };
}
/** Reads from the open descriptor at offset 0 each time: a retry sends the same bytes again. */
function streamedFile(name, fd, size) {
    return {
        name,
        size,
        open: () => size === 0
            ? external_node_stream_.Readable.from([])
            : (0,external_node_fs_namespaceObject.createReadStream)('', { fd, start: 0, end: size - 1, autoClose: false })
    };
}
/**
 * Each line as written, or the workspace files its glob matches (sorted), in the order of the
 * lines. tinyglobby (fdir + picomatch) is loaded only when a line is a glob. Symlinks are not
 * followed while walking: a link is matched as a file, and the workspace reader then refuses one
 * that leads outside.
 */
async function expand(patterns, workspace, warn, problems) {
    const paths = [];
    for (const pattern of patterns) {
        if (!/[*?[\]{}!()]/.test(pattern)) {
            paths.push(pattern);
            continue;
        }
        const { glob } = await __nccwpck_require__.e(/* import() */ 448).then(__nccwpck_require__.bind(__nccwpck_require__, 6448));
        let matches;
        try {
            matches = await glob(pattern, {
                cwd: workspace,
                onlyFiles: true,
                followSymbolicLinks: false,
                expandDirectories: false
            });
        }
        catch (error) {
            const reason = `files: ${pattern} cannot be searched (${(0,errors/* errorMessage */.gJ)(error)})`;
            problems.push({ name: pattern, kind: 'not-found', reason });
            continue;
        }
        if (matches.length === 0)
            warn(`files: no file matches ${pattern}`);
        if (matches.length > MAX_MATCHES) {
            warn(`files: ${pattern} matches ${matches.length} files; only the first ${MAX_MATCHES} are considered`);
        }
        paths.push(...matches.sort().slice(0, MAX_MATCHES));
    }
    return paths;
}
/**
 * One failed result per problem file per target the message went to in token or basic mode,
 * right after that target's own results, so the results list every file for every target.
 */
function withFileProblems(results, problems) {
    if (problems.length === 0)
        return results;
    const out = [];
    for (const [i, result] of results.entries()) {
        out.push(result);
        const next = results[i + 1];
        const lastOfTarget = next === undefined || next.target !== result.target || next.destination !== result.destination;
        if (!lastOfTarget || result.mode === 'webhook')
            continue;
        const { destination, url, mode, target } = result;
        for (const problem of problems) {
            out.push({
                destination,
                url,
                mode,
                target,
                file: { name: problem.name },
                outcome: 'failed',
                kind: problem.kind,
                error: problem.reason
            });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/github/jobs.ts

class NeedsError extends Error {
    name = 'NeedsError';
}
const NEEDS_RESULTS = ['success', 'failure', 'cancelled', 'skipped'];
/**
 * The jobs of `${{ toJSON(needs) }}`: `{ "build": { "result": "success", "outputs": {} } }`. For
 * workflows whose token cannot read the run (`actions: read`): results without steps or links.
 */
function jobsFromNeeds(text) {
    let needs;
    try {
        needs = JSON.parse(text);
    }
    catch {
        throw new NeedsError('needs must be ${{ toJSON(needs) }}: JSON that could not be parsed');
    }
    if (typeof needs !== 'object' || needs === null || Array.isArray(needs)) {
        throw new NeedsError('needs must be ${{ toJSON(needs) }}: a JSON object of jobs');
    }
    return Object.entries(needs).map(([name, value]) => {
        const result = value?.result;
        if (typeof result !== 'string' || !NEEDS_RESULTS.includes(result)) {
            throw new NeedsError(`needs.${name}.result must be one of ${NEEDS_RESULTS.join(', ')}; is the input \${{ toJSON(needs) }}?`);
        }
        return {
            id: 0,
            name,
            result: result,
            completed: true,
            startedAt: undefined,
            completedAt: undefined,
            failedStep: undefined
        };
    });
}

;// CONCATENATED MODULE: ./src/rocketchat/message.ts
/**
 * Title, body and options -> the Rocket.Chat post(s) to send: Apprise's composition of the text
 * (docs/apprise-url.md 2.6, newest), then the overflow rule (2.7, and difference 9 of
 * docs/url-format.md).
 */
/** Rocket.Chat's Message_MaxAllowedSize default, which the server counts in UTF-16 code units. */
const MAX_MESSAGE_SIZE = 5000;
/** Apprise's body_maxlen for Rocket.Chat, in code points (Python characters). */
const CHUNK_SIZE = 1000;
/** The most posts one message makes per target unless the caller says otherwise (`max-posts`). */
const MAX_POSTS = 10;
/** Apprise strips these from the front of a title before making it a markdown heading. */
const HEADING_LEAD = /^[\r\n \t\v\f#-]+/;
/** Apprise's text->HTML escaping (`escape_html(convert_new_lines=True)`). */
const HTML_ESCAPES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&apos;',
    '\t': '&emsp;',
    ' ': '&nbsp;',
    '\n': '<br/>'
};
const APPRISE_ICON = 'https://github.com/caronc/apprise/raw/master/apprise/assets/themes/default';
/** Built on first use: creating a segmenter costs ~15 ms of ICU start-up, and most runs never cut. */
let graphemes;
/**
 * The one `text` Apprise sends for a title and body in the service format. Unlike Apprise, a title
 * with an empty body is sent alone instead of refused: a title-only notification is legitimate.
 */
function composeText(title, body, format) {
    const heading = title.trim();
    const content = body.trimEnd();
    switch (format) {
        case 'markdown': {
            const stripped = heading.replace(HEADING_LEAD, '');
            if (stripped === '')
                return content;
            return content === '' ? `# ${stripped}` : `# ${stripped}\n${content}`;
        }
        case 'text':
            if (heading === '')
                return content;
            return content === '' ? heading : `${heading}\r\n${content}`;
        case 'html': {
            const html = textAsHtml(content);
            if (heading === '')
                return html;
            const bold = `<b>${textAsHtml(heading)}</b>`;
            return html === '' ? bold : `${bold}<br />\r\n${html}`;
        }
    }
}
/** Text as HTML that shows it as written: markup escaped, spaces, tabs and line breaks kept. */
function textAsHtml(text) {
    return text.replace(/[&<>"'\t \n]/g, char => HTML_ESCAPES[char] ?? char);
}
/**
 * The text as the message(s) to post, per overflow mode. `upstream` sends it whole, as Apprise,
 * unless the server would refuse it; `truncate` keeps the first chunk; `split` sends every chunk.
 * Chunks end on a line break, else whitespace, else a character boundary, and the first one never
 * holds the title's heading alone. `title` is the title given to composeText, to find that heading.
 * A blank text gives no chunk. Past `maxPosts` chunks the rest is dropped and the last one says so.
 */
function fitText(text, overflow, title = '', maxPosts = MAX_POSTS) {
    if (overflow === 'upstream' && text.length <= MAX_MESSAGE_SIZE) {
        return text.trim() === '' ? [] : [text];
    }
    const limit = overflow === 'upstream'
        ? { size: MAX_MESSAGE_SIZE, unit: 'codeUnit' }
        : { size: CHUNK_SIZE, unit: 'codePoint' };
    const chunks = [];
    // Stops one chunk past the cap: a 10 MB body is not cut into thousands of chunks to drop.
    for (const chunk of chunksOf(text, limit, headingEnd(text, title))) {
        chunks.push(chunk);
        if (overflow === 'truncate' || chunks.length > maxPosts)
            break;
    }
    return chunks.length > maxPosts ? capped(chunks.slice(0, maxPosts), limit) : chunks;
}
/** The kept chunks, the last one shortened to end with a note that the rest was not sent. */
function capped(chunks, limit) {
    const note = `\n… (truncated: the message needs more than ${chunks.length} posts)`;
    const last = chunks.pop() ?? '';
    let end = Math.min(last.length, limit.size - note.length);
    if (splitsPair(last, end))
        end--;
    return [...chunks, last.slice(0, end).trimEnd() + note];
}
/** Where the line holding the title ends in `text`, or 0 when the text does not start with it. */
function headingEnd(text, title) {
    if (title.trim() === '')
        return 0;
    for (const format of ['markdown', 'html', 'text']) {
        const heading = composeText(title, '', format);
        if (heading !== '' && text.startsWith(heading)) {
            const lineBreak = text.slice(heading.length).search(/[\r\n]/);
            return lineBreak === -1 ? text.length : heading.length + lineBreak;
        }
    }
    return 0;
}
function* chunksOf(text, limit, heading) {
    let start = nextStart(text, 0, false);
    while (start < text.length) {
        const end = windowEnd(text, start, limit);
        if (end === text.length) {
            yield text.slice(start).trimEnd();
            return;
        }
        // A cut must come after `floor`, the first character the chunk has to hold: after the heading
        // for the first chunk when anything fits beside it, so the heading is never sent alone.
        const afterHeading = start < heading ? firstContent(text, heading) : text.length;
        const floor = afterHeading < end ? afterHeading : firstContent(text, start);
        const cut = lastCut(text, floor, end, isLineBreak) ??
            lastCut(text, floor, end, isWhitespace) ??
            hardCut(text, start, floor, end);
        const chunk = text.slice(start, cut).trimEnd();
        if (chunk !== '')
            yield chunk;
        start = nextStart(text, cut, !isLineBreak(text.charAt(cut)));
    }
}
/** The end of the longest slice from `start` within the limit, never between a surrogate pair. */
function windowEnd(text, start, limit) {
    if (limit.unit === 'codeUnit') {
        const end = Math.min(text.length, start + limit.size);
        return splitsPair(text, end) ? end - 1 : end;
    }
    let end = start;
    for (let count = 0; count < limit.size && end < text.length; count++) {
        end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
    }
    return end;
}
function splitsPair(text, index) {
    return isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));
}
function isHighSurrogate(code) {
    return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code) {
    return code >= 0xdc00 && code <= 0xdfff;
}
/** The last index in (floor, end] holding a separator: the chunk stops just before it. */
function lastCut(text, floor, end, isSeparator) {
    for (let index = end; index > floor; index--) {
        if (isSeparator(text.charAt(index)))
            return index;
    }
    return undefined;
}
/** No separator fits: cut at the last grapheme boundary, or the code point boundary `end`. */
function hardCut(text, start, floor, end) {
    // The boundary before `end` depends only on what precedes it and on the one character at it.
    const window = text.slice(start, Math.min(text.length, end + 2));
    const boundary = start +
        ((graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' }))
            .segment(window)
            .containing(end - start)?.index ?? end - start);
    return boundary > floor ? boundary : end;
}
/** Where the next chunk starts: past the separator cut at and any blank lines after it. */
function nextStart(text, cut, midLine) {
    let lineStart = cut;
    let index = cut;
    for (;;) {
        while (index < text.length &&
            isWhitespace(text.charAt(index)) &&
            !isLineBreak(text.charAt(index))) {
            index++;
        }
        if (!isLineBreak(text.charAt(index))) {
            // A line's indentation is content (code blocks); spaces left over from a word cut are not.
            return midLine || index === text.length ? index : lineStart;
        }
        index += text.startsWith('\r\n', index) ? 2 : 1;
        lineStart = index;
        midLine = false;
    }
}
function firstContent(text, from) {
    const offset = text.slice(from).search(/\S/);
    return offset === -1 ? text.length : from + offset;
}
function isLineBreak(char) {
    return char === '\n' || char === '\r';
}
function isWhitespace(char) {
    return /^\s$/.test(char);
}
/** Apprise's icon for a status; a cancelled job shows the warning icon. */
function avatarFor(status) {
    const type = status === 'cancelled' ? 'warning' : status;
    return `${APPRISE_ICON}/apprise-${type}-128x128.png`;
}
/**
 * The posts for one destination, in order, at most `maxPosts`. Always at least one, so an attachments-only message
 * is still sent (and an empty one is refused by the server rather than dropped silently).
 */
function composePosts(destination, message, maxPosts = MAX_POSTS) {
    const text = composeText(message.title, message.body, destination.format);
    const chunks = fitText(text, destination.overflow, message.title, maxPosts);
    const texts = chunks.length > 0 ? chunks : [text];
    const look = lookOf(destination, message);
    const alias = message.alias || (destination.mode === 'webhook' ? destination.user : undefined) || undefined;
    const attachments = message.attachments?.length ? message.attachments : undefined;
    const tmid = message.threadId || undefined;
    return texts.map((chunk, index) => ({
        text: chunk,
        ...look,
        ...(alias ? { alias } : {}),
        ...(attachments && index === texts.length - 1 ? { attachments } : {}),
        ...(tmid ? { tmid } : {})
    }));
}
/** Rocket.Chat ignores `emoji` when `avatar` is set, so at most one of them is sent. */
function lookOf(destination, message) {
    if (message.avatarUrl)
        return { avatar: message.avatarUrl };
    if (message.emoji)
        return { emoji: message.emoji };
    return destination.avatar ? { avatar: avatarFor(message.status) } : {};
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
;// CONCATENATED MODULE: ./src/rocketchat/url/tokenize.ts
/**
 * The first step of reading a URL: cut it into its parts as written (scheme, userinfo, host and
 * port, path, query) before anything is checked. A literal `#` is a channel marker here, never a
 * fragment (`host#chan`, `/#a,#b`), so WHATWG `new URL()` cannot do this split.
 */

/** Keys whose value is a secret: a masked URL shows `key=****`. */
const SECRET_KEYS = ['password', 'pass', 'webhook'];
/** Keys that carry a credential: with one given, `host/@user` is a host and a user target. */
const CREDENTIAL_KEYS = new Set(['user', ...SECRET_KEYS]);
/** Keys that are not secrets: a masked URL may show them as written. */
const OPTION_KEYS = new Set([
    'mode',
    'avatar',
    'to',
    'format',
    'overflow',
    'verify',
    'cto',
    'rto',
    'retry',
    'port',
    'user'
]);
/** Valid in Apprise, but about behaviour this action does not have or does its own way. */
const APPRISE_ONLY_KEYS = new Set(['emojis', 'wait', 'optional', 'redirect', 'tz', 'store']);
/** The path of a Rocket.Chat incoming webhook link, `/hooks/id/token`. */
const HOOK_LINK_PATH = /^\/hooks\/[^/]+\/[^/]+\/?$/;
/** Path and `to=` separators (Apprise's, plus `;[]` from its `to=` splitter). */
const TARGET_SEPARATORS = /[/\\,;[\]\s]+/;
/** Cuts a URL into its parts. Throws when it has no `scheme://`, showing none of the text. */
function tokenize(raw) {
    const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(raw);
    if (!match) {
        // Nothing is known to be a secret in such text, so none of it is shown.
        throw new errors/* RocketChatError */.H8('Not a Rocket.Chat URL: it must start with rocket:// or rockets:// (the text is not shown, in case it holds a secret; URLs are separated by whitespace, so a space inside one is written %20)');
    }
    const [, scheme = '', rest = ''] = match;
    const queryAt = rest.indexOf('?');
    const hier = queryAt < 0 ? rest : rest.slice(0, queryAt);
    const query = queryAt < 0 ? [] : readQuery(rest.slice(queryAt + 1));
    const credentialsInQuery = query.some(p => CREDENTIAL_KEYS.has(p.key) && p.value !== '');
    const end = userinfoEnd(hier, credentialsInQuery);
    const userinfo = end < 0 ? { user: undefined, secret: undefined } : readUserinfo(hier.slice(0, end));
    const hostAt = end + 1;
    const { hostport, path } = splitHostPath(hier.slice(hostAt));
    return {
        scheme: scheme.toLowerCase(),
        user: userinfo?.user,
        secret: userinfo?.secret,
        unreadableUserinfo: userinfo === undefined,
        hostAt,
        ...splitPort(hostport),
        path,
        query
    };
}
/** A webhook written `[user:]id/` with its token missing, right before an '@'. */
const TOKENLESS_WEBHOOK = /^(?:[^:/@#]*:)?[^:/@#\\,;[\]\s]*\/$/;
/**
 * Where the userinfo ends: the index in `hier` of the '@' that closes it, or -1 without one. It is
 * the last '@' that does not start a `@user` target (an '@' right after a target separator does),
 * so an unencoded '@' in a password works and `host#a,@john` keeps its user. The one exception,
 * `id/@host` with no credentials in the query, is a webhook whose token is missing.
 *
 * Invariant: a credential written before its '@host' lies wholly before this point. The parser
 * reads credentials from there only, and a masked URL shows nothing of it that is not a user name.
 */
function userinfoEnd(hier, credentialsInQuery) {
    for (let at = hier.lastIndexOf('@'); at >= 0; at = hier.lastIndexOf('@', at - 1)) {
        if (at === 0 || !TARGET_SEPARATORS.test(hier.charAt(at - 1)))
            return at;
        if (!credentialsInQuery && TOKENLESS_WEBHOOK.test(hier.slice(0, at)))
            return at;
    }
    return -1;
}
/**
 * `user:secret`, a lone user name, or a webhook (`id/token`, `id%2Ftoken`); undefined when the text
 * cannot be one: a user name holds no literal '/', '#' or '@', so one that does is a typo that
 * moved a credential (the secret after the ':' may hold anything).
 */
function readUserinfo(info) {
    const colon = info.indexOf(':');
    if (colon < 0) {
        if (/[#@]/.test(info))
            return undefined;
        return /\/|%2F/i.test(info)
            ? { user: undefined, secret: info }
            : { user: info || undefined, secret: undefined };
    }
    const user = info.slice(0, colon);
    if (/[/#@]/.test(user))
        return undefined;
    return { user: user || undefined, secret: info.slice(colon + 1) || undefined };
}
/** The host ends at the first '/' or '#' (`host#chan` names a channel). */
function splitHostPath(text) {
    const hostEnd = text.search(/[/#]/);
    return hostEnd < 0
        ? { hostport: text, path: '' }
        : { hostport: text.slice(0, hostEnd), path: text.slice(hostEnd) };
}
function splitPort(hostport) {
    const ipv6 = /^(\[[^\]]*\])(?::(.*))?$/s.exec(hostport);
    if (ipv6)
        return { host: ipv6[1] ?? '', portText: ipv6[2] };
    const colon = hostport.indexOf(':');
    return colon < 0
        ? { host: hostport, portText: undefined }
        : { host: hostport.slice(0, colon), portText: hostport.slice(colon + 1) };
}
/** `&` and `;` both separate pairs; a repeated key is resolved by the parameters. */
function readQuery(text) {
    return text
        .split(/[&;]/)
        .filter(Boolean)
        .map(pair => {
        const eq = pair.indexOf('=');
        const key = decode(eq < 0 ? pair : pair.slice(0, eq))
            .trim()
            .toLowerCase();
        const raw = eq < 0 ? '' : pair.slice(eq + 1);
        return { key, raw, value: decode(raw).trim() };
    });
}
/** A port number from 1 to 65535, or undefined. */
function readPort(text) {
    const port = /^\d+$/.test(text) ? Number(text) : NaN;
    return port >= 1 && port <= 65535 ? port : undefined;
}
/**
 * Percent-decoding as Apprise's unquote does it: a `+` stays a plus, and a malformed escape is kept
 * as written instead of failing the whole URL.
 */
function decode(text) {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, run => {
        try {
            return decodeURIComponent(run);
        }
        catch {
            return run;
        }
    });
}

;// CONCATENATED MODULE: ./src/rocketchat/url/targets.ts

/** Channel and user names as Rocket.Chat allows them, non-ASCII letters included. */
const NAME = /^[\p{L}\p{M}\p{N}._-]+$/u;
const ALNUM = /^[A-Za-z0-9]+$/;
/** A target as the user wrote it: `#channel`, `@user` or a room id. */
function describeTarget(target) {
    switch (target.kind) {
        case 'channel':
            return `#${target.name}`;
        case 'user':
            return `@${target.name}`;
        case 'room':
            return target.id;
    }
}
/**
 * The path's targets, then the `to=` ones, in the order written, each once. One that cannot be a
 * target is rejected with the reason instead of failing the URL, so the others still get the post.
 */
function readTargets(path, to) {
    const pieces = [...splitTargets(path).map(decode), ...to.flatMap(value => splitTargets(value))];
    const seen = new Set();
    const result = {
        targets: [],
        rejectedTargets: []
    };
    for (const piece of pieces) {
        const target = classify(piece);
        const key = target === undefined ? piece : describeTarget(target);
        if (seen.has(key))
            continue;
        seen.add(key);
        if (target === undefined)
            result.rejectedTargets.push({ target: piece, reason: reason(piece) });
        else
            result.targets.push(target);
    }
    return result;
}
/** Apprise's separators, and a new target at every '#' (`/#a#b`, `ROOM1#chan`). */
function splitTargets(text) {
    return text
        .split(TARGET_SEPARATORS)
        .flatMap(piece => piece.split(/(?=#)/))
        .filter(Boolean);
}
function classify(piece) {
    const name = piece.slice(1);
    if (piece.startsWith('#'))
        return NAME.test(name) ? { kind: 'channel', name } : undefined;
    if (piece.startsWith('@'))
        return NAME.test(name) ? { kind: 'user', name } : undefined;
    return ALNUM.test(piece) ? { kind: 'room', id: piece } : undefined;
}
function reason(piece) {
    const hint = NAME.test(piece) ? `; for a channel write '#${piece}'` : '';
    return `expected #channel, @user or a room id (letters and digits)${hint}`;
}

;// CONCATENATED MODULE: ./src/rocketchat/url/credentials.ts

/** Apprise reads a password longer than 32 characters as a personal access token (token mode). */
const TOKEN_MIN_LENGTH = 33;
const credentials_ALNUM = /^[A-Za-z0-9]+$/;
/** Unreserved URL characters: a webhook half is put into the `/hooks/` path as it is. */
const WEBHOOK_HALF = /^[A-Za-z0-9._~-]+$/;
/** The query's `user=`, `password=` and `webhook=` beat the userinfo; `mode=` beats detection. */
function readCredentials(url, params, fail) {
    if (url.unreadableUserinfo) {
        fail("The credentials before the host's '@' cannot be read: expected user:password@, userId:token@ or [name:]id/token@ (a '/', '#' or '@' in a user name is written %2F, %23 or %40)");
    }
    const infoUser = url.user === undefined ? undefined : decode(url.user);
    const infoSecret = url.secret === undefined ? undefined : decode(url.secret);
    const user = params.user ?? infoUser;
    const forced = params.options.mode;
    // A webhook-shaped secret is the password when mode=basic or mode=token says so.
    const userinfoWebhook = isWebhookShaped(url) || (forced === 'webhook' && infoSecret?.includes('/'))
        ? infoSecret
        : undefined;
    const webhook = params.webhook ?? userinfoWebhook;
    const password = params.password ?? infoSecret;
    const mode = forced ??
        (webhook !== undefined
            ? 'webhook'
            : password !== undefined && Array.from(password).length >= TOKEN_MIN_LENGTH
                ? 'token'
                : 'basic');
    if (mode === 'webhook') {
        checkWebhook(webhook, fail);
        return { mode, user, password: undefined, webhook };
    }
    if (user === undefined || password === undefined) {
        fail(mode === 'basic'
            ? 'No Rocket.Chat user/pass combo was specified: basic mode needs user:password@ before the host'
            : 'No Rocket.Chat user/apikey was specified: token mode needs userId:token@ before the host');
    }
    if (user.includes('/')) {
        // Rocket.Chat user names and ids never have one; this is rather a webhook with a stray ':'.
        fail("Invalid user: a Rocket.Chat user name or id has no '/'");
    }
    return { mode, user, password, webhook: undefined };
}
/**
 * Whether the userinfo secret reads as a webhook by its shape. After a user, only Apprise's
 * alnum/alnum does, since a real password may have a '/' in it; alone, any text with a '/' does
 * (unlike Apprise, `abc-123/def_456@host` is a webhook), since there is no password it could be.
 */
function isWebhookShaped(url) {
    if (url.secret === undefined)
        return false;
    const halves = decode(url.secret).split('/');
    if (halves.length < 2)
        return false;
    return url.user === undefined || (halves.length === 2 && halves.every(h => credentials_ALNUM.test(h)));
}
function checkWebhook(webhook, fail) {
    if (webhook === undefined) {
        fail('No Rocket.Chat Incoming Webhook was specified: webhook mode needs id/token@ before the host, or webhook=id/token');
    }
    const halves = webhook.split('/');
    const [id = '', token = ''] = halves;
    if (halves.length !== 2)
        fail("The webhook must be integrationId/token, with exactly one '/'");
    if (id === '' || token === '') {
        fail(`The webhook's ${id === '' ? "integration id (before the '/')" : "token (after the '/')"} is empty: a webhook is written id/token@host, and text before the @ that contains a '/' is read as one`);
    }
    if (!WEBHOOK_HALF.test(id) || !WEBHOOK_HALF.test(token)) {
        fail("The webhook id and token may only contain letters, digits, '-', '_', '.' and '~'");
    }
}

;// CONCATENATED MODULE: ./src/rocketchat/url/params.ts

const MODES = ['basic', 'token', 'webhook'];
const FORMATS = ['markdown', 'text', 'html'];
const OVERFLOWS = ['upstream', 'truncate', 'split'];
/** The same bound as the action's `retries` input. */
const MAX_RETRY = 10;
/** The same bound as the action's `timeout` input, in seconds. */
const MAX_SECONDS = 600;
/** The order in which a masked URL shows the options given. */
const OPTION_ORDER = [
    'mode',
    'avatar',
    'format',
    'overflow',
    'verify',
    'cto',
    'rto',
    'retry'
];
/** Reads the query. Fails only on a bad `port=`; any other bad value is a warning. */
function readParams(pairs, fail) {
    const last = new Map();
    const to = [];
    const problems = new Set();
    for (const { key, value } of pairs) {
        if (OPTION_KEYS.has(key) || SECRET_KEYS.includes(key)) {
            // Apprise ignores an empty value; for the rest, the last value wins.
            if (value === '')
                continue;
            if (key === 'to')
                to.push(value);
            else
                last.set(key, value);
        }
        else if (APPRISE_ONLY_KEYS.has(key)) {
            problems.add(`Parameter '${key}' is an Apprise option this action does not use; ignored`);
        }
        else if (key !== '') {
            problems.add(`Unknown parameter '${key}' ignored`);
        }
    }
    const choice = (key, allowed, fallback) => {
        const value = last.get(key);
        const found = allowed.find(option => option === value?.toLowerCase());
        if (value !== undefined && found === undefined) {
            problems.add(`Unknown ${key} '${value}' ignored, using ${fallback} (valid: ${allowed.join(', ')})`);
        }
        return found;
    };
    const flag = (key) => {
        const value = last.get(key);
        const parsed = value === undefined ? undefined : parseBoolean(value);
        if (value !== undefined && parsed === undefined) {
            problems.add(`Unknown ${key} '${value}' ignored, using the default (valid: yes or no)`);
        }
        return parsed;
    };
    const number = (key, check, pattern) => {
        const value = last.get(key);
        if (value === undefined)
            return undefined;
        const problem = pattern.test(value) ? check(Number(value)) : check(NaN);
        if (problem === undefined)
            return Number(value);
        problems.add(`Invalid ${key} '${value}' ignored, using the default: ${problem}`);
        return undefined;
    };
    const seconds = (value) => !(value > 0)
        ? 'a number of seconds above 0'
        : value > MAX_SECONDS
            ? `at most ${MAX_SECONDS} seconds`
            : undefined;
    const retries = (value) => value >= 0 && value <= MAX_RETRY ? undefined : `a whole number from 0 to ${MAX_RETRY}`;
    const modeText = last.get('mode');
    const mode = MODES.find(m => m === modeText?.toLowerCase());
    const portText = last.get('port');
    const port = portText === undefined ? undefined : readPort(portText);
    if (portText !== undefined && port === undefined) {
        fail(`Invalid port=${portText}: it must be a number from 1 to 65535`);
    }
    const decimal = /^(?:\d+\.?\d*|\.\d+)$/;
    return {
        options: {
            mode,
            avatar: flag('avatar'),
            format: choice('format', FORMATS, 'markdown'),
            overflow: choice('overflow', OVERFLOWS, 'upstream'),
            verify: flag('verify'),
            cto: number('cto', seconds, decimal),
            rto: number('rto', seconds, decimal),
            retry: number('retry', retries, /^\d+$/)
        },
        port,
        user: last.get('user'),
        password: last.get('password') ?? last.get('pass'),
        webhook: last.get('webhook'),
        to,
        unknownMode: mode === undefined ? modeText : undefined,
        problems: [...problems]
    };
}
/** The options given, in a fixed order and canonical spelling: `mode=basic&avatar=yes&...`. */
function renderOptions(options) {
    return OPTION_ORDER.flatMap(key => {
        const value = options[key];
        if (value === undefined)
            return [];
        return [`${key}=${typeof value === 'boolean' ? (value ? 'yes' : 'no') : value}`];
    }).join('&');
}
/** Apprise's parse_bool: only the first two letters count. Undefined when it is neither. */
function parseBoolean(value) {
    const head = value.toLowerCase().slice(0, 2);
    if (['no', 'n', 'of', 'f', 'fa', '0', 'ne', 'di', 'de'].includes(head))
        return false;
    if (['ye', 'y', 'on', 't', 'tr', '1', 'en', 'al'].includes(head))
        return true;
    return undefined;
}

;// CONCATENATED MODULE: ./src/rocketchat/url/mask.ts
/** What of a URL may be shown: the masked URL, and every form in which its secrets could print. */




const MASK = '****';
/** A parsed URL rendered back with every secret replaced by `****`: what logs and outputs show. */
function renderMasked(scheme, credentials, hostport, targets, options) {
    const user = credentials.user === undefined ? '' : encodeURIComponent(credentials.user);
    const auth = credentials.mode === 'webhook'
        ? `${user === '' ? '' : `${user}:`}${MASK}/${MASK}@`
        : `${user}:${MASK}@`;
    const path = targets.map(describeTarget).join('/');
    const query = renderOptions(options);
    return `${scheme}://${auth}${hostport}/${path}${query === '' ? '' : `?${query}`}`;
}
/**
 * The URL as written, for an error, when no destination exists: only what is surely not a secret
 * is shown. A mangled URL can put a credential anywhere, so besides the password and webhook:
 * - a userinfo that cannot be read, a lone name (it may be a token pasted without its user) and a
 *   user name with a '/' are hidden;
 * - a host with an '@', a '%' or a space is hidden: its '@' follows a separator, so it was not
 *   taken as the userinfo's end, and what is before it may be a credential (`id%2Ftoken @host`);
 * - a port is hidden unless `showablePort` allows it (it may be a password whose '@host' is missing);
 * - without any recognised secret the path is hidden: the credential may have ended up there.
 */
function maskRaw(url) {
    const secret = url.secret === undefined ? undefined : isWebhookShaped(url) ? maskWebhook(url.secret) : MASK;
    // A user name has no '/': one that has is a webhook followed by a stray ':'.
    const user = url.user !== undefined && /\/|%2F/i.test(url.user) ? MASK : url.user;
    const auth = url.hostAt === 0
        ? ''
        : url.unreadableUserinfo || (secret === undefined && user !== undefined)
            ? `${MASK}@`
            : `${user === undefined ? '' : `${user}:`}${secret ?? ''}@`;
    const port = url.portText === undefined ? '' : `:${showablePort(url) ?? MASK}`;
    const hasSecret = url.secret !== undefined || url.query.some(p => SECRET_KEYS.includes(p.key) && p.value !== '');
    const path = hasSecret || url.path === '' ? url.path : `/${MASK}`;
    const query = url.query
        .map(({ key, raw }) => SECRET_KEYS.includes(key)
        ? `${key}=${MASK}`
        : OPTION_KEYS.has(key) || APPRISE_ONLY_KEYS.has(key)
            ? `${key}=${raw}`
            : // An unknown key may be a piece of a password cut at a '?': nothing of it is shown.
                MASK)
        .join('&');
    const host = /[@%\s]/.test(url.host) ? MASK : url.host;
    return `${url.scheme}://${auth}${host}${port}${path}${query === '' ? '' : `?${query}`}`;
}
/**
 * The port as written when it may be shown: all digits, after a host that follows a userinfo, with
 * the credentials in the query, or before a `/hooks/` path. Otherwise `host:port` may be
 * `user:password` whose '@host' is missing, and undefined is returned.
 */
function showablePort(url) {
    const text = url.portText;
    if (text === undefined || !/^\d+$/.test(text))
        return undefined;
    const isHost = url.hostAt > 0 ||
        url.query.some(p => CREDENTIAL_KEYS.has(p.key) && p.value !== '') ||
        HOOK_LINK_PATH.test(url.path);
    return isHost ? text : undefined;
}
/** A webhook keeps its shape, each non-empty half masked (`id/` shows as `<mask>/`). */
function maskWebhook(secret) {
    return decode(secret)
        .split('/')
        .map(half => (half === '' ? '' : MASK))
        .join('/');
}
/**
 * Every form in which a secret of this URL could be printed, whether or not its mode uses it. Only
 * a webhook (`id/token`) adds its halves, each a credential of its own; a password is masked whole,
 * since a piece of it (`pa` of `pa/ss`) is ordinary text that masking would hide everywhere.
 */
function collectSecrets(url, webhook) {
    const written = [
        ...(url.secret === undefined ? [] : [[url.secret, decode(url.secret)]]),
        ...url.query
            .filter(p => SECRET_KEYS.includes(p.key) && p.value !== '')
            .map((p) => [p.raw, p.value])
    ];
    const forms = written.flatMap(([raw, secret]) => {
        const parts = secret === webhook ? [secret, ...secret.split('/')] : [secret];
        return [raw, ...parts.flatMap(encodings)];
    });
    // Every length: a short password is a secret too, and masking it is the runner's job.
    return [...new Set(forms)].filter(form => form !== '');
}
/** Plain, percent-encoded (JavaScript's and Python's sets), form-encoded and JSON-escaped. */
function encodings(secret) {
    const uri = encodeURIComponent(secret);
    return [
        secret,
        uri,
        uri.replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
        new URLSearchParams({ s: secret }).toString().slice(2),
        JSON.stringify(secret).slice(1, -1)
    ];
}

;// CONCATENATED MODULE: ./src/rocketchat/url/address.ts
/** The scheme, host and port of a URL: where the posts go. */



const HOST_LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DEFAULT_PORT = { http: 80, https: 443 };
/** Reads the host and port; `port=` (already checked) beats the port after the host. */
function readAddress(url, secure, portParam, fail) {
    if (url.host === '') {
        fail('No host was specified: the server name comes after :// (or after the @ of user:password@)');
    }
    // The message does not echo the host: when the userinfo is mangled, a piece of a password can
    // land here (the masked URL after it shows the host only when it cannot be such a piece).
    if (!isHost(url.host)) {
        fail('Invalid host: expected a hostname, an IPv4 address or a bracketed IPv6 address');
    }
    const writtenPort = url.portText === undefined ? undefined : readPort(url.portText);
    if (url.portText !== undefined && writtenPort === undefined) {
        const shown = showablePort(url);
        fail(shown === undefined
            ? "Invalid port: it must be a number from 1 to 65535 (a port that is not a number is often a password whose '@host' is missing)"
            : `Invalid port: port ${shown} is out of range (it must be from 1 to 65535)`);
    }
    const given = portParam ?? writtenPort;
    const port = given === DEFAULT_PORT[secure ? 'https' : 'http'] ? undefined : given;
    const host = url.host.toLowerCase();
    const hostport = (name, number) => number === undefined ? name : `${name}:${number}`;
    return {
        secure,
        host,
        port,
        baseUrl: `${secure ? 'https' : 'http'}://${hostport(host, port)}`,
        written: hostport(url.host, given)
    };
}
/** True for rockets:// (https), false for rocket:// (http); fails on any other scheme. */
function readScheme(url, fail) {
    if (url.scheme === 'rocket')
        return false;
    if (url.scheme === 'rockets')
        return true;
    if (HOOK_LINK_PATH.test(url.path) &&
        (url.scheme === 'https' || url.scheme === 'http') &&
        isHost(url.host)) {
        // Both halves are masked, as everywhere else: the runner masks the integration id too.
        const port = url.portText !== undefined && readPort(url.portText) ? `:${url.portText}` : '';
        const scheme = url.scheme === 'https' ? 'rockets' : 'rocket';
        fail(`This is a Rocket.Chat webhook link, not a ${scheme}:// URL: write it as ${scheme}://****/****@${url.host}${port}/ with the id and token that follow /hooks/ in place of ****/****`);
    }
    return fail(`Unsupported scheme '${url.scheme}': use rocket:// for http or rockets:// for https`);
}
function isHost(host) {
    if (host.startsWith('['))
        return host.endsWith(']') && (0,external_node_net_.isIPv6)(host.slice(1, -1));
    if (IPV4.test(host))
        return host.split('.').every(octet => Number(octet) <= 255);
    const name = host.endsWith('.') ? host.slice(0, -1) : host;
    return name.length <= 253 && name.split('.').every(label => HOST_LABEL.test(label));
}

;// CONCATENATED MODULE: ./src/rocketchat/url/index.ts
/**
 * Apprise `rocket://` and `rockets://` URLs -> destinations, as docs/url-format.md describes them:
 * Apprise's grammar, with the deliberate differences listed there. The steps, one file each:
 * tokenize (cut the text), params (the query), address (scheme, host, port), credentials (mode and
 * who posts), targets, mask (what may be shown).
 */








/** Parses one URL. Throws RocketChatError, with the URL masked, when it cannot be sent to. */
function parseRocketUrl(raw) {
    const url = tokenize(raw.trim());
    const fail = problem => {
        throw new errors/* RocketChatError */.H8(`${problem}. URL: ${maskRaw(url)}`);
    };
    const secure = readScheme(url, fail);
    const params = readParams(url.query, fail);
    const address = readAddress(url, secure, params.port, fail);
    const credentials = readCredentials(url, params, fail);
    const { mode } = credentials;
    const { targets, rejectedTargets } = readTargets(url.path, params.to);
    // A target written but rejected still counts: it is reported failed, and the others are sent.
    if (mode !== 'webhook' && targets.length === 0 && rejectedTargets.length === 0) {
        fail(`No Rocket.Chat room and/or channels specified to notify: ${mode} mode needs /#channel, /roomId or /@user after the host`);
    }
    const { options } = params;
    const destination = {
        mode,
        secure: address.secure,
        host: address.host,
        port: address.port,
        baseUrl: address.baseUrl,
        user: credentials.user,
        password: credentials.password,
        webhook: credentials.webhook,
        targets,
        rejectedTargets,
        // Token mode too is off, since a normal user's token is refused an avatar override.
        avatar: options.avatar ?? mode === 'webhook',
        format: options.format ?? 'markdown',
        overflow: options.overflow ?? 'upstream',
        verify: options.verify ?? true,
        connectTimeout: options.cto,
        readTimeout: options.rto,
        retry: options.retry
    };
    const masked = renderMasked(url.scheme, credentials, address.written, targets, options);
    const problems = params.unknownMode === undefined
        ? params.problems
        : [
            ...params.problems,
            `Unknown mode '${params.unknownMode}' ignored, using ${mode} (valid: ${MODES.join(', ')})`
        ];
    return {
        destination: {
            ...destination,
            identity: identityOf(destination),
            masked,
            secrets: collectSecrets(url, credentials.webhook)
        },
        warnings: problems.map(problem => `${problem}. URL: ${masked}`)
    };
}
/** Parses every URL of an input, separated by whitespace (newlines included). */
function parseRocketUrls(text) {
    const raws = text.split(/\s+/).filter(Boolean);
    if (raws.length === 0) {
        throw new errors/* RocketChatError */.H8('No Rocket.Chat URL was given: expected one or more rocket:// or rockets:// URLs separated by whitespace');
    }
    const parseAt = (index) => {
        try {
            return parseRocketUrl(raws[index] ?? '');
        }
        catch (error) {
            if (raws.length === 1 || !(error instanceof errors/* RocketChatError */.H8))
                throw error;
            throw new errors/* RocketChatError */.H8(`URL ${index + 1} of ${raws.length}: ${error.message}`, {
                cause: error
            });
        }
    };
    // A piece with no scheme is usually half of a URL cut at a space: say so first, before the other
    // half fails with a stranger message.
    const schemeless = raws.findIndex(raw => !raw.includes('://'));
    if (schemeless >= 0)
        parseAt(schemeless);
    return raws.map((_, index) => parseAt(index));
}
/**
 * A digest of everything but the targets, normalised (host case, default port, decoded
 * credentials, defaults applied), so it can be compared without holding a secret in clear.
 */
function identityOf(d) {
    const decisive = [
        d.mode,
        d.baseUrl,
        d.user,
        d.password,
        d.webhook,
        d.avatar,
        d.format,
        d.overflow,
        d.verify,
        d.connectTimeout,
        d.readTimeout,
        d.retry
    ];
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(decisive)).digest('hex');
}

;// CONCATENATED MODULE: ./src/action/secrets.ts
/**
 * Which secrets can be masked without hiding ordinary text. The runner replaces every occurrence of
 * a value given to setSecret in the whole job's log, and the action masks the same values in its own
 * words; a password of `a` or `general` would then hide every `a`, or the room `#general`, while
 * protecting nothing (a short or common word is guessed at once).
 */
/** Shorter values are not masked: each would hide its letters all over the log. */
const MIN_MASKED_LENGTH = 4;
/**
 * Words the action writes itself in its outputs and summary: a secret equal to one of them, or
 * inside one, would mask the action's own vocabulary (`"outcome": "****"`).
 */
const VOCABULARY = [
    'destination',
    'target',
    'outcome',
    'delivered',
    'updated',
    'planned',
    'unconfirmed',
    'failed',
    'rate-limit',
    'network',
    'timeout',
    'invalid-target',
    'not-found',
    'too-large',
    'rejected',
    'success',
    'failure',
    'cancelled',
    'warning',
    'info',
    'webhook'
];
/**
 * How a secret is masked:
 * - `short` (under 4 characters): never masked, it would hide those characters everywhere;
 * - `common` (a word of letters only up to 10, part of the action's vocabulary, or part of what the
 *   masked URLs show, such as a room name): masked in the log and in free text (errors, the preview
 *   of the message), but never inside the action's own identifiers (message-id, room-id, targets);
 * - `whole`: masked everywhere.
 */
function secretKind(secret, visible) {
    if (secret.length < MIN_MASKED_LENGTH)
        return 'short';
    const lower = secret.toLowerCase();
    const common = 
    // Latin letters, accented ones included: a \p{L} pattern costs every send a Unicode compile.
    /^[A-Za-z\u00C0-\u024F]{1,10}$/.test(secret) ||
        VOCABULARY.some(word => word.includes(lower)) ||
        visible.some(text => text.toLowerCase().includes(lower));
    return common ? 'common' : 'whole';
}
/** The warning for a secret that cannot be masked safely; it names the URL by number only. */
function secretWarning(kind, where) {
    if (kind === 'short') {
        return (`${where} has fewer than ${MIN_MASKED_LENGTH} characters, too short to mask safely: masking ` +
            'it would hide those characters all over the log, so it is not masked. Use a long random secret.');
    }
    if (kind === 'common') {
        return (`${where} is a common word, too common to mask safely: the runner hides it wherever it ` +
            "appears in the log (room names, ids, words), while the action's outputs keep their values. " +
            'Use a long random secret.');
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/action/inputs.ts






const STATUSES = ['success', 'failure', 'cancelled', 'warning', 'info'];
/** The only spellings `core.getBooleanInput` takes (YAML 1.2 core schema). */
const BOOLEANS = 'true, True, TRUE, false, False, FALSE';
/**
 * Reads and checks every input once, the URL masked before anything else can print it. Only a URL
 * that is missing or cannot be parsed throws: with nothing to send to, nothing can be sent. Any
 * other value an input cannot take is a mistake, and the run goes on with a stated fallback.
 */
function readSettings(input) {
    // The URL is the secret: mask it whole before parsing can say anything about it.
    const rawUrls = input.getInput('url', { required: true });
    const urls = rawUrls.split(/\s+/).filter(Boolean);
    for (const url of urls)
        input.setSecret(url);
    const parsed = parseRocketUrls(rawUrls);
    const secrets = maskableSecrets(parsed.map(p => p.destination), input);
    for (const { warnings } of parsed)
        for (const warning of warnings)
            input.warning(warning);
    const others = readOtherInputs(input);
    // A mistake quotes the value; a secret pasted into the wrong input stays hidden.
    others.mistakes = others.mistakes.map(mistake => (0,errors/* redact */.E$)(mistake, [...urls, ...secrets]));
    // The github-token is masked when read; reports redact it with the URL's secrets.
    if (others.runDetails.token)
        secrets.push(others.runDetails.token);
    return { destinations: parsed.map(p => p.destination), secrets, ...others };
}
/**
 * Masks every form of every credential whole, except those too short to mask (secrets.ts), and
 * warns of a credential too short or too common to mask safely, naming its URL by number only.
 */
function maskableSecrets(destinations, input) {
    const visible = destinations.map(d => d.masked);
    const forms = [...new Set(destinations.flatMap(d => d.secrets))].filter(form => form.length >= MIN_MASKED_LENGTH);
    for (const form of forms)
        input.setSecret(form);
    for (const [i, d] of destinations.entries()) {
        const where = destinations.length > 1 ? `URL ${i + 1}: ` : '';
        const credentials = d.webhook
            ? d.webhook.split('/').map(half => ['a half of the webhook', half])
            : d.password === undefined
                ? []
                : [[d.mode === 'token' ? 'the token' : 'the password', d.password]];
        for (const [what, value] of credentials) {
            const warning = secretWarning(secretKind(value, visible), `${where}${what}`);
            if (warning)
                input.warning(capitalize(warning));
        }
    }
    return forms;
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
function readOtherInputs(input) {
    const optional = (name) => input.getInput(name) || undefined;
    const mistakes = [];
    const mistake = text => {
        mistakes.push(text);
    };
    /** A file input that cannot be read is a mistake, not the end of the alert. */
    const readFile = (name, path, instead) => {
        try {
            return readWorkspaceFile(name, path);
        }
        catch (error) {
            if (!(error instanceof WorkspaceFileError))
                throw error;
            mistake(`${error.message}; ${instead}`);
            return undefined;
        }
    };
    const body = readBody(input, readFile, mistake);
    return {
        title: input.getInput('title'),
        body: body.text,
        bodyFromFile: body.fromFile,
        status: readStatus(input.getInput('status'), mistake),
        mention: input
            .getInput('mention')
            .split(/[\s,]+/)
            .filter(Boolean),
        mentionOn: readStatuses('mention-on', input.getInput('mention-on') || 'failure', mistake),
        attachments: input.getInput('attachments'),
        ...readThreading(input, mistake),
        threadTitle: optional('thread-title'),
        threadBroadcast: readThreadBroadcast(input.getInput('thread-broadcast'), mistake),
        alias: optional('alias'),
        emoji: optional('emoji'),
        avatarUrl: optional('avatar-url'),
        statusAttachment: readBoolean(input, 'status-attachment', true, mistake),
        // Who writes dry-run at all asks for one (left out, or an expression, reads as false or true):
        // an unreadable one plans and shows the message, as a message posted by mistake cannot be
        // taken back from the room.
        dryRun: readBoolean(input, 'dry-run', false, mistake, {
            unreadable: true,
            instead: 'a dry run instead: nothing is sent, the message is in the job summary'
        }),
        failOnError: readBoolean(input, 'fail-on-error', true, mistake),
        timeout: readNumber('timeout', input.getInput('timeout'), 10, mistake, {
            min: 0.1,
            max: 600
        }),
        retries: readNumber('retries', input.getInput('retries'), 2, mistake, {
            min: 0,
            max: 10,
            integer: true
        }),
        caCert: readCaCert(input.getInput('ca-cert'), readFile, mistake),
        maxPosts: readNumber('max-posts', input.getInput('max-posts'), MAX_POSTS, mistake, {
            min: 1,
            max: 100,
            integer: true
        }),
        runDetails: readRunDetailsSettings(input, readFile, mistake),
        mistakes,
        files: input
            .getInput('files')
            .split('\n')
            .map(line => line.trim())
            .filter(Boolean),
        maxFileSize: readSize('max-file-size', input.getInput('max-file-size'), mistake)
    };
}
/**
 * Where the message goes: a reply (`thread`), a thread of its own (`thread-key`) or an edit
 * (`update`). Given together, the message id given wins over the key, and a new post over an edit:
 * a new message notifies the room, an edit may go unseen.
 */
function readThreading(input, mistake) {
    const thread = input.getInput('thread') || undefined;
    let update = input.getInput('update') || undefined;
    let threadKey = input.getInput('thread-key') || undefined;
    const does = {
        'thread-key': 'thread-key finds or starts its own thread',
        thread: 'thread replies to a message id you give',
        update: 'update edits one'
    };
    if (thread !== undefined && threadKey !== undefined) {
        mistake(`give thread-key or thread, not both: ${does['thread-key']}, ${does.thread}; ` +
            'replying to thread, thread-key ignored');
        threadKey = undefined;
    }
    const reply = thread !== undefined ? 'thread' : threadKey !== undefined ? 'thread-key' : undefined;
    if (reply !== undefined && update !== undefined) {
        mistake(`give ${reply} or update, not both: ${does[reply]}, ${does.update}; ` +
            `posting a new message as ${reply} says, update ignored`);
        update = undefined;
    }
    return { thread, update, threadKey };
}
const MIB = 1024 * 1024;
const SIZE_UNITS = { '': 1, k: 1024, m: MIB, g: 1024 * MIB };
/** A size in bytes, or with K, M or G (KiB, MiB, GiB, 1024-based): `20M`, `20 MiB`, `512k`. */
function readSize(name, value, mistake) {
    const fallback = 20 * MIB;
    if (value === '')
        return fallback;
    const written = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
    const bytes = written
        ? Math.floor(Number(written[1]) * (SIZE_UNITS[(written[2] ?? '').toLowerCase()] ?? 1))
        : NaN;
    if (!(bytes >= 1 && bytes <= 2048 * MIB)) {
        mistake(`${name} must be a size from 1 byte to 2 GiB, in bytes or with K, M or G (e.g. 20M); ` +
            `got "${value}"; using the default 20M`);
        return fallback;
    }
    return bytes;
}
/**
 * The body, or the body-file's text. Both given: the body-file, the more deliberate of the two, and
 * the body if that file cannot be read; neither readable: the event's default message.
 */
function readBody(input, readFile, mistake) {
    const body = input.getInput('body', { trimWhitespace: false });
    const file = input.getInput('body-file');
    if (file === '')
        return { text: body, fromFile: false };
    const both = body.trim() !== '';
    if (both)
        mistake('give body or body-file, not both; sending the body-file, body ignored');
    const instead = both ? 'the body is sent instead' : "the event's default message is sent instead";
    const text = readFile('body-file', file, instead);
    if (text === undefined)
        return { text: both ? body : '', fromFile: false };
    return { text, fromFile: true };
}
const THREAD_BROADCASTS = ['changed', 'always', 'never'];
function readThreadBroadcast(raw, mistake) {
    const value = raw.trim().toLowerCase() || 'changed';
    const known = THREAD_BROADCASTS.find(broadcast => broadcast === value);
    if (known === undefined) {
        mistake(`thread-broadcast must be one of ${THREAD_BROADCASTS.join(', ')}; got "${raw}"; using the default changed`);
        return 'changed';
    }
    return known;
}
/**
 * An unknown status is sent as failure: a typo most often hides in the alert that runs only when
 * something breaks (`if: failure()`), which must keep its colour and mentions; and the mistake
 * fails the step, so the job is failing indeed.
 */
function readStatus(raw, mistake) {
    const value = raw.trim().toLowerCase();
    if (value === 'auto')
        return 'auto';
    if (value === '')
        return 'info';
    if (!isStatus(value)) {
        mistake(`status must be one of ${STATUSES.join(', ')} or auto; got "${raw}"; sent as failure, ` +
            'so no failure is ever softened');
        return 'failure';
    }
    return value;
}
/** As with `status`, an unknown word is read as failure: mentions never miss a failure. */
function readStatuses(name, raw, mistake) {
    const words = raw.split(/[\s,]+/).filter(Boolean);
    const statuses = words.map(word => word.toLowerCase());
    if (statuses.includes('always'))
        return [...STATUSES];
    if (statuses.includes('never'))
        return [];
    const wrong = words.filter(word => !isStatus(word.toLowerCase()));
    if (wrong.length > 0) {
        mistake(`${name} takes statuses (${STATUSES.join(', ')}), always or never; ` +
            `got ${wrong.map(word => `"${word}"`).join(', ')}; read as failure`);
    }
    return [...new Set(statuses.map(status => (isStatus(status) ? status : 'failure')))];
}
function isStatus(value) {
    return STATUSES.includes(value);
}
/**
 * `core.getBooleanInput`, with the default action.yml gives when a direct run leaves it out. A
 * value it cannot read is the default too, unless `unreadable` says otherwise.
 */
function readBoolean(input, name, fallback, mistake, unreadable = { unreadable: fallback, instead: `using the default ${String(fallback)}` }) {
    const value = input.getInput(name);
    if (value === '')
        return fallback;
    try {
        return input.getBooleanInput(name);
    }
    catch {
        mistake(`${name} must be one of ${BOOLEANS}; got "${value}"; ${unreadable.instead}`);
        return unreadable.unreadable;
    }
}
function readNumber(name, value, fallback, mistake, bounds) {
    if (value === '')
        return fallback;
    // Plain decimal digits only: Number() would also take "0x10", "1e1" and "Infinity".
    const written = bounds.integer === true ? /^\d+$/ : /^(\d+(\.\d*)?|\.\d+)$/;
    const n = Number(value);
    if (!written.test(value) || n < bounds.min || n > bounds.max) {
        const kind = bounds.integer === true ? 'a whole number' : 'a number';
        mistake(`${name} must be ${kind} from ${bounds.min} to ${bounds.max}; got "${value}"; ` +
            `using the default ${fallback}`);
        return fallback;
    }
    return n;
}
/**
 * `ca-cert` takes the PEM itself or the path of a PEM file in the workspace. One that cannot be
 * read is a mistake: the message is still tried with the system's CAs, which may well trust the
 * server, and a refused certificate then fails as any TLS failure does.
 */
function readCaCert(value, readFile, mistake) {
    if (value === '')
        return undefined;
    const instead = "sending with the system's certificate authorities only";
    const pem = value.includes('-----BEGIN') ? value : readFile('ca-cert', value, instead);
    if (pem === undefined)
        return undefined;
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
        mistake(`ca-cert must be a PEM certificate (-----BEGIN CERTIFICATE-----) or a path to one; ${instead}`);
        return undefined;
    }
    return pem;
}
/**
 * The inputs that read the run itself: github-token (a secret), needs, user-map, log-lines,
 * notify-when and attach-log.
 */
function readRunDetailsSettings(input, readFile, mistake) {
    const token = input.getInput('github-token');
    if (token)
        input.setSecret(token);
    const userMap = input.getInput('user-map');
    // A map has a `:` or a `{`; anything else on one line names a file in the workspace.
    const isFile = userMap !== '' && !/[:{\n]/.test(userMap);
    return {
        token,
        needs: readNeeds(input.getInput('needs'), mistake),
        userMap: isFile ? (readFile('user-map', userMap, 'no author is mentioned') ?? '') : userMap,
        logLines: readNumber('log-lines', input.getInput('log-lines'), 15, mistake, {
            min: 0,
            max: 100,
            integer: true
        }),
        notifyWhen: readNotifyWhen(input.getInput('notify-when'), mistake),
        attachLog: readBoolean(input, 'attach-log', false, mistake)
    };
}
/** The jobs of `${{ toJSON(needs) }}`; undefined when not given or not readable (the API is asked). */
function readNeeds(text, mistake) {
    if (text === '')
        return undefined;
    try {
        return jobsFromNeeds(text);
    }
    catch (error) {
        if (!(error instanceof NeedsError))
            throw error;
        mistake(`${error.message}; the jobs are read from the API instead`);
        return undefined;
    }
}
const NOTIFY_WHEN = ['always', 'changed'];
function readNotifyWhen(raw, mistake) {
    const value = raw.trim().toLowerCase() || 'always';
    const known = NOTIFY_WHEN.find(word => word === value);
    if (known === undefined) {
        mistake(`notify-when must be always or changed; got "${raw}"; using the default always`);
        return 'always';
    }
    return known;
}

;// CONCATENATED MODULE: ./src/rocketchat/target-outcomes.ts
/** What became of a target, as a result: a thrown failure, a refusal, a lost answer, in words. */

/** The outcome of a thrown failure: its kind and status when the library threw it. */
function failedBy(error) {
    if (error instanceof errors/* RocketChatError */.H8) {
        return {
            outcome: 'failed',
            kind: error.kind,
            ...(error.status === undefined ? {} : { status: error.status }),
            error: error.message
        };
    }
    return { outcome: 'failed', kind: 'rejected', error: (0,errors/* errorMessage */.gJ)(error) };
}
/** The outcome of a refusal the server answered. */
function refusedBy(answer) {
    const { kind, status, error } = answer;
    return { outcome: 'failed', kind, status, error };
}
/** What went wrong, in words: a failure's own, or that the answer never came. */
function failureWords(outcome) {
    return outcome.outcome === 'failed' ? outcome.error : 'the answer was lost';
}
/** A failure outcome with `part 2 of 3: ` before its words, for a message sent in several posts. */
function inPart(outcome, index, count) {
    if (count < 2)
        return outcome;
    const part = `part ${index + 1} of ${count}: `;
    if (outcome.outcome === 'failed')
        return { ...outcome, error: part + outcome.error };
    if (outcome.outcome === 'unconfirmed')
        return { ...outcome, reason: part + outcome.reason };
    return outcome;
}
/** Whether a thrown failure may have left the request stored: its answer was lost, not refused. */
function mayHaveArrived(error) {
    return error instanceof errors/* RocketChatError */.H8 && error.mayHaveArrived;
}
/** A result for each target of a destination that nothing was sent to, all for the same reason. */
function allFailed(of, error) {
    const outcome = failedBy(error);
    return of.map(target => ({ ...target, ...outcome }));
}

;// CONCATENATED MODULE: ./src/rocketchat/upload.ts
/**
 * Files sent with a message (token and basic modes), in Rocket.Chat's two steps (7.x, 8.x):
 * `rooms.media/:rid` stores the bytes as a temporary upload (multipart, field `file`), and
 * `rooms.mediaConfirm/:rid/:fileId` posts it as a message. `rooms.upload` did both in one step and
 * is gone in 8.0.
 *
 * Exactly once: storing is safe to repeat (a repeat stores one more temporary upload, which the
 * server drops after 24 hours and nobody sees), so the transport may resend it. Confirming is not:
 * the server posts a message for each confirm of the same upload. A confirm whose answer was lost is
 * settled by looking for the upload's message in the room (`chat.syncMessages` since just before
 * the confirm); found, it was delivered; not found, it is reported unconfirmed and never confirmed
 * again, since the server may still be working on the first one.
 */





/** An in-memory file (a log excerpt, a generated report) to send. */
function fileFromBuffer(name, bytes, contentType) {
    return {
        name,
        size: bytes.byteLength,
        open: () => external_node_stream_.Readable.from([Buffer.from(bytes)]),
        ...(contentType === undefined ? {} : { contentType })
    };
}
/**
 * After a message's results: each file to each room the message reached, in order, right after
 * the message (in `tmid`'s thread when given). One more result per file per target; a target the
 * message did not reach gets its files as failed, never sent alone.
 */
async function uploadAfter(session, results, files, tmid, limit) {
    if (files.length === 0)
        return results;
    const perTarget = await Promise.all(results.map(async (result) => {
        const { destination, url, mode, target } = result;
        const room = result.outcome === 'delivered' || result.outcome === 'updated' ? result.roomId : undefined;
        const entries = [result];
        for (const file of files) {
            const of = { destination, url, mode, target, file: { name: file.name, size: file.size } };
            const outcome = room === undefined
                ? {
                    outcome: 'failed',
                    kind: result.outcome === 'failed' ? result.kind : 'rejected',
                    error: 'not uploaded: the message did not reach this target'
                }
                : await limit(() => uploadFile(session, room, file, tmid));
            entries.push({ ...of, ...outcome });
        }
        return entries;
    }));
    return perTarget.flat();
}
/** Stores one file in a room and posts it there, at most once. */
async function uploadFile(session, roomId, file, tmid) {
    let fileId;
    let since;
    try {
        const response = await call(session, `rooms.media/${encodeURIComponent(roomId)}`, {
            stream: multipart(file),
            replayable: true
        });
        const answer = (0,rocketchat_answer/* readAnswer */.JN)(response);
        if (!answer.ok)
            return refused(answer, `storing ${file.name}`);
        const stored = (0,rocketchat_answer/* isObject */.Gv)(answer.body.file) ? answer.body.file._id : undefined;
        if (typeof stored !== 'string' || stored === '') {
            return {
                outcome: 'failed',
                kind: 'rejected',
                error: `storing ${file.name}: no file id in the answer`
            };
        }
        fileId = stored;
        since = serverTime(response);
    }
    catch (error) {
        return failedBy(error);
    }
    const body = { msg: '', description: file.name, ...(tmid === undefined ? {} : { tmid }) };
    try {
        const path = `rooms.mediaConfirm/${encodeURIComponent(roomId)}/${encodeURIComponent(fileId)}`;
        const answer = (0,rocketchat_answer/* readAnswer */.JN)(await call(session, path, { body, replayable: false }));
        if (!answer.ok) {
            // A server error may come after the message was stored: it is looked for before it counts.
            if (answer.status < 500)
                return refused(answer, `posting ${file.name}`);
            const messageId = await findFileMessage(session, roomId, fileId, since).catch(() => undefined);
            return messageId === undefined
                ? refused(answer, `posting ${file.name}`)
                : { outcome: 'delivered', messageId, roomId, fileId };
        }
        const message = (0,rocketchat_answer/* isObject */.Gv)(answer.body.message) ? answer.body.message : {};
        return {
            outcome: 'delivered',
            ...(typeof message._id === 'string' ? { messageId: message._id } : {}),
            roomId,
            fileId
        };
    }
    catch (error) {
        if (!mayHaveArrived(error))
            return failedBy(error);
        return settle(session, roomId, fileId, since, (0,errors/* errorMessage */.gJ)(error));
    }
}
/** After a lost confirm: the upload's message in the room means it was posted. */
async function settle(session, roomId, fileId, since, lost) {
    try {
        const messageId = await findFileMessage(session, roomId, fileId, since);
        if (messageId !== undefined)
            return { outcome: 'delivered', messageId, roomId, fileId };
        return {
            outcome: 'unconfirmed',
            reason: `${lost}; the file's message is not in the room (yet): not posted again`
        };
    }
    catch (error) {
        return {
            outcome: 'unconfirmed',
            reason: `${lost}; asking whether it arrived failed too (${(0,errors/* errorMessage */.gJ)(error)}): not posted again`
        };
    }
}
/** The most messages read from one answer when looking for a file's message. */
const MAX_SYNCED = 10_000;
/** The id of the room's message that carries the upload, among those changed since `since`. */
async function findFileMessage(session, roomId, fileId, since) {
    const query = `roomId=${encodeURIComponent(roomId)}&lastUpdate=${encodeURIComponent(since.toISOString())}`;
    const answer = (0,rocketchat_answer/* readAnswer */.JN)(await call(session, `chat.syncMessages?${query}`, { method: 'GET' }));
    if (!answer.ok)
        throw new errors/* RocketChatError */.H8(answer.error, { kind: answer.kind, status: answer.status });
    const result = (0,rocketchat_answer/* isObject */.Gv)(answer.body.result) ? answer.body.result : {};
    const updated = Array.isArray(result.updated) ? result.updated : [];
    for (const message of updated.slice(0, MAX_SYNCED)) {
        if (!(0,rocketchat_answer/* isObject */.Gv)(message) || typeof message._id !== 'string')
            continue;
        const listed = Array.isArray(message.files) ? message.files : [];
        const files = [message.file, ...listed];
        if (files.some(f => (0,rocketchat_answer/* isObject */.Gv)(f) && f._id === fileId))
            return message._id;
    }
    return undefined;
}
/** Rocket.Chat's refusal of a step; its `error-file-too-large` is a size refusal like a proxy's 413. */
function refused(answer, step) {
    const { status, error } = answer;
    const tooLarge = error.includes('error-file-too-large') || status === 413;
    return {
        outcome: 'failed',
        kind: tooLarge ? 'too-large' : answer.kind,
        status,
        error: `${step}: ${error}`
    };
}
/**
 * The server's clock when it stored the file, a little earlier to be safe: the runner's clock may
 * be off, and `lastUpdate` is compared with the server's. Without a Date header, the last hour.
 */
function serverTime(response) {
    const stated = Date.parse(response.headers.date ?? '');
    return new Date((Number.isNaN(stated) ? Date.now() - 3_600_000 : stated) - 5_000);
}
/**
 * The types Rocket.Chat shows by kind (an image inline, text with a preview). SVG is left out:
 * the server's default media blacklist refuses `image/svg+xml`.
 */
const CONTENT_TYPES = {
    txt: 'text/plain',
    log: 'text/plain',
    md: 'text/markdown',
    csv: 'text/csv',
    html: 'text/html',
    json: 'application/json',
    xml: 'application/xml',
    pdf: 'application/pdf',
    zip: 'application/zip',
    gz: 'application/gzip',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp'
};
function contentTypeOf(name) {
    const extension = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
    return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
/**
 * `multipart/form-data` with the one part `file`, streamed: a head, the file's bytes, a tail. The
 * name is written as browsers write it (UTF-8, `"` and line breaks percent-encoded), which the
 * server's parser (busboy, `defParamCharset: 'utf8'`) reads back.
 */
function multipart(file) {
    const boundary = `----rocketchat-notify-${(0,external_node_crypto_.randomBytes)(12).toString('hex')}`;
    const name = file.name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    const head = Buffer.from(`--${boundary}\r\n` +
        `Content-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        `Content-Type: ${file.contentType ?? contentTypeOf(file.name)}\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    async function* parts() {
        yield head;
        let read = 0;
        for await (const chunk of file.open()) {
            read += chunk.length;
            if (read > file.size)
                break;
            yield chunk;
        }
        // Content-Length promised the size: a file that changed while sent must not pass for whole.
        if (read !== file.size) {
            throw new Error(`${file.name} gave ${read} bytes, not the ${file.size} it had when opened`);
        }
        yield tail;
    }
    return {
        contentType: `multipart/form-data; boundary=${boundary}`,
        length: head.length + file.size + tail.length,
        open: () => external_node_stream_.Readable.from(parts(), { objectMode: false }),
        summary: { file: file.name, size: file.size }
    };
}
function call(session, path, how) {
    const method = how.method ?? 'POST';
    return session.sender.send({
        method,
        url: `${session.destination.baseUrl}/api/v1/${path}`,
        headers: session.headers,
        ...(how.body === undefined ? {} : { body: how.body }),
        ...(how.stream === undefined ? {} : { stream: how.stream }),
        replayable: how.replayable ?? method === 'GET'
    }, session.destination);
}

;// CONCATENATED MODULE: ./src/action/log-files.ts


/** Code points of a job's name kept in its file's name. */
const NAME_LENGTH = 80;
/**
 * The `files` input's files and, after them, one file per step log, named
 * `<job name>-step-<n>.log`: together at most MAX_FILES, the ones past it a problem of their own.
 * A log over `maxBytes` keeps its end, where a failure says what went wrong.
 */
function withLogFiles(files, logs, maxBytes) {
    if (logs.length === 0)
        return files;
    const toSend = [...files.toSend];
    const problems = [...files.problems];
    const names = new Set(toSend.map(file => file.name));
    for (const log of logs) {
        const name = unique(logFileName(log), names);
        names.add(name);
        if (toSend.length >= MAX_FILES) {
            problems.push({
                name,
                kind: 'rejected',
                reason: `attach-log: ${name} not sent: at most ${MAX_FILES} files go with a message`
            });
            continue;
        }
        toSend.push(fileFromBuffer(name, lastBytes(log.text, maxBytes)));
    }
    return { toSend, problems, close: files.close };
}
/**
 * `<job name>-step-<n>.log` as a file name any room and disk take: letters (any script), digits,
 * `.`, `_` and `-`; every other run of characters (spaces, slashes, brackets) one `-`.
 */
function logFileName(log) {
    const safe = Array.from(log.job.replace(/[^\p{L}\p{N}._-]+/gu, '-'))
        .slice(0, NAME_LENGTH)
        .join('');
    const job = trimDashesAndDots(safe) || 'job';
    return log.step === undefined ? `${job}.log` : `${job}-step-${log.step}.log`;
}
/** No leading dot (a hidden file) and no dangling separators; a loop, as a regex would backtrack. */
function trimDashesAndDots(name) {
    let start = 0;
    let end = name.length;
    while (start < end && (name[start] === '-' || name[start] === '.'))
        start++;
    while (end > start && (name[end - 1] === '-' || name[end - 1] === '.'))
        end--;
    return name.slice(start, end);
}
/** Two jobs whose names sanitise alike (`a (1)`, `a [1]`) still give two files. */
function unique(name, taken) {
    if (!taken.has(name))
        return name;
    const stem = name.replace(/\.log$/, '');
    for (let n = 2;; n++) {
        const candidate = `${stem}-${n}.log`;
        if (!taken.has(candidate))
            return candidate;
    }
}
/**
 * The text's last `max` bytes as UTF-8: never inside a character, and from the start of a line
 * when one begins within them.
 */
function lastBytes(text, max) {
    const bytes = Buffer.from(text);
    if (bytes.byteLength <= max)
        return bytes;
    let start = bytes.byteLength - max;
    while (start < bytes.byteLength && ((bytes[start] ?? 0) & 0xc0) === 0x80)
        start++;
    if (bytes[start - 1] !== 0x0a) {
        const newline = bytes.indexOf(0x0a, start);
        if (newline !== -1 && newline + 1 < bytes.byteLength)
            start = newline + 1;
    }
    return bytes.subarray(start);
}

// EXTERNAL MODULE: ./src/rocketchat/transport/no-proxy.ts
var no_proxy = __nccwpck_require__(2016);
;// CONCATENATED MODULE: ./src/action/network.ts



/**
 * The runner's proxy variables, read here so the library never looks at the environment itself.
 * Lower case wins, as curl and undici read them; https falls back to the http proxy in the transport.
 * A value that is not a URL is one clear error naming the variable, never its value.
 */
function proxyFromEnvironment(env) {
    const pick = (name) => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
    const settings = {};
    const httpProxy = pick('http_proxy');
    const httpsProxy = pick('https_proxy');
    const noProxy = pick('no_proxy');
    if (httpProxy)
        settings.httpProxy = httpProxy;
    if (httpsProxy)
        settings.httpsProxy = httpsProxy;
    if (noProxy)
        settings.noProxy = noProxy;
    for (const [which, value] of [
        ['http', httpProxy],
        ['https', httpsProxy]
    ]) {
        try {
            (0,no_proxy/* checkProxySettings */.gT)({ httpProxy: value ?? '' });
        }
        catch {
            throw new errors/* RocketChatError */.H8(`${which}_proxy (or ${which.toUpperCase()}_PROXY) is not an http:// or https:// URL with a host: ` +
                "fix it in the runner's environment, or unset it", { kind: 'rejected' });
        }
    }
    return settings;
}
/** The variables holding URLs the action uses that may carry a `user:password@`. */
const URL_VARIABLES = [
    'http_proxy',
    'HTTP_PROXY',
    'https_proxy',
    'HTTPS_PROXY',
    'all_proxy',
    'ALL_PROXY',
    'GITHUB_API_URL'
];
/**
 * The credentials written into the proxy URLs and GITHUB_API_URL, in every form a message could
 * show them (as written, decoded, `user:password`): to be masked before anything can print them.
 * A user name is a secret only when it stands alone (a token as the user, no password).
 */
function credentialsInEnvironment(env) {
    const found = new Set();
    for (const name of URL_VARIABLES) {
        const value = env[name]?.trim();
        if (!value)
            continue;
        const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(value)?.[1] ??
            /^([^/?#:]*:[^/?#]*)@/.exec(value)?.[1];
        if (userinfo === undefined)
            continue;
        const colon = userinfo.indexOf(':');
        // A user name alone is masked only when it is the credential (a token, no password).
        const secret = colon < 0 ? userinfo : userinfo.slice(colon + 1);
        const forms = colon < 0 ? [secret] : [secret, userinfo];
        for (const form of forms.flatMap(text => [text, decoded(text)])) {
            if (form !== '')
                found.add(form);
        }
    }
    return [...found];
}
function decoded(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/**
 * The CA certificates to trust beside the system's when `ca-cert` is given. Giving Node a CA
 * replaces its trust store, so the runner's NODE_EXTRA_CA_CERTS (a corporate root, say) is added
 * here too; without `ca-cert` Node applies it by itself.
 */
function withExtraCaCerts(caCert, env) {
    const extra = env.NODE_EXTRA_CA_CERTS;
    if (!extra)
        return caCert;
    try {
        return `${caCert}\n${(0,external_node_fs_namespaceObject.readFileSync)(extra, 'utf8')}`;
    }
    catch {
        // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so do we, by ignoring it.
        return caCert;
    }
}

;// CONCATENATED MODULE: ./src/template/preview.ts
/**
 * A message's text as HTML for the job summary: what a Rocket.Chat reader sees, in the subset that
 * matters for checking a message (links, bold, italic, strike, code, code blocks, headings).
 * Everything else is escaped text. test/preview.test.ts compares it with Rocket.Chat's parser.
 */
const INLINE = /`([^`\n]+)`|\\([*_~`#.])|\[([^[\]\n]*)\]\((https?:\/\/[^()[\]\s]+)\)|<(https?:\/\/[^|<>\s]+)\|([^<>\n]*)>|(https?:\/\/[^\s<>]+)|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|(?<![A-Za-z0-9])_([^_\n]+)_(?![A-Za-z0-9])|~~([^~\n]+)~~|~([^~\n]+)~/g;
/** Top-level domains reserved for tests and examples (RFC 2606), which Rocket.Chat does not link. */
const RESERVED_TLD = /^https?:\/\/[^/?#\s]*\.(?:example|test|invalid|localhost)(?:[/:?#)]|$)/i;
function previewHtml(text) {
    const html = [];
    let code;
    for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
        if (code) {
            if (line.trim() === '```') {
                html.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
                code = undefined;
            }
            else
                code.push(line);
            continue;
        }
        if (/^```[A-Za-z0-9_. -]*$/.test(line)) {
            code = [];
            continue;
        }
        const heading = /^(#{1,4})[ \t]+(.*)$/.exec(line);
        if (heading) {
            const level = heading[1]?.length ?? 1;
            html.push(`<h${level}>${inline(heading[2] ?? '')}</h${level}>`);
        }
        else
            html.push(`${inline(line)}<br>`);
    }
    // A code block left open shows as text, as Rocket.Chat shows it.
    if (code)
        html.push(...code.map(line => `${escapeHtml(line)}<br>`));
    return html.join('\n');
}
function inline(text) {
    let out = '';
    let cursor = 0;
    for (const match of text.matchAll(INLINE)) {
        out += escapeHtml(text.slice(cursor, match.index));
        out += preview_element(match);
        cursor = match.index + match[0].length;
    }
    return out + escapeHtml(text.slice(cursor));
}
function preview_element(match) {
    const [, code, escaped, label, href, angleHref, angleLabel, bare, strong, bold, em, del, strike] = match;
    if (code !== undefined)
        return `<code>${escapeHtml(code)}</code>`;
    if (escaped !== undefined)
        return escapeHtml(escaped);
    if (href !== undefined)
        return preview_anchor(href, inline(label ?? ''));
    if (angleHref !== undefined)
        return preview_anchor(angleHref, escapeHtml(angleLabel ?? ''));
    if (bare !== undefined) {
        // Rocket.Chat links a bare URL only under a real top-level domain.
        return RESERVED_TLD.test(bare) ? escapeHtml(bare) : preview_anchor(bare, escapeHtml(bare));
    }
    if (strong !== undefined || bold !== undefined)
        return `<strong>${inline(strong ?? bold ?? '')}</strong>`;
    if (em !== undefined)
        return `<em>${inline(em)}</em>`;
    return `<del>${inline(del ?? strike ?? '')}</del>`;
}
function preview_anchor(href, label) {
    return `<a href="${escapeHtml(href)}">${label}</a>`;
}
/** Text as HTML shows it literally, quotes included so it is safe in attributes too. */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}

;// CONCATENATED MODULE: ./src/action/report.ts




/** GitHub refuses an output or a job summary past 1 MiB; a step that delivered must not fail on it. */
const OUTPUT_LIMIT = 1024 * 1024;
/** Rows of the summary's table; the rest are counted, not shown. */
const SUMMARY_ROWS = 1000;
/** Whether `report` wrote the outputs: a later error must not overwrite them. */
let reported = false;
/** What the message goes without, and why: said as a notice at once, listed in the summary. */
const leftOutNotes = [];
/** A notice that something was left out of the message (run details, annotations), kept for the summary. */
function leftOut(note) {
    core_notice(note);
    leftOutNotes.push(note);
}
/** Outputs, log lines, annotations, the job summary and the step's verdict. */
async function report(delivery) {
    reported = true;
    const { results, plan } = delivery;
    const safe = (text) => (0,errors/* redact */.E$)(text, delivery.secrets);
    // The action's own identifiers and masked URLs are masked only by secrets that cannot be words
    // in them (secrets.ts): a password `general` leaves `#general` and its room id intact.
    const masked = delivery.destinations.map(d => d.masked);
    const strong = delivery.secrets.filter(secret => secretKind(secret, masked) === 'whole');
    const safeId = (text) => (0,errors/* redact */.E$)(text, strong);
    const urls = masked.map(safeId);
    // The counts are of targets; a file sent after the message has results of its own.
    const messages = results.filter(r => r.file === undefined);
    const sent = messages.filter(r => r.outcome === 'delivered' || r.outcome === 'updated');
    const failed = messages.filter(r => r.outcome === 'failed');
    const unconfirmed = messages.filter(r => r.outcome === 'unconfirmed');
    const first = sent.find(r => r.messageId !== undefined);
    setOutputs({
        sent: sent.length,
        failed: failed.length,
        unconfirmed: unconfirmed.length,
        'message-id': safeId(first?.messageId ?? ''),
        'room-id': safeId(first?.roomId ?? ''),
        'thread-id': safeId(threadIdOf(first) ?? ''),
        skipped: '',
        destinations: JSON.stringify(urls),
        results: resultsOutput(results, safe, safeId)
    });
    // Each destination's URL is written once; a line per target names it by its number.
    for (const [i, url] of urls.entries())
        info(line(`Destination ${i + 1}: ${url}`));
    if (plan) {
        info(`Dry run: ${plan.length} request(s) planned, none sent.`);
        for (const request of plan)
            info(safe(JSON.stringify(request, null, 2)));
    }
    for (const r of sent) {
        const verb = r.outcome === 'updated' ? 'Updated the message in' : 'Sent to';
        info(line(safe(`${verb} ${r.target} (destination ${r.destination + 1})`)));
    }
    for (const r of unconfirmed) {
        core_warning(safe(`Unconfirmed for ${r.target} (destination ${r.destination + 1}): ${r.reason}`));
    }
    const annotate = delivery.failOnError ? error : core_warning;
    for (const r of failed) {
        annotate(safe(`Not delivered to ${r.target} (destination ${r.destination + 1}, ${r.kind}): ${r.error}`));
    }
    const files = reportFiles(results, delivery.failOnError, safe);
    await writeSummary(delivery, urls, safe, safeId);
    if (delivery.failOnError && (failed.length > 0 || files.failed > 0)) {
        const why = [
            ...(failed.length > 0
                ? [`${failed.length} of ${messages.length} target(s) did not receive the message`]
                : []),
            ...(files.failed > 0 ? [`${files.failed} of ${files.count} file upload(s) failed`] : [])
        ];
        setFailed(why.join('; '));
    }
}
/** A line per file sent, a warning per unconfirmed one, an annotation per failed one. */
function reportFiles(results, failOnError, safe) {
    const files = results.filter(r => r.file !== undefined);
    const annotate = failOnError ? error : core_warning;
    for (const r of files) {
        const where = `${r.file?.name ?? ''} to ${r.target} (destination ${r.destination + 1})`;
        if (r.outcome === 'delivered')
            info(line(safe(`Uploaded ${where}`)));
        else if (r.outcome === 'unconfirmed')
            core_warning(safe(`Unconfirmed upload of ${where}: ${r.reason}`));
        else if (r.outcome === 'failed')
            annotate(safe(`File not uploaded: ${where}, ${r.kind}: ${r.error}`));
    }
    return { count: files.length, failed: files.filter(r => r.outcome === 'failed').length };
}
/**
 * A step stopped by an error before its results were reported (a bad input, a proxy setting that
 * is not a URL): the outputs and the summary still say what happened, masked. The step's verdict
 * was set by the caller.
 */
async function reportStopped(why, secrets) {
    if (reported)
        return;
    reported = true;
    const safe = (text) => (0,errors/* redact */.E$)(text, secrets);
    const error = safe(why);
    setOutputs({
        sent: 0,
        failed: 1,
        unconfirmed: 0,
        'message-id': '',
        'room-id': '',
        'thread-id': '',
        skipped: '',
        destinations: '[]',
        results: JSON.stringify([{ outcome: 'failed', kind: 'rejected', error }])
    });
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await summary_summary
            .addHeading('Rocket.Chat Notify', 3)
            .addRaw(`<p>❌ Stopped before the message was sent: ${escapeHtml(clip(error))}</p>\n`)
            .addRaw(leftOutHtml(safe))
            .write();
    }
    catch (failure) {
        // The step already failed with the reason; a summary that cannot be written only adds a warning.
        core_warning(`job summary not written: ${safe(failure instanceof Error ? failure.message : String(failure))}`);
    }
}
/** The notes of what the message went without, as a list for the summary; empty when none. */
function leftOutHtml(safe) {
    if (leftOutNotes.length === 0)
        return '';
    const items = leftOutNotes.map(note => `<li>${escapeHtml(safe(note))}</li>`).join('\n');
    return `<p>Left out of the message:</p>\n<ul>\n${items}\n</ul>\n`;
}
/**
 * `notify-when: changed` and nothing changed: the outputs say none was sent, `skipped` and the job
 * summary say why, and the step succeeds.
 */
async function reportUnchanged(reason, destinations) {
    reported = true;
    setOutputs({
        sent: 0,
        failed: 0,
        unconfirmed: 0,
        'message-id': '',
        'room-id': '',
        'thread-id': '',
        skipped: reason,
        destinations: JSON.stringify(destinations.map(d => d.masked)),
        results: '[]'
    });
    info(line(reason));
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await summary_summary
        .addHeading('Rocket.Chat Notify', 3)
        .addRaw(`<p>${escapeHtml(reason)}</p>`)
        .write();
}
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs))
        setOutput(name, value);
}
/**
 * A log line that stays one line: a server's words or an event's text could otherwise start a
 * line with `::` and become a runner command (annotations are escaped by @actions/core itself).
 */
function line(text) {
    return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}
/** What workflows branch on: one small entry per target, the URL as an index, at most 1 MiB. */
function resultsOutput(results, safe, safeId) {
    const entries = [];
    let size = 2;
    for (const [i, r] of results.entries()) {
        // Secrets are masked inside the strings, so none can break the JSON around them; outcome and
        // kind are the action's own words, never masked.
        const entry = JSON.stringify(outputEntry(r), (key, value) => typeof value !== 'string' || key === 'outcome' || key === 'kind'
            ? value
            : key === 'error' || key === 'reason'
                ? safe(value)
                : safeId(value));
        const bytes = Buffer.byteLength(entry);
        // Room for the note that replaces what does not fit (the limit is GitHub's, in bytes).
        if (size + bytes + 1 > OUTPUT_LIMIT - 200) {
            const note = `${results.length - i} more result(s) left out: the output would pass 1 MiB`;
            core_warning(`results output truncated: ${note}`);
            entries.push(JSON.stringify({ truncated: note }));
            break;
        }
        entries.push(entry);
        size += bytes + 1;
    }
    return `[${entries.join(',')}]`;
}
/** The root of the keyed thread a result's message went into (thread-key), if any. */
function threadIdOf(r) {
    return r?.outcome === 'delivered' ? r.threadId : undefined;
}
function outputEntry(r) {
    const { destination, target } = r;
    // A file's entry names it: `file` {name, size}, and `fileId` once the server stored it.
    const of = r.file === undefined ? { destination, target } : { destination, target, file: r.file };
    switch (r.outcome) {
        case 'delivered':
            return {
                ...of,
                outcome: r.outcome,
                messageId: r.messageId,
                roomId: r.roomId,
                threadId: threadIdOf(r),
                ...(r.fileId === undefined ? {} : { fileId: r.fileId })
            };
        case 'updated':
            return { ...of, outcome: r.outcome, messageId: r.messageId, roomId: r.roomId };
        case 'planned':
            return { ...of, outcome: r.outcome };
        case 'unconfirmed':
            return { ...of, outcome: r.outcome, reason: r.reason };
        case 'failed':
            return {
                ...of,
                outcome: r.outcome,
                kind: r.kind,
                status: r.status,
                error: r.error
            };
    }
}
const OUTCOME_LABEL = {
    delivered: '✅ Sent',
    updated: '✏️ Updated',
    planned: '📝 Planned',
    unconfirmed: '❔ Unconfirmed',
    failed: '❌ Failed'
};
function detail(r, safe, safeId) {
    switch (r.outcome) {
        case 'delivered':
        case 'updated': {
            // A keyed thread's root (thread-key), for finding the thread again from the run.
            const thread = threadIdOf(r);
            return safeId(r.messageId ?? '') + (thread ? ` in thread ${safeId(thread)}` : '');
        }
        case 'planned':
            return '';
        case 'unconfirmed':
            return safe(r.reason);
        case 'failed':
            return `${r.kind}: ${safe(r.error)}`;
    }
}
/** A file's row names the file and its size after the target: `#general 📎 report.txt (20 B)`. */
function targetCell(r) {
    if (r.file === undefined)
        return r.target;
    const size = r.file.size === undefined ? '' : ` (${sizeText(r.file.size)})`;
    return `${r.target} 📎 ${r.file.name}${size}`;
}
function sizeText(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
/** The table is written by hand: @actions/core leaves an empty cell unclosed (`<td></tr>`). */
async function writeSummary(delivery, urls, safe, safeId) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const { results, message, plan } = delivery;
    const cell = (tag, text) => `<${tag}>${escapeHtml(text)}</${tag}>`;
    // Each URL once, above the table; a row names its destination by number, so the summary stays
    // linear in the targets however long a URL is.
    const list = urls.map(url => `<li><code>${escapeHtml(url)}</code></li>`).join('\n');
    // `#` numbers the rows; `Destination` points into the list of URLs above.
    const header = ['#', 'Destination', 'Target', 'Result', 'Message id or error'];
    const rows = results
        .slice(0, SUMMARY_ROWS)
        .map((r, i) => [
        String(i + 1),
        String(r.destination + 1),
        safeId(targetCell(r)),
        OUTCOME_LABEL[r.outcome],
        detail(r, safe, safeId)
    ]
        .map(text => cell('td', text))
        .join(''));
    const table = [
        `<ol>\n${list}\n</ol>`,
        '<table>',
        `<tr>${header.map(text => cell('th', text)).join('')}</tr>`,
        ...rows.map(row => `<tr>${row}</tr>`),
        '</table>'
    ].join('\n');
    const more = results.length > SUMMARY_ROWS
        ? `<p>${results.length - SUMMARY_ROWS} more target(s): see the results output.</p>\n`
        : '';
    const preview = [message.title ? `# ${message.title}` : '', message.body]
        .filter(Boolean)
        .join('\n');
    let summary = summary_summary
        .addHeading(plan ? 'Rocket.Chat Notify (dry run)' : 'Rocket.Chat Notify', 3)
        .addRaw(`${table}\n${more}${leftOutHtml(safe)}`)
        // As it will read in Rocket.Chat: links, emphasis, code and headings rendered, the rest escaped.
        .addDetails('Message', previewHtml(clip(safe(preview))));
    if (plan) {
        const planned = JSON.stringify(plan.slice(0, SUMMARY_ROWS), null, 2);
        summary = summary.addDetails('Planned requests', `<pre>${escapeHtml(clip(safe(planned)))}</pre>`);
    }
    await summary.write();
}
/** Keeps a preview well under the summary's 1 MiB. */
function clip(text) {
    const max = 64 * 1024;
    return text.length > max
        ? `${text.slice(0, max)}\n… (${text.length - max} more characters)`
        : text;
}

// EXTERNAL MODULE: ./src/run/job-results.ts
var job_results = __nccwpck_require__(7997);
;// CONCATENATED MODULE: ./src/github/people.ts
class UserMapError extends Error {
    name = 'UserMapError';
}
/** A GitHub login: up to 39 letters, digits and hyphens, not starting with a hyphen (a bot's ends in `[bot]`). */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
/** Rocket.Chat's default username rule (UTF8_User_Names_Validation: [0-9a-zA-Z-_.]+). */
const USERNAME = /^[\w.-]+$/;
/** Names Rocket.Chat reads as the whole room: `@all`, `@here`, and `@channel` on older servers. */
const ROOM_WIDE = /^(?:all|here|channel)$/i;
/**
 * `user-map` as parsed YAML or JSON: `{ octocat: alice, hubot: bob }`. Logins are matched without
 * regard to case, as GitHub does; a Rocket.Chat username may be written with its `@`. An entry that
 * could not be right (not a login, not a username, or a name that pings the whole room) is left
 * out with a warning naming it; the rest still counts. Linear in the number of entries.
 */
function toUserMap(parsed) {
    const users = new Map();
    const warnings = [];
    if (parsed === null || parsed === undefined || parsed === '')
        return { users, warnings };
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new UserMapError('user-map must map GitHub logins to Rocket.Chat usernames: login: username');
    }
    for (const [login, value] of Object.entries(parsed)) {
        const username = typeof value === 'string' ? value.trim().replace(/^@/, '') : '';
        const problem = !LOGIN.test(login)
            ? 'is not a GitHub login'
            : ROOM_WIDE.test(username)
                ? `maps to @${username}, which would notify the whole room`
                : !USERNAME.test(username)
                    ? 'does not map to a Rocket.Chat username (letters, digits, `.`, `_` and `-`)'
                    : undefined;
        if (problem) {
            warnings.push(`user-map: ${JSON.stringify(login)} ${problem}; it is left out`);
        }
        else if (users.has(login.toLowerCase())) {
            warnings.push(`user-map: ${login} is mapped twice; the last one counts`);
            users.set(login.toLowerCase(), username);
        }
        else
            users.set(login.toLowerCase(), username);
    }
    return { users, warnings };
}
/** The logins behind this run, in this order: the actor, the commit's author, the PR's author. */
function authorLogins(github) {
    const event = github.event;
    const logins = [
        github.actor,
        github.triggering_actor,
        people_text(get(event, 'head_commit', 'author', 'username')),
        people_text(get(event, 'pull_request', 'user', 'login')),
        people_text(get(event, 'workflow_run', 'actor', 'login')),
        people_text(get(event, 'workflow_run', 'head_commit', 'author', 'username'))
    ];
    return [...new Set(logins.filter(login => LOGIN.test(login)).map(l => l.toLowerCase()))];
}
/** The Rocket.Chat usernames of the mapped authors; an unmapped login is left out, never guessed. */
function mappedAuthors(github, userMap) {
    const usernames = authorLogins(github).flatMap(login => userMap.get(login) ?? []);
    return [...new Set(usernames)];
}
function get(value, ...path) {
    let current = value;
    for (const key of path) {
        if (typeof current !== 'object' || current === null)
            return undefined;
        current = current[key];
    }
    return current;
}
function people_text(value) {
    return typeof value === 'string' ? value : '';
}

// EXTERNAL MODULE: ./src/template/inert.ts
var inert = __nccwpck_require__(4442);
;// CONCATENATED MODULE: ./src/template/defaults.ts


const LOOKS = {
    success: { emoji: '✅', color: '#2eb886', outcome: 'succeeded' },
    failure: { emoji: '❌', color: '#d50200', outcome: 'failed' },
    cancelled: { emoji: '⚪', color: '#9e9e9e', outcome: 'was cancelled' },
    warning: { emoji: '⚠️', color: '#daa038', outcome: 'finished with warnings' },
    // An info message announces rather than reports: no outcome to tell.
    info: { emoji: 'ℹ️', color: '#439fe0', outcome: '' }
};
/** The emoji and the words of a status, as the default message says them. */
function statusLook(status) {
    return LOOKS[status];
}
const TITLE_LENGTH = 120;
const NOTES_LENGTH = 1500;
/**
 * The message sent when the workflow gives no body: a line with the status, workflow, repository,
 * ref and a link to the run, and one attachment coloured by status with the details. Every value
 * from the run or its event is inserted as inert text (inert.ts); release notes are converted with
 * `markdown` when the caller loaded it.
 */
function defaultMessage(context, status, markdown) {
    const { github } = context;
    const look = LOOKS[status];
    const t = inertTextFor(context);
    const run = subjectRun(context);
    const runUrl = run.url;
    const scene = describeEvent(context, status);
    const headline = scene.headline ??
        `${[t(run.workflow), look.outcome].filter(Boolean).join(' ')} in ${t(github.repository) || 'this repository'}${scene.where}`;
    const runLabel = run.number ? `run #${run.number}` : 'run';
    const text = `${look.emoji} ${headline}${runUrl ? ` · ${defaults_link(runUrl, runLabel)}` : ''}`;
    const attachment = statusAttachment(context, status, scene);
    if (scene.notes) {
        attachment.text = markdown
            ? markdown(scene.notes.text, {
                fullText: scene.notes.url,
                links: (0,inert/* githubLinks */.Rj)(context),
                limit: NOTES_LENGTH
            })
            : t(truncate(scene.notes.text, NOTES_LENGTH));
    }
    return { text, attachment };
}
/**
 * The attachment coloured by status, titled with the run and linked to it, with the commit, actor,
 * event and job: the default message has it, and a custom body gets it too (notification.ts).
 */
function statusAttachment(context, status, scene = describeEvent(context, status)) {
    const { github } = context;
    const look = LOOKS[status];
    const t = inertTextFor(context);
    const run = subjectRun(context);
    const runUrl = run.url;
    const commit = scene.commit ?? { sha: github.sha, message: '' };
    const fields = [
        field('Commit', commitValue(context, commit)),
        field('Actor', t(run.actor)),
        field('Event', t(run.event)),
        field('Job', t(run.job)),
        ...scene.fields
    ].filter(item => item.value !== '');
    // Rocket.Chat shows an attachment's title as it is, not as markdown.
    const runTitle = run.number ? `${run.workflow} #${run.number}` : run.workflow;
    return {
        color: look.color,
        title: (0,inert/* defuseRoomMentions */.fE)([runTitle, look.outcome].filter(Boolean).join(' ')),
        ...(runUrl ? { title_link: runUrl } : {}),
        fields
    };
}
/**
 * `notify-when: changed`: the line says it broke or is fixed, and the attachment since when: the
 * last commit that passed, or the first failing run and how many failed.
 */
function addChange(message, previous, context) {
    if (previous.change === 'unchanged')
        return message;
    const run = (number, url) => url.startsWith(`${context.github.server_url}/`) ? defaults_link(url, `run #${number}`) : `run #${number}`;
    const commit = (sha) => (sha ? ` (${commitValue(context, { sha, message: '' })})` : '');
    let said;
    if (previous.change === 'broken') {
        said = `🔴 Broken: the last success was ${run(previous.number, previous.url)}${commit(previous.sha)}; it failed since.`;
    }
    else {
        const count = `${previous.failed_runs}${previous.failed_runs_more ? '+' : ''}`;
        const since = previous.broken_since;
        said =
            `🟢 Fixed after ${count} failed run(s)` +
                (since ? `, broken since ${run(since.number, since.url)}${commit(since.sha)}` : '') +
                (previous.broken_for ? ` for ${previous.broken_for}` : '') +
                '.';
    }
    const attachment = { ...message.attachment };
    const before = typeof attachment.text === 'string' && attachment.text ? [attachment.text] : [];
    attachment.text = [said, ...before].join('\n');
    return { text: `${message.text} · ${previous.change}`, attachment };
}
/**
 * This run, or on `workflow_run` the run that triggered it: the message reports on that one, with
 * its workflow, number, page, actor and event (the notifying workflow is only the messenger).
 */
function subjectRun(context) {
    const { github } = context;
    const event = github.event;
    const triggering = github.event_name === 'workflow_run' ? defaults_get(event, 'workflow_run') : undefined;
    const id = str(defaults_get(triggering, 'id'));
    if (/^\d+$/.test(id)) {
        return {
            workflow: oneLine(str(defaults_get(triggering, 'name'))) ||
                oneLine(str(defaults_get(event, 'workflow', 'name'))) ||
                'Workflow',
            number: str(defaults_get(triggering, 'run_number')),
            url: runLink(context, id, str(defaults_get(triggering, 'run_attempt'))),
            actor: str(defaults_get(triggering, 'actor', 'login')) || github.actor,
            event: str(defaults_get(triggering, 'event')),
            job: ''
        };
    }
    const action = str(event.action);
    return {
        workflow: oneLine(github.workflow) || 'Workflow',
        number: github.run_number,
        url: runLink(context, github.run_id, github.run_attempt),
        actor: github.actor || str(defaults_get(event, 'sender', 'login')),
        event: action ? `${github.event_name} (${action})` : github.event_name,
        job: github.job
    };
}
/** Makes a value from the run or its event inert text, linked to the run's own GitHub. */
function inertTextFor(context) {
    const links = (0,inert/* githubLinks */.Rj)(context);
    return value => (0,inert/* inertText */.UJ)(value, links);
}
/**
 * A link in the `<url|label>` form: its label is plain text, and a `[` in an event value before it
 * cannot stretch over it as over `[label](url)` (test/defaults.test.ts shows both).
 */
function defaults_link(url, label) {
    return `<${url}|${(0,inert/* defuseRoomMentions */.fE)(label.replace(/[<>|]/g, ''))}>`;
}
function describeEvent(context, status) {
    const { github } = context;
    const event = github.event;
    switch (github.event_name) {
        case 'push':
            return isTag(context) ? tagScene(context) : pushScene(context);
        case 'create':
            return {
                where: ` on new ${inertTextFor(context)(`${str(event.ref_type) || github.ref_type} ${str(event.ref) || github.ref_name}`)}`,
                fields: []
            };
        case 'pull_request':
        case 'pull_request_target':
            return pullRequestScene(context);
        case 'release':
            return releaseScene(context, status);
        case 'workflow_dispatch':
            return dispatchScene(context);
        case 'schedule':
            return {
                where: `${onRef(context)}: scheduled run`,
                fields: [field('Schedule', code(str(event.schedule).replace(/`/g, "'")))]
            };
        case 'workflow_run':
            return workflowRunScene(context);
        default: {
            const action = str(event.action);
            const kind = inertTextFor(context)([github.event_name, action].filter(Boolean).join(' '));
            return { where: `${onRef(context)}${kind ? ` (${kind})` : ''}`, fields: [] };
        }
    }
}
function pushScene(context) {
    const event = context.github.event;
    const headCommit = defaults_get(event, 'head_commit');
    const message = firstLine(str(defaults_get(headCommit, 'message')));
    const compare = str(event.compare);
    const commits = Array.isArray(event.commits) ? event.commits.length : 0;
    const changes = commits === 1 ? '1 commit' : `${commits} commits`;
    return {
        where: `${onRef(context)}${message ? `: ${inertTextFor(context)(message)}` : ''}`,
        commit: { sha: str(defaults_get(headCommit, 'id')) || context.github.sha, message },
        fields: [field('Changes', compare && commits > 0 ? defaults_link(compare, changes) : '')]
    };
}
function tagScene(context) {
    const event = context.github.event;
    const tag = context.github.ref.replace(/^refs\/tags\//, '');
    const headCommit = defaults_get(event, 'head_commit');
    const message = firstLine(str(defaults_get(headCommit, 'message')));
    const deleted = event.deleted === true;
    const t = inertTextFor(context);
    return {
        where: ` on ${deleted ? 'deleted ' : ''}tag ${t(tag)}`,
        commit: { sha: str(defaults_get(headCommit, 'id')) || context.github.sha, message },
        fields: [field('Tag', t(tag))]
    };
}
function pullRequestScene(context) {
    const pr = defaults_get(context.github.event, 'pull_request');
    const number = str(defaults_get(pr, 'number'));
    const title = oneLine(str(defaults_get(pr, 'title')));
    const url = str(defaults_get(pr, 'html_url'));
    const label = `PR #${number}`;
    const head = str(defaults_get(pr, 'head', 'label')) || str(defaults_get(pr, 'head', 'ref'));
    const base = str(defaults_get(pr, 'base', 'ref'));
    const t = inertTextFor(context);
    return {
        where: number ? ` for ${url ? defaults_link(url, label) : label}${title ? `: ${t(title)}` : ''}` : '',
        commit: { sha: str(defaults_get(pr, 'head', 'sha')) || context.github.sha, message: '' },
        fields: [field('Branches', head && base ? `${t(head)} → ${t(base)}` : '')]
    };
}
function releaseScene(context, status) {
    const { github } = context;
    const release = defaults_get(github.event, 'release');
    const tag = str(defaults_get(release, 'tag_name')) || github.ref_name;
    const name = oneLine(str(defaults_get(release, 'name')));
    const url = str(defaults_get(release, 'html_url'));
    const prerelease = defaults_get(release, 'prerelease') === true;
    const t = inertTextFor(context);
    const linked = url ? defaults_link(url, tag) : t(tag);
    const named = name && name !== tag ? `: ${t(name)}` : '';
    const action = str(github.event.action);
    // A published release with a passing run is news in itself: say so first.
    const announced = ['published', 'released', 'prereleased'].includes(action);
    const headline = announced && (status === 'success' || status === 'info')
        ? `${prerelease ? 'Pre-released' : 'Released'} ${t(github.repository)} ${linked}${named}`
        : undefined;
    return {
        where: ` for release ${linked}${named}`,
        ...(headline ? { headline } : {}),
        fields: [field('Release', linked), field('Pre-release', prerelease ? 'yes' : '')],
        notes: { text: str(defaults_get(release, 'body')).trim(), url }
    };
}
function dispatchScene(context) {
    const { github } = context;
    const by = github.triggering_actor || github.actor || str(defaults_get(github.event, 'sender', 'login'));
    const inputs = defaults_get(github.event, 'inputs');
    const pairs = (0,rocketchat_answer/* isObject */.Gv)(inputs)
        ? Object.entries(inputs).map(([key, value]) => `${key}=${oneLine(scalar(value))}`)
        : [];
    const t = inertTextFor(context);
    return {
        where: `${onRef(context)}: manually run${by ? ` by ${t(by)}` : ''}`,
        fields: [field('Inputs', t(truncate(pairs.join(', '), TITLE_LENGTH)))]
    };
}
/**
 * The triggering run's branch, commit and pull requests (subjectRun names its workflow). A run that
 * has no conclusion yet (requested, in progress) says so.
 */
function workflowRunScene(context) {
    const { github } = context;
    const run = defaults_get(github.event, 'workflow_run');
    const t = inertTextFor(context);
    const branch = str(defaults_get(run, 'head_branch'));
    const message = firstLine(str(defaults_get(run, 'head_commit', 'message')));
    const conclusion = str(defaults_get(run, 'conclusion'));
    const action = str(github.event.action);
    const pulls = Array.isArray(defaults_get(run, 'pull_requests'))
        ? defaults_get(run, 'pull_requests')
        : [];
    const linkedPulls = pulls
        .slice(0, 3)
        .map(pull => str(defaults_get(pull, 'number')))
        .filter(number => /^\d+$/.test(number))
        .map(number => defaults_link(`${github.server_url}/${github.repository}/pull/${number}`, `#${number}`));
    return {
        where: `${branch ? ` on ${t(branch)}` : onRef(context)}${message ? `: ${t(message)}` : ''}` +
            (conclusion || !action ? '' : ` (${t(action)})`),
        commit: { sha: str(defaults_get(run, 'head_sha')) || github.sha, message },
        fields: [field('Pull request', linkedPulls.join(' ')), field('Conclusion', t(conclusion))]
    };
}
function isTag(context) {
    return context.github.ref_type === 'tag' || context.github.ref.startsWith('refs/tags/');
}
function onRef(context) {
    const ref = context.github.ref_name || context.github.ref;
    return ref ? ` on ${inertTextFor(context)(ref)}` : '';
}
/** A run's page; GitHub Enterprise works because the server comes from the context. */
function runLink(context, runId, runAttempt) {
    const { server_url, repository } = context.github;
    if (!repository || !runId)
        return '';
    const attempt = Number(runAttempt) > 1 ? `/attempts/${Number(runAttempt)}` : '';
    return `${server_url}/${repository}/actions/runs/${runId}${attempt}`;
}
function commitValue(context, commit) {
    if (!commit.sha)
        return '';
    const { server_url, repository } = context.github;
    const short = commit.sha.slice(0, 7);
    const linked = repository
        ? defaults_link(`${server_url}/${repository}/commit/${commit.sha}`, short)
        : short;
    return commit.message ? `${linked} ${inertTextFor(context)(commit.message)}` : linked;
}
function field(title, value) {
    return { title, value, short: true };
}
function code(value) {
    return value ? `\`${value}\`` : '';
}
function firstLine(value) {
    return truncate((value.split('\n')[0] ?? '').trim(), TITLE_LENGTH);
}
function oneLine(value) {
    return truncate(value.replace(/\s+/g, ' ').trim(), TITLE_LENGTH);
}
function truncate(value, length) {
    const chars = Array.from(value);
    return chars.length > length ? `${chars.slice(0, length - 1).join('')}…` : value;
}
function defaults_get(value, ...path) {
    let current = value;
    for (const key of path) {
        if (!(0,rocketchat_answer/* isObject */.Gv)(current))
            return undefined;
        current = current[key];
    }
    return current;
}
/** Strings and numbers as text; anything else (null, missing, objects) as nothing. */
function str(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number')
        return String(value);
    return '';
}
function scalar(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}

;// CONCATENATED MODULE: ./src/template/pasted.ts
/**
 * Event text the runner pasted into an input. The runner fills in every `${{ }}` of `with:` before
 * the action starts, so `body: "Pushed: ${{ github.event.head_commit.message }}"` reaches the
 * action as finished text: the commit message is then indistinguishable from the author's words,
 * and any `{{ }}`, `@all` or `<img>` in it would act. The action holds the event payload, so it
 * recognises such text: a string of the payload found verbatim in an input is a value, never
 * evaluated and made inert as an inserted `{{ }}` value is (render.ts).
 *
 * Which strings count (the README's "Text the runner pasted in"): at least 4 characters (the
 * shortest room-wide mention, `@all`), and holding something that would act: a `{{`, or anything
 * inertText() would change (a mention, markup, a link label, a block marker). A string that would
 * read the same inert changes nothing when treated as pasted, and a shorter one (`*`, `#1`) is as
 * likely the author's own markup, which must keep working.
 *
 * Cost: the inputs are indexed once (a suffix automaton, linear in their length), then each event
 * string is walked through the index at most once, so the whole check is linear in the payload
 * plus the inputs; runs whose inputs hold nothing that could act never get here (couldAct).
 */

/** The shortest event string taken for pasted text: `@all`. */
const MIN_PASTED_LENGTH = 4;
/** Checked before anything else: a plain send (`body: Deployed`) pays one regex test per input. */
const COULD_ACT = /\{\{|[@#<>[\]*_~`|\\]/;
/** The most distinct pasted strings looked for in a text, longest first: each is one indexOf pass. */
const MAX_STRINGS = 200;
/** Whether text holds anything that could act once rendered: only then is pasted text looked for. */
function couldAct(text) {
    return COULD_ACT.test(text);
}
/** The event's long GitHub-markdown texts: `release.body`, `pull_request.body`, `comment.body`... */
const MARKDOWN_PATH = /\.body$/;
/**
 * The event strings that occur in `inputs` and would act, ready to be found in any text rendered
 * from them; undefined when there are none.
 */
function pastedFinder(event, inputs, links) {
    const indexed = inputs.filter(couldAct);
    if (indexed.length === 0)
        return undefined;
    // A NUL never ends a real string match across two inputs: every match is re-found per text.
    const contains = substringIndex(indexed.join('\u0000'));
    const longest = Math.max(...indexed.map(text => text.length));
    const found = new Map();
    // Depth first without recursion (a payload may nest deeply); only containers get a frame.
    const frames = [];
    const enter = (value, key) => {
        if (typeof value === 'object' && value !== null) {
            const keys = Array.isArray(value) ? undefined : Object.keys(value);
            frames.push({ container: value, keys, next: 0, key });
        }
    };
    enter(event, '');
    while (frames.length > 0) {
        const frame = frames[frames.length - 1];
        const { container, keys } = frame;
        const size = keys ? keys.length : container.length;
        if (frame.next >= size) {
            frames.pop();
            continue;
        }
        const index = frame.next++;
        const key = keys ? keys[index] : index;
        const value = container[key];
        if (typeof value !== 'string') {
            enter(value, key);
        }
        else if (value.length >= MIN_PASTED_LENGTH &&
            value.length <= longest &&
            couldAct(value) &&
            contains(value) &&
            !found.has(value) &&
            (value.includes('{{') || (0,inert/* inertText */.UJ)(value, links) !== value)) {
            found.set(value, [...frames.slice(1).map(f => f.key), key]);
        }
    }
    if (found.size === 0)
        return undefined;
    const strings = [...found.entries()]
        .sort(([a], [b]) => b.length - a.length)
        .slice(0, MAX_STRINGS)
        .map(([text, keys]) => {
        const path = pathOf(keys);
        return { text, path, markdown: MARKDOWN_PATH.test(path) };
    });
    return {
        spansIn: text => spansIn(text, strings),
        markdown: strings.some(string => string.markdown)
    };
}
/** Every occurrence of every string, overlapping ones merged (the longest names the path). */
function spansIn(text, strings) {
    if (!couldAct(text))
        return [];
    const spans = [];
    for (const { text: pasted, path, markdown } of strings) {
        for (let at = text.indexOf(pasted); at >= 0; at = text.indexOf(pasted, at + pasted.length)) {
            spans.push({ start: at, end: at + pasted.length, path, markdown });
        }
    }
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const merged = [];
    for (const span of spans) {
        const last = merged[merged.length - 1];
        if (last && span.start <= last.end) {
            // Text partly inside a markdown body is not all markdown: the merged span is made inert.
            if (span.end > last.end)
                last.markdown = false;
            last.end = Math.max(last.end, span.end);
        }
        else
            merged.push({ ...span });
    }
    return merged;
}
/** `github.event.commits[0].message`; a key that is not a plain name as `['a key']`. */
function pathOf(keys) {
    return keys.reduce((path, key) => typeof key === 'number'
        ? `${path}[${key}]`
        : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)
            ? `${path}.${key}`
            : `${path}['${key.replace(/'/g, "''")}']`, 'github.event');
}
/**
 * Whether a string occurs in one text, in time linear in the string: a suffix automaton of the
 * text, built in linear time. Its transitions are an open-addressing hash table over typed arrays
 * (a Map of a million entries costs seconds and hundreds of MiB; this, a tenth of either).
 */
function substringIndex(text) {
    const n = text.length;
    const link = new Int32Array(2 * n + 2);
    const length = new Int32Array(2 * n + 2);
    link[0] = -1;
    let states = 1;
    // Transitions (state, code unit) -> state; at most 3n, the table under three quarters full.
    let bits = 4;
    while (1 << bits < 4 * n + 16)
        bits++;
    const mask = (1 << bits) - 1;
    const capacity = mask + 1;
    const from = new Int32Array(capacity).fill(-1);
    const code = new Int32Array(capacity);
    const to = new Int32Array(capacity);
    // Each state's transitions as a list of slots, for copying a state when it is split.
    const first = new Int32Array(2 * n + 2).fill(-1);
    const nextEdge = new Int32Array(3 * n + 4);
    const edgeSlot = new Int32Array(3 * n + 4);
    let edges = 0;
    const slotOf = (state, c) => {
        // Neighbouring states land near each other: the table is walked in text order, cache-friendly.
        let slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77)) & mask;
        while (from[slot] !== -1 && (from[slot] !== state || code[slot] !== c)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    };
    const get = (state, c) => {
        const slot = slotOf(state, c);
        return from[slot] === -1 ? -1 : to[slot];
    };
    const set = (state, c, target) => {
        const slot = slotOf(state, c);
        if (from[slot] === -1) {
            from[slot] = state;
            code[slot] = c;
            edgeSlot[edges] = slot;
            nextEdge[edges] = first[state];
            first[state] = edges++;
        }
        to[slot] = target;
    };
    // `last` is the state of the whole text read so far.
    let last = 0;
    for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        const current = states++;
        length[current] = length[last] + 1;
        let p = last;
        last = current;
        while (p !== -1 && get(p, c) < 0) {
            set(p, c, current);
            p = link[p];
        }
        if (p === -1)
            continue;
        const q = get(p, c);
        if (length[p] + 1 === length[q]) {
            link[current] = q;
            continue;
        }
        const clone = states++;
        length[clone] = length[p] + 1;
        link[clone] = link[q];
        for (let edge = first[q]; edge !== -1; edge = nextEdge[edge]) {
            const slot = edgeSlot[edge];
            set(clone, code[slot], to[slot]);
        }
        while (p !== -1 && get(p, c) === q) {
            set(p, c, clone);
            p = link[p];
        }
        link[q] = clone;
        link[current] = clone;
    }
    return candidate => {
        let state = 0;
        for (let i = 0; i < candidate.length && state >= 0; i++) {
            state = get(state, candidate.charCodeAt(i));
        }
        return state >= 0;
    };
}

;// CONCATENATED MODULE: ./src/template/run-details-wording.ts


const SHOWN_FAILED_JOBS = 5;
const SHOWN_ANNOTATIONS = 3;
/** Past this many jobs, a job list names only those that did not succeed. */
const LISTED_JOBS = 8;
const run_details_wording_NAME_LENGTH = 100;
const MESSAGE_LENGTH = 200;
const RESULT_EMOJI = {
    success: '✅',
    failure: '❌',
    timed_out: '⏱️',
    cancelled: '⚪',
    skipped: '⏭️'
};
/** `status` is the run's own, decided by the caller (src/action/run-lookup.ts) once. */
function runDetailsValue(details, github, summaryJob, status) {
    const jobs = details.jobs.map(job => jobValue(job, github, details.runId));
    const seconds = (0,job_results/* runDurationSeconds */.Dc)(details.jobs);
    const value = {
        status,
        duration: seconds === undefined ? '' : formatDuration(seconds),
        duration_seconds: seconds ?? null,
        jobs,
        failed_jobs: jobs.filter((_, i) => {
            const job = details.jobs[i];
            return job !== undefined && (0,job_results/* isFailing */.DI)(job);
        }),
        annotations: details.annotations.map(annotation => ({
            job: inertLine(annotation.jobName, run_details_wording_NAME_LENGTH),
            level: annotation.level,
            title: inertLine(annotation.title, run_details_wording_NAME_LENGTH),
            message: inertLine(annotation.message, MESSAGE_LENGTH),
            path: inertLine(annotation.path, run_details_wording_NAME_LENGTH),
            line: annotation.line ?? null,
            location: run_details_wording_location(annotation.path, annotation.line)
        })),
        summary: '',
        jobs_summary: '',
        summary_job: summaryJob
    };
    value.summary = failureLines(value).join('\n');
    value.jobs_summary = jobList(value);
    return value;
}
/**
 * The default message with the run's details: on failure the failed jobs and first errors, and in
 * a summary job every finished job with its result.
 */
function addRunDetails(message, value, status) {
    const lines = [];
    if (value.summary_job)
        lines.push(value.jobs_summary);
    if (status === 'failure')
        lines.push(value.summary);
    const attachment = { ...message.attachment };
    const before = typeof attachment.text === 'string' && attachment.text ? [attachment.text] : [];
    const text = [...before, ...lines.filter(Boolean)].join('\n');
    if (text)
        attachment.text = text;
    if (value.duration) {
        const fields = Array.isArray(attachment.fields) ? attachment.fields : [];
        attachment.fields = [...fields, { title: 'Duration', value: value.duration, short: true }];
    }
    const [first, ...others] = value.failed_jobs;
    const failedLine = status === 'failure' && first
        ? ` · ${(0,inert/* inertText */.UJ)(first.name)}${first.failed_step ? ` at step ${first.failed_step.number}` : ''}` +
            (others.length > 0 ? ` and ${others.length} more` : '')
        : '';
    return { text: `${message.text}${failedLine}`, attachment };
}
function failureLines(value) {
    const lines = [];
    for (const job of value.failed_jobs.slice(0, SHOWN_FAILED_JOBS)) {
        // A name is plain text inside a link label; anywhere else it is made inert.
        const name = job.url ? `[${label(job.name)}](${job.url})` : `**${(0,inert/* inertText */.UJ)(job.name)}**`;
        const step = job.failed_step
            ? ` at step ${job.failed_step.number}: ${job.failed_step.url
                ? `[${label(job.failed_step.name)}](${job.failed_step.url})`
                : (0,inert/* inertText */.UJ)(job.failed_step.name)}`
            : '';
        // Beside a step, each time says whose it is: the step's own, the whole job's.
        const times = [
            job.failed_step?.duration ? `step ${job.failed_step.duration}` : '',
            job.duration ? `${job.failed_step ? 'job ' : ''}${job.duration}` : ''
        ].filter(Boolean);
        lines.push(`${RESULT_EMOJI[job.result] ?? '❌'} ${name} ${job.result === 'timed_out' ? 'timed out' : 'failed'}${step}${times.length > 0 ? ` (${times.join(', ')})` : ''}`);
        if (job.log)
            lines.push(codeBlock(job.log));
    }
    const hidden = value.failed_jobs.length - SHOWN_FAILED_JOBS;
    if (hidden > 0)
        lines.push(`and ${hidden} more failed job(s)`);
    const errors = value.annotations.filter(a => a.level === 'failure').slice(0, SHOWN_ANNOTATIONS);
    for (const error of errors) {
        lines.push(`> ${error.location ? `${run_details_wording_code(error.location)} ` : ''}${run_details_wording_code(error.message)}`);
    }
    return lines;
}
function jobList(value) {
    const finished = value.jobs.filter(job => job.result !== '');
    const many = finished.length > LISTED_JOBS;
    const shown = many
        ? finished.filter(job => !['success', 'skipped'].includes(job.result))
        : finished;
    const items = shown.map(job => `${RESULT_EMOJI[job.result] ?? '▫️'} ${(0,inert/* inertText */.UJ)(job.name)}`);
    if (many) {
        const passed = finished.length - shown.length;
        items.push(`${passed} other job(s) succeeded or were skipped`);
    }
    return items.join(' · ');
}
/** A job's page, in the run the jobs were read from (on `workflow_run`, the triggering one). */
function jobValue(job, github, runId) {
    const run = runId ?? github.run_id;
    const url = job.id > 0 && github.repository && run
        ? `${github.server_url}/${github.repository}/actions/runs/${run}/job/${job.id}`
        : '';
    const seconds = (0,job_results/* jobDurationSeconds */.P7)(job);
    return {
        id: job.id,
        name: inertLine(job.name, run_details_wording_NAME_LENGTH),
        result: job.result,
        duration: durationOf(seconds),
        url,
        failed_step: job.failedStep
            ? {
                name: inertLine(job.failedStep.name, run_details_wording_NAME_LENGTH),
                number: job.failedStep.number,
                url: url ? `${url}#step:${job.failedStep.number}:1` : '',
                duration: durationOf((0,job_results/* stepDurationSeconds */.cf)(job.failedStep))
            }
            : null,
        log: job.log ?? ''
    };
}
/** `path:line`; the run's own errors ("Process completed with exit code 1.") sit on `.github`. */
function run_details_wording_location(path, line) {
    if (!path || path === '.github')
        return '';
    return inertLine(line === undefined ? path : `${path}:${line}`, run_details_wording_NAME_LENGTH);
}
function durationOf(seconds) {
    return seconds === undefined ? '' : formatDuration(seconds);
}
function formatDuration(seconds) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    if (h > 0)
        return `${h}h ${m}m`;
    if (m > 0)
        return `${m}m ${s}s`;
    return `${s}s`;
}
/**
 * Untrusted text as one bounded line of data, with no `@` that Rocket.Chat would read as a mention
 * (a zero-width space follows it). Unlike inertText (inert.ts), which makes text inert for a
 * message, it leaves markup alone: inertText defuses the rest where a name stands outside a label.
 */
function inertLine(text, max) {
    const line = text
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/@(?=[\p{L}\p{N}_.-])/gu, '@\u200B');
    const chars = Array.from(line);
    return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
}
/** A link label that cannot end early or nest another link. */
function label(text) {
    return text.replace(/[[\]]/g, '');
}
/**
 * A log excerpt as a code block: shown as it is, no mention, link or markup inside acts. No run of
 * backticks in the log can close the block early (a zero-width space breaks it), and an `@` is
 * defused as everywhere else, for servers that look for mentions in the raw text.
 */
function codeBlock(text) {
    const safe = text.replace(/`(?=`)/g, '`\u200B').replace(/@(?=[\p{L}\p{N}_.-])/gu, '@\u200B');
    return `\`\`\`\n${safe}\n\`\`\``;
}
/** Inline code shows its text as it is: no link, emphasis or emoji inside acts. */
function run_details_wording_code(text) {
    return `\`${text.replace(/`/g, "'")}\``;
}

;// CONCATENATED MODULE: ./src/template/thread.ts

/** A custom title longer than this is cut: the root also carries the state, under 5000. */
const SUBJECT_LENGTH = 1000;
/**
 * The root's text for this run: the subject from the event (a pull request, a release, a deploy)
 * unless `title` (the rendered `thread-title`) is given, and the state: the status emoji first
 * (the thread compares it to tell a change), the workflow, a link to this run, the outcome. Every
 * value from the run or its event is inert.
 */
function threadRootText(context, status, title) {
    const given = title?.trim() ?? '';
    const subject = given ? cut(given) : subjectOf(context);
    return { subject, state: stateOf(context, status) };
}
function stateOf(context, status) {
    const { emoji, outcome } = statusLook(status);
    // On workflow_run, the run the thread hears about is the triggering one, as in the message.
    const subject = subjectRun(context);
    const label = subject.number ? `run #${subject.number}` : 'run';
    const run = subject.url ? defaults_link(subject.url, label) : label;
    const workflow = inertTextFor(context)(subject.workflow);
    return [emoji, 'Latest:', workflow, run, outcome].filter(Boolean).join(' ');
}
function subjectOf(context) {
    const { github } = context;
    const event = github.event;
    const t = inertTextFor(context);
    switch (github.event_name) {
        case 'pull_request':
        case 'pull_request_target': {
            const pr = defaults_get(event, 'pull_request');
            const number = str(defaults_get(pr, 'number'));
            const url = str(defaults_get(pr, 'html_url'));
            const title = oneLine(str(defaults_get(pr, 'title')));
            const author = str(defaults_get(pr, 'user', 'login'));
            const label = `#${number}`;
            const named = `Pull request ${url ? defaults_link(url, label) : t(label)}`;
            // `@login` in inert text is a link to the GitHub profile, never a mention.
            return `${named}${title ? `: ${t(title)}` : ''}${author ? ` by ${t(`@${author}`)}` : ''}`;
        }
        case 'release': {
            const release = defaults_get(event, 'release');
            const tag = str(defaults_get(release, 'tag_name')) || github.ref_name;
            const name = oneLine(str(defaults_get(release, 'name')));
            const url = str(defaults_get(release, 'html_url'));
            const named = name && name !== tag ? `: ${t(name)}` : '';
            return `Release ${url ? defaults_link(url, tag) : t(tag)}${named} of ${t(github.repository)}`;
        }
        case 'deployment':
        case 'deployment_status': {
            const deployment = defaults_get(event, 'deployment');
            const sha = str(defaults_get(deployment, 'sha')) || github.sha;
            const environment = oneLine(str(defaults_get(deployment, 'environment')));
            const commit = commitValue(context, { sha, message: '' });
            return `Deploy of ${commit || 'a commit'}${environment ? ` to ${t(environment)}` : ''} in ${t(github.repository)}`;
        }
        default: {
            const ref = github.ref_name || github.ref;
            const commit = commitValue(context, { sha: github.sha, message: '' });
            const where = [ref ? ` on ${t(ref)}` : '', commit ? ` at ${commit}` : ''].join('');
            return `${t(subjectRun(context).workflow)} in ${t(github.repository) || 'this repository'}${where}`;
        }
    }
}
function cut(text) {
    const chars = Array.from(text);
    return chars.length > SUBJECT_LENGTH ? `${chars.slice(0, SUBJECT_LENGTH - 1).join('')}…` : text;
}

;// CONCATENATED MODULE: ./src/template/notification.ts





/** No body: the status-aware default message. Decided here only; the run's details ask too. */
function isDefaultMessage(input) {
    return input.body.trim() === '';
}
/**
 * The message of this run: templates rendered over the workflow context, or the status-aware
 * default when there is no body; mentions added only on the statuses that call for them.
 */
async function composeNotification(input, context, hooks = {}) {
    const templates = [
        input.title,
        input.body,
        input.attachments,
        input.alias,
        input.avatarUrl,
        input.threadKey,
        input.threadTitle
    ];
    const pasted = pastedIn(templates, context);
    const markdown = await markdownFor(input, context, pasted);
    const render = await rendererFor(templates, input, context, { markdown, pasted, hooks });
    let body;
    let attachments;
    if (isDefaultMessage(input)) {
        let fallback = defaultMessage(context, input.status, markdown);
        if (context.run_details)
            fallback = addRunDetails(fallback, context.run_details, input.status);
        if (context.previous_run)
            fallback = addChange(fallback, context.previous_run, context);
        body = fallback.text;
        attachments = [fallback.attachment];
    }
    else {
        body = render(input.body, 'body');
        // A custom body keeps what the default message says by its colour and link: the status.
        if (input.statusAttachment !== false)
            attachments = [statusAttachment(context, input.status)];
    }
    if (input.attachments.trim() !== '') {
        const { parseAttachments } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(228)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7228));
        // A thrown error already names the attachment's path; a reported one is named by it.
        const name = (path) => (hooks.error ? path : '');
        try {
            attachments = parseAttachments(input.attachments, (template, path) => render(template, name(path), isPlainKey(path) ? 'plain' : 'markdown'), hooks.warn);
        }
        catch (error) {
            // Attachments that cannot be read are left out; the message itself still goes.
            if (!hooks.error || !(error instanceof Error))
                throw error;
            hooks.error(`${error.message}; the message is sent without these attachments`);
        }
    }
    if (input.mention.length > 0 && input.mentionOn.includes(input.status)) {
        const mentions = input.mention.map(name => (name.startsWith('@') ? name : `@${name}`));
        body = `${mentions.join(' ')} ${body}`;
    }
    const message = { title: render(input.title, 'title'), body, status: input.status };
    if (attachments)
        message.attachments = attachments;
    if (input.alias !== undefined)
        message.alias = render(input.alias, 'alias', 'plain');
    if (input.emoji !== undefined)
        message.emoji = input.emoji;
    if (input.avatarUrl !== undefined)
        message.avatarUrl = render(input.avatarUrl, 'avatar-url', 'plain');
    if (input.thread !== undefined)
        message.threadId = input.thread;
    if (input.update !== undefined)
        message.updateId = input.update;
    if (input.threadKey !== undefined)
        keyThread(message, input, context, render, hooks.warn);
    return message;
}
/**
 * The keyed thread of this message. A key that renders empty or fails leaves the message outside
 * any thread, and a failing title leaves the event's subject: the alert still goes, with a warning.
 */
function keyThread(message, input, context, render, warn) {
    let key;
    try {
        key = render(input.threadKey ?? '', 'thread-key', 'plain').trim();
    }
    catch (error) {
        warn?.(`${error.message}; the message is posted outside any thread`);
        return;
    }
    if (key === '') {
        warn?.('thread-key rendered empty; the message is posted outside any thread');
        return;
    }
    let title;
    try {
        if (input.threadTitle !== undefined)
            title = render(input.threadTitle, 'thread-title');
    }
    catch (error) {
        warn?.(`${error.message}; the thread's root shows the event instead`);
    }
    const root = threadRootText(context, input.status, title);
    message.threadKey = { key, ...root, broadcast: input.threadBroadcast ?? 'changed' };
}
/**
 * Attachment keys Rocket.Chat shows as they are (titles, names) or that hold a URL, a colour or a
 * type: values go in as they are, only room-wide mentions defused. `text`, `pretext` and field
 * values are markdown: values go in as inert text.
 */
function isPlainKey(path) {
    const name = path.replace(/\[\d+\]$/, '');
    let start = name.length;
    while (start > 0 && /[A-Za-z_]/.test(name.charAt(start - 1)))
        start--;
    const key = name.slice(start);
    return /(?:^|_)(?:url|link|icon|color|type|ts|dimensions|title|name)$/.test(key);
}
/**
 * GitHub's expression library is loaded only when a template uses `{{ }}` or `${{ }}`: most runs
 * do not, and every cold start pays for what it loads.
 */
async function rendererFor(templates, input, context, { markdown, pasted, hooks }) {
    if (!pasted && !templates.some(template => template?.includes('{{')))
        return template => template;
    const { renderTemplate } = await Promise.all(/* import() */[__nccwpck_require__.e(438), __nccwpck_require__.e(608)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8608));
    let noticed = false;
    return (template, inputName, as) => {
        const options = as === 'plain' ? { as } : {};
        if (inputName)
            options.input = inputName;
        if (markdown)
            options.markdown = markdown;
        if (hooks.error)
            options.onError = hooks.error;
        // Only the body-file is read by the action alone; inline, env is the runner's (README).
        options.env = inputName === 'body' && input.bodyFromFile === true;
        const spans = pasted?.spansIn(template) ?? [];
        if (spans.length > 0) {
            options.pasted = spans;
            const [first] = spans;
            if (!noticed && first) {
                noticed = true;
                hooks.notice?.(pastedNotice(inputName || 'attachments', first));
            }
        }
        return renderTemplate(template, context, options);
    };
}
/**
 * Event text the runner pasted into the inputs (pasted.ts), looked for only when an input holds
 * something that could act: a plain send pays one regex test per input.
 */
function pastedIn(templates, context) {
    const texts = templates.filter((text) => text !== undefined && text !== '');
    if (!texts.some(couldAct))
        return undefined;
    return pastedFinder(context.github.event, texts, (0,inert/* githubLinks */.Rj)(context));
}
function pastedNotice(input, { path, markdown }) {
    const instead = markdown ? `{{ markdown(${path}) }}` : `{{ ${path} }}`;
    return (`${input}: the runner filled in \${{ ${path} }} before the action started; it is sent as ` +
        `text, never evaluated, and cannot mention anyone. Write ${instead} instead: the action ` +
        'then inserts it as a value, and nothing in it is mistaken for your own words.');
}
/**
 * The GitHub markdown converter, loaded only when a template calls `markdown()`, the default
 * message announces a release with notes, or a markdown body was pasted in.
 */
async function markdownFor(input, context, pasted) {
    const templates = [input.title, input.body, input.attachments];
    const called = templates.some(template => /\bmarkdown\s*\(/i.test(template));
    const release = context.github.event.release;
    const notes = isDefaultMessage(input) &&
        typeof release === 'object' &&
        release !== null &&
        typeof release.body === 'string';
    if (!called && !notes && pasted?.markdown !== true)
        return undefined;
    const { githubToRocketChat } = await __nccwpck_require__.e(/* import() */ 313).then(__nccwpck_require__.bind(__nccwpck_require__, 1313));
    return githubToRocketChat;
}

// EXTERNAL MODULE: ./src/template/workflow-context.ts
var workflow_context = __nccwpck_require__(4267);
;// CONCATENATED MODULE: ./src/action/run-lookup.ts









/** The lookup's own budget: a slow API delays the alert by this much at most, never loses it. */
const LOOKUP_TIMEOUT_MS = 5000;
const USER_AGENT = 'rocketchat-notify';
const AUTHOR = /^@?author$/i;
/**
 * The run's part in the message: the status (`auto` decided here, once), the jobs (from the API or
 * `needs`) when the message needs them, the previous run for `notify-when: changed`, and `mention:
 * author` as mapped Rocket.Chat users. A success with the default message and no `notify-when`
 * costs no API call.
 */
async function withRunDetails(input, runner) {
    const settings = input.runDetails;
    const subject = subjectRunIds(runner.github);
    const needed = neededDetails(input, subject);
    // One budget for every request of the lookup: they run side by side.
    const deadline = AbortSignal.timeout(LOOKUP_TIMEOUT_MS);
    const [details, pastRuns] = await Promise.all([
        needed === 'none' ? undefined : readDetails(input, runner, subject, needed, deadline),
        settings.notifyWhen === 'changed'
            ? readPastRuns(settings, runner, subject, deadline)
            : undefined
    ]);
    const runStatus = subject?.status ?? (details ? (0,job_results/* deriveStatus */.YP)(details.jobs) : undefined);
    // status: auto with a run that cannot be read: the neutral info, never a guess.
    const status = input.status === 'auto' ? (runStatus ?? 'info') : input.status;
    const context = { ...runner, job: { status } };
    if (details) {
        context[workflow_context/* RUN_DETAILS_CONTEXT */.h] = runDetailsValue(details, runner.github, input.status === 'auto', runStatus ?? 'info');
    }
    const previous = pastRuns && subject ? compare(status, subject, pastRuns) : undefined;
    if (previous)
        context.previous_run = previous;
    const mention = await resolveAuthors(input.mention, settings.userMap, runner.github);
    return {
        input: { ...input, status, mention },
        context,
        unchanged: previous?.change === 'unchanged' ? unchangedReason(status, previous) : undefined,
        stepLogs: (details?.jobs ?? []).flatMap(job => job.stepLog === undefined
            ? []
            : [{ job: job.name, step: job.failedStep?.number, text: job.stepLog }])
    };
}
function subjectRunIds(github) {
    const triggering = github.event_name === 'workflow_run' ? github.event.workflow_run : undefined;
    if (typeof triggering === 'object' && triggering !== null) {
        const run = triggering;
        if (!isId(run.id))
            return undefined;
        return {
            id: run.id,
            attempt: isId(run.run_attempt) ? run.run_attempt : 1,
            number: isId(run.run_number) ? run.run_number : 0,
            workflow: isId(run.workflow_id) ? run.workflow_id : '',
            branch: typeof run.head_branch === 'string' ? run.head_branch : '',
            status: (0,job_results/* statusOfConclusion */.fx)(run.conclusion)
        };
    }
    const id = Number(github.run_id);
    if (!isId(id))
        return undefined;
    const file = /\/\.github\/workflows\/([^@/]+)@/.exec(github.workflow_ref)?.[1] ?? '';
    return {
        id,
        attempt: Number(github.run_attempt) || 1,
        number: Number(github.run_number) || 0,
        workflow: file,
        branch: github.head_ref || (github.ref_type === 'branch' ? github.ref_name : ''),
        status: undefined
    };
}
function isId(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
/**
 * What the message needs of the run: nothing, the jobs, or the jobs with their errors and logs (a
 * second round of requests). The default message shows errors on failure, which `status: auto`
 * learns from the jobs unless the triggering run's conclusion tells it; a template needs them when
 * it reads annotations, logs or the summary.
 */
function neededDetails(input, subject) {
    const templates = [input.title, input.body, input.attachments].filter(template => template.includes(workflow_context/* RUN_DETAILS_CONTEXT */.h));
    const known = knownStatus(input, subject);
    if (isDefaultMessage(input) && (known === undefined || known === 'failure'))
        return 'errors';
    if (templates.some(template => /\b(annotations|summary)\b|\.log\b/.test(template)))
        return 'errors';
    if (known === undefined || input.runDetails.needs !== undefined || templates.length > 0)
        return 'jobs';
    if (attachesLog(input, subject))
        return 'jobs';
    return 'none';
}
/** The status the message will have, if known before reading the jobs. */
function knownStatus(input, subject) {
    return input.status === 'auto' ? subject?.status : input.status;
}
/** `attach-log` reads the failing step's log only for a failure (or a status still to be learnt). */
function attachesLog(input, subject) {
    const known = knownStatus(input, subject);
    return input.runDetails.attachLog && (known === undefined || known === 'failure');
}
async function readDetails(input, runner, subject, needed, deadline) {
    const settings = input.runDetails;
    if (settings.needs !== undefined) {
        if (attachesLog(input, subject)) {
            leftOut('Log file left out: the jobs come from `needs`, which holds no logs; reading a log ' +
                "takes the API (the job's `permissions:` `actions: read`) instead of `needs`.");
        }
        return { jobs: settings.needs, annotations: [], source: 'needs' };
    }
    const { github } = runner;
    const [owner, repo] = github.repository.split('/');
    if (!owner || !repo || !subject)
        return undefined;
    if (settings.token === '') {
        leftOut(`Run details left out: github-token is empty. ${PERMISSIONS}`);
        return undefined;
    }
    try {
        // Octokit is loaded here only: a run that needs no details never pays for it.
        const { readRun } = await Promise.all(/* import() */[__nccwpck_require__.e(413), __nccwpck_require__.e(819)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1819));
        const logLines = needed === 'errors' ? settings.logLines : 0;
        const stepLogs = attachesLog(input, subject);
        // What a log read gives the message: its quote, its file (attach-log) or both.
        const logWords = logLines > 0 && stepLogs ? 'Log excerpt and file' : stepLogs ? 'Log file' : 'Log excerpt';
        const lookup = await readRun({
            apiUrl: github.api_url,
            owner,
            repo,
            runId: subject.id,
            attempt: subject.attempt,
            token: settings.token
        }, {
            timeoutMs: LOOKUP_TIMEOUT_MS,
            deadline,
            userAgent: USER_AGENT,
            annotations: needed === 'errors',
            logLines,
            stepLogs,
            proxy: proxyFromEnvironment(process.env)
        });
        if (lookup.annotationsError) {
            leftOut(`Error annotations left out: GitHub ${describe(lookup.annotationsError)}. ` +
                (permissionDenied(lookup.annotationsError)
                    ? "Reading them takes the job's `permissions:` `checks: read`."
                    : 'The message is sent without them.'));
        }
        if (lookup.logsError) {
            leftOut(`${logWords} left out: GitHub ${describe(lookup.logsError)}. ` +
                (permissionDenied(lookup.logsError)
                    ? "Reading a job's log takes the job's `permissions:` `actions: read`."
                    : 'The message is sent without it.'));
        }
        for (const name of lookup.unfinished ?? []) {
            leftOut(`${logWords} of ${JSON.stringify(name)} left out: the job is still running, and a log is ` +
                'read once its job has finished (from a summary job with `needs`, or on `workflow_run`).');
        }
        // Our own secrets never leave in a quote, whatever a step printed (GitHub masks only its own).
        for (const job of lookup.details.jobs) {
            if (job.log !== undefined)
                job.log = (0,errors/* redact */.E$)(job.log, input.secrets);
            if (job.stepLog !== undefined)
                job.stepLog = (0,errors/* redact */.E$)(job.stepLog, input.secrets);
        }
        return lookup.details;
    }
    catch (error) {
        // Permission advice only where permissions are the cause: a timeout is not fixed by `actions: read`.
        leftOut(`Run details left out: GitHub ${describe(error)}. ` +
            (permissionDenied(error) ? PERMISSIONS : 'The message is sent without them.'));
        return undefined;
    }
}
/** 401, 403 and 404 (how GitHub hides what a token may not read): a matter of permissions. */
function permissionDenied(error) {
    const { kind } = error;
    return kind === 'auth' || kind === 'not-found';
}
const PERMISSIONS = "The message is sent without them. Reading them takes the job's `permissions:` " +
    '`actions: read` (and `checks: read` for error annotations), or `needs: ${{ toJSON(needs) }}`.';
/**
 * `notify-when: changed`: the latest completed runs of the same workflow on the same branch. Any
 * reason they cannot be read is a notice, and the message goes.
 */
async function readPastRuns(settings, runner, subject, deadline) {
    const { github } = runner;
    const [owner, repo] = github.repository.split('/');
    const notCompared = (why) => {
        core_notice(`notify-when: changed: not compared with the previous run (${why}); the message is sent.`);
    };
    if (!owner || !repo || !subject || subject.workflow === '' || subject.branch === '') {
        notCompared('the workflow or branch of the run is unknown');
        return undefined;
    }
    if (settings.token === '') {
        notCompared('github-token is empty');
        return undefined;
    }
    try {
        const { readPastRuns: read } = await Promise.all(/* import() */[__nccwpck_require__.e(413), __nccwpck_require__.e(819)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1819));
        return await read({
            apiUrl: github.api_url,
            owner,
            repo,
            token: settings.token,
            workflow: subject.workflow,
            branch: subject.branch
        }, {
            timeoutMs: LOOKUP_TIMEOUT_MS,
            deadline,
            userAgent: USER_AGENT,
            annotations: false,
            proxy: proxyFromEnvironment(process.env)
        });
    }
    catch (error) {
        notCompared(`GitHub ${describe(error)}; reading runs takes \`actions: read\``);
        return undefined;
    }
}
/**
 * The previous verdict (a success or a failure; cancelled and skipped runs say nothing) against
 * this run's status: broken, fixed or unchanged. Undefined when there is nothing to compare.
 */
function compare(status, subject, runs) {
    if (status !== 'success' && status !== 'failure')
        return undefined;
    const verdicts = runs
        .filter(run => run.id !== subject.id && (subject.number === 0 || run.number < subject.number))
        .flatMap(run => {
        const verdict = (0,job_results/* statusOfConclusion */.fx)(run.conclusion);
        return verdict === 'success' || verdict === 'failure' ? [{ run, verdict }] : [];
    });
    const [last] = verdicts;
    if (!last) {
        core_notice('notify-when: changed: no previous completed run of this workflow on this branch; the message is sent.');
        return undefined;
    }
    const streak = verdicts.findIndex(entry => entry.verdict === 'success');
    const failed = streak === -1 ? verdicts.length : streak;
    const first = verdicts[failed - 1]?.run;
    const startedAt = first?.createdAt === undefined ? NaN : Date.parse(first.createdAt);
    const fixed = status === 'success' && last.verdict === 'failure';
    return {
        status: last.verdict,
        number: last.run.number,
        url: last.run.url,
        sha: last.run.sha,
        change: last.verdict === status ? 'unchanged' : status === 'failure' ? 'broken' : 'fixed',
        failed_runs: failed,
        failed_runs_more: streak === -1,
        broken_since: fixed && first ? { number: first.number, url: first.url, sha: first.sha } : null,
        broken_for: fixed && !Number.isNaN(startedAt)
            ? formatDuration(Math.max(0, Math.round((Date.now() - startedAt) / 1000)))
            : ''
    };
}
function unchangedReason(status, previous) {
    return status === 'failure'
        ? `notify-when: changed: still failing, as run #${previous.number} did; no message is sent.`
        : `notify-when: changed: still succeeding, as run #${previous.number} did; no message is sent.`;
}
function describe(error) {
    const { kind } = error;
    const said = (0,errors/* errorMessage */.gJ)(error);
    if (kind === 'timeout')
        return `gave no answer in time (${said})`;
    if (kind === 'network')
        return `could not be reached (${said})`;
    if (kind === 'rate-limit')
        return `refused the request: the API rate limit is spent (${said})`;
    return `answered ${said}`;
}
/** `author` in `mention` stands for the mapped actor, commit author and PR author, if any. */
async function resolveAuthors(mention, userMapText, github) {
    if (userMapText.trim() === '' && !mention.some(name => AUTHOR.test(name)))
        return mention;
    const userMap = await parseUserMap(userMapText);
    return [
        ...new Set(mention.flatMap(name => (AUTHOR.test(name) ? mappedAuthors(github, userMap) : name)))
    ];
}
/** A user-map larger than this is read up to its last whole line within it, with a warning. */
const MAX_USER_MAP_BYTES = 256 * 1024;
/** A user-map that cannot be read mentions no author, said in a warning: the alert still goes. */
async function parseUserMap(text) {
    if (text.trim() === '')
        return new Map();
    try {
        const { users, warnings } = toUserMap(await parseMapText(text));
        for (const warning of warnings)
            core_warning(warning);
        return users;
    }
    catch (error) {
        const problem = error instanceof UserMapError
            ? error.message
            : `user-map is neither YAML nor JSON (${(0,errors/* errorMessage */.gJ)(error)})`;
        core_warning(`${problem}; no author is mentioned`);
        return new Map();
    }
}
/**
 * YAML or JSON text, in time linear in its size: JSON by JSON.parse, YAML without its check for
 * repeated keys (quadratic: 34 s for 60,000 keys; toUserMap finds them), and at most 256 KiB of it.
 */
async function parseMapText(text) {
    if (text.trimStart().startsWith('{')) {
        try {
            return JSON.parse(text);
        }
        catch {
            // YAML's flow style (`{octocat: alice}`) is not JSON.
        }
    }
    let source = text;
    if (Buffer.byteLength(text) > MAX_USER_MAP_BYTES) {
        const head = Buffer.from(text).subarray(0, MAX_USER_MAP_BYTES).toString();
        source = head.slice(0, Math.max(0, head.lastIndexOf('\n')));
        core_warning(`user-map is ${String(Math.ceil(Buffer.byteLength(text) / 1024))} KiB; ` +
            `only its first ${String(MAX_USER_MAP_BYTES / 1024)} KiB are read`);
    }
    // YAML is a superset of JSON: one parser reads both; it is loaded only by runs with a user-map.
    const { parse } = await __nccwpck_require__.e(/* import() */ 815).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8815, 19));
    return parse(source, { uniqueKeys: false });
}

;// CONCATENATED MODULE: ./src/rocketchat/thread-root.ts
/**
 * One thread per subject across runs, with nothing stored: the root's message id is derived from
 * the thread's key, the room and the URL's credentials, so every run finds the same root (or
 * creates it under that id: the server stores an id once), and nobody without the URL can plant or
 * predict one. Rotating the URL's credentials therefore starts new threads.
 */




/** The alphabet of Rocket.Chat's own message ids (Meteor's `Random.id()`), 17 characters long. */
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const ID_LENGTH = 17;
/**
 * A basic-mode password may be weak, and a root id is seen by everyone in the room: the key is
 * stretched (scrypt, ~0.1 s once per destination) so an id is no cheap oracle for guessing it. A
 * personal access token (token mode) is random enough to key the HMAC as it is.
 */
const STRETCH = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
/** The most of an existing root's text read for its status mark: far more than we write. */
const MAX_ROOT_TEXT = 10_000;
/** `Threads_enabled` off: the server's refusal of a `tmid`, on the first post of a reply. */
const THREADS_OFF = /^(?:part 1 of \d+: )?HTTP 400: [^\n]*\[error-not-allowed\]$/;
const keys = new WeakMap();
/** The HMAC key of a destination: its credentials, stretched in basic mode. Computed once. */
function keyOf(destination) {
    let key = keys.get(destination);
    if (key === undefined) {
        const user = destination.user ?? '';
        const password = destination.password ?? '';
        key =
            destination.mode === 'basic'
                ? new Promise((resolve, reject) => {
                    (0,external_node_crypto_.scrypt)(password, `rocketchat-notify thread root\0${user}`, 32, STRETCH, (error, out) => {
                        if (error)
                            reject(error);
                        else
                            resolve(out);
                    });
                })
                : Promise.resolve(Buffer.from(`${destination.mode}\0${user}\0${password}`));
        keys.set(destination, key);
    }
    return key;
}
/** Starts deriving the destination's key, so a basic-mode stretch overlaps the login. */
function prepareThreadKey(destination) {
    keyOf(destination).catch(() => undefined);
}
/**
 * The root's id for a key in a room: HMAC-SHA256 keyed by the URL's credentials, written as 17
 * characters of Rocket.Chat's id alphabet (about 98 bits).
 */
async function threadRootId(destination, roomId, key) {
    const digest = (0,external_node_crypto_.createHmac)('sha256', await keyOf(destination))
        .update(JSON.stringify(['thread-root', roomId, key]))
        .digest('hex');
    let n = BigInt(`0x${digest}`);
    const base = BigInt(ID_ALPHABET.length);
    let id = '';
    for (let i = 0; i < ID_LENGTH; i++) {
        id += ID_ALPHABET[Number(n % base)] ?? '';
        n /= base;
    }
    return id;
}
/**
 * The notification as a reply in the keyed thread of a room: the root is looked up (one request),
 * created on the first run, and updated after the reply to show the latest state (one request).
 * Whatever goes wrong with the thread, the notification is still posted, outside it, with a warning.
 */
async function postInThread(session, roomId, posts, thread) {
    const { masked } = session.destination;
    const outside = (why) => {
        session.warn(`thread-key: ${why}; posted to room ${roomId} of ${masked} outside any thread`);
        return session.postAll(roomId, posts);
    };
    let rootId;
    let root;
    try {
        rootId = await threadRootId(session.destination, roomId, thread.key);
        root = session.planning ? { found: 'none' } : await lookUp(session, rootId, roomId);
    }
    catch (error) {
        return outside(`looking up the thread's root failed (${(0,errors/* errorMessage */.gJ)(error)})`);
    }
    const text = `${thread.subject}\n${thread.state}`;
    let created = false;
    if (root.found === 'none') {
        const made = await createRoot(session, rootId, roomId, text, posts[0]);
        if (made === true)
            created = true;
        else {
            try {
                root = await lookUp(session, rootId, roomId);
            }
            catch (error) {
                return outside(`creating the thread's root failed (${made}; ${(0,errors/* errorMessage */.gJ)(error)})`);
            }
            if (root.found === 'none')
                return outside(`creating the thread's root failed (${made})`);
        }
    }
    if (root.found === 'foreign') {
        return outside(`message ${rootId} is not this thread's root (${root.reason})`);
    }
    const previous = root.found === 'ours' ? root.text : undefined;
    const tshow = broadcast(thread, previous);
    const replies = posts.map(post => ({ ...post, tmid: rootId, ...(tshow ? { tshow } : {}) }));
    const outcome = await session.postAll(roomId, replies);
    // A server with threads off refuses the first reply, and nothing was stored: post without one.
    if (outcome.outcome === 'failed' && THREADS_OFF.test(outcome.error)) {
        return outside(`the server refused a reply in thread ${rootId} (${outcome.error})`);
    }
    if (outcome.outcome !== 'delivered')
        return outcome;
    // A root just created already says where the thread stands.
    if (!created)
        await updateRoot(session, rootId, roomId, text);
    return { ...outcome, threadId: rootId };
}
/**
 * The message under the root's id, and whether it may be used: only a message of this user in
 * this room is a root. `{success:false}` and nothing else is the server's "no such message"; a
 * refusal with words (`error-not-allowed`: a room this user cannot read) means it exists elsewhere.
 */
async function lookUp(session, rootId, roomId) {
    const response = await session.call('GET', `chat.getMessage?msgId=${encodeURIComponent(rootId)}`);
    const answer = (0,rocketchat_answer/* readAnswer */.JN)(response);
    if (!answer.ok) {
        const body = (0,rocketchat_answer/* isObject */.Gv)(response.json) ? response.json : {};
        if (answer.status === 400 && body.error === undefined)
            return { found: 'none' };
        if (answer.status === 400)
            return { found: 'foreign', reason: answer.error };
        throw new Error(answer.error);
    }
    const message = (0,rocketchat_answer/* storedMessage */.Pv)(answer.body);
    if (message.roomId !== roomId)
        return { found: 'foreign', reason: 'it is in another room' };
    if (message.authorId !== session.userId) {
        return { found: 'foreign', reason: 'another user posted it' };
    }
    return { found: 'ours', text: message.text.slice(-MAX_ROOT_TEXT) };
}
/**
 * The root under its id, with the look of the notification. True when stored; otherwise why not,
 * to be settled by a look-up: a refusal is also what a run that lost the race gets.
 */
async function createRoot(session, rootId, roomId, text, first) {
    const look = {};
    for (const key of ['alias', 'emoji', 'avatar']) {
        if (first?.[key] !== undefined)
            look[key] = first[key];
    }
    try {
        const answer = (0,rocketchat_answer/* readAnswer */.JN)(await session.call('POST', 'chat.sendMessage', { message: { _id: rootId, rid: roomId, msg: text, ...look } }, true));
        return answer.ok ? true : answer.error;
    }
    catch (error) {
        return mayHaveArrived(error)
            ? `its answer was lost: ${(0,errors/* errorMessage */.gJ)(error)}`
            : (0,errors/* errorMessage */.gJ)(error);
    }
}
/** The root now says where the thread stands; a failed edit is only a warning: the reply is in. */
async function updateRoot(session, rootId, roomId, text) {
    try {
        const answer = (0,rocketchat_answer/* readAnswer */.JN)(await session.call('POST', 'chat.update', { roomId, msgId: rootId, text }, true));
        if (!answer.ok) {
            session.warn(`thread-key: the root ${rootId} was not updated: ${answer.error}`);
        }
    }
    catch (error) {
        session.warn(`thread-key: the root ${rootId} was not updated: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
/** Whether the reply is also shown in the room: `changed` compares the status marks. */
function broadcast(thread, previous) {
    if (thread.broadcast !== 'changed')
        return thread.broadcast === 'always';
    // A root this run created has no reply before this one: the root itself shows the state.
    if (previous === undefined)
        return false;
    return statusMark(previous) !== statusMark(thread.state);
}
/** The first word of the last line: the status emoji of a root's state. */
function statusMark(text) {
    const lastLine = text.slice(text.lastIndexOf('\n') + 1);
    return lastLine.trim().split(/\s/, 1)[0] ?? '';
}

;// CONCATENATED MODULE: ./src/rocketchat/rest.ts







/**
 * Token and basic modes. Each post goes through `chat.sendMessage` under a message id made here:
 * the server stores an id at most once (a repeat is refused and stores nothing), so a post whose
 * answer was lost may be sent again, and `chat.getMessage` on the id says whether it arrived, even
 * when the first request is still being processed when we ask. `chat.postMessage` takes no id:
 * after a lost answer only the room's history could be searched for this text, and a request the
 * server is still working on is not there yet, so a second send would make a second copy.
 * The price: `chat.sendMessage` wants a room id, so a `#channel` or `@user` target costs one
 * lookup first (`rooms.info`, `im.create`, both safe to repeat); a room id target stays at one
 * request per post. Two or more `#channel` targets are first looked up together, in the list of
 * the user's rooms (`subscriptions.get`), so a fan-out costs one lookup, not one per channel. Nobody is joined to a channel: the server lets a user post where it may read.
 * Basic mode logs in once for the destination and always logs out after a login.
 */
async function sendRest(sender, destination, of, posts, message, limit, hooks, files = []) {
    // Only rejected targets: nothing to send, so no login either.
    if (destination.targets.length === 0)
        return [];
    const targets = destination.targets.map(target => of(describeTarget(target)));
    const keyed = message.threadId === undefined && message.updateId === undefined;
    const threadKey = keyed ? message.threadKey : undefined;
    if (threadKey !== undefined)
        prepareThreadKey(destination);
    let api;
    let loggedIn;
    try {
        ;
        ({ api, loggedIn } = await limit(() => openSession(sender, destination, hooks)));
    }
    catch (error) {
        return allFailed(targets, error);
    }
    try {
        // A reply or an edit lives in the parent's room, whatever targets the URL names: one result,
        // under the first target the user wrote.
        const first = targets[0] ?? of('(thread)');
        if (message.updateId !== undefined) {
            const msgId = message.updateId;
            const updated = [{ ...first, ...(await limit(() => updateMessage(api, msgId, posts))) }];
            return await uploadAfter(api, updated, files, undefined, limit);
        }
        if (message.threadId !== undefined) {
            const parent = message.threadId;
            const replied = [{ ...first, ...(await limit(() => replyInThread(api, parent, posts))) }];
            return await uploadAfter(api, replied, files, parent, limit);
        }
        const known = await knownChannels(api, destination.targets, limit);
        const inThread = threadKey && threadPoster(api, threadKey, hooks);
        const posted = await Promise.all(destination.targets.map(async (target, i) => ({
            ...targets[i],
            ...(await limit(() => postToTarget(api, target, posts, known, inThread)))
        })));
        return await uploadAfter(api, posted, files, undefined, limit);
    }
    finally {
        if (loggedIn)
            await logout(api, hooks);
    }
}
async function openSession(sender, destination, hooks) {
    const user = destination.user ?? '';
    const password = destination.password ?? '';
    if (destination.mode === 'token') {
        const headers = { 'x-user-id': user, 'x-auth-token': password };
        return { api: { sender, destination, headers }, loggedIn: false };
    }
    const response = await sender.send({
        method: 'POST',
        url: `${destination.baseUrl}/api/v1/login`,
        body: { user, password },
        replayable: true
    }, destination);
    const body = (0,rocketchat_answer/* isObject */.Gv)(response.json) ? response.json : {};
    const data = (0,rocketchat_answer/* isObject */.Gv)(body.data) ? body.data : {};
    if (response.status === 200 && body.status === 'success') {
        const userId = data.userId;
        const authToken = data.authToken;
        if (typeof userId === 'string' && typeof authToken === 'string') {
            hooks.onSecret(authToken);
            const headers = { 'x-user-id': userId, 'x-auth-token': authToken };
            return { api: { sender, destination, headers }, loggedIn: true };
        }
    }
    if (body.error === 'totp-required') {
        throw new errors/* RocketChatError */.H8(`login as ${user} needs a two-factor code (totp-required), which an action cannot type: ` +
            'use token mode with a personal access token instead (rocket://USER_ID:TOKEN@host/#channel?mode=token)', { kind: 'auth', status: response.status });
    }
    const answer = (0,rocketchat_answer/* readAnswer */.JN)(response);
    const reason = answer.ok ? 'the server did not return a login token' : answer.error;
    throw new errors/* RocketChatError */.H8(`login as ${user} failed: ${reason}`, {
        kind: answer.ok || answer.kind === 'rejected' ? 'auth' : answer.kind,
        status: response.status
    });
}
async function logout(api, hooks) {
    const { masked } = api.destination;
    try {
        const response = await rest_call(api, 'POST', 'logout', undefined, true);
        // Any 2xx is a logout: 7.4+ servers answer with an empty body.
        if (response.status < 200 || response.status >= 300) {
            hooks.onWarning(`logout from ${masked} failed: HTTP ${response.status}`);
        }
    }
    catch (error) {
        hooks.onWarning(`logout from ${masked} failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
async function postToTarget(api, target, posts, known, inThread) {
    let roomId;
    try {
        roomId =
            (target.kind === 'channel' ? known.get(target.name) : undefined) ??
                (await roomOf(api, target));
    }
    catch (error) {
        return failedBy(error);
    }
    return inThread ? inThread(roomId, posts) : postAll(api, roomId, posts);
}
/** Posts into the keyed thread of each room (thread-root.ts), through this session. */
function threadPoster(api, thread, hooks) {
    const session = {
        destination: api.destination,
        userId: api.headers['x-user-id'] ?? '',
        call: (method, path, body, replayable) => rest_call(api, method, path, body, replayable),
        postAll: (roomId, posts) => postAll(api, roomId, posts),
        warn: hooks.onWarning,
        planning: api.sender.plan !== undefined
    };
    return (roomId, posts) => postInThread(session, roomId, posts, thread);
}
/** Every post in order into one room; the first one's ids are the target's. */
async function postAll(api, roomId, posts) {
    let first;
    for (const [index, post] of posts.entries()) {
        const outcome = await sendOnce(api, roomId, post);
        if (outcome.outcome !== 'delivered')
            return inPart(outcome, index, posts.length);
        first ??= outcome;
    }
    return first ?? { outcome: 'delivered' };
}
/**
 * One post under an id of ours, stored at most once whatever happens to its answer. The request
 * is safe to repeat, so the transport may send it again after a lost answer; a repeat of a stored
 * id is refused (and stores nothing), so a refusal or a lost answer is settled by asking for the id.
 * A lost answer whose id the server does not have (yet) is sent once more under the same id before
 * giving up: the first request may still be on its way, and whichever arrives first is the only copy.
 * When even that is lost and not found, the message may still arrive: `unconfirmed`, as a webhook's.
 */
async function sendOnce(api, roomId, post) {
    const id = messageId();
    const first = await sendUnder(api, id, roomId, post);
    if (first.outcome !== 'lost-not-found')
        return first.outcome;
    const again = await sendUnder(api, id, roomId, post);
    // The first request may still be on its way: only a message the server has settles it now.
    if (again.outcome !== 'lost-not-found' && again.found)
        return again.outcome;
    const words = failureWords(again.outcome === 'lost-not-found' ? again.failure : again.outcome);
    return {
        outcome: 'unconfirmed',
        reason: `${failureWords(first.failure)}; sent again under the same id: ${words}; the server did not have it when asked: ` +
            'the message may have arrived, so it was not sent again'
    };
}
/** One `chat.sendMessage` of the id, settled by `chat.getMessage` when refused or lost. */
async function sendUnder(api, id, roomId, post) {
    const { text, ...look } = post;
    let failure;
    let lost;
    try {
        const response = await rest_call(api, 'POST', 'chat.sendMessage', { message: { _id: id, rid: roomId, msg: text, ...look } }, true);
        const answer = (0,rocketchat_answer/* readAnswer */.JN)(response);
        if (answer.ok)
            return { outcome: delivered(answer.body, id, roomId), found: true };
        // Even a 401 or a 429 may answer the transport's repeat of a post whose first answer was lost.
        failure = refusedBy(answer);
        lost = response.earlierMayHaveArrived === true;
    }
    catch (error) {
        if (!mayHaveArrived(error))
            return { outcome: failedBy(error), found: false };
        failure = failedBy(error);
        lost = true;
    }
    let stored;
    try {
        stored = await findMessage(api, id);
    }
    catch (error) {
        if (!lost)
            return { outcome: failure, found: false };
        return {
            found: false,
            outcome: {
                outcome: 'unconfirmed',
                reason: `${failureWords(failure)}; asking whether it arrived failed too (${(0,errors/* errorMessage */.gJ)(error)}): not sent again`
            }
        };
    }
    if (stored === undefined) {
        return lost ? { outcome: 'lost-not-found', failure } : { outcome: failure, found: false };
    }
    if (stored.roomId !== roomId || stored.authorId !== api.headers['x-user-id']) {
        return {
            found: true,
            outcome: {
                outcome: 'failed',
                kind: 'rejected',
                error: `the server answered for our message id with a message ${stored.roomId === roomId ? 'of another user' : 'in another room'}: ` +
                    'not counted as delivered'
            }
        };
    }
    return { outcome: { outcome: 'delivered', messageId: id, roomId }, found: true };
}
function delivered(body, id, roomId) {
    const stored = (0,rocketchat_answer/* isObject */.Gv)(body.message) ? body.message : {};
    return {
        outcome: 'delivered',
        messageId: typeof stored._id === 'string' ? stored._id : id,
        roomId: typeof stored.rid === 'string' ? stored.rid : roomId
    };
}
/** A message by its id, or undefined when the server has no such message. */
async function findMessage(api, msgId) {
    const response = await rest_call(api, 'GET', `chat.getMessage?msgId=${encodeURIComponent(msgId)}`);
    const answer = (0,rocketchat_answer/* readAnswer */.JN)(response);
    if (!answer.ok) {
        // `{success:false}` and nothing else is the server's "no such message".
        if (answer.status === 400)
            return undefined;
        throw new errors/* RocketChatError */.H8(answer.error, { kind: answer.kind, status: answer.status });
    }
    const { roomId, authorId } = (0,rocketchat_answer/* storedMessage */.Pv)(answer.body);
    return roomId === undefined ? undefined : { roomId, authorId };
}
/** The most subscriptions read from one answer: far more than a bot is in, and a bound on junk. */
const MAX_SUBSCRIPTIONS = 10_000;
/**
 * The room ids of the destination's `#channel` targets that the user is in, in one request when
 * there are two or more (one is a single `rooms.info` either way). A name is matched exactly, as
 * `rooms.info?roomName=` matches it; a channel missing here (a public one the user may post to
 * without being in it, or any failure of this request) is looked up on its own afterwards.
 */
async function knownChannels(api, targets, limit) {
    const wanted = new Set(targets.flatMap(target => (target.kind === 'channel' ? [target.name] : [])));
    if (wanted.size < 2)
        return new Map();
    try {
        return await limit(() => subscribedRooms(api, wanted));
    }
    catch {
        return new Map();
    }
}
/**
 * Room ids by name from `subscriptions.get`. A direct room's subscription is named after the other
 * user, not the room, and `rooms.info` refuses an archived room: both are left to the fallback, as
 * is a name listed twice.
 */
async function subscribedRooms(api, wanted) {
    const answer = (0,rocketchat_answer/* readAnswer */.JN)(await rest_call(api, 'GET', 'subscriptions.get'));
    const list = answer.ok && Array.isArray(answer.body.update) ? answer.body.update : [];
    const rooms = new Map();
    const twice = new Set();
    for (const entry of list.slice(0, MAX_SUBSCRIPTIONS)) {
        if (!(0,rocketchat_answer/* isObject */.Gv)(entry))
            continue;
        const { rid, name, t, archived } = entry;
        if (typeof rid !== 'string' || rid === '' || typeof name !== 'string')
            continue;
        if (typeof t !== 'string' || t === 'd' || archived === true || !wanted.has(name))
            continue;
        if (rooms.has(name))
            twice.add(name);
        rooms.set(name, rid);
    }
    for (const name of twice)
        rooms.delete(name);
    return rooms;
}
/** The room id a target names: looked up for a channel name, the direct room for a user. */
async function roomOf(api, target) {
    if (target.kind === 'room')
        return target.id;
    const response = target.kind === 'channel'
        ? await rest_call(api, 'GET', `rooms.info?roomName=${encodeURIComponent(target.name)}`)
        : await rest_call(api, 'POST', 'im.create', { username: target.name }, true);
    const answer = (0,rocketchat_answer/* readAnswer */.JN)(response);
    const room = answer.ok && (0,rocketchat_answer/* isObject */.Gv)(answer.body.room) ? answer.body.room._id : undefined;
    if (typeof room === 'string')
        return room;
    if (!answer.ok && (answer.kind === 'auth' || answer.kind === 'rate-limit')) {
        throw new errors/* RocketChatError */.H8(answer.error, { kind: answer.kind, status: answer.status });
    }
    const what = `${target.kind === 'channel' ? 'channel' : 'user'} ${describeTarget(target)}`;
    throw new errors/* RocketChatError */.H8(`${what} not found or not allowed: ${answer.ok ? 'no room in the answer' : answer.error}`, { kind: 'not-found', ...(answer.ok ? {} : { status: answer.status }) });
}
async function replyInThread(api, parentId, posts) {
    try {
        return await postAll(api, await parentRoom(api, parentId), posts);
    }
    catch (error) {
        return failedBy(error);
    }
}
async function updateMessage(api, msgId, posts) {
    try {
        const roomId = await parentRoom(api, msgId);
        // An edit replaces the text only: servers refuse (7.x) or drop (8.x) attachments in chat.update.
        const text = posts.map(post => post.text).join('\n');
        const answer = (0,rocketchat_answer/* readAnswer */.JN)(await rest_call(api, 'POST', 'chat.update', { roomId, msgId, text }, true));
        if (!answer.ok)
            return refusedBy(answer);
        return { outcome: 'updated', messageId: msgId, roomId };
    }
    catch (error) {
        return failedBy(error);
    }
}
/** Finds the room of a message: `tmid` and `chat.update` both need the room id, not a name. */
async function parentRoom(api, msgId) {
    const found = await findMessage(api, msgId);
    if (found !== undefined)
        return found.roomId;
    throw new errors/* RocketChatError */.H8(`message ${msgId} not found`, { kind: 'not-found' });
}
function rest_call(api, method, path, body, replayable = method === 'GET') {
    return api.sender.send({
        method,
        url: `${api.destination.baseUrl}/api/v1/${path}`,
        headers: api.headers,
        ...(body === undefined ? {} : { body }),
        replayable
    }, api.destination);
}
/** The alphabet of Rocket.Chat's own message ids (Meteor's `Random.id()`). */
const rest_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
/** A fresh 17-character message id, as the server would make one: ~99 bits of randomness. */
function messageId() {
    let id = '';
    for (let i = 0; i < 17; i++)
        id += rest_ID_ALPHABET[(0,external_node_crypto_.randomInt)(rest_ID_ALPHABET.length)] ?? '';
    return id;
}

;// CONCATENATED MODULE: ./src/rocketchat/concurrency.ts
/** A bound on how many tasks run at once, shared by every destination of a run. */
function concurrencyLimit(max) {
    let running = 0;
    const waiting = [];
    return async (task) => {
        if (running >= max)
            await new Promise(resolve => waiting.push(resolve));
        running++;
        try {
            return await task();
        }
        finally {
            running--;
            waiting.shift()?.();
        }
    };
}

;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
;// CONCATENATED MODULE: ./src/rocketchat/transport/connect.ts
/**
 * Opening connections: direct, or through an HTTP(S) proxy's CONNECT tunnel, then TLS for
 * https. An agent hands a request its socket only once all of that is done, so every failure up
 * to that point is a `ConnectFailure`: the request's bytes were never written, and sending it
 * again is safe whatever it is.
 */


/** A failure before the request was written: nothing reached the server. */
class ConnectFailure extends Error {
    failure;
    name = 'ConnectFailure';
    constructor(message, failure, cause) {
        super(message, cause === undefined ? undefined : { cause });
        this.failure = failure;
    }
}
/** Free sockets are dropped before a typical server's 5 s keep-alive closes them under a request. */
const FREE_SOCKET_MS = 4000;
/** A keep-alive agent for one protocol and one set of connection settings. */
function createAgent(protocol, settings) {
    const https = protocol === 'https:';
    // node:https (and with it node:tls) loads only for runs that talk to an https server.
    const Base = https ? process.getBuiltinModule('node:https').Agent : external_node_http_.Agent;
    const options = {
        keepAlive: true,
        timeout: FREE_SOCKET_MS,
        scheduling: 'lifo',
        ...(https
            ? {
                rejectUnauthorized: settings.rejectUnauthorized,
                ...(settings.ca ? { ca: settings.ca } : {})
            }
            : {})
    };
    const pending = new Set();
    class ConnectingAgent extends Base {
        /** Node's agents accept a socket through this callback once it is ready. */
        createConnection(options, callback) {
            if (!callback)
                throw new Error('createConnection is only called by the agent, with a callback');
            // Node's agent calls back with the error alone when there is no socket.
            const created = callback;
            connect_open(settings, https, options, created, pending, socketOptions => {
                const base = Base.prototype;
                return base.createConnection.call(this, socketOptions);
            });
            return undefined;
        }
        destroy() {
            for (const cancel of [...pending])
                cancel();
            super.destroy();
        }
    }
    return new ConnectingAgent(options);
}
function connect_open(settings, https, options, created, pending, direct) {
    const host = options.host ?? 'localhost';
    const port = Number(options.port ?? (https ? 443 : 80));
    const seconds = settings.connectMs / 1000;
    const proxyName = settings.proxy ? `proxy ${settings.proxy.host}` : '';
    let stage = settings.proxy ? 'proxy' : 'server';
    let socket;
    let tunnelRequest;
    let done = false;
    const finish = (error, ready) => {
        if (done)
            return;
        done = true;
        clearTimeout(timer);
        pending.delete(cancel);
        socket?.removeListener('error', onError);
        if (error || !ready) {
            socket?.destroy();
            tunnelRequest?.destroy();
            created(error ?? new ConnectFailure('connection closed before it was ready', 'refused'));
        }
        else {
            created(null, ready);
        }
    };
    const cancel = () => {
        finish(new ConnectFailure('the transport was closed while connecting', 'aborted'));
    };
    const onError = (error) => {
        finish(connect_classify(error, stage, proxyName));
    };
    const timer = setTimeout(() => {
        const what = stage === 'proxy'
            ? `the ${proxyName} did not open a tunnel`
            : stage === 'tls'
                ? 'no TLS handshake'
                : 'no connection';
        finish(new ConnectFailure(`${what} within ${seconds} s`, 'connect-timeout'));
    }, settings.connectMs);
    pending.add(cancel);
    const whenReady = (s) => {
        socket = s;
        s.once('error', onError);
        if (https) {
            s.once('connect', () => {
                stage = 'tls';
            });
            s.once('secureConnect', () => {
                finish(undefined, s);
            });
        }
        else if (s.connecting) {
            s.once('connect', () => {
                finish(undefined, s);
            });
        }
        else {
            finish(undefined, s);
        }
    };
    // One identity check for both ways in: the URL's host, a name or an IP address.
    const identity = https ? serverIdentity(host) : {};
    if (!settings.proxy) {
        whenReady(direct({ ...options, ...identity }));
        return;
    }
    tunnelRequest = tunnel(settings.proxy, host, port, (error, tunnelled) => {
        tunnelRequest = undefined;
        if (error || !tunnelled) {
            finish(error instanceof ConnectFailure ? error : connect_classify(error, 'proxy', proxyName));
            return;
        }
        stage = https ? 'tls' : 'server';
        if (!https) {
            whenReady(tunnelled);
            return;
        }
        const tls = process.getBuiltinModule('node:tls');
        whenReady(tls.connect({
            socket: tunnelled,
            ...identity,
            rejectUnauthorized: settings.rejectUnauthorized,
            ...(settings.ca ? { ca: settings.ca } : {})
        }));
    });
}
/**
 * How TLS checks who the server is: against the URL's host, whether the socket is direct or a
 * proxy's tunnel (whose own address must never stand in for it). A name is also sent as SNI; an IP
 * address is not (RFC 6066) and is matched against the certificate's IP addresses only.
 */
function serverIdentity(host) {
    const tls = process.getBuiltinModule('node:tls');
    const bare = host.replace(/^\[|\]$/g, '');
    return {
        ...((0,external_node_net_.isIP)(bare) === 0 ? { servername: bare } : { servername: '' }),
        checkServerIdentity: (_, cert) => tls.checkServerIdentity(bare, cert)
    };
}
/** Asks the proxy for a tunnel to host:port (undici and curl tunnel plain http the same way). */
function tunnel(proxy, host, port, done) {
    const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const headers = { host: target };
    if (proxy.username) {
        const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
        headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
    }
    const secure = proxy.protocol === 'https:';
    const request = secure ? process.getBuiltinModule('node:https').request : external_node_http_.request;
    const req = request({
        host: proxy.hostname.replace(/^\[|\]$/g, ''),
        port: proxy.port || (secure ? 443 : 80),
        method: 'CONNECT',
        path: target,
        headers,
        agent: false,
        setHost: false
    });
    req.once('connect', (res, socket, head) => {
        if (res.statusCode !== 200) {
            socket.destroy();
            done(new ConnectFailure(`the proxy ${proxy.host} refused the tunnel: HTTP ${res.statusCode ?? 0}`, 'proxy'));
            return;
        }
        if (head.length > 0)
            socket.unshift(head);
        done(undefined, socket);
    });
    req.once('error', error => {
        done(error);
    });
    req.end();
    return req;
}
const UNTRUSTED = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_GET_ISSUER_CERT',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'CERT_UNTRUSTED',
    'ERR_TLS_CERT_ALTNAME_INVALID'
]);
/** A connect-stage error in words a user can act on; never the URL (webhook paths are secret). */
function connect_classify(error, stage, proxyName) {
    const code = errorCode(error);
    if (code && UNTRUSTED.has(code)) {
        return new ConnectFailure(`TLS certificate not trusted (${code}): give the server's CA in ca-cert, or add ?verify=no to the URL`, 'tls-untrusted', error);
    }
    if (stage === 'proxy') {
        const why = code === 'ECONNREFUSED' ? 'refused the connection' : `failed: ${code ?? 'closed'}`;
        return new ConnectFailure(`the ${proxyName} ${why}`, code === 'ENOTFOUND' ? 'unknown-host' : 'proxy', error);
    }
    if (stage === 'tls') {
        return new ConnectFailure(`TLS handshake failed: ${code ?? 'connection closed'}`, 'tls', error);
    }
    switch (code) {
        case 'ENOTFOUND':
            return new ConnectFailure('host name not found', 'unknown-host', error);
        case 'EAI_AGAIN':
            return new ConnectFailure('host name lookup failed for now (EAI_AGAIN)', 'dns', error);
        case 'ETIMEDOUT':
            return new ConnectFailure('no connection: the network timed out', 'connect-timeout', error);
        case 'ECONNREFUSED':
            return new ConnectFailure('connection refused', 'refused', error);
        default:
            return new ConnectFailure(`no connection: ${code ?? 'closed'}`, 'refused', error);
    }
}
function errorCode(error) {
    for (let e = error; e instanceof Error; e = e.cause) {
        const code = e.code;
        if (typeof code === 'string')
            return code;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/rocketchat/transport/exchange.ts
/**
 * One attempt of one request over node:http(s): written once a connection is ready, its whole
 * answer (headers and body) read within the answer timeout and up to a size cap, decoded if the
 * server compressed it. Every way it can fail ends in an `AttemptFailure` that says whether the
 * request's bytes may have reached the server.
 */



/** A Rocket.Chat answer is a few KiB; past this the rest is abandoned, decoded size counted. */
const MAX_ANSWER_BYTES = 1024 * 1024;
class AttemptFailure extends Error {
    failure;
    sent;
    status;
    name = 'AttemptFailure';
    constructor(message, failure, 
    /** Whether the request's bytes may have reached the server. */
    sent, 
    /** The answer's status, when its headers came before the failure. */
    status, cause) {
        super(message, cause === undefined ? undefined : { cause });
        this.failure = failure;
        this.sent = sent;
        this.status = status;
    }
}
function exchange(x) {
    return new Promise((resolve, reject) => {
        const request = x.url.protocol === 'https:' ? process.getBuiltinModule('node:https').request : external_node_http_.request;
        const headers = { ...x.headers };
        const streamed = typeof x.body === 'object' ? x.body : undefined;
        if (streamed)
            headers['content-length'] = String(streamed.length);
        else if (typeof x.body === 'string')
            headers['content-length'] = String(Buffer.byteLength(x.body));
        let source;
        let sent = false;
        let status;
        let answerTimer;
        let decoder;
        let settled = false;
        const settle = () => {
            if (settled)
                return false;
            settled = true;
            clearTimeout(answerTimer);
            x.signal?.removeEventListener('abort', onAbort);
            return true;
        };
        const fail = (failure) => {
            if (!settle())
                return;
            // Destroying the request closes its socket: an abandoned answer is never read on.
            req.destroy();
            decoder?.destroy();
            source?.destroy();
            reject(failure);
        };
        const waitForAnswer = () => {
            clearTimeout(answerTimer);
            answerTimer = setTimeout(() => {
                fail(new AttemptFailure(`no answer within ${x.answerMs / 1000} s`, 'read-timeout', true, status));
            }, x.answerMs);
        };
        const onAbort = () => {
            fail(new AttemptFailure('the time allowed for sending ran out', 'aborted', sent, status, x.signal?.reason));
        };
        let req;
        try {
            req = request(x.url, { method: x.method, headers, agent: x.agent });
        }
        catch (error) {
            // Node refuses a header value it cannot send (a newline in a token): nothing went out.
            reject(new AttemptFailure(`request not sent: ${(0,errors/* errorMessage */.gJ)(error)}`, 'other', false, undefined, error));
            return;
        }
        // The agent hands over a socket only once it is connected (through any proxy, TLS done).
        req.once('socket', () => {
            sent = true;
            waitForAnswer();
        });
        req.on('error', error => {
            fail(error instanceof ConnectFailure
                ? new AttemptFailure(error.message, error.failure, false, undefined, error)
                : lost(error, status));
        });
        req.once('response', (res) => {
            status = res.statusCode ?? 0;
            const chunks = [];
            let size = 0;
            const take = (chunk) => {
                size += chunk.length;
                if (size > MAX_ANSWER_BYTES) {
                    const cap = `${MAX_ANSWER_BYTES / 1024 / 1024} MiB`;
                    fail(new AttemptFailure(`answer larger than ${cap}: abandoned`, 'too-large', true, status));
                }
                else {
                    chunks.push(chunk);
                }
            };
            const finish = () => {
                if (!settle())
                    return;
                // An answer before the whole body was sent (a refusal): the rest is not sent.
                if (source && !req.writableFinished) {
                    source.destroy();
                    req.destroy();
                }
                resolve({
                    status: status ?? 0,
                    headers: flattenHeaders(res.headers),
                    text: Buffer.concat(chunks).toString('utf8')
                });
            };
            res.on('error', error => {
                fail(lost(error, status));
            });
            res.on('close', () => {
                if (!res.complete) {
                    fail(new AttemptFailure('the answer was cut short', 'cut', true, status));
                }
            });
            const encoding = res.headers['content-encoding'] ?? '';
            decoder = decoderFor(encoding);
            if (!decoder) {
                res.on('data', take);
                res.on('end', finish);
                return;
            }
            const unpack = decoder;
            unpack.on('data', take);
            unpack.on('end', finish);
            unpack.on('error', () => {
                fail(new AttemptFailure(`the ${encoding} answer could not be decoded`, 'undecodable', true, status));
            });
            res.on('data', (chunk) => unpack.write(chunk));
            res.on('end', () => unpack.end());
        });
        if (x.signal?.aborted) {
            onAbort();
            return;
        }
        x.signal?.addEventListener('abort', onAbort, { once: true });
        // Bytes are only buffered until the connection is ready: the wait starts with the socket.
        const progress = () => {
            if (sent)
                waitForAnswer();
        };
        if (streamed)
            source = sendStream(req, streamed, progress, fail);
        else
            req.end(x.body);
    });
}
/**
 * Pipes a streamed body into the request with backpressure, so memory holds a chunk, not the
 * file. Every chunk that goes out restarts the wait; a source that ends short of or past its
 * declared length fails the attempt rather than leave the server waiting for bytes.
 */
function sendStream(req, body, progress, fail) {
    const source = body.open();
    let length = 0;
    const broken = (why, cause) => {
        fail(new AttemptFailure(`the body could not be read: ${why}`, 'other', true, undefined, cause));
    };
    source.on('data', (chunk) => {
        length += chunk.length;
        progress();
    });
    source.on('error', error => {
        broken((0,errors/* errorMessage */.gJ)(error), error);
    });
    source.on('end', () => {
        if (length !== body.length)
            broken(`${length} bytes instead of ${body.length}`);
    });
    source.pipe(req);
    return source;
}
/** An error after the request was handed its socket: the server may have it. */
function lost(error, status) {
    const code = errorCode(error);
    if (status !== undefined) {
        return new AttemptFailure('the answer was cut short', 'cut', true, status, error);
    }
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') {
        return new AttemptFailure('connection closed by the server before it answered', 'reset', true, status, error);
    }
    return new AttemptFailure(`request failed: ${code ? `${code} ` : ''}${(0,errors/* errorMessage */.gJ)(error)}`, 'other', true, status, error);
}
/** gzip, deflate and br as HTTP names them; node:zlib loads only when an answer is compressed. */
function decoderFor(encoding) {
    const name = encoding.trim().toLowerCase();
    if (name === '' || name === 'identity')
        return undefined;
    const zlib = process.getBuiltinModule('node:zlib');
    switch (name) {
        case 'gzip':
        case 'x-gzip':
            return zlib.createGunzip();
        case 'deflate':
            return zlib.createInflate();
        case 'br':
            return zlib.createBrotliDecompress();
        default:
            // An encoding we cannot read: the raw bytes are not a Rocket.Chat answer, and say so.
            return undefined;
    }
}
function flattenHeaders(headers) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined)
            out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/rocketchat/transport/retry-policy.ts
/** Enough to ride out several rate-limit windows; the caller's signal bounds the time. */
const MAX_RATE_LIMIT_RETRIES = 20;
/** No single wait is longer, whatever a server asks: a notifier must not sleep for an hour. */
const MAX_WAIT_MS = 60_000;
const MAX_BACKOFF_MS = 10_000;
/** A server whose clock runs behind is not asked again in a tight loop. */
const MIN_RATE_LIMIT_WAIT_MS = 50;
/**
 * Answers that say the request was not processed (RFC 9110 §15.6.4, §15.5.29): a 503 from
 * Rocket.Chat (a server starting, a disabled integration) or from a proxy in front of it (nginx's
 * maintenance page, `limit_req`, no live upstream; a load balancer with no healthy target), and a
 * 429. Nothing was stored, so any request, a webhook post included, may be sent again.
 */
const NOT_PROCESSED = new Set([429, 503]);
/** A gateway's 502 or 504: the server behind it may have stored the request; its answer is lost. */
const GATEWAY_LOST = new Set([502, 504]);
const BEFORE_SEND_FINAL = new Set(['unknown-host', 'tls-untrusted']);
/** Whether an answer with this status says the server did not act on the request. */
function notProcessed(status) {
    return NOT_PROCESSED.has(status);
}
function decide(attempt) {
    const { outcome, replayable } = attempt;
    const canRetry = attempt.faultRetries < attempt.retries;
    const backoff = () => ({
        do: 'retry',
        waitMs: Math.round(attempt.jitter * Math.min(MAX_BACKOFF_MS, attempt.backoffMs * 2 ** attempt.faultRetries)),
        spends: 'fault'
    });
    if (outcome.type === 'answer') {
        const { status, rocketChat } = outcome;
        // A 429 is the server pacing us, not a fault: nothing was stored.
        if (status === 429) {
            if (attempt.rateLimitRetries >= MAX_RATE_LIMIT_RETRIES)
                return { do: 'return' };
            const asked = outcome.serverWaitMs ?? 1000;
            return {
                do: 'retry',
                waitMs: Math.min(MAX_WAIT_MS, Math.max(MIN_RATE_LIMIT_WAIT_MS, asked)),
                spends: 'rate-limit'
            };
        }
        // A 503, whoever sent it, stored nothing: sent again within `retries`, after `Retry-After`.
        if (status === 503) {
            if (!canRetry)
                return { do: 'return' };
            return outcome.serverWaitMs === undefined
                ? backoff()
                : { do: 'retry', waitMs: Math.min(MAX_WAIT_MS, outcome.serverWaitMs), spends: 'fault' };
        }
        // A proxy's 502/504 page: the server behind it may have stored the post, the answer is lost.
        // Once the retries are spent it stays what it is, a lost answer, whatever the request.
        if (GATEWAY_LOST.has(status) && !rocketChat) {
            if (replayable && canRetry)
                return backoff();
            return { do: 'throw', kind: 'network', mayHaveArrived: true };
        }
        // Everything else was the server's word, read whole: a 500 to a post may have stored it.
        return { do: 'return' };
    }
    const { failure, sent } = outcome;
    const kind = failureKind(failure);
    if (failure === 'aborted')
        return { do: 'throw', kind, mayHaveArrived: sent };
    if (!sent) {
        // Provably never reached the server: safe to repeat for any request, unless repeating
        // cannot help (a name that does not exist, a certificate that is not trusted).
        if (BEFORE_SEND_FINAL.has(failure) || failure === 'other' || !canRetry) {
            return { do: 'throw', kind, mayHaveArrived: false };
        }
        return backoff();
    }
    // The answer was lost after the send: only a request that is harmless twice is sent again.
    if (replayable && canRetry && failure !== 'other')
        return backoff();
    return { do: 'throw', kind, mayHaveArrived: true };
}
function failureKind(failure) {
    switch (failure) {
        case 'connect-timeout':
        case 'read-timeout':
        case 'aborted':
            return 'timeout';
        case 'tls':
        case 'tls-untrusted':
            return 'tls';
        default:
            return 'network';
    }
}
/**
 * Milliseconds the server asked us to wait, or undefined when it said nothing. Read from
 * `X-RateLimit-Reset` by magnitude (Rocket.Chat sends epoch milliseconds, others epoch seconds or
 * seconds from now), then `Retry-After` (seconds or an HTTP date), then Rocket.Chat's error text.
 */
function serverWaitMs(headers, text, now = Date.now()) {
    const reset = resetTime(headers['x-ratelimit-reset'], now);
    if (reset !== undefined)
        return Math.max(0, reset - now);
    const retryAfter = headers['retry-after']?.trim();
    if (retryAfter) {
        if (/^\d+$/.test(retryAfter))
            return Number(retryAfter) * 1000;
        const date = Date.parse(retryAfter);
        if (Number.isFinite(date))
            return Math.max(0, date - now);
    }
    const said = /wait (\d+) seconds/.exec(text);
    return said ? Number(said[1]) * 1000 : undefined;
}
/** Epoch ms when a rate-limit window resets, from an `X-RateLimit-Reset` value of any common unit. */
function resetTime(value, now = Date.now()) {
    if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value))
        return undefined;
    const n = Number(value);
    if (n >= 1e11)
        return n; // epoch milliseconds (past 1973)
    if (n >= 1e8)
        return n * 1000; // epoch seconds (past 1973)
    return now + n * 1000; // seconds from now
}

;// CONCATENATED MODULE: ./src/rocketchat/transport.ts






/** The longest timeout a request gets, whatever it is given. */
const MAX_TIMEOUT_S = 600;
const DEFAULTS = { timeout: 10, retries: 2, userAgent: 'rocketchat-notify', backoffMs: 500 };
/**
 * Sends requests with timeouts that cover the whole answer, TLS options, proxies, retries that
 * never repeat a post the server may have stored (test/retry-policy.test.ts has the rules), and
 * waits that respect Rocket.Chat's rate-limit headers. One instance serves a run so connections
 * to the same server are reused.
 *
 * One HTTP stack, node:http(s), for every run, chosen over fetch-plus-undici: it tells a
 * connection that never opened from an answer that was lost (fetch cannot), proxies and TLS
 * options become a matter of how a socket is opened, and it starts faster and uses less memory:
 * `npm run bench` measures it, and docs/performance.md has the current figures.
 */
class Transport {
    #options;
    #agents = new Map();
    /** Per rate-limited route: when its window resets, once the server said none are left. */
    #exhausted = new Map();
    /** Throws a RocketChatError, once, when a proxy setting is not a URL. */
    constructor(options = {}) {
        (0,no_proxy/* checkProxySettings */.gT)(options.proxy);
        this.#options = { ...DEFAULTS, ...options };
    }
    async send(req, settings) {
        const route = routeKey(req.url);
        const replayable = req.replayable === true;
        let faultRetries = 0;
        let rateLimitRetries = 0;
        // Once one attempt may have reached the server, so may the request, whatever later ones say.
        let sentBefore = false;
        for (;;) {
            await this.#waitForWindow(route);
            const tried = await this.#attempt(req, settings, route);
            const decision = decide({
                replayable,
                outcome: tried.outcome,
                retries: settings.retry ?? this.#options.retries,
                faultRetries,
                rateLimitRetries,
                backoffMs: this.#options.backoffMs,
                jitter: Math.random()
            });
            // The policy returns only answers; a 'return' without one would be a bug, failed loudly below.
            if (decision.do === 'return' && tried.response) {
                return sentBefore ? { ...tried.response, earlierMayHaveArrived: true } : tried.response;
            }
            if (decision.do !== 'retry') {
                const mayHaveArrived = sentBefore || (decision.do === 'throw' && decision.mayHaveArrived);
                const notAgain = mayHaveArrived && !replayable;
                throw failed(tried, {
                    kind: decision.do === 'throw' ? decision.kind : 'network',
                    mayHaveArrived,
                    suffix: notAgain ? ' (not sent again: the server may have stored it)' : ''
                });
            }
            if (decision.spends === 'fault')
                faultRetries++;
            else
                rateLimitRetries++;
            sentBefore ||= maySendHaveArrived(tried.outcome);
            await this.#pause(decision.waitMs, () => failed(tried, {
                kind: whileWaiting(tried.outcome),
                mayHaveArrived: sentBefore,
                suffix: ' (gave up: the time allowed for sending ran out)'
            }));
        }
    }
    /** One attempt, as the retry policy sees it, with the answer when there was one. */
    async #attempt(req, settings, route) {
        try {
            const response = withJson(await this.#once(req, settings));
            this.#remember(route, response);
            const wait = serverWaitMs(response.headers, response.text);
            return {
                response,
                outcome: {
                    type: 'answer',
                    status: response.status,
                    rocketChat: isRocketChatBody(response.json),
                    ...(wait === undefined ? {} : { serverWaitMs: wait })
                }
            };
        }
        catch (error) {
            if (!(error instanceof AttemptFailure))
                throw error;
            return {
                failure: error,
                outcome: { type: 'failure', failure: error.failure, sent: error.sent }
            };
        }
    }
    /** Closes kept-alive connections and any still opening. */
    close() {
        for (const agent of this.#agents.values())
            agent.destroy();
        this.#agents.clear();
        return Promise.resolve();
    }
    #once(req, settings) {
        const url = new URL(req.url);
        const headers = {
            'user-agent': this.#options.userAgent,
            ...req.headers
        };
        let body;
        if (req.stream !== undefined) {
            body = req.stream;
            headers['content-type'] = req.stream.contentType;
        }
        else if (req.body !== undefined) {
            body = JSON.stringify(req.body);
            headers['content-type'] = 'application/json';
        }
        return exchange({
            method: req.method,
            url,
            headers,
            body,
            agent: this.#agent(url, settings),
            answerMs: this.#ms(settings.readTimeout),
            signal: this.#options.signal
        });
    }
    /** One keep-alive agent per protocol, TLS setting, connect timeout and proxy, built on first use. */
    #agent(url, settings) {
        const proxy = (0,no_proxy/* proxyFor */.iJ)(url, this.#options.proxy);
        const connectMs = this.#ms(settings.connectTimeout);
        const key = [url.protocol, settings.verify, connectMs, proxy?.href ?? ''].join('|');
        let agent = this.#agents.get(key);
        if (!agent) {
            const { caCert } = this.#options;
            agent = createAgent(url.protocol, {
                connectMs,
                rejectUnauthorized: settings.verify,
                ca: caCert === undefined ? undefined : trustedRoots(caCert),
                proxy
            });
            this.#agents.set(key, agent);
        }
        return agent;
    }
    /** A timeout in ms, bounded as the action's inputs are: Node's timers misfire past 2^31 ms. */
    #ms(seconds) {
        const chosen = seconds !== undefined && seconds > 0 ? seconds : this.#options.timeout;
        return Math.min(MAX_TIMEOUT_S, chosen > 0 ? chosen : DEFAULTS.timeout) * 1000;
    }
    #remember(route, response) {
        const remaining = response.headers['x-ratelimit-remaining'];
        const reset = resetTime(response.headers['x-ratelimit-reset']);
        if (remaining === '0' && reset !== undefined)
            this.#exhausted.set(route, reset);
        else if (remaining !== undefined)
            this.#exhausted.delete(route);
    }
    /** Waits out an exhausted rate-limit window instead of spending a request on a sure 429. */
    async #waitForWindow(route) {
        const reset = this.#exhausted.get(route);
        if (reset === undefined)
            return;
        const wait = Math.min(MAX_WAIT_MS, reset - Date.now());
        if (wait > 0) {
            await this.#pause(wait, () => new errors/* RocketChatError */.H8('rate limited: the time allowed for sending ran out waiting for the window', {
                kind: 'rate-limit'
            }));
        }
    }
    /** Sleeps, unless the caller's signal ends the wait: then throws what the wait was for. */
    async #pause(ms, giveUp) {
        const { signal } = this.#options;
        if (signal?.aborted)
            throw giveUp();
        try {
            await (0,promises_namespaceObject.setTimeout)(ms, undefined, signal ? { signal } : {});
        }
        catch {
            throw giveUp();
        }
    }
}
/** Rate limits are counted per endpoint (and per webhook URL), so waits are tracked the same way. */
function routeKey(url) {
    const { origin, pathname } = new URL(url);
    return origin + pathname;
}
/** Passing `ca` replaces Node's trust store, so the system roots are kept beside the caller's. */
function trustedRoots(caCert) {
    return [...process.getBuiltinModule('node:tls').rootCertificates, caCert];
}
/** The error for an attempt the policy gave up on; its message never holds the URL. */
function failed(tried, how) {
    const status = tried.response?.status ?? tried.failure?.status;
    const what = tried.failure
        ? tried.failure.message
        : tried.outcome.type === 'answer' && tried.outcome.rocketChat
            ? `HTTP ${status ?? 0} from the server`
            : notProcessed(status ?? 0)
                ? `HTTP ${status ?? 0} from a proxy, not Rocket.Chat: the request was not taken`
                : `HTTP ${status ?? 0} from a proxy, not Rocket.Chat: the server's answer was lost`;
    return new errors/* RocketChatError */.H8(what + how.suffix, {
        kind: how.kind,
        ...(status === undefined ? {} : { status }),
        mayHaveArrived: how.mayHaveArrived,
        cause: tried.failure
    });
}
/** What a wait cut short by the caller's signal was for. */
function whileWaiting(outcome) {
    if (outcome.type === 'failure')
        return failureKind(outcome.failure);
    return outcome.status === 429 ? 'rate-limit' : 'network';
}
/** Whether a retried attempt may have reached the server: a lost answer, or a proxy's 502/504 page. */
function maySendHaveArrived(outcome) {
    if (outcome.type === 'failure')
        return outcome.sent;
    return !notProcessed(outcome.status) && !outcome.rocketChat;
}
/**
 * Rocket.Chat answers JSON (`{success:false,...}`, `{status:'error',...}`, or a bare string on
 * 6.x). A gateway's own JSON (`{"status":503}`) is not one: the server behind it may have acted.
 */
function isRocketChatBody(json) {
    if (typeof json === 'string')
        return true;
    if (typeof json !== 'object' || json === null)
        return false;
    return 'success' in json || json.status === 'error';
}
function withJson(answer) {
    return { ...answer, json: parseJson(answer.text) };
}
function parseJson(text) {
    if (text.length === 0)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/rocketchat/webhook.ts



/**
 * Incoming-webhook mode: one POST per target to `/hooks/<id>/<token>`, always with the `channel`
 * key (room ids raw), or one POST without it for the hook's own channel. The server answers
 * `{success:true}` with no message, so webhook results carry no message id, and a post whose
 * answer was lost cannot be looked up: it is not sent again and is reported `unconfirmed`.
 */
async function sendWebhook(sender, destination, of, posts, message, limit) {
    // No target means the hook's own channel, unless every target written was invalid: then none.
    const own = destination.rejectedTargets.length === 0 ? [undefined] : [];
    const targets = destination.targets.length > 0 ? destination.targets : own;
    return Promise.all(targets.map(async (target) => ({
        ...of(target ? describeTarget(target) : '(webhook default)'),
        ...(await limit(() => webhook_postAll(sender, destination, target, posts, message)))
    })));
}
async function webhook_postAll(sender, destination, target, posts, message) {
    if (message.updateId !== undefined) {
        return {
            outcome: 'failed',
            kind: 'rejected',
            error: 'webhook mode cannot edit a message (the server returns no message id): use token or basic mode for update'
        };
    }
    const url = `${destination.baseUrl}/hooks/${destination.webhook ?? ''}`;
    for (const [index, post] of posts.entries()) {
        const body = target ? { ...post, channel: channelKey(target) } : post;
        let outcome;
        try {
            const answer = (0,rocketchat_answer/* readAnswer */.JN)(await sender.send({ method: 'POST', url, body }, destination));
            if (!answer.ok)
                outcome = refusedBy(answer);
        }
        catch (error) {
            outcome = mayHaveArrived(error)
                ? {
                    outcome: 'unconfirmed',
                    reason: `${failureWords(failedBy(error))}: the message may have arrived, so it was not sent again`
                }
                : failedBy(error);
        }
        if (outcome)
            return inPart(outcome, index, posts.length);
    }
    return { outcome: 'delivered' };
}
/** Webhooks take every target in `channel`: `#name`, `@user`, or a bare room id. */
function channelKey(target) {
    return target.kind === 'room' ? target.id : describeTarget(target);
}

;// CONCATENATED MODULE: ./src/rocketchat/deliver.ts








/** A deliver() with a Transport of its own and no signal ends by then: every wait has a bound. */
const DEFAULT_DEADLINE_MS = 180_000;
const DEFAULT_CONCURRENCY = 4;
/**
 * Posts one message to every target of every destination (URLs, or destinations already parsed)
 * and returns one result per target. A failure of a target is a result, never a throw; a URL
 * that cannot be parsed throws a RocketChatError whose message shows no secret.
 */
async function deliver(to, message, options = {}) {
    const destinations = typeof to === 'string' ? parseRocketUrls(to).map(parsed => parsed.destination) : to;
    const whole = { title: '', status: 'info', ...message };
    const { sender, transport, signal, deadlineMs } = options;
    if (sender)
        return deliverWith(sender, destinations, whole, options);
    const own = new Transport({
        ...transport,
        signal: signal ?? transport?.signal ?? AbortSignal.timeout(deadlineMs ?? DEFAULT_DEADLINE_MS)
    });
    try {
        return await deliverWith(own, destinations, whole, options);
    }
    finally {
        await own.close();
    }
}
/**
 * Sends one message to every target of every destination, concurrently within a small bound, and
 * returns one result per target: destinations in the order given, each target once. A failure
 * never stops the others; a target the URL could not name is a failed result, never sent.
 */
async function deliverWith(sender, destinations, message, options) {
    const limit = concurrencyLimit(options.concurrency ?? DEFAULT_CONCURRENCY);
    const hooks = {
        onSecret: options.hooks?.onSecret ?? (() => undefined),
        onWarning: options.hooks?.onWarning ?? (() => undefined)
    };
    const perDestination = await Promise.all(merged(destinations).map(async ({ destination, index }) => {
        const of = (target) => ({
            destination: index,
            url: destination.masked,
            mode: destination.mode,
            target
        });
        const posts = composePosts(destination, message, options.maxPosts ?? MAX_POSTS);
        if (message.threadKey !== undefined && destination.mode === 'webhook') {
            hooks.onWarning(`thread-key needs token or basic mode (a webhook cannot choose message ids): ${destination.masked} posts outside any thread`);
        }
        const files = options.files ?? [];
        if (destination.mode === 'webhook' && files.length > 0) {
            hooks.onWarning(`${destination.masked}: a webhook cannot upload files; the message goes without its ${files.length} file(s)`);
        }
        const sent = destination.mode === 'webhook'
            ? await sendWebhook(sender, destination, of, posts, message, limit)
            : await sendRest(sender, destination, of, posts, message, limit, hooks, files);
        const rejected = destination.rejectedTargets.map(({ target, reason }) => ({
            ...of(target),
            outcome: 'failed',
            kind: 'invalid-target',
            error: reason
        }));
        return [...sent, ...rejected].map(result => finished(result, destination, sender));
    }));
    return perDestination.flat();
}
/**
 * Last line of defence: whatever a server or library said, no secret of the URL leaves in its
 * words. A sender with a plan (a dry run) sent nothing, so what would have been sent is `planned`.
 */
function finished(result, destination, sender) {
    const safe = (text) => (0,errors/* redact */.E$)(text, destination.secrets);
    switch (result.outcome) {
        case 'failed':
            return { ...result, error: safe(result.error) };
        case 'unconfirmed':
            return sender.plan ? planned(result) : { ...result, reason: safe(result.reason) };
        case 'delivered':
        case 'updated':
            return sender.plan ? planned(result) : result;
        case 'planned':
            return result;
    }
}
function planned({ destination, url, mode, target, file }) {
    return { destination, url, mode, target, ...(file ? { file } : {}), outcome: 'planned' };
}
/**
 * One destination per identity, the first one's place and URL kept, targets joined without
 * repeats: a URL written twice, or two URLs that differ only in how they are written, post once
 * per target. A webhook's own channel (no target) stays apart from the same hook with targets.
 */
function merged(destinations) {
    const byIdentity = new Map();
    for (const [index, destination] of destinations.entries()) {
        const key = `${destination.identity}|${destination.targets.length === 0 ? 'own' : 'targets'}`;
        const seen = byIdentity.get(key);
        if (!seen) {
            byIdentity.set(key, { destination: distinctTargets(destination), index });
            continue;
        }
        seen.destination = distinctTargets({
            ...seen.destination,
            targets: [...seen.destination.targets, ...destination.targets],
            rejectedTargets: [...seen.destination.rejectedTargets, ...destination.rejectedTargets],
            secrets: [...new Set([...seen.destination.secrets, ...destination.secrets])]
        });
    }
    return [...byIdentity.values()];
}
function distinctTargets(destination) {
    const targets = new Map(destination.targets.map(target => [describeTarget(target), target]));
    const rejected = new Map(destination.rejectedTargets.map(r => [r.target, r]));
    return { ...destination, targets: [...targets.values()], rejectedTargets: [...rejected.values()] };
}

;// CONCATENATED MODULE: ./src/rocketchat/dry-run.ts

/**
 * A sender that sends nothing: it records each request, secrets masked, and answers as a
 * successful server would, so a dry run walks exactly the path a real run takes. Secrets are
 * masked by where they sit (the login password, the webhook path, the auth token), whatever
 * their length, and by value everywhere else.
 */
class DryRun {
    plan = [];
    #secrets;
    constructor(secrets) {
        this.#secrets = secrets;
    }
    send(req) {
        const headers = {};
        for (const [name, value] of Object.entries(req.headers ?? {})) {
            headers[name] = name === 'x-auth-token' ? '****' : this.#mask(value);
        }
        const url = new URL(req.url);
        // `/hooks/<id>/<token>`: both halves are secret, as the masked URL shows them.
        if (url.pathname.startsWith('/hooks/'))
            url.pathname = '/hooks/****/****';
        this.plan.push({
            method: req.method,
            url: this.#mask(url.href),
            headers,
            ...(req.body === undefined ? {} : { body: this.#maskValue(req.body) }),
            // An upload's bytes are never read: what would be sent is named and sized.
            ...(req.stream === undefined ? {} : { body: this.#maskValue(req.stream.summary ?? {}) })
        });
        return Promise.resolve(syntheticAnswer(url.pathname));
    }
    /** Holds nothing open. */
    close() {
        return Promise.resolve();
    }
    #mask(text) {
        return (0,errors/* redact */.E$)(text, this.#secrets);
    }
    /** Masks every string inside a body, so a secret is caught even where JSON would escape it. */
    #maskValue(value) {
        if (typeof value === 'string')
            return this.#mask(value);
        if (Array.isArray(value))
            return value.map(item => this.#maskValue(item));
        if (typeof value === 'object' && value !== null) {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [
                key,
                key === 'password' ? '****' : this.#maskValue(item)
            ]));
        }
        return value;
    }
}
function syntheticAnswer(path) {
    let json = { success: true };
    if (path.endsWith('/api/v1/login')) {
        json = { status: 'success', data: { userId: 'dry-run-user', authToken: 'dry-run-token' } };
    }
    else if (path.endsWith('/api/v1/chat.getMessage')) {
        json = { message: { rid: '(room of the message)' }, success: true };
    }
    else if (path.endsWith('/api/v1/rooms.info') || path.endsWith('/api/v1/im.create')) {
        json = { room: { _id: '(room of the target)' }, success: true };
    }
    else if (path.includes('/api/v1/rooms.media/')) {
        json = { file: { _id: '(file id)', url: '' }, success: true };
    }
    else if (path.includes('/api/v1/rooms.mediaConfirm/')) {
        json = { message: { _id: '(message of the file)' }, success: true };
    }
    return { status: 200, headers: {}, text: JSON.stringify(json), json };
}

;// CONCATENATED MODULE: ./src/rocketchat/index.ts
/**
 * The Rocket.Chat library's front door: what an outside program needs to post a message from
 * Apprise-style URLs, and nothing of how it is done. Everything a caller should not have to know
 * has a default: the transport (timeouts, retries, user agent), the hooks, the post cap.
 *
 *     const results = await deliver('rocket://user:pass@chat.example.com/#builds', { body: 'Done' })
 */









;// CONCATENATED MODULE: ./src/main.ts











const main_USER_AGENT = 'rocketchat-notify';
/** Every request and wait ends by then: a notifier must not hold a job hostage. */
const DEADLINE_MS = 180_000;
/** One run: inputs -> context -> message -> delivery -> report. */
async function run() {
    // Every secret known so far, login tokens included, grows as the run learns them.
    const secrets = [];
    const remember = (secret) => {
        setSecret(secret);
        secrets.push(secret);
    };
    try {
        // A password in a proxy URL or GITHUB_API_URL is masked before anything can print it.
        credentialsInEnvironment(process.env).forEach(remember);
        const settings = readSettings(core_namespaceObject);
        secrets.push(...settings.secrets);
        // A mistake in the workflow is an error, but the alert still goes; the step fails after it.
        const mistakes = [...settings.mistakes];
        for (const mistake of mistakes)
            error((0,errors/* redact */.E$)(mistake, secrets));
        const proxy = proxyFromEnvironment(process.env);
        // The status, what failed, where, and who should look: read from the run (on workflow_run,
        // the triggering one) only when the message needs it.
        const { input, context, unchanged, stepLogs } = await withRunDetails(settings, readRunnerContext(process.env));
        if (unchanged !== undefined) {
            await reportUnchanged(unchanged, settings.destinations);
            return;
        }
        const message = await composeNotification(input, context, {
            warn: warning => {
                core_warning(warning);
            },
            notice: notice => {
                core_notice(notice);
            },
            error: mistake => {
                error((0,errors/* redact */.E$)(mistake, secrets));
                mistakes.push(mistake);
            }
        });
        const sender = settings.dryRun
            ? new DryRun(secrets)
            : new Transport({
                timeout: settings.timeout,
                retries: settings.retries,
                signal: AbortSignal.timeout(DEADLINE_MS),
                userAgent: main_USER_AGENT,
                proxy,
                ...(settings.caCert ? { caCert: withExtraCaCerts(settings.caCert, process.env) } : {})
            });
        const hooks = {
            onSecret: remember,
            onWarning: (warning) => {
                core_warning(warning);
            }
        };
        // Files to send after the message, held open from the check to the upload, then the failing
        // steps' logs (attach-log); a bad one is a failed result of its own, never a reason to keep
        // the message back.
        const files = withLogFiles(await openFiles(settings.files, settings.maxFileSize, hooks.onWarning), stepLogs, settings.maxFileSize);
        try {
            const delivered = await deliver(settings.destinations, message, {
                sender,
                hooks,
                maxPosts: settings.maxPosts,
                files: files.toSend
            });
            const results = withFileProblems(delivered, files.problems);
            await report({
                results,
                destinations: settings.destinations,
                message,
                plan: sender.plan,
                failOnError: settings.failOnError,
                secrets
            });
            if (mistakes.length > 0 && settings.failOnError) {
                setFailed(`${mistakes.length} mistake(s) in the step's inputs, reported above; the message was not held back for them`);
            }
        }
        finally {
            files.close();
            await sender.close();
        }
    }
    catch (error) {
        // The runner masks what setSecret was told; this also covers a failure's own words.
        const why = (0,errors/* redact */.E$)((0,errors/* errorMessage */.gJ)(error), secrets);
        setFailed(why);
        // Outputs and the summary say why too, unless the results were reported already.
        await reportStopped(why, secrets);
    }
}


/***/ }),

/***/ 7794:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   JN: () => (/* binding */ readAnswer),
/* harmony export */   Pv: () => (/* binding */ storedMessage)
/* harmony export */ });
/**
 * Judges a Rocket.Chat answer: delivered only if the status is 2xx and the body is JSON that does
 * not say `success: false` (Apprise trusts the status alone). Rocket.Chat always answers JSON, so a
 * 2xx page of something else is a proxy or portal speaking, and the message did not arrive.
 * Failures carry the server's own words.
 */
function readAnswer(response) {
    const success = response.status >= 200 && response.status < 300;
    const { status } = response;
    if (success && !isObject(response.json)) {
        return {
            ok: false,
            error: `HTTP ${status} but not a Rocket.Chat answer: ${serverWords(response, {})}`,
            kind: 'rejected',
            status
        };
    }
    const body = isObject(response.json) ? response.json : {};
    if (success && body.success !== false)
        return { ok: true, body };
    const words = serverWords(response, body);
    return { ok: false, error: `HTTP ${status}: ${words}`, kind: kindOf(status, words), status };
}
/** The failure kind a refusal says, from its status and the server's words. */
function kindOf(status, words) {
    if (status === 401 || status === 403)
        return 'auth';
    if (status === 429)
        return 'rate-limit';
    if (status === 404 || words.includes('invalid-channel'))
        return 'not-found';
    if (status === 413 || words.includes('error-message-size-exceeded'))
        return 'too-large';
    return 'rejected';
}
function serverWords(response, body) {
    for (const key of ['error', 'message']) {
        const value = body[key];
        if (typeof value === 'string' && value.trim() !== '')
            return value.trim();
    }
    // Proxies and some Rocket.Chat routes answer in text or HTML: keep a short, tag-free excerpt.
    const text = response.text
        .replace(/<[^<>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    if (text === '')
        return httpPhrase(response.status);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
function httpPhrase(status) {
    const phrases = {
        400: 'Bad Request',
        401: 'Unauthorized',
        403: 'Forbidden',
        404: 'Not Found',
        429: 'Too Many Requests',
        500: 'Internal Server Error',
        502: 'Bad Gateway',
        503: 'Service Unavailable',
        504: 'Gateway Timeout'
    };
    return phrases[status] ?? 'unexpected answer';
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** A message as `chat.getMessage` answers it: where it is, who wrote it and its text, untrusted. */
function storedMessage(body) {
    const message = isObject(body.message) ? body.message : {};
    const author = isObject(message.u) ? message.u._id : undefined;
    return {
        roomId: typeof message.rid === 'string' ? message.rid : undefined,
        authorId: typeof author === 'string' ? author : undefined,
        text: typeof message.msg === 'string' ? message.msg : ''
    };
}


/***/ }),

/***/ 1315:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   H8: () => (/* binding */ RocketChatError),
/* harmony export */   gJ: () => (/* binding */ errorMessage)
/* harmony export */ });
/** The one error type of the library. Its message is always safe to show: no secret is ever put in it. */
class RocketChatError extends Error {
    name = 'RocketChatError';
    kind;
    status;
    mayHaveArrived;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.kind = options.kind ?? 'rejected';
        this.status = options.status;
        this.mayHaveArrived = options.mayHaveArrived ?? false;
    }
}
/** Replaces every occurrence of each secret in `text` with `****`, longest first so no fragment survives. */
function redact(text, secrets) {
    let out = text;
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        if (secret.length > 0)
            out = out.split(secret).join('****');
    }
    return out;
}
/** The words of anything thrown: an Error's message, or the value itself. */
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 2016:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   gT: () => (/* binding */ checkProxySettings),
/* harmony export */   iJ: () => (/* binding */ proxyFor)
/* harmony export */ });
/* unused harmony export bypassed */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1315);
/**
 * Which proxy a request takes: the one rule for every request of a run (posts, room look-ups, and
 * the action's GitHub API calls, which ask this module too). `NO_PROXY` is read as curl and Go read
 * it, the de-facto semantics no single package covers (undici and Node's own support have no CIDR,
 * proxy-from-env neither, and both match `0.0.1` against `127.0.0.1`):
 *
 * - `*`: nothing goes through the proxy;
 * - `example.com`, `.example.com`, `*.example.com`: that name and every name under it;
 * - `host:port`, `[v6]:port`: only on that port (the scheme's default when the URL gives none);
 * - `10.1.2.3`, `::1`, `[::1]`: that address, compared as an address (`0:0::1` is `::1`);
 * - `10.0.0.0/8`, `fd00::/8`: every address in the block.
 *
 * Names are never resolved: an address entry matches a URL that names the address, as in curl.
 * Addresses are compared by node:net's BlockList, Node's own address and subnet matcher.
 */


/**
 * The proxy a request to `url` goes through, or undefined for a direct connection. As curl and
 * undici do, https falls back to the http proxy when it has none of its own.
 */
function proxyFor(url, settings) {
    if (!settings)
        return undefined;
    const https = url.protocol === 'https:';
    const raw = (https ? settings.httpsProxy || settings.httpProxy : settings.httpProxy)?.trim();
    if (!raw || bypassed(url, settings.noProxy))
        return undefined;
    return proxyUrl(raw, https ? 'https' : 'http');
}
/**
 * Throws one clear error when a proxy setting is not a URL, so a run fails once, before sending,
 * instead of every target failing alike. The value is never echoed: it may hold a password.
 */
function checkProxySettings(settings) {
    if (settings?.httpProxy?.trim())
        proxyUrl(settings.httpProxy.trim(), 'http');
    if (settings?.httpsProxy?.trim())
        proxyUrl(settings.httpsProxy.trim(), 'https');
}
function proxyUrl(raw, scheme) {
    let url;
    try {
        url = new URL(raw.includes('://') ? raw : `http://${raw}`);
    }
    catch {
        url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RocketChatError */ .H8(`the ${scheme} proxy setting (${scheme}_proxy) is not an http:// or https:// URL with a host`, { kind: 'rejected' });
    }
    return url;
}
/** Whether `noProxy` sends `url` straight to its host. */
function bypassed(url, noProxy) {
    if (!noProxy)
        return false;
    const host = url.hostname
        .toLowerCase()
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, '');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const family = ipFamily(host);
    for (const raw of noProxy.toLowerCase().split(/[\s,]+/)) {
        if (raw === '')
            continue;
        if (raw === '*')
            return true;
        const { name, entryPort } = splitPort(raw);
        if (entryPort !== undefined && entryPort !== port)
            continue;
        const slash = name.indexOf('/');
        if (slash >= 0) {
            if (family && inBlock(host, family, name.slice(0, slash), name.slice(slash + 1)))
                return true;
            continue;
        }
        const entryFamily = ipFamily(name);
        if (entryFamily || family) {
            // An address matches only the same address: never a suffix of one.
            if (family && entryFamily === family && sameAddress(host, name, family))
                return true;
            continue;
        }
        const domain = name.replace(/^\*?\./, '').replace(/\.$/, '');
        if (domain !== '' && (host === domain || host.endsWith(`.${domain}`)))
            return true;
    }
    return false;
}
/** `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address (which has no port). */
function splitPort(entry) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed)
        return { name: bracketed[1] ?? '', entryPort: bracketed[2] };
    const parts = entry.split(':');
    if (parts.length === 2 && /^\d+$/.test(parts[1] ?? '')) {
        return { name: parts[0] ?? '', entryPort: parts[1] };
    }
    return { name: entry, entryPort: undefined };
}
function ipFamily(host) {
    const version = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host);
    return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}
function sameAddress(host, entry, family) {
    const list = new node_net__WEBPACK_IMPORTED_MODULE_0__.BlockList();
    list.addAddress(entry, family);
    return list.check(host, family);
}
function inBlock(host, family, network, bits) {
    const prefix = Number(bits);
    if (ipFamily(network) !== family || !/^\d+$/.test(bits))
        return false;
    if (prefix > (family === 'ipv4' ? 32 : 128))
        return false;
    const list = new node_net__WEBPACK_IMPORTED_MODULE_0__.BlockList();
    list.addSubnet(network, prefix, family);
    return list.check(host, family);
}


/***/ }),

/***/ 7997:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DI: () => (/* binding */ isFailing),
/* harmony export */   Dc: () => (/* binding */ runDurationSeconds),
/* harmony export */   Ix: () => (/* binding */ isFailed),
/* harmony export */   P7: () => (/* binding */ jobDurationSeconds),
/* harmony export */   YP: () => (/* binding */ deriveStatus),
/* harmony export */   cf: () => (/* binding */ stepDurationSeconds),
/* harmony export */   fx: () => (/* binding */ statusOfConclusion)
/* harmony export */ });
const FAILED = ['failure', 'timed_out'];
function isFailed(job) {
    return FAILED.includes(job.result);
}
/**
 * Failed, or still running past a failed step: the job that sends its own failure alert (a step
 * with `if: failure()`) is in progress, and only its steps say it failed.
 */
function isFailing(job) {
    return job.completed ? isFailed(job) : job.failedStep !== undefined;
}
/**
 * `status: auto`: a failed or timed-out job makes the run a failure; otherwise a cancelled job makes
 * it cancelled; otherwise it succeeded. Jobs still running (this one) have no say.
 */
function deriveStatus(jobs) {
    const done = jobs.filter(job => job.completed);
    if (done.some(isFailed))
        return 'failure';
    if (done.some(job => job.result === 'cancelled'))
        return 'cancelled';
    return 'success';
}
/**
 * The status a finished workflow run's conclusion gives (`github.event.workflow_run.conclusion`, or
 * a past run's): timed out and a run that could not start are failures; skipped, neutral, stale or
 * waiting runs give no verdict.
 */
function statusOfConclusion(conclusion) {
    if (conclusion === 'success')
        return 'success';
    if (conclusion === 'failure' || conclusion === 'timed_out' || conclusion === 'startup_failure') {
        return 'failure';
    }
    if (conclusion === 'cancelled')
        return 'cancelled';
    return undefined;
}
/** Wall time from the first job's start to the last one's end (or now, for jobs still running). */
function runDurationSeconds(jobs, now = Date.now()) {
    const starts = jobs.map(job => time(job.startedAt)).filter(t => t !== undefined);
    if (starts.length === 0)
        return undefined;
    const ends = jobs.map(job => (job.completed ? time(job.completedAt) : now) ?? now);
    return Math.max(0, Math.round((Math.max(...ends) - Math.min(...starts)) / 1000));
}
function jobDurationSeconds(job, now = Date.now()) {
    const start = time(job.startedAt);
    if (start === undefined)
        return undefined;
    const end = job.completed ? (time(job.completedAt) ?? now) : now;
    return Math.max(0, Math.round((end - start) / 1000));
}
/** A finished step's own time, when GitHub gave when it started and ended. */
function stepDurationSeconds(step) {
    const start = time(step.startedAt);
    const end = time(step.completedAt);
    return start === undefined || end === undefined
        ? undefined
        : Math.max(0, Math.round((end - start) / 1000));
}
function time(iso) {
    if (iso === undefined)
        return undefined;
    const t = Date.parse(iso);
    return Number.isNaN(t) ? undefined : t;
}


/***/ }),

/***/ 4442:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   MN: () => (/* binding */ issueLink),
/* harmony export */   Rj: () => (/* binding */ githubLinks),
/* harmony export */   Sb: () => (/* binding */ profileLink),
/* harmony export */   UJ: () => (/* binding */ inertText),
/* harmony export */   fE: () => (/* binding */ defuseRoomMentions),
/* harmony export */   z5: () => (/* binding */ ZWSP)
/* harmony export */ });
/**
 * Text from the event (a pull request title, a commit message) made inert for Rocket.Chat: it reads
 * the same, but nothing in it acts. The rules follow what Rocket.Chat's message parser does
 * (`@rocket.chat/message-parser`, the judge in test/inert.test.ts), not what markdown usually does:
 * - a backslash stops `*`, `_`, `~` and a backtick, but not `[`, `>`, `|` or `@`;
 * - a zero-width space breaks `[label](url)` (a zero-width space between `]` and `(`), a mention (`@all`, `#room`), a spoiler
 *   and a block marker at the start of a line (`# heading`), but not bold, and not `<url|label>`,
 *   where the parser takes it for part of the address: there the bar becomes a look-alike `∣`;
 * - the parser stretches a URL over whatever follows it up to a space, a backslash or a link
 *   included, so links are made only at the start of a run of text.
 */
/** The links of the run's own server and repository. */
function githubLinks(context) {
    return { serverUrl: context.github.server_url, repository: context.github.repository };
}
const ZWSP = '\u200B';
/** GitHub's login rule: letters, digits and single inner hyphens, at most 39 characters. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?![A-Za-z0-9_])/;
/** Rocket.Chat's room-wide mentions: they ping everyone, so they are never made a link. */
const MASS_MENTION = /^(?:all|here|channel)(?![\p{L}\p{N}_-])/iu;
const EMAIL_DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?=$|[\s,;:!?)])/;
const ISSUE_NUMBER = /^[0-9]+(?![\p{L}\p{N}_-])/u;
/** A URL of ordinary characters up to the next space: the parser links it by itself. */
const PLAIN_URL = /^(?:[a-z][a-z0-9+.-]{0,31}:\/\/|www\.)[A-Za-z0-9\-._~:/?#%&=+,;!$'()]*(?=\s|$)/i;
/** Characters that may act somewhere in a value, and block markers the parser reads on a line. */
const ACTIVE = /[*_~`\\@#\]<|]/;
const ACTIVE_LINE = /(?:^|[\n\r])(?:>|[-+][ \t]|[0-9]+[.)][ \t]|---)/;
/** Block markers the parser reads at the start of a line. */
const BLOCK_START = /^(?:#|>|[-*+][ \t]|[0-9]+[.)][ \t]|```|---|___|\*\*\*)/;
const NEW_RUN = { fresh: true, identifier: true, angle: false, localPart: true };
/** After a link this function made, or an address: nothing in the run is fresh any more. */
const AFTER_LINK = { fresh: false, identifier: false, angle: false, localPart: false };
/**
 * One value as it should read in a message: every mention defused (`@login` becomes a link to the
 * GitHub profile that reads `@login`; `@all`, `@here` and `@channel` plain text), no link whose
 * label hides its URL, no bold, italic, strike, code or spoiler, no heading, quote or list.
 * Bare URLs stay links: their label is their address. Without `links` (text inside a link label)
 * no link is made. Linear in the length of the value.
 */
function inertText(value, links) {
    // Most values (a branch, a login, a job name) hold nothing that acts: as they are, at once.
    if (!ACTIVE.test(value) && !ACTIVE_LINE.test(value))
        return value;
    let out = '';
    let run = NEW_RUN;
    for (let i = 0; i < value.length; i++) {
        const c = value.charAt(i);
        const rest = value.slice(i + 1);
        if (/\s/.test(c)) {
            out += c;
            run = NEW_RUN;
            continue;
        }
        if ((i === 0 || /[\n\r]/.test(value.charAt(i - 1))) && BLOCK_START.test(value.slice(i))) {
            out += ZWSP;
        }
        const url = run.fresh ? PLAIN_URL.exec(value.slice(i))?.[0] : undefined;
        if (url) {
            // The parser links it whole, label and address the same; an escape in it would show.
            out += url;
            i += url.length - 1;
            run = AFTER_LINK;
            continue;
        }
        const linked = c === '@' || c === '#' ? reference(c, rest, run, links) : undefined;
        if (linked) {
            out += linked.text;
            i += linked.consumed;
            run = AFTER_LINK;
            continue;
        }
        const written = inertChar(c, rest, run);
        out += written;
        run = {
            fresh: run.fresh && /[(["']/.test(c),
            identifier: run.fresh ? /[A-Za-z0-9]/.test(c) : run.identifier && /[A-Za-z0-9_.-]/.test(c),
            angle: run.angle || c === '<',
            // An escaped character (`x\_`) ends the address the parser would see: `@` then starts one.
            localPart: run.fresh
                ? /[A-Za-z0-9]/.test(c)
                : run.localPart && written === c && /[A-Za-z0-9._%+-]/.test(c)
        };
    }
    return out;
}
/** `@login`, `#12` or an e-mail address at an `@` or `#`: the text to write and what it used up. */
function reference(c, rest, run, links) {
    if (c === '@') {
        const domain = run.localPart && !run.fresh ? EMAIL_DOMAIN.exec(rest)?.[0] : undefined;
        if (domain)
            return { text: c + domain, consumed: domain.length };
        const login = run.fresh && !MASS_MENTION.test(rest) ? LOGIN.exec(rest)?.[0] : undefined;
        if (links && login)
            return { text: profileLink(login, links), consumed: login.length };
    }
    else if (links?.repository && run.fresh) {
        const number = ISSUE_NUMBER.exec(rest)?.[0];
        if (number)
            return { text: issueLink(number, links), consumed: number.length };
    }
    return undefined;
}
/** One character that starts nothing the parser links. */
function inertChar(c, rest, run) {
    switch (c) {
        case '*':
        case '`':
        case '~':
            return `\\${c}`;
        case '_':
            // Inside a plain identifier (snake_case after a space) it opens nothing; elsewhere it may.
            return run.identifier && !run.fresh && /^[A-Za-z0-9]/.test(rest) ? c : `\\${c}`;
        case '\\':
            // A backslash the parser would take as an escape (`\.`) or as KaTeX (`\(`) stays visible.
            return /^[#.([]/.test(rest) ? `\\${ZWSP}` : c;
        case '@':
        case '#':
            // At the end too: the template may go on with a name (`{{ x }}all`).
            return /^\s/.test(rest) ? c : c + ZWSP;
        case ']':
            return rest.startsWith('(') ? `]${ZWSP}` : c;
        case '<':
            // Breaks a timestamp (`<t:1700000000:R>`).
            return /^\S/.test(rest) ? `<${ZWSP}` : c;
        case '|':
            // No invisible character breaks `<url|label>` (the parser reads one as part of the URL), so
            // that bar is written as the look-alike `∣`; a zero-width space breaks `||spoiler||`.
            if (run.angle)
                return '\u2223';
            return /^\S/.test(rest) ? `|${ZWSP}` : c;
        default:
            return c;
    }
}
/**
 * Text Rocket.Chat shows as it is (an attachment title, a display name, a URL): only `@all`,
 * `@here` and `@channel` need defusing there. The cheap test first: the Unicode one costs a
 * compile of about half a millisecond, which a plain send should not pay.
 */
function defuseRoomMentions(text) {
    if (!/@(?:all|here|channel)/i.test(text))
        return text;
    return text.replace(/@(all|here|channel)(?![\p{L}\p{N}_-])/giu, `@${ZWSP}$1`);
}
/**
 * `@login` as a link to the GitHub profile. The `<url|label>` form: its label is plain text (never
 * a mention), and a stray `[` earlier in the value cannot stretch over it as it can over `[label](url)`.
 */
function profileLink(login, links) {
    return `<${links.serverUrl}/${login}|@${login}>`;
}
/** `#12` as GitHub shows it, linked; GitHub sends an issue URL of a pull request on to it. */
function issueLink(number, links) {
    return `<${links.serverUrl}/${links.repository}/issues/${number}|#${number}>`;
}


/***/ }),

/***/ 4267:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ RUN_DETAILS_CONTEXT)
/* harmony export */ });
/** The template context's name: not one of GitHub's (github, env, vars, job, jobs, steps, ...). */
const RUN_DETAILS_CONTEXT = 'run_details';


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 3339:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
