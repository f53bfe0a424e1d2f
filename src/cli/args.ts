/** Command-line arguments of `selfeval`. */

export type Format = 'text' | 'json' | 'csv' | 'html';
const FORMATS: readonly Format[] = ['text', 'json', 'csv', 'html'];

export type Command =
  | {
      kind: 'check';
      paths: string[];
      profile: string;
      format: Format;
      annotate: string | null;
      lang: 'zh' | 'en';
      /** The report goes to this file instead of stdout. */
      out: string | null;
      /** The reviewer's summary workbook (.xlsx). */
      summary: string | null;
      /** Checking threads, the main one included; null: one fewer than the machine has cores (at least one). */
      jobs: number | null;
    }
  | { kind: 'clear'; file: string; out: string | null }
  | { kind: 'help' }
  | { kind: 'version' };

export class UsageError extends Error {}

export const USAGE = `用法 (usage):
  selfeval check PATH... [--profile auto|ID] [--format text|json|csv|html] [--out FILE] [--annotate DIR]
                        [--summary FILE.xlsx] [--jobs N] [--lang zh|en]
      检查 .xlsx/.xlsm/.xls/.et/.ods 文件或文件夹（递归）。Check workbooks or folders (recursively).
      --out 报告写入文件 (report to a file) · --summary 汇总工作簿 (summary workbook)
      --jobs 并行线程数（含主线程），默认为 CPU 核数减一 (threads, the main one included; default: the number of cores less one)
  selfeval clear FILE [--out FILE2]
      去掉 selfeval 加的标记（默认就地改写 FILE）。Remove selfeval's marks (in place unless --out).
  selfeval profiles     列出内置规则。List the built-in profiles.
退出码 (exit codes): 0 无错误 no errors · 1 发现错误 errors found · 2 用法错误或文件无法读取 usage error / unreadable file`;

function takeValue(argv: string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} 需要一个值 (${flag} needs a value)`);
  return v;
}

export function parseArgs(argv: string[]): Command | { kind: 'profiles' } {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') return { kind: 'help' };
  if (verb === '--version' || verb === '-V') return { kind: 'version' };
  if (verb === 'profiles') return { kind: 'profiles' };
  if (verb === 'check') {
    const cmd: Extract<Command, { kind: 'check' }> = { kind: 'check', paths: [], profile: 'auto', format: 'text', annotate: null, lang: 'zh', out: null, summary: null, jobs: null };
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === '--profile') cmd.profile = takeValue(rest, i++, a);
      else if (a === '--format') {
        const f = takeValue(rest, i++, a);
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format 只能是 text、json、csv 或 html (got "${f}")`);
        cmd.format = f as Format;
      } else if (a === '--annotate') cmd.annotate = takeValue(rest, i++, a);
      else if (a === '--out') cmd.out = takeValue(rest, i++, a);
      else if (a === '--summary') {
        cmd.summary = takeValue(rest, i++, a);
        if (!cmd.summary.toLowerCase().endsWith('.xlsx')) throw new UsageError(`--summary 需要一个 .xlsx 文件名 (--summary needs an .xlsx file name, got "${cmd.summary}")`);
      } else if (a === '--jobs') {
        const n = takeValue(rest, i++, a);
        if (!/^[1-9]\d{0,2}$/.test(n)) throw new UsageError(`--jobs 需要 1 到 999 的整数 (--jobs needs a whole number from 1 to 999, got "${n}")`);
        cmd.jobs = Number(n);
      }
      else if (a === '--lang') {
        const l = takeValue(rest, i++, a);
        if (l !== 'zh' && l !== 'en') throw new UsageError(`--lang 只能是 zh 或 en (got "${l}")`);
        cmd.lang = l;
      } else if (a.startsWith('--')) throw new UsageError(`未知选项 ${a} (unknown option)`);
      else cmd.paths.push(a);
    }
    if (cmd.paths.length === 0) throw new UsageError('check 需要至少一个文件或文件夹 (check needs a file or folder)');
    return cmd;
  }
  if (verb === 'clear') {
    let file: string | null = null;
    let out: string | null = null;
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === '--out') out = takeValue(rest, i++, a);
      else if (a.startsWith('--')) throw new UsageError(`未知选项 ${a} (unknown option)`);
      else if (file === null) file = a;
      else throw new UsageError('clear 只接受一个文件 (clear takes one file)');
    }
    if (file === null) throw new UsageError('clear 需要一个文件 (clear needs a file)');
    return { kind: 'clear', file, out };
  }
  throw new UsageError(`未知命令 "${verb}" (unknown command)`);
}
