/**
 * Legacy notes ("comments" in the file format): the text lives in a comments part, the note box
 * in a VML drawing. Both are patched by splicing whole elements, so that taking out what was
 * added gives back the part as it was.
 */
import type { CellAddress } from './ooxml-sheet';
import {
  type Edit,
  type XmlElement,
  MAIN_NS,
  XML_DECLARATION,
  appendChildEdit,
  applyEdits,
  attr,
  childElements,
  childrenNamed,
  encodeXstring,
  escapeAttr,
  findElement,
  innerXml,
  localName,
  prefixOf,
  reclosedTag,
  startTag,
  unescapeXml,
} from './ooxml-xml';

/** Author of the notes this module creates. */
const NOTE_AUTHOR = 'selfeval';
/** A block appended to an existing note is separated from the note's own text by a blank line. */
const SEPARATOR_LINE_BREAKS = 2;
const APPEND_SEPARATOR = '\n'.repeat(SEPARATOR_LINE_BREAKS);


// ---------------------------------------------------------------------------------------------
// Comments part

export function newCommentsPart(): string {
  return `${XML_DECLARATION}<comments xmlns="${MAIN_NS}"><authors/><commentList/></comments>`;
}

/** True if a comments part is exactly what newCommentsPart() becomes once notes are added and removed again. */
export function isEmptiedCommentsPart(xml: string): boolean {
  const marker = 'x';
  return xml === removeNotes(addNotes(newCommentsPart(), [{ ref: 'A1', text: marker }]).xml, marker).xml;
}

export interface NoteToAdd {
  /** A1 reference, upper case. */
  ref: string;
  /** Plain text. */
  text: string;
}

interface CommentsLayout {
  authors: XmlElement;
  authorNames: string[];
  commentList: XmlElement;
  comments: XmlElement[];
}

function commentsLayout(xml: string): CommentsLayout {
  const authors = findElement(xml, 'authors');
  const commentList = findElement(xml, 'commentList');
  if (!authors || !commentList) throw new Error('comments part has no <authors> or <commentList>');
  return {
    authors,
    authorNames: childrenNamed(xml, authors, 'author').map((a) => unescapeXml(innerXml(xml, a))),
    commentList,
    comments: childrenNamed(xml, commentList, 'comment'),
  };
}

function commentRef(xml: string, comment: XmlElement): string {
  return (attr(startTag(xml, comment), 'ref') ?? '').toUpperCase();
}

function commentText(xml: string, comment: XmlElement): XmlElement | null {
  return childrenNamed(xml, comment, 'text')[0] ?? null;
}

/** The `<t>` elements carrying a rich text's characters (its own `<t>` and its runs'), in order. */
function textRuns(xml: string, text: XmlElement): Array<{ holder: XmlElement; t: XmlElement }> {
  return childElements(xml, text).flatMap((holder) => {
    const name = localName(holder.qname);
    const t = name === 't' ? holder : name === 'r' ? childrenNamed(xml, holder, 't')[0] : undefined;
    return t ? [{ holder, t }] : [];
  });
}

function plainText(xml: string, text: XmlElement): string {
  return textRuns(xml, text)
    .map(({ t }) => unescapeXml(innerXml(xml, t)))
    .join('');
}

/**
 * Adds notes to a comments part. Text for a cell that already has a note is appended to that
 * note after a blank line (inside its last text run, keeping the user's text as written); other
 * notes become new comments by NOTE_AUTHOR. Returns the refs that got a new comment.
 */
