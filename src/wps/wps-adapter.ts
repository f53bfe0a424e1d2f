/**
 * The ExcelAdapter over WPS 表格's object model (ET), for the pane running as a WPS加载项.
 *
 * ET is synchronous: every property read or write and every method call is one call across
 * WPS's JS bridge. readSheets reads each sheet's used range whole — Value2, Formula and
 * NumberFormat of the range, 11 calls a sheet — and where the range's formats differ
 * (NumberFormat null), every cell's format from the range as XML Spreadsheet 2003
 * (Range.Value(11), one call more): the calls do not grow with the tables or cells of a sheet.
 * Only a WPS that does not give that document costs the formats of each column (2 calls a
 * column) and, in a column of mixed formats, of each number cell (2 calls a cell).
 *
 * Marks never touch the user's formatting: the cells marked alike on a sheet get one format
 * condition of the add-in's (FormatConditions.Add(xlExpression, , MARK_RULE) on their union,
 * "C3,D5,…" in pieces of at most 255 characters; an always-true formula no user writes, filled
 * by severity), and each a comment starting with NOTE_MARKER where it has no comment of the
 * user's. The marked cells are recorded in hidden workbook names (selfeval_marks_1, _2 …: a
 * name's text constant holds at most 255 characters), saved with the file, so 清除标记 removes
 * exactly those after a reload: a comment is the add-in's when it sits on a recorded (or newly
 * marked) cell AND carries the marker; a condition when it is on a recorded cell's sheet AND
 * carries the rule.
 *
 * Every write first checks what it needs (sheet exists, not protected), then writes; ET has
 * no batches, so should a write still fail midway, applyMarks clears its marks again.
 * Change events (ApiEvent SheetChange) do not tell the add-in's own writes from the user's:
 * the cells the adapter writes are expected back once (Echoes) and not taken for edits.
 */
import { fromA1, toA1, type Cell, type CellValue, type SheetGrid } from '../engine/grid';
import { SEVERITY_FILL, type Mark } from '../engine/marks';
import { ExcelAdapterError, missingSheet, protectedSheet } from '../office/adapter-error';
import { Echoes, EXPORT_HEADERS, EXPORT_SHEET, literal, MARK_RULE, NOTE_MARKER, oneMarkPerCell, quoteSheetName, refKey, sameFormula, uniqueSheetName, type CellRef } from '../office/excel-adapter';
import type { CellEdit, ExcelAdapter, ExportRow, HostCapabilities, PreviousContent, Scope } from '../office/types';
import { XL_EXPRESSION, XL_RANGE_VALUE_XML_SPREADSHEET, type EtApplication, type EtFormatConditions, type EtRange, type EtWorkbook, type EtWorksheet, type SheetChangeListener } from './et';
import { xmlSpreadsheetFormats } from './xml-spreadsheet';

/** Hidden names holding the record of marked cells: MARKS_NAME + 1, 2 … */
export const MARKS_NAME = 'selfeval_marks_';
/** Characters of a name's text constant, quotes doubled (a constant in a formula holds at most 255). */
const RECORD_CHUNK = 255;


export interface WpsAdapterOptions {
  /** UI language (headers of the exported sheet). */
  displayLanguage?: string;
}

export function createWpsAdapter(app: EtApplication, options: WpsAdapterOptions = {}): ExcelAdapter {
  return new WpsAdapter(app, options);
}

