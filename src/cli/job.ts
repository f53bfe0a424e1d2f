/**
 * Checking one file: the unit of work of `selfeval check`, run in the main thread for a single
 * file or `--jobs 1`, in worker threads otherwise (./pool.ts). Everything it says goes into the
 * result (never straight to stderr), so a parallel run prints exactly what a serial one does.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FileReport, Lang, Mark, Notice } from '../engine';
import type { WorkbookContent } from '../xlsx/read';
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
    const content = reader().readWorkbookContent(bytes, options.lang);
    const { checkWorkbook, marksFromFindings } = engine();
    const result = checkWorkbook(content.sheets, { profile: options.profile, lang: options.lang });
    result.notices.unshift(...content.notices);
    let annotated: string | null = null;
    if (options.annotate) {
      const written = writeAnnotated(input, bytes, content, marksFromFindings(result.findings, options.lang), options, messages);
      annotated = written.path;
      result.notices.push(...written.notices);
    }
    if (options.noticesToStderr) for (const n of result.notices) messages.push(`${input.file}: ${n.sheet}${n.cell ? '!' + n.cell : ''}: ${n.message}\n`);
    return { entry: { file: input.file, ...result }, messages, annotated };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // Whatever a file holds, the batch goes on: one line for it, never a stack trace.
    const reason = reasonOf(e);
    messages.push(`${input.file}: ${reason}\n`);
    return { entry: unreadable(input.file, reason), messages, annotated: null };
  }
}

const THREADED_NOTICE: Record<Lang, string> = {
  zh: '此单元格有线程批注：已标色并保留该批注，未加 selfeval 批注，说明见本报告',
  en: 'this cell has a threaded comment: filled, the comment kept and no selfeval note added; the finding is in this report',
};

/**
 * Writes the annotated copy below `--annotate DIR`, or says on one line why there is none (a
 * binary or Strict workbook, a package that cannot be patched); with the notices for the report.
 */
function writeAnnotated(
  input: Input,
  bytes: Uint8Array,
  content: WorkbookContent,
  marks: Mark[],
  options: JobOptions,
  messages: string[],
): { path: string | null; notices: Notice[] } {
  const target = annotatedPath(input, options.annotate as string);
  const readOnly = reader().READ_ONLY_FORMATS[content.format];
  if (readOnly) {
    messages.push(
      `${input.file}: ${readOnly.zh} 无法写标注副本，请先另存为 .xlsx；核分报告不受影响 ` +
        `(cannot annotate ${readOnly.en}: save it as .xlsx first; the check report is complete)\n`,
    );
    return { path: null, notices: [] };
  }
  let written: ReturnType<typeof import('../xlsx/annotate').annotate>;
  try {
    written = annotator().annotate(bytes, marks);
  } catch (e) {
    const known = e instanceof annotator().WorkbookFormatError;
    messages.push(`${input.file}: ${oneLine(known ? (e as Error).message : `无法写标注副本 (cannot annotate: ${(e as Error).message})`)}\n`);
    return { path: null, notices: [] };
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, written.bytes);
  messages.push(`标注副本 (annotated copy): ${path.relative(process.cwd(), target)}\n`);
  return { path: target, notices: written.threaded.map(({ sheet, cell }) => ({ sheet, cell, message: THREADED_NOTICE[options.lang] })) };
}

/** A message on one line: libraries' messages may quote a corrupt part, line breaks and all. */
function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 400 ? `${flat.slice(0, 400)}…` : flat;
}

export function unreadable(file: string, reason: string): FileReport {
  return { file, error: reason, tables: [], findings: [] };
}

/** A reason people understand for a file that could not be checked; an unexpected error says so. */
function reasonOf(e: unknown): string {
  const known = e instanceof reader().UnreadableWorkbookError || e instanceof annotator().WorkbookFormatError || !!(e as NodeJS.ErrnoException)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return oneLine(known ? message : `检查时出错，已跳过 (internal error, file skipped: ${message})`);
}
