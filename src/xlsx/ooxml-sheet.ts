/**
 * Worksheet XML patches: restyling cells (creating empty ones in row/column order), restoring
 * them, merged-area anchors, and the `<legacyDrawing>` element that ties notes to the sheet.
 */
import { RELATIONSHIPS_NS, relIdOf } from './ooxml-package';
import {
  type Edit,
  type XmlElement,
  appendChildEdit,
  applyEdits,
  attr,
  childElements,
  childrenNamed,
  escapeAttr,
  findElement,
  innerXml,
  localName,
  prefixOf,
  reclosedTag,
  removeAttr,
  rootElement,
  setAttr,
  startTag,
} from './ooxml-xml';

/** A cell position, 1-based. */
export interface CellAddress {
  row: number;
  col: number;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;

/** Parses an A1 reference (`H21`, `$H$21`, case-insensitive); null if invalid or out of range. */
export function parseA1(ref: string): CellAddress | null {
  const s = ref.trim();
  let i = s.charCodeAt(0) === 0x24 ? 1 : 0; // $
  let col = 0;
  for (let letters = 0; ; i++, letters++) {
    const ch = s.charCodeAt(i) | 0x20; // lower case
    if (ch < 0x61 || ch > 0x7a) {
      if (letters === 0 || letters > 3) return null;
      break;
    }
    col = col * 26 + ch - 0x60;
  }
  if (s.charCodeAt(i) === 0x24) i++;
  if (s.charCodeAt(i) === 0x30 || i === s.length || s.length - i > 7) return null; // digits 1-9 first, at most 7
  let row = 0;
  for (; i < s.length; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  return row <= MAX_ROW && col <= MAX_COL ? { row, col } : null;
}

export function formatA1({ row, col }: CellAddress): string {
  let letters = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** How a marked cell looked before it was restyled, so that it can be restored exactly. */
export type CellOrigin =
  /** The `<c>` element existed; `s` is its style attribute as written (null: no attribute). */
  | { kind: 'existing'; s: string | null }
  /**
   * The `<c>` element was created; its `<row>` existed, was created, or existed as an empty
   * self-closing `<row/>` that had to be opened.
   */
  | { kind: 'created'; row: 'existing' | 'created' | 'expanded' };

interface Indexed {
  index: number;
  el: XmlElement;
}

/** Children named `local` with their index: the `r` attribute, else one after the previous. */
function indexedChildren(xml: string, parent: XmlElement, local: string, indexOf: (r: string) => number): Indexed[] {
  let previous = 0;
  return childrenNamed(xml, parent, local).map((el) => {
    const r = attr(startTag(xml, el), 'r');
    previous = r === null ? previous + 1 : indexOf(r);
    return { index: previous, el };
  });
}

function sheetData(xml: string): XmlElement {
  const el = findElement(xml, 'sheetData');
  if (!el) throw new Error('worksheet has no <sheetData>');
  return el;
}

function rowsOf(xml: string, data: XmlElement): Map<number, Indexed> {
  return new Map(indexedChildren(xml, data, 'row', Number).map((r) => [r.index, r]));
}

function cellsOf(xml: string, row: XmlElement): Indexed[] {
  return indexedChildren(xml, row, 'c', (r) => parseA1(r)?.col ?? NaN);
}

/** Groups items by row, rows ascending and items by column within a row. */
function byRow<T extends { addr: CellAddress }>(items: readonly T[]): Array<[number, T[]]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const list = groups.get(item.addr.row);
    if (list) list.push(item);
    else groups.set(item.addr.row, [item]);
  }
  for (const list of groups.values()) list.sort((a, b) => a.addr.col - b.addr.col);
  return [...groups.entries()].sort((a, b) => a[0] - b[0]);
}

/** The style of a column (from `<cols>`), or null. */
function columnStyles(xml: string): (col: number) => number | null {
  const cols = findElement(xml, 'cols');
  const ranges = (cols ? childrenNamed(xml, cols, 'col') : []).map((el) => {
    const tag = startTag(xml, el);
    return { min: Number(attr(tag, 'min')), max: Number(attr(tag, 'max')), style: attr(tag, 'style') };
  });
  return (col) => {
    const range = ranges.find((r) => r.min <= col && col <= r.max && r.style !== null);
    return range ? Number(range.style) : null;
  };
}

export interface RestyleTarget {
  addr: CellAddress;
  /** The new style index for a cell whose current (effective) style is `xf`. */
  styleFor: (xf: number) => number;
}

/**
 * Gives each target cell the style `styleFor(current style)`. A missing cell is created with
 * the style it displays now (its row's, else its column's, else 0) as the base, in column
 * order within its row; a missing row is created in row order. Returns each target's origin.
 */
export function restyleCells(xml: string, targets: readonly RestyleTarget[]): { xml: string; origins: CellOrigin[] } {
  const data = sheetData(xml);
  const p = prefixOf(data.qname);
  const rows = rowsOf(xml, data);
  const columnStyle = columnStyles(xml);
  const origins = new Map<RestyleTarget, CellOrigin>();
  const edits: Edit[] = [];
  const newCell = (addr: CellAddress, xf: number): string => `<${p}c r="${formatA1(addr)}" s="${xf}"/>`;
  const newRows: string[] = [];

  for (const [index, group] of byRow(targets)) {
    const row = rows.get(index);
    if (!row) {
      const cells = group.map((t) => newCell(t.addr, t.styleFor(columnStyle(t.addr.col) ?? 0)));
      const text = `<${p}row r="${index}">${cells.join('')}</${p}row>`;
      const at = [...rows.values()].find((r) => r.index > index)?.el.start ?? data.closeStart;
      if (data.selfClosing) newRows.push(text);
      else edits.push({ start: at, end: at, text });
      for (const t of group) origins.set(t, { kind: 'created', row: 'created' });
      continue;
    }
    const rowTag = startTag(xml, row.el);
    const customFormat = attr(rowTag, 'customFormat');
    const rowStyle = customFormat === '1' || customFormat === 'true' ? attr(rowTag, 's') : null;
    const baseOfNew = (col: number): number => (rowStyle !== null ? Number(rowStyle) : columnStyle(col) ?? 0);
    if (row.el.selfClosing) {
      const cells = group.map((t) => newCell(t.addr, t.styleFor(baseOfNew(t.addr.col))));
      edits.push(appendChildEdit(xml, row.el, cells.join('')));
      for (const t of group) origins.set(t, { kind: 'created', row: 'expanded' });
      continue;
    }
    const cells = cellsOf(xml, row.el);
    for (const t of group) {
      const cell = cells.find((c) => c.index === t.addr.col);
      if (cell) {
        const tag = startTag(xml, cell.el);
        const s = attr(tag, 's');
        const xf = t.styleFor(s === null ? 0 : Number(s));
        edits.push({ start: cell.el.start, end: cell.el.openEnd, text: setAttr(tag, 's', String(xf), 'r') });
        origins.set(t, { kind: 'existing', s });
      } else {
        const next = cells.find((c) => c.index > t.addr.col);
        const at = next ? next.el.start : row.el.closeStart;
        edits.push({ start: at, end: at, text: newCell(t.addr, t.styleFor(baseOfNew(t.addr.col))) });
        origins.set(t, { kind: 'created', row: 'existing' });
      }
    }
  }
  if (newRows.length > 0) edits.push(appendChildEdit(xml, data, newRows.join('')));
  return { xml: applyEdits(xml, edits), origins: targets.map((t) => origins.get(t) as CellOrigin) };
}

export interface RestoreTarget {
  addr: CellAddress;
  origin: CellOrigin;
}

/**
 * Undoes restyleCells: puts back each cell's style attribute where `mayRestore(current, recorded)`
 * allows it, removes cells (and rows) that were created and are still empty, and closes rows
 * (and sheetData) that were opened for them.
 */
export function restoreCells(
  xml: string,
  targets: readonly RestoreTarget[],
  mayRestore: (currentXf: number, recordedXf: number) => boolean,
): string {
  const data = sheetData(xml);
  const rows = rowsOf(xml, data);
  const edits: Edit[] = [];
  let removedRows = 0;
  for (const [index, group] of byRow(targets)) {
    const row = rows.get(index);
    if (!row) continue;
    const cells = cellsOf(xml, row.el);
    const cellEdits: Edit[] = [];
    let removedCells = 0;
    for (const { addr, origin } of group) {
      const cell = cells.find((c) => c.index === addr.col);
      if (!cell) continue;
      const tag = startTag(xml, cell.el);
      const empty = innerXml(xml, cell.el).trim() === '';
      if (origin.kind === 'created' && empty) {
        cellEdits.push({ start: cell.el.start, end: cell.el.end, text: '' });
        removedCells++;
      } else {
        const s = origin.kind === 'existing' ? origin.s : null;
        if (!mayRestore(Number(attr(tag, 's') ?? '0'), Number(s ?? '0'))) continue;
        cellEdits.push({ start: cell.el.start, end: cell.el.openEnd, text: s === null ? removeAttr(tag, 's') : setAttr(tag, 's', s) });
      }
    }
    const rowOrigin = group.map((t) => (t.origin.kind === 'created' ? t.origin.row : 'existing')).find((r) => r !== 'existing');
    if (rowOrigin !== undefined && removedCells === cells.length) {
      const rowTag = startTag(xml, row.el);
      const text = rowOrigin === 'created' ? '' : reclosedTag(rowTag) ?? rowTag.slice(0, -1) + '/>';
      edits.push({ start: row.el.start, end: row.el.end, text });
      if (rowOrigin === 'created') removedRows++;
    } else {
      edits.push(...cellEdits);
    }
  }
  if (removedRows > 0 && removedRows === rows.size) {
    const open = startTag(xml, data);
    return applyEdits(xml, [{ start: data.start, end: data.end, text: reclosedTag(open) ?? open.slice(0, -1) + '/>' }]);
  }
  return applyEdits(xml, edits);
}

/** The highest style index any cell, row or column of the sheet uses (-1 if none). */
export function maxUsedXf(xml: string): number {
  let max = -1;
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?(?:c|row)\s[^>]*?\ss="(\d+)"|<(?:[\w.-]+:)?col\s[^>]*?\sstyle="(\d+)"/g)) {
    max = Math.max(max, Number(m[1] ?? m[2]));
  }
  return max;
}

