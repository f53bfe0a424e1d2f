/** Command-line arguments of `selfeval`. */

export type Format = 'text' | 'json' | 'csv';

export type Command =
  | { kind: 'check'; paths: string[]; profile: string; format: Format; annotate: string | null; lang: 'zh' | 'en' }
  | { kind: 'clear'; file: string; out: string | null }
  | { kind: 'help' }
  | { kind: 'version' };

export class UsageError extends Error {}

export const USAGE = `用法 (usage):
  selfeval check PATH... [--profile auto|ID] [--format text|json|csv] [--annotate DIR] [--lang zh|en]
      检查 .xlsx/.xlsm/.xls/.et 文件或文件夹（递归）。Check workbooks or folders (recursively).
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
    const cmd = { kind: 'check' as const, paths: [] as string[], profile: 'auto', format: 'text' as Format, annotate: null as string | null, lang: 'zh' as 'zh' | 'en' };
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === '--profile') cmd.profile = takeValue(rest, i++, a);
      else if (a === '--format') {
        const f = takeValue(rest, i++, a);
        if (f !== 'text' && f !== 'json' && f !== 'csv') throw new UsageError(`--format 只能是 text、json 或 csv (got "${f}")`);
        cmd.format = f;
      } else if (a === '--annotate') cmd.annotate = takeValue(rest, i++, a);
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
