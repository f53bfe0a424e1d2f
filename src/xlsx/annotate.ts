/**
 * Annotated copies of a workbook: each mark's cell gets a severity fill and a note; clearing
 * takes them out again and gives back the workbook as it was.
 *
 * Design
 * ------
 * The .xlsx is patched as a package, never loaded into a spreadsheet model: only the parts a
 * mark needs are rewritten (worksheet, styles, comments, VML drawing, their relationships,
 * [Content_Types].xml), by splicing whole elements into the producer's own XML; every other zip
 * entry keeps its bytes and the entries keep their order (new parts go last).
 *
 * - Fill: styles.xml gets one solid fill per severity used and one cell format per (format the
 *   cell had, severity): a clone of that `<xf>` with the new fillId and applyFill="1", appended
 *   to cellXfs (counts updated). The mark fill repeats its colour as bgColor, which Excel's own
 *   fills never do, so it is recognisable.
 * - Cell: its `s` attribute points at the new format. An empty cell (no `<c>`) is created with
 *   the style it showed (row, else column, else 0) as the base, in column order; a missing row
 *   is created in row order. Marks inside a merged area go to the area's top-left cell; several
 *   marks on one cell become one note with the most severe fill.
 * - Note: a legacy note (comments part + VML box, `<legacyDrawing>` placed per the CT_Worksheet
 *   order). Existing comments/VML parts are appended to; new ones are created with their
 *   relationships and content-type overrides. A new VML part reserves a shape-id block
 *   (`o:idmap`) no other VML part of the workbook uses and numbers its shapes from that block,
 *   so notes on several sheets never collide; an existing part takes free ids of its own blocks,
 *   else of such a spare block, which it then reserves if it had no `o:idmap` at all. If the cell already has a user's note, our text
 *   is appended to it after a blank line and the user's text is left as written.
 *
 * Recognition and restore: the text we add always starts with the marker line `【selfeval】` and
 * ends with a state line recording what the cell was before:
 *     selfeval:s=12                 the <c> had s="12"
 *     selfeval:s=none               the <c> had no s attribute
 *     selfeval:cell=new             the <c> did not exist (its row did)
 *     selfeval:cell=new row=new     neither the <c> nor its <row> existed
 *     selfeval:cell=new row=opened  the row existed as an empty <row …/>
 * The state travels with the note, so it stays right when Excel moves cells around. Clearing:
 * a comment starting with the marker is deleted (with its VML box); a marker block inside a
 * user's note is cut off together with its separator; each cell gets its recorded `s` back or
 * loses the cell/row that was created (unless someone has typed into it since). The recorded
 * format is put back only if it equals the cell's current one in everything but the fill: a
 * program that renumbered the formats on saving (LibreOffice does) must not make clearing
 * apply some other number format or font; such a cell keeps its mark fill. Parts that end
 * up empty are deleted with their relationship, override and `<legacyDrawing>`, since no
 * producer writes an empty comments part or VML drawing: these are the ones we created. Mark
 * formats and fills at the end of their lists that nothing uses any more are dropped. Without
 * Excel in between, clear(annotate(x)) gives back every part of x byte for byte; annotating an
 * annotated workbook clears it first, so marks are replaced, never stacked.
 */
import { type Mark, SEVERITY_FILL } from '../engine/marks';
import type { Severity } from '../engine/report';
import {
  addNoteShapes,
  addNotes,
  idBlockOf,
  isEmptiedCommentsPart,
  newCommentsPart,
  newVmlDrawing,
  removeNoteShapes,
  removeNotes,
  vmlIdBlocks,
  vmlShapeIds,
} from './ooxml-notes';
import {
  CONTENT_TYPE,
  OoxmlPackage,
  REL,
  type Relationship,
  WorkbookFormatError,
  type WorkbookParts,
  addOverride,
  addRelationship,
  hasDefaultContentType,
  locateWorkbookParts,
  readRelationships,
  removeOverride,
  removeRelationship,
} from './ooxml-package';
import {
  type CellAddress,
  type CellOrigin,
  type CellState,
  addStateExt,
  formatA1,
  insertLegacyDrawing,
  legacyDrawingRelId,
  maxUsedXf,
  mergeAnchors,
  parseA1,
  removeLegacyDrawing,
  restoreCells,
  restyleCells,
  takeStateExt,
} from './ooxml-sheet';
import { MarkStyles, NEW_STYLES_PART, isCreatedStylesPart, removeMarkStyles, sameButFill } from './ooxml-styles';

export { WorkbookFormatError };

/** First line of every note text this module writes. */
const NOTE_MARKER = '【selfeval】';
const STATE_PREFIX = 'selfeval:';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface CellMark {
  addr: CellAddress;
  severity: Severity;
  note: string;
}

