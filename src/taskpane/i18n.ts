/** The task pane's words, Chinese by default, English when Office's display language is English. */
import type { Lang, Severity } from '../engine/report';

export type { Lang };

export interface Strings {
  lang: Lang;
  title: string;
  scope: string;
  scopeActive: string;
  scopeAll: string;
  profile: string;
  profileAuto: string;
  /** The automatic choice, with the report's counts (never its English `explains`). */
  profileChosen: (name: string, counts: { budgetRowsExplained: number; budgetRows: number; explained: number; checked: number }) => string;
  /** A profile never chosen automatically that would explain more budget rows. */
  profileSuggestion: (name: string) => string;
  /** Which profile scored a table, and who chose it. */
  tableProfile: (name: string, chosenBy: string) => string;
  profileChosenBy: Record<'auto' | 'user' | 'office', string>;
  check: string;
  checking: string;
  progress: (done: number, total: number) => string;
  summary: (tables: number) => string;
  untitledProject: string;
  total: string;
  /** The 总分 once every finding is corrected. */
  rulesTotal: string;
  grade: string;
  /** 计算过程: every computed value of a table with its steps. */
  showComputation: string;
  hideComputation: string;
  value: {
    rate: string;
    budgetScore: string;
    indicatorScore: (name: string) => string;
    totalWeight: string;
    totalScore: string;
    grade: string;
  };
  severity: Record<Severity, string>;
  findings: (count: number) => string;
  filter: string;
  filterAll: string;
  previous: string;
  next: string;
  position: (index: number, count: number) => string;
  noFindings: string;
  entered: string;
  expected: string;
  empty: string;
  explain: string;
  hideExplanation: string;
  ignore: string;
  restoreIgnored: (count: number) => string;
  fill: string;
  fillAllErrors: (count: number) => string;
  undoFill: string;
  exportResults: string;
  clearMarks: string;
  insertSample: string;
  sampleSheetName: string;
  actions: string;
  findingLabel: (cell: string, severity: string, message: string) => string;
  confirmFillTitle: string;
  /** `hostUndo`: Excel's Ctrl+Z undoes the fill (ExcelApi 1.20), else 撤销填入 does. */
  confirmFillBody: (count: number, hostUndo: boolean) => string;
  fillLine: (place: string, from: string, to: string) => string;
  formulaReplaced: string;
  confirm: string;
  cancel: string;
  dismiss: string;
  notices: string;
  notice: (place: string, message: string) => string;
  done: {
    checked: (tables: number, findings: number) => string;
    noTables: string;
    cleared: (cells: number) => string;
    filled: (cells: number, hostUndo: boolean) => string;
    undone: (cells: number) => string;
    exported: (sheet: string) => string;
    inserted: (sheet: string) => string;
  };
  errors: {
    protected: string;
    missingApi: string;
    sync: string;
    notInExcel: string;
    other: string;
    /** The worksheet an error concerns. */
    onSheet: (sheet: string) => string;
  };
}

