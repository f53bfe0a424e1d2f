/**
 * Checking one file: the unit of work of `selfeval check`, run in the main thread for a single
 * file or `--jobs 1`, in worker threads otherwise (./pool.ts). Everything it says goes into the
 * result (never straight to stderr), so a parallel run prints exactly what a serial one does.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FileReport, GridView, Lang } from '../engine';
import { squash, tidy } from '../engine/text';
import { UsageError } from './args';

/** A file to check, with the path its annotated copy gets below --annotate DIR. */
export interface Input {
  file: string;
  relative: string;
}

export interface JobOptions {
  profile: string;
  lang: Lang;
  /** Notices go to stderr too (the text report shows them itself). */
  noticesToStderr: boolean;
  annotate: string | null;
}

/** 主管部门 and 实施单位 of a table, as written next to their labels (for the summary and the HTML report). */
export interface TableOffices {
  department: string | null;
  implementer: string | null;
}

export interface JobResult {
  entry: FileReport;
  /** Lines for stderr, in order, each ending with a newline. */
  messages: string[];
  /** One per `entry.tables`, same order. */
  offices: TableOffices[];
  /** Where the annotated copy was written (absolute), if one was. */
  annotated: string | null;
}

/** Lazily loaded: the main thread of a parallel run never loads the engine or SheetJS, `--version` nothing. */
function engine(): typeof import('../engine') {
  return require('../engine');
}

function reader(): typeof import('../xlsx/read') {
  return require('../xlsx/read');
}

function annotator(): typeof import('../xlsx/annotate') {
  return require('../xlsx/annotate');
}

/** The absolute path of the annotated copy of `input` below `dir`; refuses the original itself (checked for every input before a run starts). */
export function annotatedPath(input: Input, dir: string): string {
  const target = path.resolve(dir, input.relative);
  if (target === path.resolve(input.file)) throw new UsageError(`--annotate 不能覆盖原文件 ${input.file} (refusing to overwrite the original)`);
  return target;
}

export function checkInput(input: Input, options: JobOptions): JobResult {
  const messages: string[] = [];
  try {
    const bytes = fs.readFileSync(input.file);
    const sheets = reader().readWorkbook(bytes);
    const { checkWorkbook, GridView, marksFromFindings } = engine();
    const result = checkWorkbook(sheets, { profile: options.profile, lang: options.lang });
    if (options.noticesToStderr) for (const n of result.notices) messages.push(`${input.file}: ${n.sheet}${n.cell ? '!' + n.cell : ''}: ${n.message}\n`);
    let annotated: string | null = null;
    if (options.annotate) {
      annotated = annotatedPath(input, options.annotate);
      fs.mkdirSync(path.dirname(annotated), { recursive: true });
      fs.writeFileSync(annotated, annotator().annotateWorkbook(bytes, marksFromFindings(result.findings, options.lang)));
      messages.push(`标注副本 (annotated copy): ${path.relative(process.cwd(), annotated)}\n`);
    }
    const views = new Map<string, GridView>();
    const viewOf = (name: string) => {
      let v = views.get(name);
      const grid = v ? undefined : sheets.find((s) => s.name === name);
      if (grid) views.set(name, (v = new GridView(grid)));
      return v;
    };
    const offices = result.tables.map((t) => officesOf(viewOf(t.sheet), t.anchor));
    return { entry: { file: input.file, ...result }, messages, offices, annotated };
  } catch (e) {
    const reason = reasonOf(e);
    messages.push(`${input.file}: ${reason}\n`);
    return { entry: unreadable(input.file, reason), messages, offices: [], annotated: null };
  }
}

export function unreadable(file: string, reason: string): FileReport {
  return { file, error: reason, tables: [], findings: [] };
}

/** A reason people understand for a file that could not be checked; an unexpected error says so. */
function reasonOf(e: unknown): string {
  const known = e instanceof reader().UnreadableWorkbookError || (e instanceof Error && e.name === 'WorkbookFormatError') || !!(e as NodeJS.ErrnoException)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return known ? message : `检查时出错，已跳过 (internal error, file skipped: ${message})`;
}

const OFFICE_LABELS: Record<keyof TableOffices, string> = { department: '主管部门', implementer: '实施单位' };
/** 主管部门 and 实施单位 sit on the rows right below 项目名称. */
const OFFICE_ROWS = 3;

function officesOf(view: GridView | undefined, anchor: string): TableOffices {
  const at = engine().fromA1(anchor);
  const out: TableOffices = { department: null, implementer: null };
  if (!view || !at) return out;
  const top = at.row;
  const text = (r: number, c: number): string => {
    const v = view.cell(r, c)?.value;
    return v === null || v === undefined ? '' : tidy(String(v));
  };
  for (let r = top; r <= Math.min(top + OFFICE_ROWS, view.bottom); r++) {
    for (let c = view.left; c <= view.right; c++) {
      const raw = view.cell(r, c)?.value;
      if (typeof raw !== 'string' || !(raw.includes('主') || raw.includes('实'))) continue; // most cells hold no such label
      const label = squash(raw);
      for (const key of Object.keys(OFFICE_LABELS) as Array<keyof TableOffices>) {
        if (out[key] !== null || !label.startsWith(OFFICE_LABELS[key]) || label.length > OFFICE_LABELS[key].length + 4) continue;
        out[key] = valueRightOf(view, r, c, text);
      }
    }
  }
  return out;
}

/** The first non-empty cell right of a label that is not the other label. */
function valueRightOf(view: GridView, row: number, col: number, text: (r: number, c: number) => string): string | null {
  for (let c = col + 1; c <= view.right; c++) {
    const t = text(row, c);
    if (t === '') continue;
    return Object.values(OFFICE_LABELS).some((l) => squash(t).startsWith(l)) ? null : t;
  }
  return null;
}
