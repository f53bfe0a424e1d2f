/** The `selfeval` command: check workbooks, write annotated copies, clear marks. */
import * as fs from 'fs';
import * as path from 'path';
import { checkWorkbook, marksFromFindings, PROFILES, UnknownProfileError } from '../engine';
import type { FileReport, Lang, Notice, RunReport } from '../engine/report';
import { annotate, clearWorkbook, WorkbookFormatError } from '../xlsx/annotate';
import { readWorkbookContent, UnreadableWorkbookError, type WorkbookContent } from '../xlsx/read';
import { Command, parseArgs, USAGE, UsageError } from './args';
import { fileHasErrors, renderCsv, renderText } from './format';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../package.json').version;

export const EXIT = { ok: 0, errorsFound: 1, usage: 2 } as const;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stderrIsTty: boolean;
}

const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTty: !!process.stderr.isTTY,
};

/** A file to check, with the path its annotated copy gets below --annotate DIR. */
interface Input {
  file: string;
  relative: string;
}

/** What a folder scan picks up: Office Open XML and binary (BIFF) workbooks, WPS's .et. */
const WORKBOOK_EXTENSIONS = /\.(xlsx|xlsm|xls|et)$/i;

function collect(paths: string[]): Input[] {
  const inputs: Input[] = [];
  for (const p of paths) {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`找不到 ${p} (no such file or folder)`);
    if (st.isDirectory()) {
      const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          const full = path.join(dir, e.name);
          if (e.isDirectory()) walk(full);
          else if (WORKBOOK_EXTENSIONS.test(e.name) && !e.name.startsWith('~$')) inputs.push({ file: full, relative: path.relative(p, full) });
        }
      };
      walk(p);
    } else inputs.push({ file: p, relative: path.basename(p) });
  }
  return inputs;
}

function progress(io: Io, done: number, total: number): void {
  if (!io.stderrIsTty || total < 2) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
}

function check(cmd: Extract<Command, { kind: 'check' }>, io: Io): number {
  const inputs = collect(cmd.paths);
  if (cmd.profile !== 'auto' && !PROFILES.some((p) => p.id === cmd.profile)) throw new UnknownProfileError(cmd.profile);
  if (cmd.annotate) fs.mkdirSync(cmd.annotate, { recursive: true });
  const report: RunReport = { tool: { name: 'selfeval', version: VERSION }, files: [] };
  let unreadable = 0;
  inputs.forEach((input, i) => {
    const entry = checkFile(input, cmd, io);
    if ('error' in entry) unreadable++;
    report.files.push(entry);
    progress(io, i + 1, inputs.length);
  });
  if (cmd.format === 'json') io.stdout(JSON.stringify(report) + '\n');
  else if (cmd.format === 'csv') io.stdout(renderCsv(report));
  else io.stdout(renderText(report, cmd.lang));
  if (unreadable > 0) return EXIT.usage;
  return report.files.some(fileHasErrors) ? EXIT.errorsFound : EXIT.ok;
}

function checkFile(input: Input, cmd: Extract<Command, { kind: 'check' }>, io: Io): FileReport {
  try {
    const bytes = fs.readFileSync(input.file);
    const content = readWorkbookContent(bytes, cmd.lang);
    const result = checkWorkbook(content.sheets, { profile: cmd.profile, lang: cmd.lang });
    result.notices.unshift(...content.notices);
    if (cmd.annotate) result.notices.push(...writeAnnotated(input, bytes, content, marksFromFindings(result.findings, cmd.lang), cmd, io));
    if (cmd.format !== 'text') for (const n of result.notices) io.stderr(`${input.file}: ${n.sheet}${n.cell ? '!' + n.cell : ''}: ${n.message}\n`);
    return { file: input.file, ...result };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // Whatever a file holds, the batch goes on: one line for it, never a stack trace.
    const known = e instanceof UnreadableWorkbookError || (e as NodeJS.ErrnoException).code !== undefined;
    const message = known ? (e as Error).message : `无法读取（内部错误）(could not be read: ${(e as Error).message})`;
    const reason = oneLine(message);
    io.stderr(`${input.file}: ${reason}\n`);
    return { file: input.file, error: reason, tables: [], findings: [] };
  }
}

