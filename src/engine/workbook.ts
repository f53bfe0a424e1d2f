import { GridView, SheetGrid } from './grid';
import { scoreTable } from './check';
import { Choice, chooseProfile, officeProfile, Tally, tableTallies, tallyOf } from './choose';
import { locateTables } from './locate/tables';
import { readTable, TableValues } from './read/table';
import type { Finding, Lang, Notice, ProfileChoice, TableProfile, TableReport, WorkbookReport } from './report';
import { PROFILES, Profile, findProfile } from './rules/profiles';

export interface CheckOptions {
  /** 'auto' (default): the built-in profile that explains the most entered values; or a profile id. */
  profile?: string;
  /** Language of messages and notices; explanation steps always carry both. */
  lang?: Lang;
  /** Attach the explanation steps to every computed value, not only to findings (the task pane's "解释"). */
  explain?: boolean;
}

export class UnknownProfileError extends Error {
  constructor(id: string) {
    super(`unknown profile "${id}"; known: auto, ${PROFILES.map((p) => p.id).join(', ')}`);
  }
}

const MISSING_TEXT: Record<string, { zh: string; en: string }> = {
  funds: { zh: '没有找到项目资金表头（全年预算数、全年执行数），预算执行未核', en: 'no funds header (全年预算数, 全年执行数) found: budget not checked' },
  indicators: { zh: '没有找到绩效指标表头（三级指标、分值、得分），指标未核', en: 'no indicator header (三级指标, 分值, 得分) found: indicators not checked' },
  total: { zh: '没有找到总分行，总分未核', en: 'no 总分 row found: totals not checked' },
};

const NOT_A_TABLE_TEXT = {
  zh: '此处有「项目名称」，但其后没有找到项目资金表头（全年预算数、全年执行数），也没有找到绩效指标表头（三级指标、分值、得分）：未作为自评表核对',
  en: 'a 项目名称 label, but neither a funds header (全年预算数, 全年执行数) nor an indicator header (三级指标, 分值, 得分) found after it: not read as a self-evaluation table, not checked',
};

const STRAY_TEXT: Record<'funds' | 'indicators', { zh: string; en: string }> = {
  funds: { zh: '此处的项目资金表不属于任何找到的自评表（其后没有绩效指标），未核', en: 'this funds block belongs to no table found (no indicators follow it): not checked' },
  indicators: { zh: '此处的绩效指标表不属于任何找到的自评表（没有指标行），未核', en: 'this indicator block belongs to no table found (it has no indicator rows): not checked' },
};

function explainsText(t: Tally): string {
  return `${t.budgetRowsExplained}/${t.budgetRows} budget rows, ${t.valuesExplained}/${t.values} computed values`;
}