/** An annotated copy, and the marked cells that carry a threaded comment (filled, no note of ours). */
export interface Annotated {
  bytes: Uint8Array;
  threaded: Array<{ sheet: string; cell: string }>;
}

/**
 * A copy of `original` with every mark's cell filled by severity and carrying the mark's note
 * (not on a cell with a threaded comment: see Annotated). Marks from an earlier annotation are
 * removed first. Throws WorkbookFormatError if `original` is not an .xlsx workbook this module
 * can patch, and an Error naming the sheet or cell of an invalid mark.
 */
export function annotate(original: Uint8Array, marks: readonly Mark[]): Annotated {
  const pkg = OoxmlPackage.open(original);
  const parts = locateWorkbookParts(pkg);
  const bySheet = marksBySheet(marks, parts);
  clearMarks(pkg, parts);
  let stylesPath = parts.styles;
  if (stylesPath === null) {
    stylesPath = pkg.freePartName((n) => (n === 1 ? 'xl/styles.xml' : `xl/styles${n}.xml`));
    pkg.write(stylesPath, NEW_STYLES_PART);
    addRelationship(pkg, parts.workbook, REL.styles, stylesPath);
    addOverride(pkg, stylesPath, CONTENT_TYPE.styles);
  }
  const styles = new MarkStyles(pkg.text(stylesPath));
  // Formats appended past a list that cells already point beyond would recolour those cells.
  const maxXf = Math.max(-1, ...[...parts.sheets.values()].filter((p) => pkg.has(p)).map((p) => maxUsedXf(pkg.text(p))));
  if (maxXf >= styles.formatCount) {
    throw new WorkbookFormatError(
      `无法标注：单元格引用了样式表中不存在的格式 (s=${maxXf}，只有 ${styles.formatCount} 个)，请先在 Excel 或 WPS 中打开并保存 ` +
        `(cannot annotate: cells refer to cell format ${maxXf} but styles.xml has ${styles.formatCount}; open and save the workbook in Excel or WPS first)`,
    );
  }
  const threaded: Annotated['threaded'] = [];
  for (const [sheetPath, sheetMarks] of bySheet) {
    const sheet = [...parts.sheets].find(([, p]) => p === sheetPath)?.[0] ?? '';
    for (const cell of annotateSheet(pkg, sheetPath, sheetMarks, styles)) threaded.push({ sheet, cell });
  }
  pkg.write(stylesPath, styles.toXml());
  return { bytes: pkg.toBytes(), threaded };
}

/** The bytes of annotate(original, marks). */
export function annotateWorkbook(original: Uint8Array, marks: readonly Mark[]): Uint8Array {
  return annotate(original, marks).bytes;
}

/** Removes all marks; `removed` counts the notes taken out. Without marks the bytes are returned as given. */
export function clearWorkbook(annotated: Uint8Array): { bytes: Uint8Array; removed: number } {
  const pkg = OoxmlPackage.open(annotated);
  const removed = clearMarks(pkg, locateWorkbookParts(pkg));
  return { bytes: removed === 0 ? annotated.slice() : pkg.toBytes(), removed };
}

/** Validates marks and groups them by worksheet part. */
function marksBySheet(marks: readonly Mark[], parts: WorkbookParts): Map<string, CellMark[]> {
  const out = new Map<string, CellMark[]>();
  for (const mark of marks) {
    const sheetPath = parts.sheets.get(mark.sheet);
    if (sheetPath === undefined) {
      const names = [...parts.sheets.keys()].map((n) => `"${n}"`).join(', ');
      throw new Error(`Mark on sheet "${mark.sheet}": the workbook has no worksheet of that name (it has ${names}).`);
    }
    const addr = parseA1(mark.cell);
    if (!addr) throw new Error(`Mark on sheet "${mark.sheet}": "${mark.cell}" is not a valid cell address.`);
    if (!(mark.severity in SEVERITY_FILL)) {
      throw new Error(`Mark on ${mark.sheet}!${mark.cell}: unknown severity "${String(mark.severity)}".`);
    }
    const list = out.get(sheetPath) ?? [];
    list.push({ addr, severity: mark.severity, note: mark.note });
    out.set(sheetPath, list);
  }
  return out;
}

/** Moves marks to their merged area's top-left cell and merges marks on the same cell. */
function oneMarkPerCell(marks: readonly CellMark[], anchor: (addr: CellAddress) => CellAddress): CellMark[] {
  const byCell = new Map<string, CellMark>();
  for (const mark of marks) {
    const addr = anchor(mark.addr);
    const key = formatA1(addr);
    const seen = byCell.get(key);
    if (!seen) {
      byCell.set(key, { ...mark, addr });
    } else {
      if (SEVERITY_RANK[mark.severity] < SEVERITY_RANK[seen.severity]) seen.severity = mark.severity;
      seen.note += `\n\n${mark.note}`;
    }
  }
  return [...byCell.values()].sort((a, b) => a.addr.row - b.addr.row || a.addr.col - b.addr.col);
}

