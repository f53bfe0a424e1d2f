/**
 * The contract between the task pane's service and the Office.js adapter. The service
 * (src/taskpane/service.ts) only talks to Excel through this interface, so the UI can be
 * tested against an in-memory stand-in of the Excel API.
 */
import type { SheetGrid } from '../engine/grid';
import type { Mark } from '../engine/marks';

export type Scope = 'active' | 'all';

/**
 * What the host supports beyond the manifest's minimum (ExcelApi 1.7). Each member names its
 * requirement set as office-js does (`[Api set: …]`): test/manifest/requirement-sets.test.ts
 * reads it, so a use of a newer API behind `capabilities().x` counts as checked.
 */
export interface HostCapabilities {
  /** Cell notes; without them explanations live in the pane only. [Api set: ExcelApi 1.18] */
  notes: boolean;
  /** Conditional formats the add-in can own and delete. [Api set: ExcelApi 1.6] */
  conditionalFormats: boolean;
  /** Worksheet change events for the debounced re-check. [Api set: ExcelApi 1.7] */
  changeEvents: boolean;
  /** Change events say which came from the add-in's own writes (triggerSource). [Api set: ExcelApi 1.14] */
  eventSources: boolean;
  /** One undo group per add-in action (Excel.run's mergeUndoGroup); before it, 撤销填入 only. [Api set: ExcelApi 1.20] */
  undoGroups: boolean;
}

export interface CellEdit {
  sheet: string;
  cell: string;
  value: string | number | boolean;
}

/** A cell's content before the add-in wrote to it, to undo exactly. */
export interface PreviousContent {
  sheet: string;
  cell: string;
  /** The formula if the cell had one, else the raw value. */
  formulaOrValue: string | number | boolean;
  numberFormat: string;
}

export interface ExportRow {
  sheet: string;
  cell: string;
  severity: string;
  code: string;
  entered: string;
  expected: string;
  message: string;
}

export interface ExcelAdapter {
  capabilities(): HostCapabilities;
  /**
   * Runs `steps` — calls of this adapter — as one user action: where the host supports it
   * (`undoGroups`), everything they write is one step of the host's own undo.
   */
  action<T>(steps: () => Promise<T>): Promise<T>;
  /** Names of the workbook's worksheets and the active one. */
  sheetNames(): Promise<{ names: string[]; active: string }>;
  /** Read sheets into engine grids with a fixed number of syncs, whatever the sheet count. */
  readSheets(scope: Scope, onProgress?: (done: number, total: number) => void): Promise<SheetGrid[]>;
  /** Replace the add-in's previous marks with these (highlight + note). */
  applyMarks(marks: Mark[]): Promise<void>;
  /** Remove exactly the add-in's marks; returns how many cells were unmarked. */
  clearMarks(): Promise<number>;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Write values; returns what the cells held before, for undo. */
  writeValues(edits: CellEdit[]): Promise<PreviousContent[]>;
  restoreValues(previous: PreviousContent[]): Promise<void>;
  /** A new sheet listing the findings, each with a link to its cell; returns its name. */
  exportFindings(rows: ExportRow[]): Promise<string>;
  /** A new sheet holding the given grid (values and number formats); returns its name. */
  insertSheet(baseName: string, grid: SheetGrid): Promise<string>;
  /** Call `handler` with the sheet name after the user edits a cell; returns an unsubscribe. */
  onEdited(handler: (sheet: string, address: string) => void): Promise<() => Promise<void>>;
}