const zh: Strings = {
  lang: 'zh',
  title: '绩效自评核分',
  scope: '核分范围',
  scopeActive: '当前工作表',
  scopeAll: '全部工作表',
  profile: '评分规则',
  profileAuto: '自动识别',
  profileChosen: (name, c) => `自动选用：${name}（预算执行 ${c.budgetRowsExplained}/${c.budgetRows} 行、全部计算值 ${c.explained}/${c.checked} 个与填报值相符）。`,
  profileSuggestion: (name) => `规则“${name}”能解释更多预算执行行，但不会自动选用；若本单位按此规则计分，请手动选择。`,
  tableProfile: (name, chosenBy) => `评分规则：${name}（${chosenBy}）`,
  profileChosenBy: { auto: '自动识别', user: '手动选择', office: '本单位规则' },
  check: '核分',
  checking: '正在核分…',
  progress: (done, total) => `已读取 ${done}/${total} 个工作表`,
  summary: (tables) => `核分结果（${tables} 张表）`,
  untitledProject: '（未读到项目名称）',
  total: '总分',
  rulesTotal: '全部改正后总分',
  grade: '评分等级',
  showComputation: '计算过程',
  hideComputation: '收起计算过程',
  value: {
    rate: '执行率（%）',
    budgetScore: '预算执行得分',
    indicatorScore: (name) => `「${name}」得分`,
    totalWeight: '分值合计',
    totalScore: '总分（各项得分之和）',
    grade: '评分等级',
  },
  severity: { error: '错误', warning: '提示', info: '未核' },
  findings: (count) => `问题清单（${count}）`,
  filter: '按类别筛选',
  filterAll: '全部',
  previous: '上一个',
  next: '下一个',
  position: (index, count) => `第 ${index}/${count} 个`,
  noFindings: '没有需要显示的问题。',
  entered: '填报值',
  expected: '计算值',
  empty: '（空）',
  explain: '解释',
  hideExplanation: '收起解释',
  ignore: '忽略',
  restoreIgnored: (count) => `恢复已忽略（${count}）`,
  fill: '填入计算值',
  fillAllErrors: (count) => `全部错误填入计算值（${count}）`,
  undoFill: '撤销填入',
  exportResults: '导出核分结果',
  clearMarks: '清除标记',
  insertSample: '插入示例表',
  sampleSheetName: '示例自评表',
  actions: '操作',
  findingLabel: (cell, severity, message) => `${cell}，${severity}：${message}`,
  confirmFillTitle: '填入计算值？',
  confirmFillBody: (count, hostUndo) => `以下 ${count} 个单元格将改写为计算值。${hostUndo ? '可在 Excel 中按 Ctrl+Z 一次撤销。' : '可用“撤销填入”恢复原内容。'}`,
  fillLine: (place, from, to) => `${place}：${from} → ${to}`,
  formulaReplaced: '（原为公式，将被替换）',
  confirm: '填入',
  cancel: '取消',
  dismiss: '关闭',
  notices: '说明',
  notice: (place, message) => `${place}：${message}`,
  done: {
    checked: (tables, findings) => `已核 ${tables} 张自评表，发现 ${findings} 个问题。`,
    noTables: '没有找到绩效自评表（需要“项目名称”“得分”等表头）。',
    cleared: (cells) => `已清除 ${cells} 个单元格的标记。`,
    filled: (cells, hostUndo) => `已填入 ${cells} 个计算值。${hostUndo ? '按 Ctrl+Z 可撤销。' : ''}`,
    undone: (cells) => `已恢复 ${cells} 个单元格的原内容。`,
    exported: (sheet) => `核分结果已导出到工作表“${sheet}”。`,
    inserted: (sheet) => `已插入示例工作表“${sheet}”。`,
  },
  errors: {
    protected: '工作表受保护，无法修改。请先撤销工作表保护再试。',
    missingApi: '当前 Excel 版本不支持本加载项需要的功能，请更新 Excel 或使用网页版 Excel。',
    sync: 'Excel 未能完成操作：',
    notInExcel: '请在 Excel 中打开本加载项。',
    other: '操作失败：',
    onSheet: (sheet) => `工作表“${sheet}”`,
  },
};

