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
 * (test/markdown.test.ts).
 */

/** Room for a release's notes in one message, which Rocket.Chat caps at 5000 characters. */
const DEFAULT_LIMIT = 3000;
function githubToRocketChat(text, options) {
    const blocks = splitCode(text.replace(/\r\n?/g, '\n'));
    const converted = [];
    for (const block of blocks) {
        if (block.code)
            converted.push(block.lines.join('\n'));
        else
            converted.push(...convertProse(block.lines.join('\n'), options.links));
    }
    const parts = converted.map(part => part.trim()).filter(part => part !== '');
    return cut(parts, options.limit ?? DEFAULT_LIMIT, options.fullText);
}
/** Fenced code blocks (``` or ~~~) apart from the rest; their lines are kept as they are. */
function splitCode(text) {
    const blocks = [];
    let prose = [];
    let fence;
    for (const line of text.split('\n')) {
        if (fence) {
            if (line.trim().startsWith(fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
                // Rocket.Chat fences are backticks; a ``` inside the code would end the block early.
                const body = fence.lines.map(codeLine => codeLine.replace(/```/g, `\`${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}\`\``));
                blocks.push({
                    code: true,
                    lines: ['```' + fenceLanguage(fence.lines), ...body.slice(1), '```']
                });
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
        const body = fence.lines.slice(1);
        blocks.push({ code: true, lines: ['```' + fenceLanguage(fence.lines), ...body, '```'] });
    }
    blocks.push({ code: false, lines: prose });
    return blocks.filter(block => block.lines.length > 0);
}
/** The info string's first word, as far as Rocket.Chat takes it (letters, digits, `_-.`). */
function fenceLanguage(lines) {
    return (lines[0] ?? '').replace(/[^A-Za-z0-9_.-]/g, '');
}
/** Prose without code blocks -> Rocket.Chat lines, grouped into blocks at blank lines. */
function convertProse(text, links) {
    const html = text
        .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
        .replace(/<summary>([\s\S]*?)<\/summary>/gi, (_, summary) => `\n**${summary.trim()}**\n`)
        .replace(/<\/?(?:details|summary)\b[^>]*>/gi, '\n')
        .replace(/<br\s*\/?>/gi, '\n')
        .replace(/<img\b[^>]*>/gi, image)
        .replace(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, '[$2]($1)')
        .replace(/<\/?(?:b|strong)>/gi, '**')
        .replace(/<\/?(?:i|em)>/gi, '_')
        .replace(/<\/?(?:code|kbd)>/gi, '`')
        .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '')
        .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name) => ENTITIES[name] ?? '');
    const lines = html.split('\n');
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
const ENTITIES = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    '#39': "'",
    nbsp: ' '
};
/** `<img src alt>` as a link that reads as its alt text. */
function image(tag) {
    const src = /\bsrc="([^"]+)"/i.exec(tag)?.[1];
    if (!src)
        return '';
    const alt = /\balt="([^"]*)"/i.exec(tag)?.[1]?.trim();
    return `[${(alt || 'image').replace(/[[\]]/g, '')}](${src})`;
}
function convertLine(line, links) {
    const heading = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
        // Rocket.Chat has four heading levels.
        const level = Math.min(heading[1]?.length ?? 1, 4);
        return `${'#'.repeat(level)} ${inline(heading[2] ?? '', links)}`;
    }
    if (/^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(line))
        return '---';
    const quote = /^ {0,3}>\s?(.*)$/.exec(line);
    if (quote) {
        const alert = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/i.exec(quote[1] ?? '');
        const title = alert?.[1];
        return title
            ? `> *${title.charAt(0)}${title.slice(1).toLowerCase()}*`
            : `> ${inline(quote[1] ?? '', links)}`;
    }
    const item = /^(\s*)(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
    if (item) {
        const depth = Math.floor((item[1] ?? '').replace(/\t/g, '  ').length / 2);
        const number = item[2];
        const task = /^\[([ xX])\]\s+(.*)$/.exec(item[3] ?? '');
        const content = inline(task ? (task[2] ?? '') : (item[3] ?? ''), links);
        // Rocket.Chat does not nest lists: a nested item is a top-level one with a marker.
        const nested = depth === 0 ? '' : depth === 1 ? '◦ ' : '▪ ';
        if (task)
            return `- [${task[1] === ' ' ? ' ' : 'x'}] ${nested}${content}`;
        if (number !== undefined && depth === 0)
            return `${number}. ${content}`;
        return `- ${nested}${number !== undefined ? `${number}. ` : ''}${content}`;
    }
    return inline(line.trim(), links);
}
/** Code spans, markdown links and URLs, which inline conversion leaves alone or treats whole. */
const INLINE_TOKEN = /(`+)[\s\S]*?\1|!?\[[^\]\n]*\]\([^)\s]*\)|<(https?:\/\/[^>\s]+)>|https?:\/\/[^\s<>()[\]]*[^\s<>()[\].,;:!?'"]/g;
/** Emphasis as Rocket.Chat reads it, mentions defused, references linked as GitHub shows them. */
function inline(text, links) {
    let out = '';
    let cursor = 0;
    for (const match of text.matchAll(INLINE_TOKEN)) {
        out += prose(text.slice(cursor, match.index), links);
        out += token(match[0], match[2], links);
        cursor = match.index + match[0].length;
    }
    return out + prose(text.slice(cursor), links);
}
function token(text, autolink, links) {
    if (text.startsWith('`'))
        return text;
    if (autolink)
        return reference(autolink, links);
    if (text.startsWith('![')) {
        // An image as a link: Rocket.Chat would show it inline, at full size.
        const [, alt, src] = /^!\[([^\]]*)\]\(([^)]*)\)$/.exec(text) ?? [];
        return `[${alt || 'image'}](${src ?? ''})`;
    }
    if (text.startsWith('[')) {
        const [, label, src] = /^\[([^\]]*)\]\(([^)]*)\)$/.exec(text) ?? [];
        // GitHub writes a reference as its own URL: shown as GitHub shows it.
        if (label === src && src)
            return reference(src, links);
        return `[${label ?? ''}](${src ?? ''})${shownHost(src ?? '', label ?? '', links)}`;
    }
    return reference(text, links);
}
/**
 * ` (host)` after a link that leaves GitHub under a label that does not name the host: a label in
 * the notes (a pull request title in generated notes) cannot hide where the link goes.
 */
