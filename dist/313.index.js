export const id = 313;
export const ids = [313];
export const modules = {

/***/ 1313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubToRocketChat: () => (/* binding */ githubToRocketChat)
/* harmony export */ });
/* unused harmony export DEFAULT_LIMIT */
/* harmony import */ var _inert_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4442);
/**
 * GitHub markdown (release notes, pull request and issue bodies, commit messages) as Rocket.Chat
 * shows it. Loaded only by runs that convert (the `markdown()` template function, a release's
 * default message): what each construct becomes was checked against Rocket.Chat's message parser
 * (test/markdown.test.ts). Linear in the text, whatever it holds: each pattern is anchored or
 * sticky, or stops at a character it cannot cross (test/linear.test.ts); docs/performance.md says
 * why this is not a markdown parser.
 */

/** Room for a release's notes in one message, which Rocket.Chat caps at 5000 characters. */
const DEFAULT_LIMIT = 3000;
function githubToRocketChat(text, options) {
    const repo = `${escapeRegExp(options.links.serverUrl)}/([^/\\s]+/[^/\\s]+)/`;
    const links = {
        ...options.links,
        issueUrl: new RegExp(`^${repo}(?:pull|issues)/(\\d+)(?:[/#?].*)?$`),
        compareUrl: new RegExp(`^${repo}compare/([^\\s?#]+)$`)
    };
    const blocks = splitCode(text.replace(/\r\n?/g, '\n').replace(MARKS, ''));
    const converted = [];
    for (const block of blocks) {
        if (block.code)
            converted.push(block.lines.join('\n'));
        else
            converted.push(...convertProse(block.lines.join('\n'), links));
    }
    const parts = converted.map(part => part.trim()).filter(part => part !== '');
    return cut(parts, options.limit ?? DEFAULT_LIMIT, options.fullText);
}
/** Fenced code blocks (``` or ~~~) apart from the rest; their lines are kept, made inert. */
function splitCode(text) {
    const blocks = [];
    let prose = [];
    let fence;
    for (const line of text.split('\n')) {
        if (fence) {
            if (line.trim().startsWith(fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
                blocks.push({ code: true, lines: codeBlock(fence.lines[0] ?? '', fence.lines.slice(1)) });
                fence = undefined;
            }
            else
                fence.lines.push(line);
            continue;
        }
        const open = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
        if (open?.[1]) {
            blocks.push({ code: false, lines: prose });
            prose = [];
            fence = { marker: open[1], lines: [open[2] ?? ''] };
        }
        else
            prose.push(line);
    }
    if (fence) {
        blocks.push({ code: true, lines: codeBlock(fence.lines[0] ?? '', fence.lines.slice(1)) });
    }
    blocks.push({ code: false, lines: prose });
    return blocks.filter(block => block.lines.length > 0);
}
/** A Rocket.Chat code block: the info string's first word, as far as Rocket.Chat takes it. */
function codeBlock(info, lines) {
    // Rocket.Chat fences are backticks; a ``` inside the code would end the block early.
    const body = lines.map(line => inertCode(line.replace(/```/g, `\`${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}\`\``)));
    return ['```' + info.replace(/[^A-Za-z0-9_.-]/g, ''), ...body, '```'];
}
/**
 * Code as Rocket.Chat's server reads it: it finds the mentions to notify with a regex over the raw
 * text, code included (`@name` at the start of a line or after a space or `>`, and `#room` alike;
 * test/support/parser.ts has it). A zero-width space after the `@` or `#` stops it, unseen.
 */
function inertCode(code) {
    return code.replace(/(^|[\s>])([@#])(?=[\w.-])/g, `$1$2${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}`);
}
/** Prose without code blocks -> Rocket.Chat lines, grouped into blocks at blank lines. */
function convertProse(text, links) {
    const lines = unmarkCode(decodeEntities(html(markCode(text)))).split('\n');
    const out = [];
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        const next = lines[i + 1] ?? '';
        // Setext headings: a line underlined with === or ---.
        if (line.trim() !== '' && /^ {0,3}(=+|-+)\s*$/.test(next) && !/^\s*[-*+>]/.test(line)) {
            out.push(`${next.trim().startsWith('=') ? '#' : '##'} ${inline(line.trim(), links)}`);
            i++;
            continue;
        }
        out.push(convertLine(line, links));
    }
    return out
        .join('\n')
        .split(/\n{2,}/)
        .map(block => block.replace(/\n+$/, ''));
}
/**
 * A code span's `<` and `&` as marks while HTML and entities are converted around it: GitHub shows
 * `` `<details>` `` and `` `&lt;T&gt;` `` as written, and a `<details>` read as HTML there would
 * break the line. Spans are found per line, as inline() finds them.
 */
function markCode(text) {
    if (!text.includes('`'))
        return text;
    return text
        .split('\n')
        .map(line => {
        const spans = new CodeSpans(line);
        let out = '';
        let plain = 0;
        for (let i = line.indexOf('`'); i >= 0; i = line.indexOf('`', i)) {
            const span = spans.at(i);
            if (span.end < 0) {
                i += span.length;
                continue;
            }
            out +=
                line.slice(plain, i) +
                    line.slice(i, span.end).replace(/</g, CODE_LT).replace(/&/g, CODE_AMP);
            plain = i = span.end;
        }
        return out + line.slice(plain);
    })
        .join('\n');
}
function unmarkCode(text) {
    return text.replace(/\uE005/g, '<').replace(/\uE006/g, '&');
}
/** `<tag attributes>` or `</tag>` at a `<`, without a `<` or `>` inside. */
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*?)?\/?>/y;
/**
 * The HTML GitHub shows, as markdown: `<details>` opens, its `<summary>` is bold, `<img>` and
 * `<a href>` are links, `<b>`, `<i>`, `<code>` their markdown; comments and other tags are dropped.
 * One pass; the text between a `<summary>` or `<a>` and its end tag is converted once, on its own.
 */
function html(text) {
    const closing = new EndTags(text);
    let out = '';
    let plain = 0;
    let i = text.indexOf('<');
    while (i >= 0) {
        out += text.slice(plain, i);
        plain = i + 1;
        if (text.startsWith('<!--', i)) {
            const end = text.indexOf('-->', i + 4);
            plain = end < 0 ? text.length : end + 3;
        }
        else {
            TAG.lastIndex = i;
            const tag = TAG.exec(text);
            if (tag) {
                plain = TAG.lastIndex;
                const [, slash, name = '', attributes] = tag;
                const element = name.toLowerCase();
                const end = slash || !ELEMENTS_WITH_TEXT.has(element) ? -1 : closing.after(element, plain);
                if (end >= 0) {
                    const inner = html(text.slice(plain, end)).trim();
                    out += element === 'summary' ? `\n**${inner}**\n` : anchor(attributes ?? '', inner);
                    plain = closing.lastEnd;
                }
                else
                    out += markdownOf(element, slash === '/', attributes);
            }
            else
                out += '<';
        }
        i = text.indexOf('<', plain);
    }
    return out + text.slice(plain);
}
/** Elements whose text becomes something else: a bold line, a link's label. */
const ELEMENTS_WITH_TEXT = new Set(['summary', 'a']);
/** Where each `</summary>` and `</a>` is, found once: a run of unclosed tags costs no rescan. */
class EndTags {
    text;
    lastEnd = 0;
    found = new Map();
    constructor(text) {
        this.text = text;
    }
    /** The start of the first end tag of `element` at or after `from`, or -1. */
    after(element, from) {
        let next = this.found.get(element);
        if (!next || (next.at >= 0 && next.at < from)) {
            const pattern = new RegExp(`</${element}\\s*>`, 'gi');
            pattern.lastIndex = from;
            const match = pattern.exec(this.text);
            next = match ? { at: match.index, end: pattern.lastIndex } : { at: -1, end: -1 };
            this.found.set(element, next);
        }
        this.lastEnd = next.end;
        return next.at;
    }
}
function markdownOf(element, closing, attributes) {
    switch (element) {
        case 'details':
        case 'summary':
        case 'br':
            return '\n';
        case 'img':
            return closing ? '' : image(attributes ?? '');
    }
    // Attributes do not matter: `<b class="x">` opens what `</b>` closes.
    if (element === 'b' || element === 'strong')
        return '**';
    if (element === 'i' || element === 'em')
        return '_';
    if (element === 'code' || element === 'kbd')
        return '`';
    return '';
}
function decodeEntities(text) {
    return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name) => ENTITIES[name] ?? '');
}
const ENTITIES = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    '#39': "'",
    nbsp: ' '
};
/** `<img src alt>` as a link that reads as its alt text. */
function image(attributes) {
    const src = /\bsrc="([^"]+)"/i.exec(attributes)?.[1];
    if (!src)
        return '';
    const alt = /\balt="([^"]*)"/i.exec(attributes)?.[1]?.trim();
    return `[${(alt || 'image').replace(/[[\]]/g, '')}](${src})`;
}
/** `<a href>text</a>` as a markdown link, which inline conversion then checks like any other. */
function anchor(attributes, text) {
    const href = /\bhref="([^"]*)"/i.exec(attributes)?.[1];
    const label = text.replace(/[[\]]/g, '').replace(/\s+/g, ' ');
    return href ? `[${label}](${href})` : label;
}
function convertLine(line, links) {
    const heading = atxHeading(line);
    if (heading) {
        // Rocket.Chat has four heading levels.
        return `${'#'.repeat(Math.min(heading.level, 4))} ${inline(heading.text, links)}`;
    }
    if (/^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line))
        return '---';
    const quote = /^ {0,3}>\s?/.exec(line);
    if (quote) {
        const text = line.slice(quote[0].length);
        const alert = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/i.exec(text);
        const title = alert?.[1];
        return title
            ? `> *${title.charAt(0)}${title.slice(1).toLowerCase()}*`
            : `> ${inline(text, links)}`;
    }
    const item = /^(\s*)(?:[-*+]|(\d+)[.)])\s+/.exec(line);
    if (item) {
        const depth = Math.floor((item[1] ?? '').replace(/\t/g, '  ').length / 2);
        const number = item[2];
        const text = line.slice(item[0].length);
        const task = /^\[([ xX])\]\s+/.exec(text);
        const content = inline(task ? text.slice(task[0].length) : text, links);
        // Rocket.Chat does not nest lists: a nested item is a top-level one with a marker.
        const nested = depth === 0 ? '' : depth === 1 ? '\u25e6 ' : '\u25aa ';
        if (task)
            return `- [${task[1] === ' ' ? ' ' : 'x'}] ${nested}${content}`;
        if (number !== undefined && depth === 0)
            return `${number}. ${content}`;
        return `- ${nested}${number !== undefined ? `${number}. ` : ''}${content}`;
    }
    return inline(line.trim(), links);
}
/** `## Title ##`: its level and its text, without the closing `#`s. */
function atxHeading(line) {
    const open = /^ {0,3}(#{1,6})\s+/.exec(line);
    if (!open)
        return undefined;
    let text = line.slice(open[0].length).trimEnd();
    let end = text.length;
    while (end > 0 && text.charAt(end - 1) === '#')
        end--;
    if (end < text.length && (end === 0 || /\s/.test(text.charAt(end - 1)))) {
        text = text.slice(0, end).trimEnd();
    }
    return { level: open[1]?.length ?? 1, text };
}
/** What a link's address may hold: no space, and parentheses only in balanced pairs. */
const SRC = String.raw `[^\s()[\]<>|]*(?:\([^\s()[\]<>|]*\)[^\s()[\]<>|]*)*`;
/** `[label](src)` or `![alt](src)` at a `[` or `!`. */
const LINK = new RegExp(String.raw `(!?)\[([^[\]\n]*)\]\((${SRC})\)`, 'y');
/** `<https://\u2026>`, or Rocket.Chat's own `<https://\u2026|label>`, at a `<`. */
const ANGLE_LINK = /<(https?:\/\/[^\s<>|]+)(?:\|([^<>[\]\n]*))?>/y;
/** A bare URL at an `h`, without the punctuation that ends a sentence or opens emphasis. */
const BARE_URL = /https?:\/\/[^\s<>()[\]|*~`]*[^\s<>()[\].,;:!?'"|*~`@]/iy;
/** Characters this module uses as marks while it works, never kept from the text. */
const MARKS = /[\uE002\uE004-\uE006]/g;
/** A `<` of the text, until it is known whether it could open Rocket.Chat's `<url|label>`. */
const TEXT_ANGLE = '\uE004';
/** A code span's `<` and `&` while the HTML around it is converted (markCode). */
const CODE_LT = '\uE005';
const CODE_AMP = '\uE006';
/**
 * The text's `<` on a line that has a `|` after it: Rocket.Chat would read `<anything|label>` as a
 * link that hides its address, and no invisible character breaks that, so it becomes the
 * look-alike `\u2039`. Elsewhere (`Vec<T>`) it stays.
 */
function settleAngles(line) {
    if (!line.includes(TEXT_ANGLE))
        return line;
    const lastBar = line.lastIndexOf('|');
    return line.replace(/\uE004/g, (_, at) => (at < lastBar ? '\u2039' : '<'));
}
/** Emphasis as Rocket.Chat reads it, mentions defused, references linked as GitHub shows them. */
function inline(text, links) {
    const code = new CodeSpans(text);
    let out = '';
    let plain = 0;
    let i = 0;
    while (i < text.length) {
        const c = text.charAt(i);
        let token;
        if (c === '`') {
            const span = code.at(i);
            if (span.end < 0) {
                // Backticks that close nothing are text.
                i += span.length;
                continue;
            }
            // Where Rocket.Chat does not take it for code, a link in it must not work either.
            // Nor a mention: here the parser may not see code (after a run of backticks left open).
            const literal = inertCode(text.slice(i, span.end))
                .replace(/\]\(/g, `]${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}(`)
                .replace(/@(?=[\w.-])/g, `@${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}`);
            token = { text: literal, end: span.end };
        }
        else if (c === '[' || (c === '!' && text.charAt(i + 1) === '[')) {
            token = readLink(text, i, links);
        }
        else if (c === '<') {
            token = angleLink(text, i, links);
        }
        else if (c === 'h' || c === 'H') {
            const url = bareUrl(text, i);
            if (url)
                token = { text: reference(url, links), end: i + url.length };
        }
        if (token) {
            out += prose(text.slice(plain, i), links) + token.text;
            i = plain = token.end;
        }
        else
            i++;
    }
    return settleAngles(out + prose(text.slice(plain), links));
}
/**
 * A bare URL at `at`. It ends before a `_` glued to an `@` (`__https://x.io__@here`): there
 * Rocket.Chat reads emphasis and a mention, not one link.
 */
function bareUrl(text, at) {
    BARE_URL.lastIndex = at;
    let url = BARE_URL.exec(text)?.[0];
    const glued = url?.indexOf('_@') ?? -1;
    if (url === undefined || glued < 0)
        return url;
    let end = glued;
    while (end > 0 && url.charAt(end - 1) === '_')
        end--;
    while (end > 0 && /[.,;:!?'"]/.test(url.charAt(end - 1)))
        end--;
    url = url.slice(0, end);
    return /^https?:\/\/./i.test(url) ? url : undefined;
}
/**
 * Code spans: a run of backticks up to the next run of the same length. Each length's runs are
 * listed once and walked forward, so a long run of backticks is not searched again at every one.
 */
class CodeSpans {
    text;
    runs = new Map();
    next = new Map();
    constructor(text) {
        this.text = text;
        for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i)) {
            const length = this.runLength(i);
            const starts = this.runs.get(length) ?? [];
            starts.push(i);
            this.runs.set(length, starts);
            i += length;
        }
    }
    /** The run at `start`: its length, and the end of the span it opens, or -1. */
    at(start) {
        const length = this.runLength(start);
        const starts = this.runs.get(length) ?? [];
        let k = this.next.get(length) ?? 0;
        while (k < starts.length && (starts[k] ?? 0) <= start)
            k++;
        this.next.set(length, k);
        const close = starts[k];
        return { length, end: close === undefined ? -1 : close + length };
    }
    runLength(start) {
        let end = start;
        while (this.text.charAt(end) === '`')
            end++;
        return end - start;
    }
}
function readLink(text, at, links) {
    LINK.lastIndex = at;
    const match = LINK.exec(text);
    if (!match)
        return undefined;
    const [, bang, label = '', src = ''] = match;
    const end = LINK.lastIndex;
    // Only a web address makes a link: Rocket.Chat reads `[](@all)` or `[guide](guide.md)` as
    // text, and the mention in it with it. Its label is what is left to show.
    if (!hostOf(src))
        return { text: prose(label || src, links), end };
    // GitHub writes a reference as its own URL: shown as GitHub shows it.
    if (!bang && label === src)
        return { text: reference(src, links), end };
    // An image as a link: Rocket.Chat would show it inline, at full size.
    const shown = label || (bang ? 'image' : '');
    return { text: `[${linkLabel(shown, src, links)}](${withoutAt(src)})`, end };
}
/**
 * `<https://\u2026>` as a link to itself; Rocket.Chat's own `<https://\u2026|label>` in GitHub text is not
 * markdown and would hide where it goes: its label is text, followed by its address.
 */
function angleLink(text, at, links) {
    ANGLE_LINK.lastIndex = at;
    const match = ANGLE_LINK.exec(text);
    if (!match)
        return undefined;
    const [, url = '', label] = match;
    const end = ANGLE_LINK.lastIndex;
    const shown = label?.trim();
    if (!shown || shown === url)
        return { text: reference(url, links), end };
    return { text: `${inline(shown, links)} (${reference(url, links)})`, end };
}
/**
 * A link's label that cannot hide where it goes, nor ping: the host after it when the link leaves
 * GitHub under a label that does not name the host (a pull request title in generated notes, an
 * image's alt text), and no `@name` Rocket.Chat's server would notify.
 */
function linkLabel(label, src, links) {
    const text = label.replace(/@(?=[^\s\u200B])/g, `@${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}`).replace(/</g, TEXT_ANGLE);
    const host = hostOf(src);
    if (!host || src.startsWith(`${links.serverUrl}/`) || label.includes(host))
        return text;
    return text === '' ? host : `${text} (${host})`;
}
/** The host a web address leads to; empty when it is not one. */
function hostOf(url) {
    if (!/^https?:\/\//i.test(url))
        return '';
    try {
        return new URL(url).host;
    }
    catch {
        return '';
    }
}
/** A URL of this repository's pull requests, issues and compares as GitHub shows it: `#12`. */
function reference(url, links) {
    const issue = links.issueUrl.exec(url);
    if (issue?.[1] && issue[2]) {
        const label = issue[1] === links.repository ? `#${issue[2]}` : `${issue[1]}#${issue[2]}`;
        return `<${url}|${label}>`;
    }
    const compare = links.compareUrl.exec(url);
    if (compare?.[2])
        return `<${url}|${compare[2]}>`;
    // Inside emphasis Rocket.Chat does not link a bare URL: an `@` in it would start a mention.
    // Before the host, it names a user (`https://github.com@evil.example`): the host is shown.
    if (url.includes('@')) {
        const host = hostOf(url);
        const shown = url.replace(/@/g, `@${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}`) + (host && !url.endsWith(host) ? ` (${host})` : '');
        return `<${withoutAt(url)}|${shown}>`;
    }
    return url;
}
/**
 * A link's address with no `@` in it: where emphasis around the link keeps Rocket.Chat's parser
 * from reading the link (`_*x<https://x.io_a@b.co|\u2026>`), an `@` in the address would start a
 * mention. User info is dropped (the link goes to the same host; browsers warn of it anyway), and
 * an `@` in the path or query becomes `%40`, which servers read alike.
 */
function withoutAt(url) {
    if (!url.includes('@'))
        return url;
    let href = url;
    try {
        const parsed = new URL(url);
        parsed.username = '';
        parsed.password = '';
        href = parsed.href;
    }
    catch {
        // Not a URL a browser would open either: only its `@` matter here.
    }
    return href.replace(/@/g, '%40');
}
/** Plain text between tokens: emphasis turned into Rocket.Chat's, mentions and refs made safe. */
function prose(text, links) {
    if (text === '')
        return '';
    // GitHub's bold is `**` or `__`, its italic `*` or `_`; Rocket.Chat's bold is `*`, italic `_`.
    const BOLD = '\uE002';
    return text
        .replace(/</g, TEXT_ANGLE)
        .replace(/\*\*(?=\S)([^*]*?\S)\*\*|__(?=\S)([^_]*?\S)__/g, (_, a, b) => `${BOLD}${a ?? b ?? ''}${BOLD}`)
        .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?![*\w])/g, '$1_$2_')
        .replace(/\uE002/g, '*')
        .replace(HASH, (_, number, at, all) => hash(all, at, number, links))
        .replace(MENTION, (_, login, at, all) => mention(all, at, login, links))
        .replace(/\|\|/g, `|${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}|`);
}
/** An `@`, with the GitHub login that follows it if any. */
const MENTION = /@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?![A-Za-z0-9_@]))?/g;
/**
 * What an `@` becomes: `@login` after a space or punctuation a link to the profile, `@all`,
 * `@here` and `@channel` plain text; any other `@` is followed by a zero-width space, even last (a
 * token or the template goes on after it), and even in an e-mail address, which Rocket.Chat's
 * parser reads as a mention inside emphasis or after a link.
 */
