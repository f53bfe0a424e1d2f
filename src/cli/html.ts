/**
 * `--format html`: the run as one self-contained page — no script, no external style, font or
 * image; its Content-Security-Policy allows only its own inline style (by hash). Totals, two
 * inline SVG charts (findings by code, by office), one section per file and table, every finding
 * with its explanation steps. Printable: colours kept, a finding never split over two pages.
 * Every text from a workbook is HTML-escaped.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import type { CheckedFile, Finding, Lang, RunReport, Severity, TableReport } from '../engine/report';
import { countBySeverity, explainsText } from './format';

const WORDS = {
  zh: {
    title: '绩效自评核分报告',
    files: '文件',
    tables: '张表',
    unreadable: '无法读取',
    byCode: '各类问题数量',
    byOffice: '各单位问题数量',
    noFindings: '没有问题',
    profile: '规则',
    chosen: { auto: '自动选择', user: '指定', office: '按单位' },
    department: '主管部门',
    implementer: '实施单位',
    year: '年度',
    total: '总分',
    entered: '填写',
    computed: '核算',
    corrected: '全部改正后',
    grade: '等级',
    expected: '应为',
    none: '—',
    noTable: '没有找到自评表',
    severity: { error: '错误', warning: '提示', info: '未核' } as Record<Severity, string>,
    unknownOffice: '（未写单位）',
    lang: 'zh-CN',
  },
  en: {
    title: 'Self-evaluation check report',
    files: 'files',
    tables: 'tables',
    unreadable: 'unreadable',
    byCode: 'Findings by code',
    byOffice: 'Findings by office',
    noFindings: 'No findings',
    profile: 'Profile',
    chosen: { auto: 'automatic', user: 'chosen', office: 'by office' },
    department: 'Department',
    implementer: 'Implementing unit',
    year: 'Year',
    total: 'Total',
    entered: 'entered',
    computed: 'computed',
    corrected: 'once corrected',
    grade: 'grade',
    expected: 'expected',
    none: '—',
    noTable: 'no self-evaluation table found',
    severity: { error: 'errors', warning: 'warnings', info: 'not checked' } as Record<Severity, string>,
    unknownOffice: '(no office given)',
    lang: 'en',
  },
};

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** Bar colours of the charts, the same as the marks' fills in the annotated copies, darker. */
const COLOUR: Record<Severity, string> = { error: '#d13438', warning: '#c19c00', info: '#8a8886' };

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; font: 14px/1.5 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #201f1e; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #c8c6c4; word-break: break-all; }
h3 { font-size: 15px; margin: 20px 0 4px; }
.meta { color: #605e5c; margin: 0 0 8px; }
.totals { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; padding: 0; list-style: none; }
.totals li { border: 1px solid #c8c6c4; border-radius: 6px; padding: 8px 14px; min-width: 110px; }
.totals b { display: block; font-size: 22px; }
.totals .error b { color: #a4262c; } .totals .warning b { color: #8a6d00; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 0; flex: 1 1 420px; }
figcaption { font-weight: bold; margin-bottom: 4px; }
svg text { font-size: 12px; fill: #201f1e; }
.legend { color: #605e5c; font-size: 12px; }
.sw { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; }
.sw.error { background: ${COLOUR.error}; } .sw.warning { background: ${COLOUR.warning}; } .sw.info { background: ${COLOUR.info}; }
.table { border: 1px solid #e1dfdd; border-radius: 6px; padding: 4px 14px 10px; margin: 12px 0; }
.table.has-errors { border-left: 6px solid ${COLOUR.error}; }
ol.findings { list-style: none; padding: 0; margin: 8px 0 0; }
ol.findings > li { border-top: 1px solid #edebe9; padding: 6px 0; break-inside: avoid; page-break-inside: avoid; }
.badge { display: inline-block; min-width: 3.5em; text-align: center; border-radius: 4px; padding: 0 6px; margin-right: 6px; color: #fff; font-size: 12px; }
.badge.error { background: #a4262c; } .badge.warning { background: #8a6d00; } .badge.info { background: #605e5c; }
.cell { font-weight: bold; font-family: monospace; margin-right: 6px; }
.code { font-family: monospace; color: #605e5c; margin-right: 6px; }
.value { margin-right: 6px; }
ol.steps { margin: 4px 0 0; padding-left: 2.2em; color: #3b3a39; font-size: 13px; }
.notice, .unreadable { color: #a4262c; }
@page { margin: 14mm 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-before: page; page-break-before: always; break-after: avoid; }
  h3 { break-after: avoid; }
  .charts figure { break-inside: avoid; }
}
`;

function esc(s: string | null | undefined): string {
  return (s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Counts = Record<Severity, number>;

/** "（…）" in Chinese, " (…)" in English. */
function aside(lang: Lang, ...parts: string[]): string {
  return lang === 'zh' ? `（${parts.join('，')}）` : ` (${parts.join(', ')})`;
}

/** `s` cut to about `width` Latin letters (a CJK character counts two), with an ellipsis when cut. */
function shortened(s: string, width: number): string {
  let used = 0;
  for (let i = 0; i < s.length; i++) {
    used += s.charCodeAt(i) > 0x2e80 ? 2 : 1;
    if (used > width) return `${s.slice(0, i - 1)}…`;
  }
  return s;
}

/** Horizontal bars, one per label, stacked by severity. */
function barChart(rows: ReadonlyArray<{ label: string; counts: Counts }>, lang: Lang, caption: string): string {
  const w = WORDS[lang];
  if (rows.length === 0) return `<figure><figcaption>${esc(caption)}</figcaption><p class="meta">${w.noFindings}</p></figure>`;
  const labelWidth = 250;
  const barArea = 260;
  const rowHeight = 22;
  const max = Math.max(...rows.map((r) => SEVERITIES.reduce((s, k) => s + r.counts[k], 0)));
  const height = rows.length * rowHeight + 4;
  const bars = rows.map((r, i) => {
    const y = i * rowHeight + 2;
    let x = labelWidth;
    const total = SEVERITIES.reduce((s, k) => s + r.counts[k], 0);
    const parts = SEVERITIES.filter((k) => r.counts[k] > 0).map((k) => {
      const width = Math.max(1, Math.round((r.counts[k] / max) * barArea));
      const rect = `<rect x="${x}" y="${y}" width="${width}" height="${rowHeight - 6}" fill="${COLOUR[k]}"><title>${esc(r.label)}: ${r.counts[k]} ${esc(w.severity[k])}</title></rect>`;
      x += width;
      return rect;
    });
    const label = shortened(r.label, 36);
    return (
      `<text x="${labelWidth - 6}" y="${y + rowHeight - 10}" text-anchor="end">${esc(label)}<title>${esc(r.label)}</title></text>` +
      parts.join('') +
      `<text x="${x + 4}" y="${y + rowHeight - 10}">${total}</text>`
    );
  });
  const legend = SEVERITIES.map((k) => `<span class="sw ${k}"></span>${esc(w.severity[k])}`).join('');
  return (
    `<figure><figcaption>${esc(caption)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(caption)}" width="${labelWidth + barArea + 40}" height="${height}" viewBox="0 0 ${labelWidth + barArea + 40} ${height}">${bars.join('')}</svg>` +
    `<div class="legend">${legend}</div></figure>`
  );
}

function tally<K>(items: Iterable<{ key: K; severity: Severity }>): Map<K, Counts> {
  const out = new Map<K, Counts>();
  for (const { key, severity } of items) {
    let c = out.get(key);
    if (!c) out.set(key, (c = { error: 0, warning: 0, info: 0 }));
    c[severity]++;
  }
  return out;
}

/** Most errors first, then most findings, then by name: a stable order. */
function ranked(counts: Map<string, Counts>): Array<{ label: string; counts: Counts }> {
  const sum = (c: Counts) => c.error + c.warning + c.info;
  return [...counts]
    .map(([label, c]) => ({ label, counts: c }))
    .sort((a, b) => b.counts.error - a.counts.error || sum(b.counts) - sum(a.counts) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

function findingItem(f: Finding, lang: Lang): string {
  const w = WORDS[lang];
  const values = f.expected !== null ? `<span class="value">${w.entered} ${esc(f.entered ?? w.none)} → ${w.expected} <b>${esc(f.expected)}</b></span>` : '';
  const steps = f.steps.length > 0 ? `<ol class="steps">${f.steps.map((s) => `<li>${esc(s[lang])}</li>`).join('')}</ol>` : '';
  return (
    `<li class="${f.severity}"><span class="badge ${f.severity}">${esc(w.severity[f.severity])}</span>` +
    `<span class="cell">${esc(f.sheet)}!${esc(f.cell)}</span><span class="code">${esc(f.code)}</span>${values}<div>${esc(f.message)}</div>${steps}</li>`
  );
}

function tableSection(t: TableReport, findings: readonly Finding[], lang: Lang): string {
  const w = WORDS[lang];
  const c = countBySeverity(findings);
  const facts = [
    t.department ? `${w.department} ${esc(t.department)}` : null,
    t.agency ? `${w.implementer} ${esc(t.agency)}` : null,
    t.year ? `${w.year} ${esc(t.year)}` : null,
    `${w.profile} ${esc(t.profile.id)}${aside(lang, w.chosen[t.profile.chosen])}`,
  ].filter((x) => x !== null);
  const total = t.total.score;
  const totals =
    `${w.total} ${w.entered} ${esc(total?.entered ?? w.none)} · ${w.computed} ${esc(total?.computed ?? w.none)} · ${w.corrected} ${esc(t.total.rulesTotal ?? w.none)}` +
    ` · ${w.grade} ${esc(t.total.grade?.entered ?? w.none)} → ${esc(t.total.grade?.computed ?? w.none)}` +
    SEVERITIES.map((k) => ` · ${esc(w.severity[k])} ${c[k]}`).join('');
  const ordered = SEVERITIES.flatMap((k) => findings.filter((f) => f.severity === k));
  return (
    `<section class="table${c.error > 0 ? ' has-errors' : ''}"><h3>${esc(t.project ?? w.none)} <span class="code">${esc(t.sheet)}!${esc(t.anchor)}</span></h3>` +
    `<p class="meta">${facts.join(' · ')}</p><p class="meta">${totals}</p>` +
    (ordered.length > 0 ? `<ol class="findings">${ordered.map((f) => findingItem(f, lang)).join('')}</ol>` : '') +
    `</section>`
  );
}

function fileSection(file: RunReport['files'][number], lang: Lang): string {
  const w = WORDS[lang];
  const head = `<h2>${esc(file.file)}</h2>`;
  if ('error' in file) return `<section class="file">${head}<p class="unreadable">${w.unreadable}: ${esc(file.error)}</p></section>`;
  const p = file.profile;
  const lines = [`<p class="meta">${w.profile} ${esc(p.id)}${aside(lang, w.chosen[p.chosen], esc(explainsText(p, lang)))}</p>`];
  if (p.suggestion) lines.push(`<p class="meta">? ${esc(p.suggestion.message)}</p>`);
  for (const n of file.notices) lines.push(`<p class="notice">! ${esc(n.sheet)}${n.cell ? '!' + esc(n.cell) : ''}: ${esc(n.message)}</p>`);
  const tables = file.tables.map((t) => tableSection(t, file.findings.filter((f) => f.sheet === t.sheet && f.table === t.anchor), lang));
  return `<section class="file">${head}${lines.join('')}${tables.join('')}</section>`;
}

/** The office a table belongs to for the chart: its 主管部门, else its 实施单位, else its file's name. */
function officeOf(t: TableReport | undefined, file: CheckedFile, lang: Lang): string {
  return t?.department ?? t?.agency ?? `${path.basename(file.file)} ${WORDS[lang].unknownOffice}`;
}

export function renderHtml(report: RunReport, lang: Lang): string {
  const w = WORDS[lang];
  const all = report.files.flatMap((f) => f.findings);
  const c = countBySeverity(all);
  const tables = report.files.reduce((n, f) => n + f.tables.length, 0);
  const unreadable = report.files.filter((f) => 'error' in f).length;
  const byCode = ranked(tally(all.map((f) => ({ key: f.code, severity: f.severity }))));
  const byOffice = ranked(
    tally(
      report.files.flatMap((f) => {
        if ('error' in f) return [];
        return f.findings.map((x) => {
          const t = f.tables.find((tb) => tb.sheet === x.sheet && tb.anchor === x.table);
          return { key: officeOf(t, f, lang), severity: x.severity };
        });
      }),
    ),
  );
  const totals = [
    `<li><b>${report.files.length}</b>${w.files}</li>`,
    `<li><b>${tables}</b>${w.tables}</li>`,
    ...SEVERITIES.map((k) => `<li class="${k}"><b>${c[k]}</b>${esc(w.severity[k])}</li>`),
    `<li class="${unreadable > 0 ? 'error' : ''}"><b>${unreadable}</b>${w.unreadable}</li>`,
  ];
  const style = STYLE.trim();
  const hash = createHash('sha256').update(style).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${w.lang}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${w.title}</title><style>${style}</style></head><body>`,
    `<header><h1>${w.title}</h1><p class="meta">${esc(report.tool.name)} ${esc(report.tool.version)}</p></header>`,
    `<ul class="totals">${totals.join('')}</ul>`,
    `<div class="charts">${barChart(byCode, lang, w.byCode)}${barChart(byOffice, lang, w.byOffice)}</div>`,
    ...report.files.map((f) => fileSection(f, lang)),
    '</body></html>',
    '',
  ].join('\n');
}
