import type { Finding, Lang, Severity } from './report';

/** What an adapter puts on a cell for one finding: a fill by severity and a note. */
export interface Mark {
  sheet: string;
  cell: string;
  severity: Severity;
  /** Plain-text note: expected value, the explanation steps, the finding code. */
  note: string;
}

/** Fill colours by severity (RGB hex, no '#'), shared by the task pane and annotated copies. */
export const SEVERITY_FILL: Record<Severity, string> = {
  error: 'FFC7CE',
  warning: 'FFEB9C',
  info: 'DDEBF7',
};

const SEVERITY_WORD: Record<Lang, Record<Severity, string>> = {
  zh: { error: '错误', warning: '提示', info: '未核' },
  en: { error: 'Error', warning: 'Warning', info: 'Not checked' },
};

/**
 * One mark per finding cell. Several findings on one cell (e.g. a total weight that is both
 * off 100 and off the sum) become one mark with the most severe colour and all notes.
 */
export function marksFromFindings(findings: readonly Finding[], lang: Lang = 'zh'): Mark[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.sheet}\u0000${f.cell}`;
    const list = byCell.get(key);
    if (list) list.push(f);
    else byCell.set(key, [f]);
  }
  const marks: Mark[] = [];
  for (const list of byCell.values()) {
    list.sort((a, b) => rank[a.severity] - rank[b.severity]);
    const note = list.map((f) => noteText(f, lang)).join('\n\n');
    marks.push({ sheet: list[0].sheet, cell: list[0].cell, severity: list[0].severity, note });
  }
  return marks;
}

function noteText(f: Finding, lang: Lang): string {
  const lines = [`[${SEVERITY_WORD[lang][f.severity]} ${f.code}] ${f.message}`];
  if (f.expected !== null) lines.push((lang === 'zh' ? '应为：' : 'Expected: ') + f.expected);
  for (const s of f.steps) lines.push('· ' + s[lang]);
  return lines.join('\n');
}