/** The cells of a worksheet that carry a threaded comment (Excel 365's comments). */
function threadedCells(pkg: OoxmlPackage, rels: readonly Relationship[]): Set<string> {
  const refs = rels
    .filter((r) => r.type === REL.threadedComment && !r.external && pkg.has(r.target))
    .flatMap((r) => [...pkg.text(r.target).matchAll(/<(?:[\w.-]+:)?threadedComment\b[^>]*?\sref\s*=\s*["']([^"']+)["']/g)].map((m) => m[1].toUpperCase()));
  return new Set(refs);
}

/** Marks one worksheet; returns the marked cells that got no note because of a threaded comment. */
function annotateSheet(pkg: OoxmlPackage, sheetPath: string, marks: readonly CellMark[], styles: MarkStyles): string[] {
  const original = pkg.text(sheetPath);
  const cells = oneMarkPerCell(marks, mergeAnchors(original));
  const restyled = restyleCells(
    original,
    cells.map((c) => ({ addr: c.addr, styleFor: (xf: number) => styles.xfFor(xf, c.severity) })),
  );
  const rels = readRelationships(pkg, sheetPath);
  const threaded = threadedCells(pkg, rels);
  const states: CellState[] = [];
  const notes: Array<{ ref: string; text: string }> = [];
  cells.forEach((c, i) => {
    const ref = formatA1(c.addr);
    if (threaded.has(ref)) states.push({ ref, state: formatState(restyled.origins[i]) });
    else notes.push({ ref, text: noteText(c.note, restyled.origins[i]) });
  });
  let sheetXml = addStateExt(restyled.xml, states);
  if (notes.length === 0) {
    pkg.write(sheetPath, sheetXml);
    return states.map((s) => s.ref);
  }
  let commentsPath = findRel(pkg, rels, REL.comments)?.target;
  if (commentsPath === undefined) {
    commentsPath = pkg.freePartName((n) => `xl/comments${n}.xml`);
    pkg.write(commentsPath, newCommentsPart());
    addRelationship(pkg, sheetPath, REL.comments, commentsPath);
    addOverride(pkg, commentsPath, CONTENT_TYPE.comments);
  }
  const added = addNotes(pkg.text(commentsPath), notes);
  pkg.write(commentsPath, added.xml);

  if (added.created.length > 0) {
    let vmlPath = vmlRel(pkg, rels, sheetXml)?.target;
    if (vmlPath === undefined) {
      vmlPath = pkg.freePartName((n) => `xl/drawings/vmlDrawing${n}.vml`);
      pkg.write(vmlPath, newVmlDrawing(freeShapeIdBlock(pkg)));
      if (!hasDefaultContentType(pkg, 'vml')) addOverride(pkg, vmlPath, CONTENT_TYPE.vmlDrawing);
      sheetXml = insertLegacyDrawing(sheetXml, addRelationship(pkg, sheetPath, REL.vmlDrawing, vmlPath));
    }
    const textOf = new Map(notes.map((n) => [n.ref, n.text]));
    const boxes = added.created.map((ref) => ({
      addr: parseA1(ref) as CellAddress,
      lines: (textOf.get(ref) ?? '').split('\n').length,
    }));
    pkg.write(vmlPath, addNoteShapes(pkg.text(vmlPath), boxes, freeShapeIdBlock(pkg)));
  }
  pkg.write(sheetPath, sheetXml);
  return states.map((s) => s.ref);
}

/** Removes the marks of every worksheet and the mark styles left unused; returns the notes removed. */
function clearMarks(pkg: OoxmlPackage, parts: WorkbookParts): number {
  const sheetPaths = [...parts.sheets.values()];
  const stylesPath = parts.styles;
  if (stylesPath === null) return 0; // no styles part, so no mark fills
  const mayRestore = sameButFill(pkg.text(stylesPath));
  const removed = sheetPaths.reduce((sum, sheetPath) => sum + clearSheet(pkg, sheetPath, mayRestore), 0);
  if (removed > 0) {
    const maxXf = Math.max(-1, ...sheetPaths.map((p) => maxUsedXf(pkg.text(p))));
    const styles = removeMarkStyles(pkg.text(stylesPath), maxXf);
    const rel = readRelationships(pkg, parts.workbook).find((r) => r.type === REL.styles && r.target === stylesPath);
    if (isCreatedStylesPart(styles) && rel) deletePart(pkg, parts.workbook, rel);
    else pkg.write(stylesPath, styles);
  }
  return removed;
}

