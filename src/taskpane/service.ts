/**
 * The one service the task pane talks to. It runs the engine on grids read through the
 * ExcelAdapter and keeps the pane's state: the report, ignored findings, the undo stack of
 * filled values, the last outcome or error. It computes no score: the engine does, and the
 * value to fill for a finding is the finding's `expected`.
 *
 * Operations run one at a time, in the order asked. The state is an immutable snapshot for
 * React's useSyncExternalStore.
 */
import { checkWorkbook } from '../engine';
import { GridView, fromA1, type SheetGrid } from '../engine/grid';
import { marksFromFindings } from '../engine/marks';
import type { Finding, Lang, WorkbookReport } from '../engine/report';
import { sampleSheet } from '../engine/sample';
import { ExcelAdapterError, officeErrorCode } from '../office/adapter-error';
import type { CellEdit, ExcelAdapter, ExportRow, PreviousContent, Scope } from '../office/types';
import { valueForCell } from './cell-value';
import { STRINGS } from './i18n';

/** 'auto', or the id of a profile picked by hand. */
export type ProfileSetting = string;

export type Outcome =
  | { kind: 'checked'; tables: number; findings: number }
  | { kind: 'cleared'; cells: number }
  | { kind: 'filled'; cells: number; hostUndo: boolean }
  | { kind: 'undone'; cells: number }
  | { kind: 'exported'; sheet: string }
  | { kind: 'inserted'; sheet: string };

export type PaneErrorKind = 'protected' | 'missingApi' | 'sync' | 'other';

export interface PaneError {
  kind: PaneErrorKind;
  /** The adapter's message (English: for the English pane and the logs). */
  detail: string;
  /** The worksheet concerned, if any. */
  sheet: string | null;
  /** What Excel itself said (in Excel's language) and its error code, when the error came from Excel. */
  hostDetail: string | null;
}

export interface PaneState {
  busy: boolean;
  /** Sheets read so far while a check reads the workbook. */
  progress: { done: number; total: number } | null;
  report: WorkbookReport | null;
  /** The report's findings minus the ignored ones, in report order. */
  findings: readonly Finding[];
  ignoredCount: number;
  canUndo: boolean;
  /**
   * The host undoes each of the add-in's actions as one step (ExcelApi 1.20): Ctrl+Z replaces
   * 撤销填入, whose own record would go stale once the user undoes in Excel.
   */
  hostUndo: boolean;
  outcome: Outcome | null;
  error: PaneError | null;
}

/** One cell a fill would write: shown in the confirmation, then written. */
export interface FillItem {
  finding: Finding;
  value: string | number;
  replacesFormula: boolean;
}

export interface ServiceOptions {
  /** Quiet time after the user's last edit before the automatic re-check. */
  recheckDelayMs?: number;
}

const INITIAL: PaneState = {
  busy: false,
  progress: null,
  report: null,
  findings: [],
  ignoredCount: 0,
  canUndo: false,
  hostUndo: false,
  outcome: null,
  error: null,
};

/** Identity of a finding across re-checks. */
export function findingKey(f: Pick<Finding, 'sheet' | 'cell' | 'code'>): string {
  return `${f.sheet}!${f.cell}#${f.code}`;
}

export function isFillable(f: Finding): boolean {
  return f.expected !== null;
}

/** Sorts an error thrown by the adapter (or anything else) into what the pane tells the user. */
export function toPaneError(error: unknown): PaneError {
  const code = officeErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const adapterError = error instanceof ExcelAdapterError ? error : null;
  const cause = adapterError?.cause;
  const causeCode = officeErrorCode(cause);
  const hostDetail = cause instanceof Error ? `${cause.message}${causeCode ? ` (${causeCode})` : ''}` : null;
  const base = { detail, sheet: adapterError?.sheet ?? null, hostDetail };
  if (code === 'AccessDenied') return { kind: 'protected', ...base };
  if (code === 'ApiNotFound') return { kind: 'missingApi', ...base };
  return { kind: code === null ? 'other' : 'sync', ...base };
}