export function addNotes(xml: string, notes: readonly NoteToAdd[]): { xml: string; created: string[] } {
  const layout = commentsLayout(xml);
  const p = prefixOf(layout.commentList.qname);
  const existing = new Map(layout.comments.map((c) => [commentRef(xml, c), c]));
  const edits: Edit[] = [];
  const created: string[] = [];
  let newComments = '';
  let authorId = layout.authorNames.indexOf(NOTE_AUTHOR);
  for (const note of notes) {
    const comment = existing.get(note.ref);
    if (comment) {
      edits.push(appendToCommentEdit(xml, comment, APPEND_SEPARATOR + note.text));
      continue;
    }
    if (authorId < 0) {
      authorId = layout.authorNames.length;
      edits.push(appendChildEdit(xml, layout.authors, `<${p}author>${NOTE_AUTHOR}</${p}author>`));
    }
    newComments +=
      `<${p}comment ref="${note.ref}" authorId="${authorId}"><${p}text>` +
      `<${p}t xml:space="preserve">${encodeXstring(note.text)}</${p}t></${p}text></${p}comment>`;
    created.push(note.ref);
  }
  if (newComments) edits.push(appendChildEdit(xml, layout.commentList, newComments));
  return { xml: applyEdits(xml, edits), created };
}

function appendToCommentEdit(xml: string, comment: XmlElement, text: string): Edit {
  const textEl = commentText(xml, comment);
  if (!textEl) throw new Error(`the note on ${commentRef(xml, comment)} has no <text>`);
  const last = textRuns(xml, textEl).pop();
  if (last && !last.t.selfClosing) return { start: last.t.closeStart, end: last.t.closeStart, text: encodeXstring(text) };
  const p = prefixOf(textEl.qname);
  const run = `<${p}r><${p}t xml:space="preserve">${encodeXstring(text)}</${p}t></${p}r>`;
  const phonetic = childElements(xml, textEl).find((c) => localName(c.qname) === 'rPh' || localName(c.qname) === 'phoneticPr');
  return phonetic ? { start: phonetic.start, end: phonetic.start, text: run } : appendChildEdit(xml, textEl, run);
}

export interface RemovedNote {
  ref: string;
  /** The removed text, from the marker to the end of the note. */
  text: string;
  /** True if the whole comment was removed (it had no text of its own before the marker). */
  whole: boolean;
}

/**
 * Removes every note text starting at a line `marker`: comments that start with it are deleted;
 * a marker block appended to another note is cut off (with its separator), leaving that note's
 * own text exactly as it was. An author NOTE_AUTHOR left last and unused is removed too.
 */
export function removeNotes(xml: string, marker: string): { xml: string; removed: RemovedNote[]; remaining: number } {
  const layout = commentsLayout(xml);
  const edits: Edit[] = [];
  const removed: RemovedNote[] = [];
  const kept: XmlElement[] = [];
  for (const comment of layout.comments) {
    const textEl = commentText(xml, comment);
    const text = textEl ? plainText(xml, textEl) : '';
    const at = text.indexOf(marker);
    const ref = commentRef(xml, comment);
    if (at === 0) {
      edits.push({ start: comment.start, end: comment.end, text: '' });
      removed.push({ ref, text, whole: true });
      continue;
    }
    kept.push(comment);
    if (at < 0 || !textEl) continue;
    edits.push(...cutAppendedEdits(xml, textEl, at));
    removed.push({ ref, text: text.slice(at), whole: false });
  }
  const lastAuthor = layout.authorNames.length - 1;
  const authorUsed = kept.some((c) => attr(startTag(xml, c), 'authorId') === String(lastAuthor));
  if (layout.authorNames[lastAuthor] === NOTE_AUTHOR && !authorUsed && kept.length > 0) {
    const author = childrenNamed(xml, layout.authors, 'author')[lastAuthor];
    edits.push({ start: author.start, end: author.end, text: '' });
  }
  return { xml: applyEdits(xml, edits), removed, remaining: kept.length };
}

/**
 * Edits cutting the text from decoded offset `at` (where the marker starts) back over the
 * separator to the end: the run holding the cut is truncated (its raw text before the cut is
 * kept as written) or, if the cut falls at its start, dropped; later runs are dropped. Working on
 * decoded text also handles notes re-saved by other programs, which may split the marker
 * across runs or write line breaks as `&#10;`.
 */
