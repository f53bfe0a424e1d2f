import { checkWorkbook } from '../../src/engine';
import { exampleSheets } from '../../src/engine/sample';

describe('explanations carry the real numbers, in Chinese and English', () => {
  const report = checkWorkbook(exampleSheets(), { profile: 'national' });
  const at = (sheet: string, cell: string) => {
    const f = report.findings.find((x) => x.sheet === sheet && x.cell === cell);
    if (!f) throw new Error(`no finding at ${sheet}!${cell}`);
    return f;
  };

  test('执行率 of "上海发布": 1,864,161.63 ÷ 2,382,800.00, entered 78.24% is a rounding-level warning', () => {
    const f = at('市级', 'H6');
    expect(f).toMatchObject({ code: 'RATE_ROUNDING', severity: 'warning', entered: '78.24', expected: '78.23' });
    expect(f.steps.map((s) => s.zh)).toEqual([
      '执行率 = 全年执行数 ÷ 全年预算数 = 1,864,161.63 ÷ 2,382,800.00 = 78.2341%',
      '78.234079% 四舍五入保留 2 位小数 = 78.23%',
    ]);
    expect(f.steps[0].en).toBe('Execution rate = executed ÷ full-year budget = 1,864,161.63 ÷ 2,382,800.00 = 78.2341%');
  });

  test('宝山 88.68% scored 9: error, 8.87 expected, with the score formula', () => {
    const f = at('区级', 'I26');
    expect(f).toMatchObject({ code: 'BUDGET_SCORE_MISMATCH', severity: 'error', entered: '9.00', expected: '8.87' });
    expect(f.message).toBe('预算执行得分应为 8.87（10 × 88.68%），填写 9.00');
    expect(f.steps.map((s) => s.zh)).toContain('得分 = 分值 × 执行率 = 10 × 88.68% = 8.868');
  });

  test('=12.00(期), actual 11, 分值 20, entered 18.00: error, 18.33 expected', () => {
    const f = at('区级', 'H75');
    expect(f).toMatchObject({ code: 'INDICATOR_SCORE_MISMATCH', severity: 'error', entered: '18.00', expected: '18.33' });
    expect(f.steps.map((s) => s.zh)).toEqual([
      '越高越好：目标 12期，实际 11期',
      '未达标，按比例：得分 = 分值 × 实际 ÷ 目标 = 20 × 11 ÷ 12 = 18.333333',
      '18.333333 四舍五入保留 2 位小数 = 18.33',
    ]);
  });

  test('青浦 总分 98 where the parts add up to 98.315: error', () => {
    const f = at('区级', 'H60');
    expect(f).toMatchObject({ code: 'TOTAL_SCORE_MISMATCH', severity: 'error', entered: '98.00', expected: '98.315' });
    expect(f.steps[0].zh).toBe('总分 = 预算执行得分 + 各指标得分 = 8.315 + 20 + 20 + 10 + 10 + 10 + 10 + 10 = 98.315');
  });

  test('English messages on request', () => {
    const en = checkWorkbook(exampleSheets(), { profile: 'national', lang: 'en' });
    expect(en.findings.find((f) => f.cell === 'I26')!.message).toBe('Budget score should be 8.87 (10 × 88.68%); 9.00 entered');
  });
});

test('with `explain`, every computed value carries its steps — correct ones too; without, none do', () => {
  const t = checkWorkbook(exampleSheets(), { profile: 'national', explain: true }).tables[1];
  expect(t.project).toBe('市政府事项处理费及资料费');
  expect(t.budget!.rate).toMatchObject({ entered: '94.75', computed: '94.75' });
  expect(t.budget!.rate!.steps!.map((s) => s.zh)).toEqual(['执行率 = 全年执行数 ÷ 全年预算数 = 3,932,846.86 ÷ 4,150,900.00 = 94.7468%', '94.746847% 四舍五入保留 2 位小数 = 94.75%']);
  expect(t.indicators[0].score.steps!.map((s) => s.zh)).toContain('未达标，按比例：得分 = 分值 × 实际 ÷ 目标 = 20 × 33 ÷ 48 = 13.75');
  expect(t.total.score!.steps![0].zh).toMatch(/^总分 = 预算执行得分 \+ 各指标得分 = 9\.48 \+ 13\.75 \+ 20 /);
  expect(t.total.weight!.steps![0].zh).toBe('分值合计 = 10 + 20 + 20 + 10 + 10 + 10 + 10 + 10 = 100');
  const lean = checkWorkbook(exampleSheets(), { profile: 'national' }).tables[1];
  expect(lean.budget!.rate!.steps).toBeUndefined();
});

test('the automatic profile choice picks truncation for the 普陀区 tables', async () => {
  const { stackForms } = await import('../../src/engine/form');
  const { PUTUO_ONLINE } = await import('../../src/engine/sample');
  // 普陀区 seed (001): 全年预算数, 全年执行数, 执行率 and 得分 as published.
  const rows: Array<[number, number, number, number]> = [[30, 29.9, 99.66, 9.96], [43.65, 43.47, 99.58, 9.95], [20, 19.95, 99.75, 9.97], [20, 19.93, 99.65, 9.96]];
  const forms = rows.map(([full, executed, rate, budgetScore], i) => ({
    spec: { ...PUTUO_ONLINE, project: `普陀区项目${i + 1}`, full, initial: full, executed, rate, budgetScore, totalScore: 90 + budgetScore },
    style: { labels: 'merged' as const, rate: 'percent-header' as const },
  }));
  const report = checkWorkbook([stackForms('普陀', forms).sheet]);
  expect(report.profile).toMatchObject({ id: 'truncate', chosen: 'auto', explains: '4/4 budget rows, 8/8 computed values' });
  expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
});
