/** The `selfeval` command: check workbooks, write annotated copies, clear marks. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RunReport } from '../engine/report';
import { Command, parseArgs, USAGE, UsageError } from './args';
import { fileHasErrors, renderCsv, renderText } from './format';
import type { Input, JobOptions, JobResult } from './job';

/** Loaded on demand, so that `--version` or `--help` load neither the engine nor SheetJS (and a check neither the writers it does not use). */
const engine = (): typeof import('../engine') => require('../engine');
const job = (): typeof import('./job') => require('./job');

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

/** What a folder scan picks up: Office Open XML and binary (BIFF) workbooks, WPS's .et. */
const WORKBOOK_EXTENSIONS = /\.(xlsx|xlsm|xls|et|ods)$/i;

/**
 * A folder's entries in the order of their names' character codes (JavaScript's string order):
 * the same on every machine, where a locale's collation is not (and making ICU's collator costs
 * 10 ms); Chinese names come in the order of their characters, as collation puts them too.
 */
function byCharacterCodes(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function collect(paths: string[]): Input[] {
  const inputs: Input[] = [];
  for (const p of paths) {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`找不到 ${p} (no such file or folder)`);
    if (st.isDirectory()) {
      const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort(byCharacterCodes)) {
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

async function check(cmd: Extract<Command, { kind: 'check' }>, io: Io): Promise<number> {
  const inputs = collect(cmd.paths);
  if (cmd.profile !== 'auto') {
    const { PROFILES, UnknownProfileError } = engine(); // with auto, only the checking threads load the engine
    if (!PROFILES.some((p) => p.id === cmd.profile)) throw new UnknownProfileError(cmd.profile);
  }
  const checked = new Set(inputs.map((i) => path.resolve(i.file)));
  for (const [flag, target] of [['--out', cmd.out], ['--summary', cmd.summary]] as const) {
    if (target && checked.has(path.resolve(target))) throw new UsageError(`${flag} 不能覆盖要检查的文件 ${target} (refusing to overwrite a file being checked)`);
  }
  if (cmd.annotate) {
    for (const input of inputs) job().annotatedPath(input, cmd.annotate);
    fs.mkdirSync(cmd.annotate, { recursive: true });
  }
  const options: JobOptions = { profile: cmd.profile, lang: cmd.lang, noticesToStderr: cmd.format === 'json' || cmd.format === 'csv', annotate: cmd.annotate };
  const results = await checkAll(inputs, options, cmd.jobs ?? defaultJobs(), io);
  const report: RunReport = { tool: { name: 'selfeval', version: VERSION }, files: results.map((r) => r.entry) };
  const rendered =
    cmd.format === 'json' ? JSON.stringify(report) + '\n'
    : cmd.format === 'csv' ? renderCsv(report)
    : cmd.format === 'html' ? (require('./html') as typeof import('./html')).renderHtml(report, cmd.lang)
    : renderText(report, cmd.lang);
  if (cmd.out) {
    fs.writeFileSync(cmd.out, rendered);
    io.stderr(`报告 (report): ${cmd.out}\n`);
  } else io.stdout(rendered);
  if (cmd.summary) {
    await (require('./summary') as typeof import('./summary')).writeSummary(cmd.summary, report, results, { lang: cmd.lang, profile: cmd.profile });
    io.stderr(`汇总工作簿 (summary workbook): ${cmd.summary}\n`);
  }
  if (report.files.some((f) => 'error' in f)) return EXIT.usage;
  return report.files.some(fileHasErrors) ? EXIT.errorsFound : EXIT.ok;
}

/**
 * Checking threads by default: one core fewer than the machine has. One checking thread keeps
 * about 1.4 cores busy, V8 compiling its hot code on another thread (0.3 s of CPU per thread for
 * the benchmark's 200-workbook folder, paid again by every worker): on 2 cores a second checking
 * thread makes the batch slower, not faster (README, Benchmarks).
 */
function defaultJobs(): number {
  return Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);
}

/**
 * A worker answers its first file about 40 ms later than the main thread would (a thread, its
 * modules) and its first files take several times a warm thread's 2–3 ms (a cold JIT): a batch
 * gets one worker per this many files at most.
 */
const FILES_PER_WORKER = 10;

/**
 * Every input checked: in this thread, and for a batch of files on `jobs - 1` worker threads
 * beside it (fewer for a small batch: FILES_PER_WORKER). Each file's stderr lines are printed
 * in input order (as a serial run prints them), the progress bar counts files as they finish.
 */
function checkAll(inputs: Input[], options: JobOptions, jobs: number, io: Io): Promise<JobResult[]> {
  const results: JobResult[] = new Array(inputs.length);
  let printed = 0;
  let done = 0;
  const onResult = (index: number, result: JobResult) => {
    results[index] = result;
    done++;
    const bar = io.stderrIsTty && inputs.length > 1 && done > 1; // a bar is on the line: clear it before a message
    for (; printed < inputs.length && results[printed]; printed++) for (const m of results[printed].messages) io.stderr(bar ? `\r\x1b[K${m}` : m);
    progress(io, done, inputs.length);
  };
  const workers = Math.min(jobs - 1, Math.floor(inputs.length / FILES_PER_WORKER));
  if (workers < 1) {
    inputs.forEach((input, i) => onResult(i, job().checkInput(input, options)));
    return Promise.resolve(results);
  }
  const pool = require('./pool') as typeof import('./pool');
  return pool.checkInWorkers(inputs, options, workers, onResult, pool.WORKER_SCRIPT, (input) => job().checkInput(input, options));
}

function clear(cmd: Extract<Command, { kind: 'clear' }>, io: Io): number {
  const bytes = fs.readFileSync(cmd.file);
  const read = require('../xlsx/read') as typeof import('../xlsx/read');
  // Same clear message for a bad file as `check`; a binary or OpenDocument workbook has no marks of ours.
  const readOnly = read.READ_ONLY_FORMATS[read.readWorkbookContent(bytes).format];
  if (readOnly) throw new read.UnreadableWorkbookError(`${cmd.file}: ${readOnly.zh} 没有 selfeval 标记 (${readOnly.en} holds no selfeval marks)`);
  const { bytes: cleared, removed } = (require('../xlsx/annotate') as typeof import('../xlsx/annotate')).clearWorkbook(bytes);
  const out = cmd.out ?? cmd.file;
  fs.writeFileSync(out, cleared);
  io.stdout(`${out}: 已去掉 ${removed} 处标记 (removed ${removed} marks)\n`);
  return EXIT.ok;
}

export async function run(argv: string[], io: Io = processIo): Promise<number> {
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
        for (const p of engine().PROFILES) io.stdout(`${p.id}\t${p.name.zh} / ${p.name.en}\n\t${p.description.zh}\n`);
        return EXIT.ok;
      case 'check':
        return await check(cmd, io);
      case 'clear':
        return clear(cmd, io);
    }
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof engine().UnknownProfileError ||
      e instanceof (require('../xlsx/read') as typeof import('../xlsx/read')).UnreadableWorkbookError ||
      e instanceof (require('../xlsx/annotate') as typeof import('../xlsx/annotate')).WorkbookFormatError ||
      (e as NodeJS.ErrnoException).code
    ) {
      io.stderr(`selfeval: ${(e as Error).message}\n`);
      if (e instanceof UsageError) io.stderr(USAGE + '\n');
      return EXIT.usage;
    }
    throw e;
  }
}