export class PaneService {
  private state: PaneState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private queue: Promise<void> = Promise.resolve();
  private readonly ignored = new Set<string>();
  private readonly undoStack: PreviousContent[][] = [];
  private readonly recheckDelayMs: number;
  private settings: { scope: Scope; profile: ProfileSetting } = { scope: 'active', profile: 'auto' };
  private grids = new Map<string, GridView>();
  private recheckTimer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribeEdits: (() => Promise<void>) | null = null;

  constructor(
    private readonly adapter: ExcelAdapter,
    private readonly lang: Lang,
    options: ServiceOptions = {},
  ) {
    this.recheckDelayMs = options.recheckDelayMs ?? 800;
    this.state = { ...INITIAL, hostUndo: adapter.capabilities().undoGroups };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): PaneState => this.state;

  /** Reads the sheets in scope, checks them and marks the findings. */
  check(scope: Scope, profile: ProfileSetting): Promise<void> {
    return this.enqueueAction(async () => {
      this.settings = { scope, profile };
      await this.runCheck(() => this.adapter.readSheets(scope, (done, total) => this.update({ progress: { done, total } })));
    });
  }

  /** Removes the add-in's marks and forgets the report (ignored findings stay ignored). */
  clearMarks(): Promise<void> {
    return this.enqueueAction(async () => {
      this.cancelRecheck();
      await this.stopWatchingEdits();
      const cells = await this.adapter.clearMarks();
      this.grids = new Map();
      this.update({ report: null, findings: [], ignoredCount: 0, outcome: { kind: 'cleared', cells } });
    });
  }

  select(sheet: string, cell: string): Promise<void> {
    return this.enqueue(() => this.adapter.selectCell(sheet, cell));
  }

  ignore(finding: Finding): Promise<void> {
    return this.enqueueAction(async () => {
      this.ignored.add(findingKey(finding));
      await this.showReport(this.state.report);
    });
  }

  restoreIgnored(): Promise<void> {
    return this.enqueueAction(async () => {
      this.ignored.clear();
      await this.showReport(this.state.report);
    });
  }

  /** What filling these findings would write, one item per cell (the first finding on a cell wins). */
  planFill(findings: readonly Finding[]): FillItem[] {
    const seen = new Set<string>();
    const items: FillItem[] = [];
    for (const finding of findings) {
      const key = `${finding.sheet}!${finding.cell}`;
      if (finding.expected === null || seen.has(key)) continue;
      seen.add(key);
      const cell = this.cellOf(finding);
      items.push({ finding, value: valueForCell(finding.expected, finding.entered, cell), replacesFormula: cell?.formula === true });
    }
    return items;
  }

  /**
   * Writes the computed values and re-checks, as one action (one Ctrl+Z where the host has undo
   * groups); elsewhere remembers the previous contents for 撤销填入.
   */
  fill(findings: readonly Finding[]): Promise<void> {
    return this.enqueueAction(async () => {
      const edits: CellEdit[] = this.planFill(findings).map(({ finding, value }) => ({ sheet: finding.sheet, cell: finding.cell, value }));
      if (edits.length === 0) return;
      const previous = await this.adapter.writeValues(edits);
      if (!this.state.hostUndo) {
        this.undoStack.push(previous);
        this.update({ canUndo: true });
      }
      await this.recheck();
      this.update({ outcome: { kind: 'filled', cells: edits.length, hostUndo: this.state.hostUndo } });
    });
  }

  /** Restores exactly what the last fill overwrote, then re-checks. */
  undoFill(): Promise<void> {
    return this.enqueueAction(async () => {
      const previous = this.undoStack[this.undoStack.length - 1];
      if (!previous) return;
      await this.adapter.restoreValues(previous);
      this.undoStack.pop();
      this.update({ canUndo: this.undoStack.length > 0 });
      await this.recheck();
      this.update({ outcome: { kind: 'undone', cells: previous.length } });
    });
  }

