/**
 * The ExcelAdapter over Office.js (Excel JavaScript API).
 *
 * Round trips: every operation does a fixed number of `context.sync()` calls, whatever the
 * number of sheets, marks or edits. readSheets: 3 up to READ_BUDGET.syncCells cells, one more
 * per further READ_BUDGET.syncCells (Excel on the web caps one request or response at 5 MB, so
 * no single sync can carry more); applyMarks: 3; clearMarks: 3 (1 when nothing is marked);
 * writeValues, restoreValues, exportFindings, insertSheet, onEdited: 2; selectCell, sheetNames: 1.
 *
 * Marks never touch the user's own formatting. Each marked cell gets one conditional format of
 * the add-in's — a custom rule MARK_RULE that is always true, filled by severity — and, on
 * ExcelApi 1.18 hosts, a note starting with NOTE_MARKER (never over a note the user wrote).
 * The marked cells are recorded in the workbook's add-in settings (Excel.SettingCollection,
 * ExcelApi 1.4), which are saved in the file, so the record survives a reload exactly when the
 * marks do. A format or note is the add-in's when it sits on a recorded (or newly marked) cell
 * AND carries the rule or the marker: ids are only used within one batch, as Excel's object ids
 * are not documented to survive a session (worksheet ids do not: office-js-docs #297).
 * Only the formats of those cells are read, through customOrNullObject (office-js #2180).
 * Merged areas are never read (getMergedAreasOrNullObject clears the undo stack on some hosts,
 * office-js #5918); the engine works without them.
 *
 * Every write first loads and checks what it needs (sheet exists, not protected), then writes
 * in one sync, so a refused operation changes nothing. Excel batches are not transactions:
 * should the write sync of applyMarks still fail midway, its marks are cleared again.
 */
import { fromA1, toA1, type Cell, type CellValue, type SheetGrid } from '../engine/grid';
import { SEVERITY_FILL, type Mark } from '../engine/marks';
import { spreadsheetSafeText } from '../engine/safe-text';
import { ExcelAdapterError, hostError, missingApi, missingSheet, officeErrorCode, protectedSheet } from './adapter-error';
import type { CellEdit, ExcelAdapter, ExportRow, HostCapabilities, PreviousContent, Scope } from './types';

export interface AdapterOptions {
  /** Requirement-set check; defaults to Office.context.requirements (all false without Office). */
  isSetSupported?: (name: string, minVersion: string) => boolean;
  /** UI language of the host (headers of the exported sheet); defaults to Office.context.displayLanguage. */
  displayLanguage?: string;
  /** Cell budgets of readSheets; see READ_BUDGET. */
  readBudget?: Partial<typeof READ_BUDGET>;
}

/**
 * readSheets loads a used range in row blocks of at most `blockCells` cells (large range reads
 * can fail on resource limits), and at most `syncCells` cells per sync: values, formulas and
 * number formats run at ~30–80 bytes a cell in the response, well under Excel on the web's 5 MB.
 */
export const READ_BUDGET = { blockCells: 20_000, syncCells: 60_000 };

/** ExcelApi versions of the optional features (the manifest requires 1.7), as HostCapabilities documents them. */
export const REQUIREMENT = {
  notes: '1.18',
  conditionalFormats: '1.6',
  changeEvents: '1.7',
  eventSources: '1.14',
  undoGroups: '1.20',
} as const satisfies Record<keyof HostCapabilities, string>;

export const NOTE_MARKER = '【selfeval】';
/** Rule of the add-in's conditional formats: always true, and never one a user would write. */
export const MARK_RULE = '=ISTEXT("selfeval")';
export const MARKS_SETTING = 'selfeval.marks';

