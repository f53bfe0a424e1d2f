/**
 * Minimal string-level XML helpers for patching OOXML parts in place.
 *
 * Nothing here builds a tree or re-serialises: callers locate elements by offset and splice
 * text, so every byte they do not touch stays as the producer wrote it. The scanner assumes
 * well-formed input (as every part Excel reads must be) and skips comments, CDATA and
 * processing instructions between elements.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** SpreadsheetML's namespace, transitional (what .xlsx files use) and Strict. */
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const STRICT_MAIN_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';

/** An element located in a string: offsets of its start tag, content and end. */
export interface XmlElement {
  /** Qualified name as written, e.g. `c` or `x:c`. */
  readonly qname: string;
  /** Offset of the `<` of the start tag. */
  readonly start: number;
  /** Offset just after the `>` of the start tag. */
  readonly openEnd: number;
  /** Offset of the `</` of the end tag (equals `end` for a self-closing element). */
  readonly closeStart: number;
  /** Offset just after the element. */
  readonly end: number;
  readonly selfClosing: boolean;
}

/** A replacement of `xml.slice(start, end)` by `text`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const NAME_AT = /[A-Za-z_][\w.:-]*/y;

export function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

/** The namespace prefix of a qualified name including its colon (`x:`), or ''. */
export function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? '' : qname.slice(0, colon + 1);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rest of a tag up to its `>`, quoted values (which may hold `>`) skipped. */
const TAG_REST = /[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>/y;

/** Offset just after the `>` closing the tag that starts at `from` (quoted `>` skipped). */
function tagEnd(xml: string, from: number): number {
  TAG_REST.lastIndex = from;
  if (!TAG_REST.test(xml)) throw new Error(`unterminated XML tag at offset ${from}`);
  return TAG_REST.lastIndex;
}

function isNameEnd(ch: string | undefined): boolean {
  return ch === '>' || ch === '/' || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** The element whose start tag begins at `start` (which must point at `<`). */
function elementAt(xml: string, start: number): XmlElement {
  NAME_AT.lastIndex = start + 1;
  const name = NAME_AT.exec(xml);
  if (!name) throw new Error(`no XML element at offset ${start}`);
  const qname = name[0];
  const openEnd = tagEnd(xml, start);
  if (xml[openEnd - 2] === '/') {
    return { qname, start, openEnd, closeStart: openEnd, end: openEnd, selfClosing: true };
  }
  const open = `<${qname}`;
  const close = `</${qname}`;
  let depth = 1;
  let pos = openEnd;
  for (;;) {
    const closeAt = indexOfName(xml, close, pos);
    if (closeAt < 0) throw new Error(`element <${qname}> at offset ${start} is not closed`);
    // Same-name elements nested inside this one (rare in OOXML, but cheap to honour): looked
    // for backwards from the end tag first, which stops at this element's own start tag.
    let openAt = lastIndexOfName(xml, open, closeAt, pos) < 0 ? -1 : indexOfName(xml, open, pos);
    while (openAt >= 0 && openAt < closeAt) {
      const nestedEnd = tagEnd(xml, openAt);
      if (xml[nestedEnd - 2] !== '/') depth++;
      openAt = indexOfName(xml, open, nestedEnd);
    }
    depth--;
    if (depth === 0) {
      const end = tagEnd(xml, closeAt);
      return { qname, start, openEnd, closeStart: closeAt, end, selfClosing: false };
    }
    pos = tagEnd(xml, closeAt);
  }
}

/** Index of `token` (e.g. `<c` or `</c`) at or after `from` where the name ends right after it. */
function indexOfName(xml: string, token: string, from: number): number {
  let at = xml.indexOf(token, from);
  while (at >= 0 && !isNameEnd(xml[at + token.length])) at = xml.indexOf(token, at + 1);
  return at;
}

/** Last index of `token` before `before` and at or after `from` where the name ends right after it, or -1. */
function lastIndexOfName(xml: string, token: string, before: number, from: number): number {
  let at = xml.lastIndexOf(token, before - 1);
  while (at >= from && !isNameEnd(xml[at + token.length])) at = xml.lastIndexOf(token, at - 1);
  return at >= from ? at : -1;
}

/** The first element named `local` (any prefix) in document order, at or after offset `from`. */
export function findElement(xml: string, local: string, from = 0): XmlElement | null {
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${escapeRegExp(local)}(?=[\\s/>])`, 'g');
  pattern.lastIndex = from;
  const m = pattern.exec(xml);
  return m ? elementAt(xml, m.index) : null;
}

/** The document element (first element after the prolog). */
export function rootElement(xml: string): XmlElement {
  const children = childElements(xml, { openEnd: 0, closeStart: xml.length });
  if (children.length === 0) throw new Error('XML part has no root element');
  return children[0];
}

/** Direct child elements of `parent` (or of any [openEnd, closeStart) range), in order. */
export function childElements(xml: string, parent: Pick<XmlElement, 'openEnd' | 'closeStart'>): XmlElement[] {
  const out: XmlElement[] = [];
  let i = parent.openEnd;
  while (i < parent.closeStart) {
    const lt = xml.indexOf('<', i);
    if (lt < 0 || lt >= parent.closeStart) break;
    if (xml.startsWith('<!--', lt)) {
      i = xml.indexOf('-->', lt) + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      i = xml.indexOf(']]>', lt) + 3;
    } else if (xml[lt + 1] === '?' || xml[lt + 1] === '!') {
      i = tagEnd(xml, lt);
    } else if (xml[lt + 1] === '/') {
      break;
    } else {
      const el = elementAt(xml, lt);
      out.push(el);
      i = el.end;
    }
  }
  return out;
}

/** Direct children of `parent` named `local` (any prefix). */
export function childrenNamed(xml: string, parent: XmlElement, local: string): XmlElement[] {
  return childElements(xml, parent).filter((c) => localName(c.qname) === local);
}

export function startTag(xml: string, el: XmlElement): string {
  return xml.slice(el.start, el.openEnd);
}

export function innerXml(xml: string, el: XmlElement): string {
  return xml.slice(el.openEnd, el.closeStart);
}

const ATTR_PATTERNS = new Map<string, RegExp>();

/** Groups: 1 leading whitespace, 2 `=` with its spacing, 3 double-quoted value, 4 single-quoted value. Compiled once per name. */
function attrPattern(name: string): RegExp {
  let re = ATTR_PATTERNS.get(name);
  if (!re) ATTR_PATTERNS.set(name, (re = new RegExp(`(\\s+)${escapeRegExp(name)}(\\s*=\\s*)(?:"([^"]*)"|'([^']*)')`)));
  return re;
}

/** Unescaped value of attribute `name` in a start tag, or null. Prefixed names must match exactly. */
export function attr(tag: string, name: string): string | null {
  const m = attrPattern(name).exec(tag);
  return m ? unescapeXml(m[3] ?? m[4]) : null;
}

/**
 * Sets attribute `name` in a start tag. An existing value is replaced in place (spacing and
 * quote style kept); a new attribute is inserted right after attribute `after` when given and
 * present, else before the end of the tag.
 */
export function setAttr(tag: string, name: string, value: string, after?: string): string {
  const re = attrPattern(name);
  const escaped = escapeAttr(value);
  if (re.test(tag)) {
    return tag.replace(re, (_m, ws: string, eq: string, dq: string | undefined) => {
      const q = dq === undefined ? "'" : '"';
      return `${ws}${name}${eq}${q}${q === '"' ? escaped : escaped.replace(/'/g, '&apos;')}${q}`;
    });
  }
  const anchor = after === undefined ? null : attrPattern(after).exec(tag);
  const at = anchor ? anchor.index + anchor[0].length : tag.length - (tag.endsWith('/>') ? 2 : 1);
  return `${tag.slice(0, at)} ${name}="${escaped}"${tag.slice(at)}`;
}

/** Removes attribute `name` (and the whitespace before it) from a start tag. */
export function removeAttr(tag: string, name: string): string {
  return tag.replace(attrPattern(name), '');
}

/** Applies non-overlapping edits (any order) to `xml`. Insertions at one offset keep their given order. */
export function applyEdits(xml: string, edits: readonly Edit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.i - b.i)
    .map((x) => x.e);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error('overlapping XML edits');
    out += xml.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + xml.slice(pos);
}