  /** A new sheet listing the findings shown (not the ignored ones), severities in the pane's language. */
  exportResults(): Promise<void> {
    return this.enqueueAction(async () => {
      const rows: ExportRow[] = this.state.findings.map((f) => ({
        sheet: f.sheet,
        cell: f.cell,
        severity: STRINGS[this.lang].severity[f.severity],
        code: f.code,
        entered: f.entered ?? '',
        expected: f.expected ?? '',
        message: f.message,
      }));
      const sheet = await this.adapter.exportFindings(rows);
      this.update({ outcome: { kind: 'exported', sheet } });
    });
  }

  /** Inserts the engine's sample table (typical mistakes included) as a new sheet. */
  insertSample(): Promise<void> {
    return this.enqueueAction(async () => {
      const sheet = await this.adapter.insertSheet(STRINGS[this.lang].sampleSheetName, sampleSheet());
      this.update({ outcome: { kind: 'inserted', sheet } });
    });
  }

  dismissMessages(): void {
    this.update({ outcome: null, error: null });
  }

  /** Stops the automatic re-check; the pane is going away. */
  async dispose(): Promise<void> {
    this.cancelRecheck();
    await this.stopWatchingEdits();
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const run = async () => {
      this.update({ busy: true, error: null, outcome: null });
      try {
        await operation();
      } catch (error) {
        this.update({ error: toPaneError(error) });
      } finally {
        this.update({ busy: false, progress: null });
      }
    };
    this.queue = this.queue.then(run);
    return this.queue;
  }

  /** An operation that writes: one action of the adapter (one undo group where the host has them). */
  private enqueueAction(operation: () => Promise<void>): Promise<void> {
    return this.enqueue(() => this.adapter.action(operation));
  }

  private update(change: Partial<PaneState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  private async runCheck(read: () => Promise<SheetGrid[]>): Promise<void> {
    this.update({ progress: { done: 0, total: 0 } });
    const sheets = await read();
    // explain: every computed value carries its steps, for the summary's 计算过程.
    const report = checkWorkbook(sheets, { profile: this.settings.profile, lang: this.lang, explain: true });
    this.grids = new Map(sheets.map((s) => [s.name, new GridView(s)]));
    await this.showReport(report);
    this.update({ outcome: { kind: 'checked', tables: report.tables.length, findings: this.state.findings.length } });
    await this.watchEdits();
  }

  /** Publishes the report without the ignored findings and marks what is shown. */
  private async showReport(report: WorkbookReport | null): Promise<void> {
    if (!report) return;
    const findings = report.findings.filter((f) => !this.ignored.has(findingKey(f)));
    await this.adapter.applyMarks(marksFromFindings(findings, this.lang));
    this.update({ report, findings, ignoredCount: report.findings.length - findings.length });
  }

  /** Checks again the sheets of the last check, with the same settings. */
  private async recheck(): Promise<void> {
    this.cancelRecheck();
    if (!this.state.report) return;
    const checked = [...this.grids.keys()];
    await this.runCheck(async () => {
      if (this.settings.scope === 'active') {
        const { active } = await this.adapter.sheetNames();
        if (checked.length === 1 && checked[0] === active) return this.adapter.readSheets('active');
      }
      const all = await this.adapter.readSheets('all');
      return all.filter((s) => checked.includes(s.name));
    });
  }

  private cellOf(finding: Finding) {
    const at = fromA1(finding.cell);
    return at ? this.grids.get(finding.sheet)?.cell(at.row, at.col) : undefined;
  }

  private async watchEdits(): Promise<void> {
    if (this.unsubscribeEdits || !this.adapter.capabilities().changeEvents) return;
    this.unsubscribeEdits = await this.adapter.onEdited((sheet) => {
      if (!this.grids.has(sheet)) return;
      this.cancelRecheck();
      this.recheckTimer = setTimeout(() => {
        this.recheckTimer = null;
        void this.enqueueAction(() => this.recheck());
      }, this.recheckDelayMs);
    });
  }

  private async stopWatchingEdits(): Promise<void> {
    const unsubscribe = this.unsubscribeEdits;
    this.unsubscribeEdits = null;
    if (unsubscribe) await unsubscribe();
  }

  private cancelRecheck(): void {
    if (this.recheckTimer !== null) clearTimeout(this.recheckTimer);
    this.recheckTimer = null;
  }
}