/** A message on one line: libraries' messages may quote a corrupt part, line breaks and all. */
function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 400 ? `${flat.slice(0, 400)}…` : flat;
}

const THREADED_NOTICE: Record<Lang, string> = {
  zh: '此单元格有线程批注：已标色并保留该批注，未加 selfeval 批注，说明见本报告',
  en: 'this cell has a threaded comment: filled, the comment kept and no selfeval note added; the finding is in this report',
};

/**
 * Writes the annotated copy below `--annotate DIR`, or says on one line why there is none (a
 * binary or Strict workbook, a package that cannot be patched); returns notices for the report.
 */
function writeAnnotated(
  input: Input,
  bytes: Uint8Array,
  content: WorkbookContent,
  marks: ReturnType<typeof marksFromFindings>,
  cmd: Extract<Command, { kind: 'check' }>,
  io: Io,
): Notice[] {
  const target = path.resolve(cmd.annotate as string, input.relative);
  if (target === path.resolve(input.file)) throw new UsageError(`--annotate 不能覆盖原文件 ${input.file} (refusing to overwrite the original)`);
  if (content.format === 'biff') {
    io.stderr(
      `${input.file}: 二进制工作簿 (.xls/.et) 无法写标注副本，请先另存为 .xlsx；核分报告不受影响 ` +
        '(cannot annotate a binary .xls/.et workbook: save it as .xlsx first; the check report is complete)\n',
    );
    return [];
  }
  let annotated: ReturnType<typeof annotate>;
  try {
    annotated = annotate(bytes, marks);
  } catch (e) {
    const reason = oneLine(e instanceof WorkbookFormatError ? e.message : `无法写标注副本 (cannot annotate: ${(e as Error).message})`);
    io.stderr(`${input.file}: ${reason}\n`);
    return [];
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, annotated.bytes);
  io.stderr(`标注副本 (annotated copy): ${path.relative(process.cwd(), target)}\n`);
  return annotated.threaded.map(({ sheet, cell }) => ({ sheet, cell, message: THREADED_NOTICE[cmd.lang] }));
}

function clear(cmd: Extract<Command, { kind: 'clear' }>, io: Io): number {
  const bytes = fs.readFileSync(cmd.file);
  // Same clear message for a bad file as `check`; a binary workbook has no marks of ours.
  if (readWorkbookContent(bytes).format === 'biff') {
    throw new UnreadableWorkbookError(`${cmd.file}: 二进制工作簿 (.xls/.et) 没有 selfeval 标记 (a binary .xls/.et workbook holds no selfeval marks)`);
  }
  const { bytes: cleared, removed } = clearWorkbook(bytes);
  const out = cmd.out ?? cmd.file;
  fs.writeFileSync(out, cleared);
  io.stdout(`${out}: 已去掉 ${removed} 处标记 (removed ${removed} marks)\n`);
  return EXIT.ok;
}

export function run(argv: string[], io: Io = processIo): number {
  try {
    const cmd = parseArgs(argv);
    switch (cmd.kind) {
      case 'help':
        io.stdout(USAGE + '\n');
        return EXIT.ok;
      case 'version':
        io.stdout(VERSION + '\n');
        return EXIT.ok;
      case 'profiles':
        for (const p of PROFILES) io.stdout(`${p.id}\t${p.name.zh} / ${p.name.en}\n\t${p.description.zh}\n`);
        return EXIT.ok;
      case 'check':
        return check(cmd, io);
      case 'clear':
        return clear(cmd, io);
    }
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof UnknownProfileError ||
      e instanceof UnreadableWorkbookError ||
      e instanceof WorkbookFormatError ||
      (e as NodeJS.ErrnoException).code
    ) {
      io.stderr(`selfeval: ${(e as Error).message}\n`);
      if (e instanceof UsageError) io.stderr(USAGE + '\n');
      return EXIT.usage;
    }
    throw e;
  }
}