function mention(text, at, login, links) {
    const glued = /[\p{L}\p{N}_.+-]/u.test(text.charAt(at - 1));
    if (login && !glued) {
        return /^(all|here|channel)$/i.test(login) ? `@${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}${login}` : (0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .profileLink */ .Sb)(login, links);
    }
    return /[\s\u200B]/.test(text.charAt(at + 1)) ? '@' : `@${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}${login ?? ''}`;
}
/** A `#`, with the issue number that follows it if any. */
const HASH = /#(\d+(?![\p{L}\p{N}_-]))?/gu;
/** `#12` after a space or punctuation links the issue; `#general` is not a room, nor is `#` last. */
function hash(text, at, number, links) {
    const before = text.charAt(at - 1);
    // An entity (`&#123;`) or an address (`/#top`) stays as written.
    if (before === '&' || before === '/')
        return `#${number ?? ''}`;
    if (number && !/[\p{L}\p{N}_]/u.test(before))
        return (0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .issueLink */ .MN)(number, links);
    const opens = at + 1 === text.length || /[\p{L}\p{N}_.-]/u.test(text.charAt(at + 1));
    return opens ? `#${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}${number ?? ''}` : `#${number ?? ''}`;
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** The blocks that fit in `limit`, whole, and a note with a link to the rest when some do not. */
function cut(blocks, limit, fullText) {
    const note = fullText ? `\u2026 [Read the full text](${fullText})` : '\u2026';
    const whole = blocks.join('\n\n');
    if (whole.length <= limit)
        return whole;
    const kept = [];
    let size = note.length;
    for (const block of blocks) {
        if (size + block.length + 2 > limit)
            break;
        kept.push(block);
        size += block.length + 2;
    }
    return [...kept, note].join('\n\n');
}


/***/ })

};
