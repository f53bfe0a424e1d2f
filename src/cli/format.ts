/** Text and CSV renderings of a run report (JSON is the report itself). */
import type { FileReport, Finding, Lang, ProfileChoice, RunReport, Severity, TableReport } from '../engine/report';
import { FORMS } from '../engine/locate/forms';
import { spreadsheetSafeText } from '../engine/safe-text';

/** The severities as the text report, the CSV reader and the summary workbook name them. */
export const SEVERITY_WORDS: Record<Lang, Record<Severity, string>> = {
  zh: { error: '错误', warning: '提示', info: '未核' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

/** "3 个文件，12 张表；错误 4，提示 1，未核 2": a run in one sentence. */
export function totalsText(files: number, tables: number, c: Record<Severity, number>, lang: Lang): string {
  return lang === 'zh'
    ? `${files} 个文件，${tables} 张表；错误 ${c.error}，提示 ${c.warning}，未核 ${c.info}`
    : `${files} files, ${tables} tables; ${c.error} errors, ${c.warning} warnings, ${c.info} not checked`;
}

const WORDS = {
  zh: {
    file: '文件', profile: '规则', auto: '自动选择', user: '指定', table: '表', project: '项目',
    explains: (p: ProfileChoice) => `解释预算执行行 ${p.budgetRowsExplained}/${p.budgetRows}，计算值 ${p.explained}/${p.checked}`,
    total: '总分', entered: '填写', computed: '核算', grade: '等级', none: '—', expected: '应为', unreadable: '无法读取',
    summary: (files: number, tables: number, c: Record<Severity, number>) => `合计：${totalsText(files, tables, c, 'zh')}`,
    severity: SEVERITY_WORDS.zh,
    noTable: '没有找到自评表',
    office: '本单位', form: '表式',
  },
  en: {
    file: 'File', profile: 'Profile', auto: 'automatic', user: 'chosen', table: 'Table', project: 'project',
    explains: (p: ProfileChoice) => `explains ${p.explains}`,
    total: 'Total', entered: 'entered', computed: 'computed', grade: 'grade', none: '—', expected: 'expected', unreadable: 'unreadable',
    summary: (files: number, tables: number, c: Record<Severity, number>) => `Total: ${totalsText(files, tables, c, 'en')}`,
    severity: SEVERITY_WORDS.en,
    noTable: 'no self-evaluation table found',
    office: "the office's own", form: 'form',
  },
};

/** How many entered values a profile reproduces, in words of the report's language (the JSON keeps `explains`, in English). */
export function explainsText(p: ProfileChoice, lang: Lang): string {
  return WORDS[lang].explains(p);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function tableLines(t: TableReport, findings: Finding[], lang: Lang): string[] {
  const w = WORDS[lang];
  const c = countBySeverity(findings);
  const total = t.total.score;
  const lines = [
    `  ${w.table} ${t.sheet}!${t.anchor}  「${t.project ?? w.none}」${t.year ? ` (${t.year})` : ''}` +
      ` · ${w.profile} ${t.profile.id}${t.profile.chosen === 'office' ? `（${w.office}）` : ''}` +
      (t.form === FORMS[0].id ? '' : ` · ${w.form} ${FORMS.find((f) => f.id === t.form)?.name[lang] ?? t.form}`),
    `    ${w.total} ${w.entered} ${total?.entered ?? w.none} · ${w.computed} ${t.total.rulesTotal ?? total?.computed ?? w.none} · ${w.grade} ${t.total.grade?.entered ?? w.none}` +
      ` · ${w.severity.error} ${c.error} · ${w.severity.warning} ${c.warning} · ${w.severity.info} ${c.info}`,
  ];
  const order: Severity[] = ['error', 'warning', 'info'];
  for (const sev of order) {
    for (const f of findings.filter((x) => x.severity === sev)) {
      const ev = f.expected !== null ? `  ${w.entered} ${f.entered ?? w.none} → ${w.expected} ${f.expected}` : '';
      lines.push(`    [${w.severity[sev]}] ${f.sheet}!${f.cell} ${f.code}${ev}  ${f.message}`);
    }
  }
  return lines;
}

export function renderText(report: RunReport, lang: Lang): string {
  const w = WORDS[lang];
  const out: string[] = [];
  let tables = 0;
  const all: Finding[] = [];
  for (const file of report.files) {
    if ('error' in file) {
      out.push(`${w.file} ${file.file}: ${w.unreadable} — ${file.error}`, '');
      continue;
    }
    const p = file.profile;
    out.push(`${w.file} ${file.file}`, `  ${w.profile} ${p.id}（${p.chosen === 'auto' ? w.auto : w.user}，${w.explains(p)}）`);
    if (p.suggestion) out.push(`  ? ${p.suggestion.message}`);
    for (const n of file.notices) out.push(`  ! ${n.sheet}${n.cell ? '!' + n.cell : ''}: ${n.message}`);
    for (const t of file.tables) {
      out.push(...tableLines(t, file.findings.filter((f) => f.sheet === t.sheet && f.table === t.anchor), lang));
    }
    tables += file.tables.length;
    all.push(...file.findings);
    out.push('');
  }
  out.push(w.summary(report.files.length, tables, countBySeverity(all)));
  return out.join('\n') + '\n';
}

/** A CSV field: never a formula when Excel opens it (spreadsheetSafeText), quoted when needed. */
function csvField(s: string | null): string {
  const v = spreadsheetSafeText(s ?? '');
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One finding per row; UTF-8 with BOM so that Excel shows the Chinese text. */
export function renderCsv(report: RunReport): string {
  const rows = [['file', 'sheet', 'cell', 'severity', 'code', 'entered', 'expected', 'message', 'table']];
  for (const file of report.files) {
    if ('error' in file) {
      rows.push([file.file, '', '', 'error', 'FILE_UNREADABLE', '', '', file.error, '']);
      continue;
    }
    for (const f of file.findings) rows.push([file.file, f.sheet, f.cell, f.severity, f.code, f.entered ?? '', f.expected ?? '', f.message, f.table]);
  }
  return '\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function fileHasErrors(file: FileReport): boolean {
  return file.findings.some((f: Finding) => f.severity === 'error');
}
