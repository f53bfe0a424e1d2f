/**
 * Checking one file: the unit of work of `selfeval check`, run in the main thread for a single
 * file or `--jobs 1`, in worker threads otherwise (./pool.ts). Everything it says goes into the
 * result (never straight to stderr), so a parallel run prints exactly what a serial one does.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FileReport, Lang } from '../engine';
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

export interface JobResult {
  entry: FileReport;
  /** Lines for stderr, in order, each ending with a newline. */
  messages: string[];
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
    const { checkWorkbook, marksFromFindings } = engine();
    const result = checkWorkbook(sheets, { profile: options.profile, lang: options.lang });
    if (options.noticesToStderr) for (const n of result.notices) messages.push(`${input.file}: ${n.sheet}${n.cell ? '!' + n.cell : ''}: ${n.message}\n`);
    let annotated: string | null = null;
    if (options.annotate) {
      annotated = annotatedPath(input, options.annotate);
      fs.mkdirSync(path.dirname(annotated), { recursive: true });
      fs.writeFileSync(annotated, annotator().annotateWorkbook(bytes, marksFromFindings(result.findings, options.lang)));
      messages.push(`标注副本 (annotated copy): ${path.relative(process.cwd(), annotated)}\n`);
    }
    return { entry: { file: input.file, ...result }, messages, annotated };
  } catch (e) {
    const reason = reasonOf(e);
    messages.push(`${input.file}: ${reason}\n`);
    return { entry: unreadable(input.file, reason), messages, annotated: null };
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