function shownHost(src, label, links) {
    let host;
    try {
        host = new URL(src).host;
    }
    catch {
        return '';
    }
    if (host === '' || src.startsWith(`${links.serverUrl}/`) || label.includes(host))
        return '';
    return ` (${host})`;
}
/** A URL of this repository's pull requests, issues and compares as GitHub shows it: `#12`. */
function reference(url, links) {
    const repo = `${escapeRegExp(links.serverUrl)}/([^/\\s]+/[^/\\s]+)/`;
    const issue = new RegExp(`^${repo}(?:pull|issues)/(\\d+)(?:[/#?].*)?$`).exec(url);
    if (issue?.[1] && issue[2]) {
        const label = issue[1] === links.repository ? `#${issue[2]}` : `${issue[1]}#${issue[2]}`;
        return `<${url}|${label}>`;
    }
    const compare = new RegExp(`^${repo}compare/([^\\s?#]+)$`).exec(url);
    if (compare?.[2])
        return `<${url}|${compare[2]}>`;
    return url;
}
/** Plain text between tokens: emphasis turned into Rocket.Chat's, mentions and refs made safe. */
function prose(text, links) {
    if (text === '')
        return '';
    // GitHub's bold is `**` or `__`, its italic `*` or `_`; Rocket.Chat's bold is `*`, italic `_`.
    const BOLD = '\uE002';
    return text
        .replace(/\*\*(?=\S)([^*]*?\S)\*\*|__(?=\S)([^_]*?\S)__/g, (_, a, b) => `${BOLD}${a ?? b ?? ''}${BOLD}`)
        .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?![*\w])/g, '$1_$2_')
        .replace(/\uE002/g, '*')
        .replace(/(^|[^\p{L}\p{N}_.+-])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?![A-Za-z0-9_@])/gu, (_, before, login) => /^(all|here|channel)$/i.test(login)
        ? `${before}@${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}${login}`
        : `${before}${(0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .profileLink */ .Sb)(login, links)}`)
        .replace(/(?<!\|)@(?=[^\s\u200B])/g, (at, offset, all) => isAddress(all, offset) ? at : `@${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}`)
        .replace(/(^|[^\p{L}\p{N}_&/])#(\d+)(?![\p{L}\p{N}_-])/gu, (_, before, number) => `${before}${(0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .issueLink */ .MN)(number, links)}`)
        .replace(/(?<![|&/])#(?=[\p{L}\p{N}_.-])/gu, `#${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}`)
        .replace(/\|\|/g, `|${_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .ZWSP */ .z5}|`);
}
function isAddress(text, at) {
    return (/[A-Za-z0-9._%+-]$/.test(text.slice(0, at)) &&
        /^@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/.test(text.slice(at)));
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** The blocks that fit in `limit`, whole, and a note with a link to the rest when some do not. */
function cut(blocks, limit, fullText) {
    const note = fullText ? `… [Read the full text](${fullText})` : '…';
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