function cutAppendedEdits(xml: string, textEl: XmlElement, at: number): Edit[] {
  const runs = textRuns(xml, textEl);
  const texts = runs.map(({ t }) => unescapeXml(innerXml(xml, t)));
  const full = texts.join('');
  let cut = at;
  for (let n = 0; n < SEPARATOR_LINE_BREAKS; n++) {
    const newline = /(?:\r\n|\n|\r)$/.exec(full.slice(0, cut));
    if (!newline) break;
    cut -= newline[0].length;
  }
  let i = 0;
  let runStart = 0;
  while (i < runs.length - 1 && runStart + texts[i].length <= cut) runStart += texts[i++].length;
  const { holder, t } = runs[i];
  const removal = (el: XmlElement): Edit => ({ start: el.start, end: el.end, text: '' });
  const later = runs.slice(i + 1).map((r) => removal(r.holder));
  const reclosed = reclosedTag(startTag(xml, textEl));
  if (cut === 0 && i === 0 && holder !== t && reclosed !== null && childElements(xml, textEl).length === runs.length) {
    return [{ start: textEl.start, end: textEl.end, text: reclosed }]; // a note that was an empty <text/>
  }
  if (cut === runStart && holder !== t) return [removal(holder), ...later];
  const rawCut = t.openEnd + rawLength(innerXml(xml, t), cut - runStart);
  return [{ start: rawCut, end: t.closeStart, text: '' }, ...later];
}