const en: Strings = {
  lang: 'en',
  title: 'Self-evaluation score check',
  scope: 'Scope',
  scopeActive: 'This sheet',
  scopeAll: 'All sheets',
  profile: 'Scoring rules',
  profileAuto: 'Automatic',
  profileChosen: (name, c) =>
    `Chosen: ${name} (agrees with ${c.budgetRowsExplained} of ${c.budgetRows} budget rows, ${c.explained} of ${c.checked} computed values).`,
  profileSuggestion: (name) => `The profile "${name}" explains more budget rows but is never chosen automatically; if the office scores that way, pick it by hand.`,
  tableProfile: (name, chosenBy) => `Rules: ${name} (${chosenBy})`,
  profileChosenBy: { auto: 'automatic', user: 'picked by hand', office: "the office's rules" },
  check: 'Check',
  checking: 'Checking…',
  progress: (done, total) => `Read ${done} of ${total} sheets`,
  summary: (tables) => `Results (${tables} table${tables === 1 ? '' : 's'})`,
  untitledProject: '(no project name found)',
  total: 'Total',
  rulesTotal: 'Total once all fixed',
  grade: 'Grade',
  showComputation: 'How it is computed',
  hideComputation: 'Hide computation',
  value: {
    rate: 'Execution rate (%)',
    budgetScore: 'Budget score',
    indicatorScore: (name) => `Score of "${name}"`,
    totalWeight: 'Sum of weights',
    totalScore: 'Total (sum of the scores)',
    grade: 'Grade',
  },
  severity: { error: 'Error', warning: 'Warning', info: 'Not checked' },
  findings: (count) => `Findings (${count})`,
  filter: 'Filter by kind',
  filterAll: 'All',
  previous: 'Previous',
  next: 'Next',
  position: (index, count) => `${index} of ${count}`,
  noFindings: 'No findings to show.',
  entered: 'Entered',
  expected: 'Computed',
  empty: '(empty)',
  explain: 'Explain',
  hideExplanation: 'Hide explanation',
  ignore: 'Ignore',
  restoreIgnored: (count) => `Restore ignored (${count})`,
  fill: 'Fill computed value',
  fillAllErrors: (count) => `Fill all errors (${count})`,
  undoFill: 'Undo fill',
  exportResults: 'Export results',
  clearMarks: 'Clear marks',
  insertSample: 'Insert sample table',
  sampleSheetName: 'Sample',
  actions: 'Actions',
  findingLabel: (cell, severity, message) => `${cell}, ${severity}: ${message}`,
  confirmFillTitle: 'Fill computed values?',
  confirmFillBody: (count, hostUndo) =>
    `${count === 1 ? 'This cell' : `These ${count} cells`} will be overwritten with the computed value. ${hostUndo ? 'Ctrl+Z in Excel undoes it in one step.' : '"Undo fill" restores the previous contents.'}`,
  fillLine: (place, from, to) => `${place}: ${from} → ${to}`,
  formulaReplaced: ' (a formula, which will be replaced)',
  confirm: 'Fill',
  cancel: 'Cancel',
  dismiss: 'Dismiss',
  notices: 'Notes',
  notice: (place, message) => `${place}: ${message}`,
  done: {
    checked: (tables, findings) =>
      `Checked ${tables} table${tables === 1 ? '' : 's'}, ${findings} finding${findings === 1 ? '' : 's'}.`,
    noTables: 'No self-evaluation table found (it needs headers such as 项目名称 and 得分).',
    cleared: (cells) => `Cleared the marks on ${cells} cell${cells === 1 ? '' : 's'}.`,
    filled: (cells, hostUndo) => `Filled ${cells} computed value${cells === 1 ? '' : 's'}.${hostUndo ? ' Ctrl+Z undoes it.' : ''}`,
    undone: (cells) => `Restored ${cells} cell${cells === 1 ? '' : 's'}.`,
    exported: (sheet) => `Results exported to the sheet "${sheet}".`,
    inserted: (sheet) => `Inserted the sample sheet "${sheet}".`,
  },
  errors: {
    protected: 'The sheet is protected and cannot be changed. Unprotect it and try again.',
    missingApi: 'This version of Excel lacks features the add-in needs. Update Excel or use Excel on the web.',
    sync: 'Excel could not complete the operation: ',
    notInExcel: 'Open this add-in in Excel.',
    other: 'The operation failed: ',
    onSheet: (sheet) => `Worksheet "${sheet}"`,
  },
};

export const STRINGS: Record<Lang, Strings> = { zh, en };

/** English when Office's display language is English, Chinese otherwise. */
export function langFromDisplayLanguage(displayLanguage: string | undefined): Lang {
  return displayLanguage?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