function clearSheet(pkg: OoxmlPackage, sheetPath: string, mayRestore: (current: number, recorded: number) => boolean): number {
  const ext = takeStateExt(pkg.text(sheetPath));
  const extTargets = ext.cells.flatMap(({ ref, state }) => {
    const addr = parseA1(ref);
    const origin = parseState(STATE_PREFIX + state);
    return addr && origin ? [{ addr, origin }] : [];
  });
  const rels = readRelationships(pkg, sheetPath);
  const commentsRel = findRel(pkg, rels, REL.comments);
  const notes = commentsRel ? removeNotes(pkg.text(commentsRel.target), NOTE_MARKER) : null;
  if (!notes || notes.removed.length === 0) {
    if (ext.cells.length > 0) pkg.write(sheetPath, restoreCells(ext.xml, extTargets, mayRestore));
    return ext.cells.length;
  }
  const { xml, removed, remaining } = notes;
  const comments = commentsRel as Relationship;
  if (remaining === 0 && isEmptiedCommentsPart(xml)) deletePart(pkg, sheetPath, comments);
  else pkg.write(comments.target, xml);

  const cells = removed.flatMap((note) => {
    const addr = parseA1(note.ref);
    return addr ? [{ note, addr }] : [];
  });
  let sheetXml = ext.xml;
  const vml = vmlRel(pkg, rels, sheetXml);
  if (vml) {
    const boxes = cells.filter((c) => c.note.whole).map((c) => c.addr);
    const left = removeNoteShapes(pkg.text(vml.target), boxes);
    if (left !== null) {
      pkg.write(vml.target, left);
    } else {
      deletePart(pkg, sheetPath, vml);
      sheetXml = removeLegacyDrawing(sheetXml);
    }
  }
  const targets = cells.flatMap(({ note, addr }) => {
    const origin = parseState(note.text);
    return origin ? [{ addr, origin }] : [];
  });
  pkg.write(sheetPath, restoreCells(sheetXml, [...targets, ...extTargets], mayRestore));
  return removed.length + ext.cells.length;
}

function findRel(pkg: OoxmlPackage, rels: readonly Relationship[], type: string): Relationship | undefined {
  return rels.find((r) => r.type === type && !r.external && pkg.has(r.target));
}

/** The VML drawing the sheet's `<legacyDrawing>` points at. */
function vmlRel(pkg: OoxmlPackage, rels: readonly Relationship[], sheetXml: string): Relationship | undefined {
  const id = legacyDrawingRelId(sheetXml);
  return rels.find((r) => r.id === id && !r.external && pkg.has(r.target));
}

function deletePart(pkg: OoxmlPackage, sourcePart: string, rel: Relationship): void {
  pkg.remove(rel.target);
  removeOverride(pkg, rel.target);
  removeRelationship(pkg, sourcePart, rel.id);
}

/** The smallest VML shape-id block no VML part of the package reserves or has shape ids in. */
function freeShapeIdBlock(pkg: OoxmlPackage): number {
  // The ids are ASCII: read leniently, a legacy-encoded VML part must not stop us.
  const latin1 = new TextDecoder('latin1');
  const used = new Set(
    pkg
      .paths()
      .filter((p) => /\.vml$/i.test(p))
      .flatMap((p) => {
        const vml = latin1.decode(pkg.bytes(p));
        return [...vmlIdBlocks(vml), ...vmlShapeIds(vml).map(idBlockOf)];
      }),
  );
  let block = 1;
  while (used.has(block)) block++;
  return block;
}

function noteText(note: string, origin: CellOrigin): string {
  return `${NOTE_MARKER}\n${note}\n${STATE_PREFIX}${formatState(origin)}`;
}

function formatState(origin: CellOrigin): string {
  if (origin.kind === 'existing') return `s=${origin.s ?? 'none'}`;
  return origin.row === 'existing' ? 'cell=new' : `cell=new row=${origin.row === 'created' ? 'new' : 'opened'}`;
}

/** The cell origin recorded in a note's last line, or null if that line is missing or altered. */
function parseState(text: string): CellOrigin | null {
  const last = text.trimEnd().split(/\r\n|\n|\r/).pop() ?? '';
  const m = /^selfeval:(?:s=(\d+|none)|cell=new(?: row=(new|opened))?)$/.exec(last.trim());
  if (!m) return null;
  if (m[1] !== undefined) return { kind: 'existing', s: m[1] === 'none' ? null : m[1] };
  return { kind: 'created', row: m[2] === 'new' ? 'created' : m[2] === 'opened' ? 'expanded' : 'existing' };
}