/** Check every table on every sheet: locate, read, choose the profile, score, report. */
export function checkWorkbook(sheets: readonly SheetGrid[], options: CheckOptions = {}): WorkbookReport {
  const lang = options.lang ?? 'zh';
  const notices: Notice[] = [];
  const tables: TableValues[] = [];
  for (const sheet of sheets) {
    const grid = new GridView(sheet);
    const { tables: located, strays } = locateTables(grid);
    if (located.length === 0 && strays.length === 0) {
      notices.push({ sheet: sheet.name, cell: null, message: lang === 'zh' ? '此工作表没有找到自评表（没有「项目名称」）' : 'no self-evaluation table on this sheet (no 项目名称 label)' });
    }
    for (const s of strays) notices.push({ sheet: sheet.name, cell: s.place.address, message: STRAY_TEXT[s.kind][lang] });
    for (const t of located) {
      if (t.missing.includes('funds') && t.missing.includes('indicators')) {
        // 项目名称 and neither block: a 绩效目标申报表, a budget list — no table to check, and none to count.
        notices.push({ sheet: t.sheet, cell: t.anchor.address, message: NOT_A_TABLE_TEXT[lang] });
        continue;
      }
      for (const m of t.missing) notices.push({ sheet: t.sheet, cell: t.anchor.address, message: MISSING_TEXT[m][lang] });
      tables.push(readTable(t, grid));
    }
  }
  const requested = options.profile ?? 'auto';
  let profile: Profile;
  let tally: Tally;
  let suggested: Choice['suggested'] = null;
  /** Per table, the profile that scores it and how it was chosen. */
  let scoring: Array<{ profile: Profile; chosen: TableProfile['chosen'] }>;
  if (requested === 'auto') {
    const perTable = tableTallies(tables);
    ({ profile, tally, suggested } = chooseProfile(perTable));
    const workbook = profile;
    scoring = officeProfiles(tables, perTable, workbook).map((own) => (own ? { profile: own, chosen: 'office' } : { profile: workbook, chosen: 'auto' }));
  } else {
    const p = findProfile(requested);
    if (!p) throw new UnknownProfileError(requested);
    profile = p;
    tally = tallyOf(tables, profile);
    scoring = tables.map(() => ({ profile: p, chosen: 'user' as const }));
  }
  const scored = tables.map((t, i) => scoreTable(t, scoring[i].profile, lang, options.explain ?? false, scoring[i].chosen));
  const choice: ProfileChoice = {
    id: profile.id,
    chosen: requested === 'auto' ? 'auto' : 'user',
    explains: explainsText(tally),
    explained: tally.valuesExplained,
    checked: tally.values,
    budgetRows: tally.budgetRows,
    budgetRowsExplained: tally.budgetRowsExplained,
  };
  if (suggested) {
    const p = suggested.profile;
    const explains = explainsText(suggested.tally);
    choice.suggestion = {
      id: p.id,
      explains,
      message: lang === 'zh'
        ? `规则「${p.name.zh}」（${p.id}）可解释 ${suggested.tally.budgetRowsExplained}/${suggested.tally.budgetRows} 个预算执行行，但不会自动选用；若本单位按此规则计分，请手动选择`
        : `The profile "${p.name.en}" (${p.id}) would explain ${suggested.tally.budgetRowsExplained}/${suggested.tally.budgetRows} budget rows but is never chosen automatically; if the office scores that way, pick it by hand`,
    };
  }
  const reports: TableReport[] = scored.map((s) => s.report);
  const findings: Finding[] = scored.flatMap((s) => s.findings);
  for (const s of scored) notices.push(...s.notices);
  return { profile: choice, tables: reports, findings, notices };
}


/** Index lists of the tables that share a key. */
function groups(indices: readonly number[], key: (i: number) => string): number[][] {
  const by = new Map<string, number[]>();
  for (const i of indices) {
    const k = key(i);
    const list = by.get(k);
    if (list) list.push(i);
    else by.set(k, [i]);
  }
  return [...by.values()];
}

/**
 * Each table's office profile, or null where the workbook's choice stands. Offices are told
 * apart by 主管部门 (else the sheet: a reviewer's collection often holds one office per sheet),
 * and within one by 实施单位; each takes its own profile where its tables explain more under it
 * than under the choice above it (the workbook's, or its 主管部门's).
 */
function officeProfiles(tables: readonly TableValues[], perTable: readonly Tally[][], workbook: Profile): Array<Profile | null> {
  const result: Array<Profile | null> = tables.map(() => null);
  const departments = groups(tables.map((_, i) => i), (i) => tables[i].table.department ?? `sheet:${tables[i].table.sheet}`);
  for (const members of departments) {
    const own = departments.length > 1 ? officeProfile(members.map((i) => perTable[i]), workbook) : null;
    const agencies = groups(members, (i) => tables[i].table.agency ?? '');
    for (const unit of agencies) {
      const sub = agencies.length > 1 ? officeProfile(unit.map((i) => perTable[i]), own ?? workbook) : null;
      for (const i of unit) result[i] = sub ?? own;
    }
  }
  return result;
}