/** Wraps what ET threw while doing `action` into an ExcelAdapterError with a clear message. */
function wpsError(error: unknown, action: string, sheet: string | null = null): ExcelAdapterError {
  if (error instanceof ExcelAdapterError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const where = sheet === null ? '' : ` on worksheet "${sheet}"`;
  return new ExcelAdapterError('HostError', `WPS 表格 could not ${action}${where}: ${detail}`, sheet, error);
}

class WpsAdapter implements ExcelAdapter {
  private readonly lang: 'zh' | 'en';
  private readonly echoes = new Echoes();

  constructor(
    private readonly app: EtApplication,
    options: WpsAdapterOptions,
  ) {
    const language = options.displayLanguage;
    this.lang = !language || language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }

  /**
   * ET has comments, format conditions and SheetChange in every version that runs add-ins; its
   * events do not say who wrote (the adapter's own writes are expected back instead), and it has
   * no undo groups for add-ins (撤销填入 is the way back).
   */
  capabilities(): HostCapabilities {
    return { notes: true, conditionalFormats: true, changeEvents: true, eventSources: false, undoGroups: false };
  }

  /** No undo groups in ET: an action is its steps. */
  action<T>(steps: () => Promise<T>): Promise<T> {
    return steps();
  }

  private workbook(): EtWorkbook {
    const wb = this.app.ActiveWorkbook;
    if (!wb) throw new ExcelAdapterError('ItemNotFound', 'No workbook is open in WPS 表格.');
    return wb;
  }

  /** The worksheet of that name (names are case-insensitive), or a clear error. */
  private sheet(wb: EtWorkbook, name: string): EtWorksheet {
    try {
      return wb.Worksheets.Item(name);
    } catch {
      throw missingSheet(name);
    }
  }

  private run<T>(action: string, sheet: string | null, body: () => T): T {
    try {
      return body();
    } catch (error) {
      throw wpsError(error, action, sheet);
    }
  }

  async sheetNames(): Promise<{ names: string[]; active: string }> {
    return this.run('list the worksheets', null, () => {
      const wb = this.workbook();
      const sheets = wb.Worksheets;
      const names = Array.from({ length: sheets.Count }, (_, i) => sheets.Item(i + 1).Name);
      return { names, active: wb.ActiveSheet.Name };
    });
  }

  async readSheets(scope: Scope, onProgress?: (done: number, total: number) => void): Promise<SheetGrid[]> {
    return this.run('read the workbook', null, () => {
      const wb = this.workbook();
      let sheets: EtWorksheet[];
      if (scope === 'active') sheets = [wb.ActiveSheet];
      else {
        const all = wb.Worksheets;
        sheets = Array.from({ length: all.Count }, (_, i) => all.Item(i + 1));
      }
      onProgress?.(0, sheets.length);
      return sheets.map((ws, i) => {
        const grid = readSheet(ws);
        onProgress?.(i + 1, sheets.length);
        return grid;
      });
    });
  }

  async applyMarks(all: Mark[]): Promise<void> {
    const marks = oneMarkPerCell(all);
    let writing = false;
    try {
      const wb = this.workbook();
      const sheets = new SheetCache(wb);
      for (const mark of marks) if (!sheets.get(mark.sheet)) throw missingSheet(mark.sheet);
      const marked = marks.map((m): CellRef => [m.sheet, m.cell.toUpperCase()]);
      const previous = readRecord(wb).filter(([sheet]) => sheets.get(sheet));
      const found = findMarks(sheets, uniqueRefs([...previous, ...marked]));
      const touched = new Set([...marks.map((m) => sheets.name(m.sheet)), ...found.sheets()]);
      for (const sheet of touched) if (sheets.isProtected(sheet)) throw protectedSheet(sheets.name(sheet), 'mark cells');

      writing = true;
      // The record names every cell touched before anything is written, so a clear can undo a
      // write that fails midway.
      writeRecord(wb, found.cells);
      found.remove();
      for (const group of conditionGroups(marks, (sheet) => sheets.name(sheet))) {
        const condition = sheets.range(group.sheet, group.address).FormatConditions.Add(XL_EXPRESSION, undefined, MARK_RULE);
        condition.Interior.Color = bgr(SEVERITY_FILL[group.severity]);
      }
      for (const mark of marks) {
        const here = found.note(mark.sheet, mark.cell);
        if (!here.comment || here.comment.ours) here.range.AddComment(`${NOTE_MARKER}\n${mark.note}`);
      }
      writeRecord(wb, marked);
    } catch (error) {
      if (writing) await this.clearMarks().catch(() => undefined);
      throw wpsError(error, 'mark cells');
    }
  }

  async clearMarks(): Promise<number> {
    return this.run('remove the marks', null, () => {
      const wb = this.workbook();
      const sheets = new SheetCache(wb);
      const found = findMarks(sheets, readRecord(wb).filter(([sheet]) => sheets.get(sheet)));
      for (const sheet of found.sheets()) if (sheets.isProtected(sheet)) throw protectedSheet(sheets.name(sheet), 'remove its marks');
      const cleared = found.owned();
      found.remove();
      writeRecord(wb, []);
      return cleared;
    });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    this.run('select the cell', sheet, () => {
      const ws = this.sheet(this.workbook(), sheet);
      ws.Activate();
      ws.Range(cell).Select();
    });
  }

  async writeValues(edits: CellEdit[]): Promise<PreviousContent[]> {
    if (edits.length === 0) return [];
    return this.run('write values', single(edits), () => {
      const sheets = new SheetCache(this.workbook());
      checkWritable(sheets, edits, 'write values');
      const ranges = edits.map((e) => sheets.range(e.sheet, e.cell));
      const previous = edits.map((e, i): PreviousContent => {
        const range = ranges[i];
        const format = String(range.NumberFormat ?? 'General');
        return { sheet: e.sheet, cell: e.cell, formulaOrValue: typedContent(range.Formula, range.Value2, format), numberFormat: format };
      });
      this.echoes.expect(edits);
      edits.forEach((e, i) => (ranges[i].Value2 = e.value));
      return previous;
    });
  }

  async restoreValues(previous: PreviousContent[]): Promise<void> {
    if (previous.length === 0) return;
    this.run('undo the change', single(previous), () => {
      const sheets = new SheetCache(this.workbook());
      checkWritable(sheets, previous, 'undo the change');
      this.echoes.expect(previous);
      // Last written first, so a cell written twice ends with what it held originally.
      for (const p of [...previous].reverse()) {
        const range = sheets.range(p.sheet, p.cell);
        range.NumberFormat = p.numberFormat; // first: a text (@) cell keeps typed text as is
        range.Formula = p.formulaOrValue;
      }
    });
  }

  async exportFindings(rows: ExportRow[]): Promise<string> {
    return this.run('export the findings', null, () => {
      const { ws, name } = addSheet(this.workbook(), EXPORT_SHEET[this.lang]);
      const headers = EXPORT_HEADERS[this.lang];
      const table = [headers, ...rows.map((r) => [r.sheet, r.cell, r.severity, r.code, r.entered, r.expected, r.message])];
      const all = ws.Range(`A1:${toA1(table.length - 1, headers.length - 1)}`);
      all.NumberFormat = '@'; // every entry is text: "12" stays "12"
      all.Value2 = table;
      ws.Range(`A1:${toA1(0, headers.length - 1)}`).Font.Bold = true;
      rows.forEach((r, i) => {
        const anchor = ws.Range(toA1(i + 1, 1));
        ws.Hyperlinks.Add(anchor, '', `${quoteSheetName(r.sheet)}!${r.cell}`, r.message, r.cell);
      });
      all.Columns.AutoFit();
      ws.Activate();
      return name;
    });
  }

  async insertSheet(baseName: string, grid: SheetGrid): Promise<string> {
    return this.run('insert the worksheet', null, () => {
      const { ws, name } = addSheet(this.workbook(), baseName);
      const height = grid.cells.length;
      const width = Math.max(0, ...grid.cells.map((row) => row?.length ?? 0));
      if (height > 0 && width > 0) {
        const top = grid.top ?? 0;
        const left = grid.left ?? 0;
        const cellAt = (i: number, j: number) => grid.cells[i]?.[j] ?? null;
        const format = (i: number, j: number) => cellAt(i, j)?.format ?? 'General';
        // NumberFormat takes one format for a range: one write per cell whose format is not General.
        for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) if (format(i, j) !== 'General') ws.Range(toA1(top + i, left + j)).NumberFormat = format(i, j);
        ws.Range(`${toA1(top, left)}:${toA1(top + height - 1, left + width - 1)}`).Value2 = grid.cells.map((_, i) =>
          Array.from({ length: width }, (_, j) => {
            const value = cellAt(i, j)?.value ?? '';
            return typeof value === 'string' && format(i, j) !== '@' ? literal(value) : value;
          }),
        );
      }
      ws.Activate();
      return name;
    });
  }

  async onEdited(handler: (sheet: string, address: string) => void): Promise<() => Promise<void>> {
    const listener: SheetChangeListener = (ws, range) => {
      let sheet: string;
      let address: string;
      try {
        sheet = ws.Name;
        address = range.Address(false, false);
      } catch {
        return; // the sheet is gone already
      }
      if (this.echoes.consume(sheet, address)) return;
      handler(sheet, address);
    };
    this.run('watch the worksheets for edits', null, () => this.app.ApiEvent.AddApiEventListener('SheetChange', listener));
    let subscribed = true;
    return async () => {
      if (!subscribed) return;
      subscribed = false;
      this.app.ApiEvent.RemoveApiEventListener('SheetChange', listener);
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Sheets and ranges

/** Worksheets by name within one operation: each looked up once, missing ones remembered as such. */
class SheetCache {
  private readonly sheets = new Map<string, { ws: EtWorksheet; name: string; protected?: boolean } | null>();

  constructor(private readonly wb: EtWorkbook) {}

  get(name: string): EtWorksheet | null {
    const key = name.toLowerCase();
    if (!this.sheets.has(key)) {
      let ws: EtWorksheet | null = null;
      try {
        ws = this.wb.Worksheets.Item(name);
      } catch {
        ws = null;
      }
      this.sheets.set(key, ws && { ws, name: ws.Name });
    }
    return this.sheets.get(key)?.ws ?? null;
  }

  /** The sheet's name as WPS spells it. */
  name(sheet: string): string {
    this.get(sheet);
    return this.sheets.get(sheet.toLowerCase())?.name ?? sheet;
  }

  isProtected(sheet: string): boolean {
    const entry = (this.get(sheet), this.sheets.get(sheet.toLowerCase()));
    if (!entry) return false;
    entry.protected ??= entry.ws.ProtectContents;
    return entry.protected;
  }

  sheet(name: string): EtWorksheet {
    const ws = this.get(name);
    if (!ws) throw missingSheet(name);
    return ws;
  }

  range(sheet: string, cell: string): EtRange {
    return this.sheet(sheet).Range(cell);
  }
}

function single(cells: readonly { sheet: string }[]): string | null {
  return new Set(cells.map((c) => c.sheet)).size === 1 ? cells[0].sheet : null;
}

function checkWritable(sheets: SheetCache, cells: readonly { sheet: string }[], action: string): void {
  for (const { sheet } of cells) {
    if (!sheets.get(sheet)) throw missingSheet(sheet);
    if (sheets.isProtected(sheet)) throw protectedSheet(sheets.name(sheet), action);
  }
}

/** Adds a sheet after the last one, named `base` (or `base (2)` …, whichever is free). */
function addSheet(wb: EtWorkbook, base: string): { ws: EtWorksheet; name: string } {
  const sheets = wb.Worksheets;
  const count = sheets.Count;
  const existing = Array.from({ length: count }, (_, i) => sheets.Item(i + 1).Name);
  const name = uniqueSheetName(existing, base);
  const ws = sheets.Add(undefined, sheets.Item(count));
  ws.Name = name;
  return { ws, name };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A range property as rows × cols: one cell gives a scalar, several a 2-D array. */
function matrix(read: unknown, rows: number, cols: number): unknown[][] {
  if (rows === 1 && cols === 1 && !Array.isArray(read)) return [[read]];
  if (!Array.isArray(read)) throw new ExcelAdapterError('HostError', `WPS 表格 gave ${typeof read} where a ${rows}×${cols} array was due`);
  return read as unknown[][];
}

function readSheet(ws: EtWorksheet): SheetGrid {
  const name = ws.Name;
  const used = ws.UsedRange;
  const top = used.Row - 1;
  const left = used.Column - 1;
  const rows = used.Rows.Count;
  const cols = used.Columns.Count;
  const values = matrix(used.Value2, rows, cols);
  const formulas = matrix(used.Formula, rows, cols);
  const formats = numberFormats(ws, used, values, top, left);
  const cells = values.map((row, i) => row.map((value, j) => toCell(value, formulas[i]?.[j], formats(i, j))));
  if (cells.every((row) => row.every((c) => c === null))) return { name, cells: [], top: 0, left: 0 };
  return { name, cells, top, left };
}

/**
 * The number format of each cell: the range's own when it is one for all, else every cell's
 * from the range as XML Spreadsheet (one call), else — a WPS that does not give it — each
 * column's and, in a column of mixed formats, each number cell's.
 */
function numberFormats(ws: EtWorksheet, used: EtRange, values: unknown[][], top: number, left: number): (i: number, j: number) => string {
  const whole = used.NumberFormat;
  if (whole !== null) return () => whole;
  return xmlSpreadsheetFormats(asXmlSpreadsheet(used), values) ?? formatsByColumn(ws, values, top, left);
}

function asXmlSpreadsheet(range: EtRange): unknown {
  try {
    return range.Value(XL_RANGE_VALUE_XML_SPREADSHEET);
  } catch {
    return null; // not implemented by this WPS: formats are read by column
  }
}

function formatsByColumn(ws: EtWorksheet, values: unknown[][], top: number, left: number): (i: number, j: number) => string {
  const cols = values[0]?.length ?? 0;
  const column = (j: number) => `${toA1(top, left + j)}:${toA1(top + values.length - 1, left + j)}`;
  const byColumn = Array.from({ length: cols }, (_, j) => ws.Range(column(j)).NumberFormat);
  const byCell = new Map<string, string>();
  values.forEach((row, i) =>
    row.forEach((value, j) => {
      if (byColumn[j] === null && typeof value === 'number') byCell.set(`${i},${j}`, String(ws.Range(toA1(top + i, left + j)).NumberFormat ?? 'General'));
    }),
  );
  return (i, j) => byColumn[j] ?? byCell.get(`${i},${j}`) ?? 'General';
}

function isFormula(formula: unknown, value: unknown): formula is string {
  return typeof formula === 'string' && formula.startsWith('=') && formula !== value;
}

function toCell(value: unknown, formula: unknown, format: string): Cell | null {
  const hasFormula = isFormula(formula, value);
  if (!hasFormula && (value === '' || value === null || value === undefined)) return null;
  const cell: Cell = { value: (value ?? null) as CellValue, format };
  if (hasFormula) cell.formula = true;
  return cell;
}

/** A cell's content as it must be entered (into Formula, after its number format) to get the same cell back. */
function typedContent(formula: unknown, value: unknown, format: string): PreviousContent['formulaOrValue'] {
  if (isFormula(formula, value)) return formula;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return format === '@' ? value : literal(value);
  return value as number | boolean;
}

// ---------------------------------------------------------------------------------------------
// Marks

interface Note {
  range: EtRange;
  /** The cell's comment: the add-in's when it starts with NOTE_MARKER. */
  comment: { ours: boolean; Delete(): void } | null;
}

/**
 * What of the add-in's is on `cells` (the record and the cells about to be marked): each cell's
 * comment, and on each of their sheets the format conditions carrying MARK_RULE (a formula no
 * user writes), found by their index among the sheet's conditions.
 */
function findMarks(sheets: SheetCache, cells: readonly CellRef[]) {
  const notes = new Map<string, Note>();
  for (const [sheet, cell] of cells) {
    const range = sheets.range(sheet, cell);
    const comment = range.Comment;
    notes.set(refKey(sheet, cell), { range, comment: comment && { ours: comment.Text().includes(NOTE_MARKER), Delete: () => comment.Delete() } });
  }
  /** Sheet (as WPS spells it) → its conditions and the indexes of the add-in's among them. */
  const rules = new Map<string, { conditions: EtFormatConditions; ours: number[] }>();
  for (const [sheet] of cells) {
    const name = sheets.name(sheet);
    if (rules.has(name)) continue;
    const conditions = sheets.sheet(sheet).Cells.FormatConditions;
    const ours: number[] = [];
    for (let k = 1, n = conditions.Count; k <= n; k++) {
      const condition = conditions.Item(k);
      if (condition.Type === XL_EXPRESSION && sameFormula(String(condition.Formula1), MARK_RULE)) ours.push(k);
    }
    rules.set(name, { conditions, ours });
  }
  const ownedNote = (ref: CellRef) => notes.get(refKey(...ref))?.comment?.ours === true;
  return {
    cells,
    note: (sheet: string, cell: string) => notes.get(refKey(sheet, cell.toUpperCase())) as Note,
    /** The sheets (as WPS spells them) where something of the add-in's was found. */
    sheets: () => new Set([...[...rules].filter(([, r]) => r.ours.length > 0).map(([name]) => name), ...cells.filter(ownedNote).map(([sheet]) => sheets.name(sheet))]),
    /** The cells that carried a mark: a note of the add-in's, or on a sheet with its conditions. */
    owned: () => cells.filter((ref) => ownedNote(ref) || (rules.get(sheets.name(ref[0]))?.ours.length ?? 0) > 0).length,
    remove() {
      // Highest index first: deleting a condition renumbers those after it.
      for (const { conditions, ours } of rules.values()) for (const k of [...ours].reverse()) conditions.Item(k).Delete();
      for (const { comment } of notes.values()) if (comment?.ours) comment.Delete();
    },
  };
}

/** A Range address holds at most 255 characters: the union of the cells marked alike, in pieces that fit. */
const ADDRESS_LIMIT = 255;

/** Marks of one sheet and severity, as union addresses ("C3,D5,F9") of at most ADDRESS_LIMIT characters. */
function conditionGroups(marks: readonly Mark[], sheetName: (sheet: string) => string): { sheet: string; severity: Mark['severity']; address: string }[] {
  const groups = new Map<string, { sheet: string; severity: Mark['severity']; address: string }[]>();
  for (const mark of marks) {
    const sheet = sheetName(mark.sheet);
    const key = `${sheet}\u0000${mark.severity}`;
    const pieces = groups.get(key) ?? [];
    const last = pieces[pieces.length - 1];
    const cell = mark.cell.toUpperCase();
    if (last && last.address.length + 1 + cell.length <= ADDRESS_LIMIT) last.address += `,${cell}`;
    else pieces.push({ sheet, severity: mark.severity, address: cell });
    groups.set(key, pieces);
  }
  return [...groups.values()].flat();
}

/** "#FFC7CE" → the BGR long of Interior.Color. */
function bgr(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

function uniqueRefs(refs: readonly CellRef[]): CellRef[] {
  const seen = new Map<string, CellRef>();
  for (const [sheet, cell] of refs) if (!seen.has(refKey(sheet, cell))) seen.set(refKey(sheet, cell), [sheet, cell.toUpperCase()]);
  return [...seen.values()];
}

/** The record's names present, in order: selfeval_marks_1, _2 … up to the first missing. */
function recordNames(wb: EtWorkbook): { name: string; text: string }[] {
  const found = [];
  for (let k = 1; ; k++) {
    let refersTo: unknown;
    try {
      refersTo = wb.Names.Item(`${MARKS_NAME}${k}`).RefersTo;
    } catch {
      return found;
    }
    found.push({ name: `${MARKS_NAME}${k}`, text: textConstant(String(refersTo)) });
  }
}

/** `="a""b"` → `a"b`. */
function textConstant(refersTo: string): string {
  const m = /^="(.*)"$/s.exec(refersTo);
  return m ? m[1].replace(/""/g, '"') : '';
}

function readRecord(wb: EtWorkbook): CellRef[] {
  const text = recordNames(wb)
    .map((n) => n.text)
    .join('');
  if (text === '') return [];
  try {
    const cells: unknown = JSON.parse(text).cells;
    if (!Array.isArray(cells)) return [];
    return cells.filter(
      (c): c is CellRef => Array.isArray(c) && c.length === 2 && typeof c[0] === 'string' && typeof c[1] === 'string' && fromA1(c[1]) !== null,
    );
  } catch {
    return [];
  }
}

/** Replaces the record with these cells (none: no names at all). */
function writeRecord(wb: EtWorkbook, cells: readonly CellRef[]): void {
  for (const { name } of recordNames(wb)) wb.Names.Item(name).Delete();
  if (cells.length === 0) return;
  const chunks = [''];
  for (const ch of JSON.stringify({ v: 1, cells })) {
    const quoted = ch === '"' ? '""' : ch;
    if (chunks[chunks.length - 1].length + quoted.length > RECORD_CHUNK) chunks.push('');
    chunks[chunks.length - 1] += quoted;
  }
  chunks.forEach((chunk, k) => wb.Names.Add(`${MARKS_NAME}${k + 1}`, `="${chunk}"`, false));
}