/**
 * The sheet's merged areas (`<mergeCell ref="B2:D3">`; a one-cell ref is an area of one cell),
 * invalid refs skipped; `after`: an offset `<mergeCells>` is known to follow (the end of `<sheetData>`).
 */
export function mergedRanges(xml: string, after = 0): Array<{ from: CellAddress; to: CellAddress }> {
  const merges = findElement(xml, 'mergeCells', after);
  return (merges ? childrenNamed(xml, merges, 'mergeCell') : []).flatMap((el) => {
    const refs = (attr(startTag(xml, el), 'ref') ?? '').split(':');
    const [from, to] = [refs[0], refs[refs.length - 1]].map(parseA1);
    return from && to && refs.length <= 2 ? [{ from, to }] : [];
  });
}

/** Maps a cell inside a merged area to the area's top-left cell (other cells unchanged). */
export function mergeAnchors(xml: string): (addr: CellAddress) => CellAddress {
  const ranges = mergedRanges(xml);
  return (addr) =>
    ranges.find(({ from, to }) => from.row <= addr.row && addr.row <= to.row && from.col <= addr.col && addr.col <= to.col)
      ?.from ?? addr;
}

/** CT_Worksheet children that must follow `<legacyDrawing>` (ECMA-376 Part 1, §18.3.1.99). */
const AFTER_LEGACY_DRAWING = new Set([
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

/** A worksheet child's element name, looking inside `mc:AlternateContent` at its first choice. */
function effectiveName(xml: string, el: XmlElement): string {
  if (localName(el.qname) !== 'AlternateContent') return localName(el.qname);
  const choice = childElements(xml, el)[0];
  const inner = choice ? childElements(xml, choice)[0] : undefined;
  return inner ? localName(inner.qname) : '';
}

function legacyDrawingElement(xml: string): XmlElement | null {
  return childElements(xml, rootElement(xml)).find((el) => localName(el.qname) === 'legacyDrawing') ?? null;
}

/** The relationship id of the sheet's `<legacyDrawing>`, or null. */
export function legacyDrawingRelId(xml: string): string | null {
  const el = legacyDrawingElement(xml);
  return el ? relIdOf(startTag(xml, el)) : null;
}

/** Inserts `<legacyDrawing r:id=…/>` at its schema position. */
export function insertLegacyDrawing(xml: string, relId: string): string {
  const root = rootElement(xml);
  const p = prefixOf(root.qname);
  const declared = new RegExp(`\\sxmlns:([\\w.-]+)\\s*=\\s*["']${RELATIONSHIPS_NS}["']`).exec(startTag(xml, root));
  const idAttr = declared ? `${declared[1]}:id="${relId}"` : `xmlns:r="${RELATIONSHIPS_NS}" r:id="${relId}"`;
  const before = childElements(xml, root).find((el) => AFTER_LEGACY_DRAWING.has(effectiveName(xml, el)));
  const at = before ? before.start : root.closeStart;
  return applyEdits(xml, [{ start: at, end: at, text: `<${p}legacyDrawing ${idAttr}/>` }]);
}

export function removeLegacyDrawing(xml: string): string {
  const el = legacyDrawingElement(xml);
  return el ? xml.slice(0, el.start) + xml.slice(el.end) : xml;
}

/**
 * The state of marked cells that cannot carry our note (a threaded comment is on them), kept in
 * an extension of the worksheet (`<extLst><ext uri=…>`, which every reader ignores when it does
 * not know the uri) and taken out again by clearing.
 */
const STATE_EXT_URI = '{5E1FE7A1-0C2B-4D8E-9A55-5E1FEE7A1C0D}';
const STATE_EXT_NS = 'urn:selfeval:marks';

export interface CellState {
  ref: string;
  state: string;
}

function stateExt(xml: string): { extLst: XmlElement; ext: XmlElement } | null {
  const extLst = childElements(xml, rootElement(xml)).find((el) => localName(el.qname) === 'extLst');
  const ext = extLst && childElements(xml, extLst).find((el) => attr(startTag(xml, el), 'uri') === STATE_EXT_URI);
  return extLst && ext ? { extLst, ext } : null;
}

/** Records cell states in the worksheet's extension list (created as the last child if absent). */
export function addStateExt(xml: string, cells: readonly CellState[]): string {
  if (cells.length === 0) return xml;
  const root = rootElement(xml);
  const p = prefixOf(root.qname);
  const items = cells.map((c) => `<se:cell r="${escapeAttr(c.ref)}" state="${escapeAttr(c.state)}"/>`).join('');
  const ext = `<${p}ext uri="${STATE_EXT_URI}" xmlns:se="${STATE_EXT_NS}">${items}</${p}ext>`;
  const extLst = childElements(xml, root).find((el) => localName(el.qname) === 'extLst');
  if (extLst) return applyEdits(xml, [appendChildEdit(xml, extLst, ext)]);
  return applyEdits(xml, [appendChildEdit(xml, root, `<${p}extLst>${ext}</${p}extLst>`)]);
}

/** The cell states addStateExt recorded, and the worksheet without them (an emptied extLst removed). */
export function takeStateExt(xml: string): { xml: string; cells: CellState[] } {
  const found = stateExt(xml);
  if (!found) return { xml, cells: [] };
  const { extLst, ext } = found;
  const cells = childElements(xml, ext).map((el) => {
    const tag = startTag(xml, el);
    return { ref: attr(tag, 'r') ?? '', state: attr(tag, 'state') ?? '' };
  });
  const alone = childElements(xml, extLst).length === 1;
  const victim = alone ? extLst : ext;
  return { xml: xml.slice(0, victim.start) + xml.slice(victim.end), cells };
}