/**
 * An edit that inserts `content` as the last content of `el`, expanding `<el/>` if needed. The
 * expanded start tag is the original one with ` >` for `/>`, which no producer writes, so that
 * reclosedTag can give back the self-closing element exactly.
 */
export function appendChildEdit(xml: string, el: XmlElement, content: string): Edit {
  if (!el.selfClosing) return { start: el.closeStart, end: el.closeStart, text: content };
  const open = xml.slice(el.start, el.end - 2) + ' >';
  return { start: el.start, end: el.end, text: `${open}${content}</${el.qname}>` };
}

/** The self-closing element an emptied element expanded by appendChildEdit was (its start tag given), or null. */
export function reclosedTag(tag: string): string | null {
  return tag.endsWith(' >') ? tag.slice(0, -2) + '/>' : null;
}

/** Replaces `count="N"` in a start tag by N + delta; a tag without `count` is returned unchanged. */
export function adjustCount(tag: string, delta: number): string {
  const count = attr(tag, 'count');
  return count === null ? tag : setAttr(tag, 'count', String(Number(count) + delta));
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, ref: string) => {
    if (ref[0] !== '#') return NAMED_ENTITIES[ref];
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/**
 * Encodes plain text for a SpreadsheetML string (ST_Xstring) element: line breaks normalised to
 * LF, literal `_xHHHH_` sequences protected, characters XML 1.0 cannot carry written in Excel's
 * `_xHHHH_` notation, then XML-escaped.
 */
export function encodeXstring(text: string): string {
  const protectedText = text
    .replace(/\r\n?/g, '\n')
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    // eslint-disable-next-line no-control-regex -- the control characters are what this escapes
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (ch) =>
      `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
    );
  return escapeText(protectedText);
}

/**
 * The plain text of a SpreadsheetML string (ST_Xstring) element's content, the inverse of
 * encodeXstring: XML-unescaped, Excel's `_xHHHH_` notation decoded, CRLF read as LF.
 */
export function decodeXstring(xml: string): string {
  if (!xml.includes('&') && !xml.includes('_x') && !xml.includes('\r')) return xml;
  return unescapeXml(xml)
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\r\n/g, '\n');
}