/** How long a change event may take to come back from the adapter's own write. */
const ECHO_MS = 5000;
/** The 导出核分结果 sheet: its name and headers (the WPS adapter writes the same). */
export const EXPORT_SHEET = { zh: '核分结果', en: 'Findings' };
export const EXPORT_HEADERS = {
  zh: ['工作表', '单元格', '级别', '代码', '填报值', '应为', '说明'],
  en: ['Sheet', 'Cell', 'Severity', 'Code', 'Entered', 'Expected', 'Message'],
};

export type CellRef = readonly [sheet: string, cell: string];

/** A cell's key in the record of marks: sheet names compare without case, as Excel's do. */
export const refKey = (sheet: string, cell: string) => `${sheet.toLowerCase()}\u0000${cell.toUpperCase()}`;

/** One mark per cell: the first (marksFromFindings puts the most severe first). */
export function oneMarkPerCell(all: readonly Mark[]): Mark[] {
  const seen = new Set<string>();
  return all.filter((m) => {
    const key = refKey(m.sheet, m.cell);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function createExcelAdapter(run: typeof Excel.run = Excel.run, options: AdapterOptions = {}): ExcelAdapter {
  return new OfficeJsAdapter(run, options);
}

function officeRequirements(name: string, minVersion: string): boolean {
  return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported(name, minVersion) === true;
}

class OfficeJsAdapter implements ExcelAdapter {
  private readonly isSetSupported: (name: string, minVersion: string) => boolean;
  private readonly lang: 'zh' | 'en';
  private readonly budget: typeof READ_BUDGET;
  private readonly echoes = new Echoes();
  /** The context of the action under way (see `action`): every batch in it joins that Excel.run. */
  private current: Excel.RequestContext | null = null;

  constructor(
    private readonly run: typeof Excel.run,
    options: AdapterOptions,
  ) {
    this.isSetSupported = options.isSetSupported ?? officeRequirements;
    const language = options.displayLanguage ?? (typeof Office !== 'undefined' ? Office.context?.displayLanguage : undefined);
    this.lang = !language || language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
    this.budget = { ...READ_BUDGET, ...options.readBudget };
  }

  capabilities(): HostCapabilities {
    const supported = (version: string) => this.isSetSupported('ExcelApi', version);
    return {
      notes: supported(REQUIREMENT.notes),
      conditionalFormats: supported(REQUIREMENT.conditionalFormats),
      changeEvents: supported(REQUIREMENT.changeEvents),
      eventSources: supported(REQUIREMENT.eventSources),
      undoGroups: supported(REQUIREMENT.undoGroups),
    };
  }

  /**
   * Runs `steps` (any adapter calls) in one Excel.run, so that with ExcelApi 1.20 everything
   * they write is one undo group: Ctrl+Z in Excel undoes exactly this action. Calls made
   * while an action runs join its context; an action inside an action is part of the outer one.
   */
  async action<T>(steps: () => Promise<T>): Promise<T> {
    if (this.current) return steps();
    const body = async (ctx: Excel.RequestContext) => {
      this.current = ctx;
      try {
        return await steps();
      } finally {
        this.current = null;
      }
    };
    return this.capabilities().undoGroups ? this.run({ mergeUndoGroup: true }, body) : this.run(body);
  }

  /** A batch in the action under way, or in an Excel.run of its own. */
  private batch<T>(steps: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.current ? steps(this.current) : this.run(steps);
  }

  /** Before ExcelApi 1.14, change events do not say they came from the add-in's own write. */
  private expectEchoes(cells: readonly { sheet: string; cell: string }[]): void {
    if (!this.capabilities().eventSources) this.echoes.expect(cells);
  }

  private require(capability: keyof HostCapabilities, feature: string): void {
    if (!this.capabilities()[capability]) throw missingApi(feature, `ExcelApi ${REQUIREMENT[capability]}`);
  }

  async sheetNames(): Promise<{ names: string[]; active: string }> {
    try {
      return await this.batch(async (ctx) => {
        const sheets = ctx.workbook.worksheets.load('items/name');
        const active = ctx.workbook.worksheets.getActiveWorksheet().load('name');
        await ctx.sync();
        return { names: sheets.items.map((ws) => ws.name), active: active.name };
      });
    } catch (error) {
      throw hostError(error, 'list the worksheets');
    }
  }

  async readSheets(scope: Scope, onProgress?: (done: number, total: number) => void): Promise<SheetGrid[]> {
    try {
      return await this.batch(async (ctx) => {
        const all = ctx.workbook.worksheets.load('items/name');
        const active = ctx.workbook.worksheets.getActiveWorksheet().load('name');
        await ctx.sync();
        const sheets = scope === 'all' ? all.items : [active];
        onProgress?.(0, sheets.length);

        const used = sheets.map((ws) => ws.getUsedRangeOrNullObject(true).load('address,rowCount,columnCount'));
        await ctx.sync();
        const grids: SheetGrid[] = [];
        const blocks: Block[] = [];
        const pending = sheets.map(() => 0);
        sheets.forEach((ws, i) => {
          const range = used[i];
          if (range.isNullObject) {
            grids.push({ name: ws.name, cells: [], top: 0, left: 0 });
            return;
          }
          const origin = rangeOrigin(range.address);
          grids.push({ name: ws.name, cells: new Array<(Cell | null)[]>(range.rowCount), top: origin.row, left: origin.col });
          for (const block of rowBlocks(range.rowCount, range.columnCount, this.budget.blockCells)) {
            blocks.push({ sheet: i, ...block, cols: range.columnCount });
            pending[i]++;
          }
        });

        let done = pending.filter((n) => n === 0).length;
        for (const batch of syncBatches(blocks, this.budget.syncCells)) {
          const loads = batch.map((b) => {
            const { top = 0, left = 0 } = grids[b.sheet];
            const address = `${toA1(top + b.row0, left)}:${toA1(top + b.row0 + b.rows - 1, left + b.cols - 1)}`;
            return sheets[b.sheet].getRange(address).load('values,numberFormat,formulas');
          });
          await ctx.sync();
          batch.forEach((b, k) => {
            const { values, formulas, numberFormat } = loads[k];
            const rows = grids[b.sheet].cells as (Cell | null)[][];
            for (let i = 0; i < b.rows; i++) {
              rows[b.row0 + i] = values[i].map((value: unknown, j: number) => toCell(value, formulas[i][j], numberFormat[i][j]));
            }
            if (--pending[b.sheet] === 0) done++;
          });
          onProgress?.(done, sheets.length);
        }
        if (blocks.length === 0) onProgress?.(done, sheets.length);
        return grids;
      });
    } catch (error) {
      throw hostError(error, 'read the workbook');
    }
  }

  async applyMarks(all: Mark[]): Promise<void> {
    this.require('conditionalFormats', 'Highlighting cells');
    const marks = oneMarkPerCell(all);
    const withNotes = this.capabilities().notes;
    let writing = false;
    try {
      await this.batch(async (ctx) => {
        const inventory = queueInventory(ctx);
        const record = queueMarkRecord(ctx);
        await ctx.sync();
        const sheets = inventory();
        for (const mark of marks) if (!sheets.has(mark.sheet)) throw missingSheet(mark.sheet);
        const marked = marks.map((m): CellRef => [m.sheet, m.cell.toUpperCase()]);
        const previous = record.refs().filter(([sheet]) => sheets.has(sheet));
        // Inspecting the new cells too finds marks left on a sheet renamed since it was marked.
        const cells = uniqueRefs([...previous, ...marked]);
        const inspect = queueInspection(ctx, cells, withNotes);
        await ctx.sync();
        const found = inspect();
        const markedKeys = new Set(marked.map(([s, c]) => refKey(s, c)));
        const touched = new Set([...marks.map((m) => m.sheet), ...owned(cells, found).map(([sheet]) => sheet)]);
        for (const sheet of touched) if (sheets.isProtected(sheet)) throw protectedSheet(sheets.name(sheet), 'mark cells');

        writing = true;
        // The record names every cell touched before anything is written, so a clear can undo a
        // write that fails midway.
        writeMarkRecord(ctx, cells, record.exists());
        const ws = sheetCache(ctx);
        for (const [sheet, cell] of cells) unmark(ws(sheet), cell, found.get(refKey(sheet, cell)), withNotes && !markedKeys.has(refKey(sheet, cell)));
        for (const mark of marks) {
          const format = ws(mark.sheet).getRange(mark.cell).conditionalFormats.add('Custom');
          format.custom.rule.formula = MARK_RULE;
          format.custom.format.fill.color = `#${SEVERITY_FILL[mark.severity]}`;
          if (!withNotes) continue;
          const note = found.get(refKey(mark.sheet, mark.cell))?.note;
          const content = `${NOTE_MARKER}\n${mark.note}`;
          if (!note) ws(mark.sheet).notes.add(mark.cell, content);
          else if (note.ours) ws(mark.sheet).notes.getItem(mark.cell).content = content;
        }
        writeMarkRecord(ctx, marked, record.exists() || cells.length > 0);
        await ctx.sync();
      });
    } catch (error) {
      if (writing) await this.clearMarks().catch(() => undefined);
      throw hostError(error, 'mark cells');
    }
  }

  async clearMarks(): Promise<number> {
    const withNotes = this.capabilities().notes;
    try {
      return await this.batch(async (ctx) => {
        const inventory = queueInventory(ctx);
        const record = queueMarkRecord(ctx);
        await ctx.sync();
        if (!record.exists()) return 0;
        const sheets = inventory();
        const cells = record.refs().filter(([sheet]) => sheets.has(sheet));
        const inspect = queueInspection(ctx, cells, withNotes);
        await ctx.sync();
        const found = inspect();
        const marked = owned(cells, found);
        for (const [sheet] of marked) if (sheets.isProtected(sheet)) throw protectedSheet(sheets.name(sheet), 'remove its marks');
        const ws = sheetCache(ctx);
        for (const [sheet, cell] of marked) unmark(ws(sheet), cell, found.get(refKey(sheet, cell)), withNotes);
        writeMarkRecord(ctx, [], true);
        await ctx.sync();
        return marked.length;
      });
    } catch (error) {
      throw hostError(error, 'remove the marks');
    }
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.withSheets([sheet], 'select the cell', async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await ctx.sync();
    });
  }

  async writeValues(edits: CellEdit[]): Promise<PreviousContent[]> {
    if (edits.length === 0) return [];
    return this.withSheets(
      edits.map((e) => e.sheet),
      'write values',
      async (ctx) => {
        const ws = sheetCache(ctx);
        const checks = queueProtection(ctx, edits.map((e) => e.sheet));
        const ranges = edits.map((e) => ws(e.sheet).getRange(e.cell).load('formulas,values,numberFormat'));
        await ctx.sync();
        checks('write values');
        const previous = edits.map((e, i): PreviousContent => {
          const { formulas, values, numberFormat } = ranges[i];
          const format = String(numberFormat[0][0]);
          return { sheet: e.sheet, cell: e.cell, formulaOrValue: typedContent(formulas[0][0], values[0][0], format), numberFormat: format };
        });
        this.expectEchoes(edits);
        edits.forEach((e, i) => (ranges[i].values = [[e.value]]));
        await ctx.sync();
        return previous;
      },
    );
  }

  async restoreValues(previous: PreviousContent[]): Promise<void> {
    if (previous.length === 0) return;
    await this.withSheets(
      previous.map((p) => p.sheet),
      'undo the change',
      async (ctx) => {
        const checks = queueProtection(ctx, previous.map((p) => p.sheet));
        await ctx.sync();
        checks('undo the change');
        const ws = sheetCache(ctx);
        this.expectEchoes(previous);
        // Last written first, so a cell written twice ends with what it held originally.
        for (const p of [...previous].reverse()) {
          const range = ws(p.sheet).getRange(p.cell);
          range.numberFormat = [[p.numberFormat]]; // first: a text (@) cell keeps typed text as is
          range.formulas = [[p.formulaOrValue]];
        }
        await ctx.sync();
      },
    );
  }

  async exportFindings(rows: ExportRow[]): Promise<string> {
    try {
      return await this.batch(async (ctx) => {
        const { ws, name } = await addSheet(ctx, EXPORT_SHEET[this.lang]);
        const headers = EXPORT_HEADERS[this.lang];
        const table = [headers, ...rows.map((r) => [r.sheet, r.cell, r.severity, r.code, r.entered, r.expected, r.message].map(spreadsheetSafeText))];
        const all = ws.getRange(`A1:${toA1(table.length - 1, headers.length - 1)}`);
        all.numberFormat = table.map((row) => row.map(() => '@'));
        all.values = table;
        ws.getRange(`A1:${toA1(0, headers.length - 1)}`).format.font.bold = true;
        rows.forEach((r, i) => {
          ws.getRange(toA1(i + 1, 1)).hyperlink = { documentReference: `${quoteSheetName(r.sheet)}!${r.cell}`, textToDisplay: r.cell };
        });
        all.format.autofitColumns();
        ws.activate();
        await ctx.sync();
        return name;
      });
    } catch (error) {
      throw hostError(error, 'export the findings');
    }
  }

  async insertSheet(baseName: string, grid: SheetGrid): Promise<string> {
    try {
      return await this.batch(async (ctx) => {
        const { ws, name } = await addSheet(ctx, baseName);
        const height = grid.cells.length;
        const width = Math.max(0, ...grid.cells.map((row) => row?.length ?? 0));
        if (height > 0 && width > 0) {
          const top = grid.top ?? 0;
          const left = grid.left ?? 0;
          const range = ws.getRange(`${toA1(top, left)}:${toA1(top + height - 1, left + width - 1)}`);
          const cellAt = (i: number, j: number) => grid.cells[i]?.[j] ?? null;
          const format = (i: number, j: number) => cellAt(i, j)?.format ?? 'General';
          range.numberFormat = grid.cells.map((_, i) => Array.from({ length: width }, (_, j) => format(i, j)));
          range.values = grid.cells.map((_, i) =>
            Array.from({ length: width }, (_, j) => {
              const value = cellAt(i, j)?.value ?? '';
              return typeof value === 'string' && format(i, j) !== '@' ? literal(value) : value;
            }),
          );
        }
        ws.activate();
        await ctx.sync();
        return name;
      });
    } catch (error) {
      throw hostError(error, 'insert the worksheet');
    }
  }

  async onEdited(handler: (sheet: string, address: string) => void): Promise<() => Promise<void>> {
    this.require('changeEvents', 'Re-checking after edits');
    let subscriptions: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[];
    try {
      subscriptions = await this.batch(async (ctx) => {
        const sheets = ctx.workbook.worksheets.load('items/name');
        await ctx.sync();
        const added = sheets.items.map((ws) => ws.onChanged.add((event) => this.changed(event, handler)));
        await ctx.sync();
        return added;
      });
    } catch (error) {
      throw hostError(error, 'watch the worksheets for edits');
    }
    return async () => {
      if (subscriptions.length === 0) return;
      for (const s of subscriptions) s.remove();
      await subscriptions[0].context.sync();
      subscriptions = [];
    };
  }

  private async changed(event: Excel.WorksheetChangedEventArgs, handler: (sheet: string, address: string) => void): Promise<void> {
    if (this.capabilities().eventSources && event.triggerSource === 'ThisLocalAddin') return; // the add-in's own write
    let sheet: string;
    try {
      // Its own Excel.run: an event may come while an action runs.
      sheet = await this.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(event.worksheetId).load('name');
        await ctx.sync();
        return ws.name;
      });
    } catch {
      return; // the sheet is gone already
    }
    if (this.echoes.consume(sheet, event.address)) return;
    handler(sheet, event.address);
  }

  /** Runs a batch on these sheets; a missing sheet or a refusal becomes a clear error. */
  private async withSheets<T>(sheets: string[], action: string, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.batch(batch);
    } catch (error) {
      if (officeErrorCode(error) === 'ItemNotFound') {
        const { names } = await this.sheetNames();
        const known = new Set(names.map((n) => n.toLowerCase()));
        const missing = sheets.find((s) => !known.has(s.toLowerCase()));
        if (missing !== undefined) throw missingSheet(missing);
      }
      throw hostError(error, action, new Set(sheets).size === 1 ? sheets[0] : null);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Batches

/** One worksheet proxy per name within a batch. */
function sheetCache(ctx: Excel.RequestContext): (name: string) => Excel.Worksheet {
  const cache = new Map<string, Excel.Worksheet>();
  return (name) => {
    let ws = cache.get(name);
    if (!ws) cache.set(name, (ws = ctx.workbook.worksheets.getItem(name)));
    return ws;
  };
}

interface Inventory {
  has(sheet: string): boolean;
  /** The sheet's name as Excel spells it (names are case-insensitive). */
  name(sheet: string): string;
  isProtected(sheet: string): boolean;
}

function queueInventory(ctx: Excel.RequestContext): () => Inventory {
  const sheets = ctx.workbook.worksheets.load('items/name,items/protection/protected');
  return () => {
    const byName = new Map(sheets.items.map((ws) => [ws.name.toLowerCase(), ws]));
    return {
      has: (sheet) => byName.has(sheet.toLowerCase()),
      name: (sheet) => byName.get(sheet.toLowerCase())?.name ?? sheet,
      isProtected: (sheet) => byName.get(sheet.toLowerCase())?.protection.protected === true,
    };
  };
}

/** Loads the protection of these sheets; the returned check throws for a protected one. */
function queueProtection(ctx: Excel.RequestContext, sheets: string[]): (action: string) => void {
  const ws = sheetCache(ctx);
  const protections = [...new Set(sheets)].map((sheet) => ({ sheet, protection: ws(sheet).protection.load('protected') }));
  return (action) => {
    const locked = protections.find((p) => p.protection.protected);
    if (locked) throw protectedSheet(locked.sheet, action);
  };
}

function queueMarkRecord(ctx: Excel.RequestContext): { exists(): boolean; refs(): CellRef[] } {
  const setting = ctx.workbook.settings.getItemOrNullObject(MARKS_SETTING).load('value');
  return {
    exists: () => !setting.isNullObject,
    refs: () => (setting.isNullObject ? [] : parseMarkRecord(setting.value)),
  };
}

function parseMarkRecord(value: unknown): CellRef[] {
  try {
    const cells: unknown = JSON.parse(String(value)).cells;
    if (!Array.isArray(cells)) return [];
    return cells.filter(
      (c): c is CellRef => Array.isArray(c) && c.length === 2 && typeof c[0] === 'string' && typeof c[1] === 'string' && fromA1(c[1]) !== null,
    );
  } catch {
    return [];
  }
}

/** Records the marked cells, or (none, `exists`) removes the record. */
function writeMarkRecord(ctx: Excel.RequestContext, cells: readonly CellRef[], exists: boolean): void {
  if (cells.length > 0) ctx.workbook.settings.add(MARKS_SETTING, JSON.stringify({ v: 1, cells }));
  else if (exists) ctx.workbook.settings.getItem(MARKS_SETTING).delete();
}

interface Inspected {
  /** Ids (valid in this batch) of the add-in's conditional formats on the cell. */
  formats: string[];
  note: { ours: boolean } | null;
}

/** Loads the conditional formats and notes of these cells. */
function queueInspection(ctx: Excel.RequestContext, cells: readonly CellRef[], withNotes: boolean): () => Map<string, Inspected> {
  const ws = sheetCache(ctx);
  const loads = cells.map(([sheet, cell]) => ({
    key: refKey(sheet, cell),
    // customOrNullObject: reading `custom` of another type of format fails the batch (office-js #2180).
    formats: ws(sheet).getRange(cell).conditionalFormats.load('items/id,items/type,items/customOrNullObject/rule/formula'),
    note: withNotes ? ws(sheet).notes.getItemOrNullObject(cell).load('content') : null,
  }));
  return () =>
    new Map(
      loads.map(({ key, formats, note }) => [
        key,
        {
          formats: formats.items.filter((f) => f.type === 'Custom' && sameFormula(f.customOrNullObject.rule.formula, MARK_RULE)).map((f) => f.id),
          // The add-in writes the marker first; `includes` still knows the note should a host prepend an author line.
          note: !withNotes || !note || note.isNullObject ? null : { ours: note.content.includes(NOTE_MARKER) },
        },
      ]),
    );
}

/** Deletes the add-in's conditional formats on the cell, and its note when `withNote` (notes supported, and wanted). */
function unmark(ws: Excel.Worksheet, cell: string, here: Inspected | undefined, withNote: boolean): void {
  for (const id of here?.formats ?? []) ws.getRange(cell).conditionalFormats.getItem(id).delete();
  if (withNote && here?.note?.ours) ws.notes.getItem(cell).delete();
}

/** The cells that carry a mark of the add-in. */
function owned(cells: readonly CellRef[], found: Map<string, Inspected>): CellRef[] {
  return cells.filter(([sheet, cell]) => {
    const here = found.get(refKey(sheet, cell));
    return !!here && (here.formats.length > 0 || here.note?.ours === true);
  });
}

export const sameFormula = (a: string, b: string) => a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();

function uniqueRefs(refs: readonly CellRef[]): CellRef[] {
  const seen = new Map<string, CellRef>();
  for (const [sheet, cell] of refs) if (!seen.has(refKey(sheet, cell))) seen.set(refKey(sheet, cell), [sheet, cell.toUpperCase()]);
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------
// Reading

interface Block {
  sheet: number;
  /** First row, relative to the used range. */
  row0: number;
  rows: number;
  cols: number;
}

/** Splits `rows` × `cols` into row blocks of at most `budget` cells (at least one row each). */
export function rowBlocks(rows: number, cols: number, budget: number): { row0: number; rows: number }[] {
  const step = Math.max(1, Math.floor(budget / Math.max(1, cols)));
  const blocks = [];
  for (let row0 = 0; row0 < rows; row0 += step) blocks.push({ row0, rows: Math.min(step, rows - row0) });
  return blocks;
}

/** Groups blocks into syncs of at most `budget` cells (a larger block goes alone). */
function syncBatches(blocks: Block[], budget: number): Block[][] {
  const batches: Block[][] = [];
  let current: Block[] = [];
  let cells = 0;
  for (const block of blocks) {
    const size = block.rows * block.cols;
    if (current.length > 0 && cells + size > budget) {
      batches.push(current);
      current = [];
      cells = 0;
    }
    current.push(block);
    cells += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Top-left cell of an address such as "Sheet1!B3:F20" or "'My sheet'!B3". */
function rangeOrigin(address: string): { row: number; col: number } {
  const local = address.slice(address.lastIndexOf('!') + 1).split(':')[0];
  const origin = fromA1(local);
  if (!origin) throw new ExcelAdapterError('HostError', `Unexpected range address from Excel: ${address}`);
  return origin;
}

/** A formula, not a text constant that starts with "=" (whose `formulas` entry is its value). */
function isFormula(formula: unknown, value: unknown): formula is string {
  return typeof formula === 'string' && formula.startsWith('=') && formula !== value;
}

function toCell(value: unknown, formula: unknown, format: unknown): Cell | null {
  const hasFormula = isFormula(formula, value);
  if (!hasFormula && (value === '' || value === null || value === undefined)) return null;
  const cell: Cell = { value: value as CellValue, format: String(format) };
  if (hasFormula) cell.formula = true;
  return cell;
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * A cell's content as it must be entered (into `formulas`, after its number format) to get the
 * same cell back: its formula, or its value — text typed as `literal` unless the cell is Text (@).
 * This is what PreviousContent.formulaOrValue holds, so restoreValues writes it as is.
 */
function typedContent(formula: unknown, value: unknown, format: string): PreviousContent['formulaOrValue'] {
  if (isFormula(formula, value)) return formula;
  if (typeof value === 'string') return format === '@' ? value : literal(value);
  return value as number | boolean;
}

/**
 * Text as it must be typed to stay that text: Excel parses typed input, so "12", "85%",
 * "2024-1-5", "TRUE" or "=x" would become numbers, dates, booleans or formulas. Those get the
 * apostrophe prefix (which Excel does not store as part of the value).
 */
export function literal(text: string): string {
  return /\d/.test(text) || /^[=+\-@#']/.test(text) || /^\s*(true|false)\s*$/i.test(text) ? `'${text}` : text;
}

/** A sheet name as it appears in a reference: always quoted, quotes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `base` made a valid sheet name that none of `existing` has (case-insensitive): "核分结果 (2)". */
/** Queues a new sheet named `base` (or `base (2)` …, whichever is free) after one sync that reads the names taken. */
async function addSheet(ctx: Excel.RequestContext, base: string): Promise<{ ws: Excel.Worksheet; name: string }> {
  const existing = ctx.workbook.worksheets.load('items/name');
  await ctx.sync();
  const name = uniqueSheetName(
    existing.items.map((s) => s.name),
    base,
  );
  return { ws: ctx.workbook.worksheets.add(name), name };
}

export function uniqueSheetName(existing: string[], base: string): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const clean = base.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/**
 * Cells the adapter just wrote, so that their change events are not taken for the user's edits
 * on hosts before ExcelApi 1.14 (later ones tag them with triggerSource "ThisLocalAddin").
 * One expected event per write of a cell, forgotten after ECHO_MS.
 */
export class Echoes {
  private readonly pending = new Map<string, number[]>();

  expect(cells: readonly { sheet: string; cell: string }[]): void {
    const until = Date.now() + ECHO_MS;
    for (const { sheet, cell } of cells) {
      const k = refKey(sheet, cell);
      this.pending.set(k, [...(this.pending.get(k) ?? []), until]);
    }
  }

  /** True (and forgotten) when every cell of `address` has an expected event pending. */
  consume(sheet: string, address: string): boolean {
    const now = Date.now();
    for (const [k, times] of this.pending) {
      const live = times.filter((t) => t >= now);
      if (live.length > 0) this.pending.set(k, live);
      else this.pending.delete(k);
    }
    const keys = cellsOf(address)?.map((cell) => refKey(sheet, cell));
    if (!keys || !keys.every((k) => this.pending.has(k))) return false;
    for (const k of keys) {
      const [, ...rest] = this.pending.get(k) as number[];
      if (rest.length > 0) this.pending.set(k, rest);
      else this.pending.delete(k);
    }
    return true;
  }
}

/** The cells of "B3" or "B3:C4" (null when not such an address or too many cells). */
function cellsOf(address: string): string[] | null {
  const [from, to = from] = address.split(':');
  const a = fromA1(from);
  const b = fromA1(to);
  if (!a || !b || (b.row - a.row + 1) * (b.col - a.col + 1) > 1000) return null;
  const cells = [];
  for (let r = a.row; r <= b.row; r++) for (let c = a.col; c <= b.col; c++) cells.push(toA1(r, c));
  return cells;
}