/** The length of the prefix of escaped text `raw` that decodes to `decoded` characters. */
function rawLength(raw: string, decoded: number): number {
  let i = 0;
  for (let n = 0; n < decoded; ) {
    const end = raw[i] === '&' ? raw.indexOf(';', i) + 1 : i + 1;
    n += unescapeXml(raw.slice(i, end)).length;
    i = end;
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
// VML drawing (note boxes). VML written by Excel is not always well-formed XML, so it is only
// ever searched with patterns for the elements concerned, never walked as a tree.

const SHAPETYPE_ID = '_x0000_t202';
const SHAPETYPE =
  `<v:shapetype id="${SHAPETYPE_ID}" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';
const SHAPETYPE_PATTERN = new RegExp(`<v:shapetype\\b[^>]*\\sid\\s*=\\s*["']${SHAPETYPE_ID}["'][\\s\\S]*?</v:shapetype>`);
/** One `<v:shape>`, self-closing or not (a self-closing picture must not swallow the next note). */
const SHAPE_PATTERN = /<v:shape(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(?:\/>|>[\s\S]*?<\/v:shape>)/g;
/** Shape ids come in blocks of 1024 reserved per VML part by `<o:idmap data="…">`. */
const IDS_PER_BLOCK = 1024;

/** A new VML drawing reserving shape-id block `block`. */
export function newVmlDrawing(block: number): string {
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
    'xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>${SHAPETYPE}</xml>`
  );
}

/** The shape-id blocks a VML drawing reserves. */
export function vmlIdBlocks(vml: string): number[] {
  const idmap = /<o:idmap\b[^>]*>/.exec(vml);
  const data = idmap ? attr(idmap[0], 'data') : null;
  return (data ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
}

export interface NoteBox {
  addr: CellAddress;
  /** Lines of text, to size the box. */
  lines: number;
}

/** The shape ids a VML drawing uses (`_x0000_s1025` → 1025). */
export function vmlShapeIds(vml: string): number[] {
  return [...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]));
}

/** The shape-id block an id belongs to. */
export function idBlockOf(id: number): number {
  return Math.floor(id / IDS_PER_BLOCK);
}

/**
 * The shape layout added to a drawing written without one, reserving the block our note boxes
 * take their ids from. Spelt with an end tag (Excel writes `<o:idmap …/>`), so that clear tells
 * ours from the user's and removes exactly it.
 */
const ADDED_LAYOUT = /<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="(\d+)"><\/o:idmap><\/o:shapelayout>/;
const addedLayout = (block: number) => `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"></o:idmap></o:shapelayout>`;

/**
 * Appends a hidden note box per cell, with free shape ids from the drawing's reserved blocks,
 * then from `spareBlock` (a block no VML part of the workbook reserves or uses). A drawing
 * written without `o:idmap` (LibreOffice, ClosedXML) gets a shape layout reserving that block
 * (where its root declares the `o:` namespace); one whose reserved blocks are full keeps its
 * layout as written.
 */
export function addNoteShapes(vml: string, boxes: readonly NoteBox[], spareBlock: number): string {
  const used = new Set(vmlShapeIds(vml));
  const free = [...vmlIdBlocks(vml), spareBlock].flatMap((block) =>
    Array.from({ length: IDS_PER_BLOCK - 1 }, (_, i) => block * IDS_PER_BLOCK + 1 + i).filter((id) => !used.has(id)),
  );
  if (free.length < boxes.length) throw new Error('the VML drawing has no free shape ids left for more notes');
  const shapes = boxes.map((box, i) => noteShape(free[i], box)).join('');
  const close = vml.lastIndexOf('</xml>');
  if (close < 0) throw new Error('VML drawing has no </xml> end tag');
  // Some producers' notes use the shapetype without defining it: then ours is not added either.
  const shapetype = SHAPETYPE_PATTERN.test(vml) || vml.includes(`#${SHAPETYPE_ID}`) ? '' : SHAPETYPE;
  const out = vml.slice(0, close) + shapetype + shapes + vml.slice(close);
  const root = /<xml\b[^>]*>/.exec(out);
  const reserves = !/<o:idmap\b/.test(vml) && root !== null && /\sxmlns:o\s*=/.test(root[0]) && free.slice(0, boxes.length).some((id) => idBlockOf(id) === spareBlock);
  return reserves ? out.slice(0, root.index + root[0].length) + addedLayout(spareBlock) + out.slice(root.index + root[0].length) : out;
}

function noteShape(id: number, { addr, lines }: NoteBox): string {
  const row0 = addr.row - 1;
  const col0 = addr.col - 1;
  const top = Math.max(row0 - 1, 0);
  const height = Math.min(Math.max(lines + 1, 4), 24);
  const style =
    `position:absolute;margin-left:${(col0 + 1) * 48 + 11}pt;margin-top:${top * 15 + 2}pt;` +
    `width:192pt;height:${height * 15}pt;z-index:${id % IDS_PER_BLOCK};visibility:hidden`;
  return (
    `<v:shape id="_x0000_s${id}" type="#${SHAPETYPE_ID}" style="${escapeAttr(style)}" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>' +
    `<x:Anchor>${col0 + 1}, 15, ${top}, 10, ${col0 + 4}, 15, ${top + height}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row0}</x:Row><x:Column>${col0}</x:Column></x:ClientData></v:shape>`
  );
}

/**
 * Removes the note boxes of the given cells, then the note shapetype addNoteShapes added if no
 * shape uses it any more. Returns null when what is left is a drawing newVmlDrawing created.
 */
export function removeNoteShapes(vml: string, cells: readonly CellAddress[]): string | null {
  const victims = new Set(cells.map((c) => `${c.row - 1},${c.col - 1}`));
  let out = vml.replace(SHAPE_PATTERN, (shape) => {
    if (!/ObjectType\s*=\s*["']Note["']/.test(shape)) return shape;
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
    const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1];
    return victims.has(`${row},${col}`) ? '' : shape;
  });
  if (!out.includes(`#${SHAPETYPE_ID}`)) out = out.replace(SHAPETYPE, '');
  const added = ADDED_LAYOUT.exec(out);
  if (added && !vmlShapeIds(out).some((id) => idBlockOf(id) === Number(added[1]))) out = out.replace(added[0], '');
  const blocks = vmlIdBlocks(out);
  return blocks.length === 1 && out === newVmlDrawing(blocks[0]).replace(SHAPETYPE, '') ? null : out;
}
