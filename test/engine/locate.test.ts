import { checkWorkbook, SheetGrid } from '../../src/engine';

/** A hand-made messy layout: synonyms, noise, a 序号 column, an empty 二级 row, 合计 instead of 总分, no grade. */
function messySheet(): SheetGrid {
  const rows: Array<Array<string | number | null>> = [
    ['项目名称：社区服务中心运维经费'],
    ['主管部门', null, '某区民政局'],
    ['项目资金(万元)', null, null, '年初 预算数', '全年预算数', '全年执行数', '分数', '执行率（%）', '得分'],
    [null, null, '年度资金总额：', '1,000.00', '1,000.00', '905.50', '10', '90.55', '9.06'],
    [null, null, '其中：当年财政拨款', '1,000.00', '1,000.00', '905.50', '—', null, '—'],
    ['年度总体目标', null, '预算目标', null, null, null, '实际完成情况'],
    ['绩效指标', '序号', '一级指标', '二级指标', '三级\n指标', '指标值', '完成值', '分值', '得分', '备注'],
    [null, 1, '产出指标', '数量指标', '服务人次', '≥1,000人次', '800人次', 30, 24],
    [null, 2, null, '质量指标', '投诉率', '≤2%', '1%', 20, 20],
    [null, null, null, '成本指标', null, null, null, null, null],
    [null, 3, '效益指标', '社会效益指标', '居民知晓率', '不低于90%', '95%', 20, 20],
    [null, 4, '满意度指标', '服务对象满意度指标', '居民满意度', '≥90%', '达成指标', 20, 20],
    [null, '合计', null, null, null, null, null, 100, 93.06],
  ];
  const cells = rows.map((r) => r.map((v) => (v === null ? null : { value: v })));
  return { name: '运维', cells, top: 4, left: 1 };
}

describe('a messy layout is read, not guessed', () => {
  const report = checkWorkbook([messySheet()]);
  const t = report.tables[0];

  test('one table, anchored at the 项目名称 cell, with the project written in the same cell', () => {
    expect(report.tables).toHaveLength(1);
    expect(t).toMatchObject({ sheet: '运维', anchor: 'B5', project: '社区服务中心运维经费', moneyUnit: '万元' });
  });

  test('funds by synonym headers; numbers stored as text; (%) header', () => {
    expect(t.budget).toMatchObject({ full: '1000', executed: '905.5', weight: '10' });
    expect(t.budget!.rate).toMatchObject({ cell: 'I8', entered: '90.55', computed: '90.55' });
    expect(t.budget!.score).toMatchObject({ cell: 'J8', entered: '9.06', computed: '9.06' });
  });

  test('indicators: 序号 column skipped, 一级 carried down, the empty 二级 row left out', () => {
    expect(t.indicators.map((i) => [i.level1, i.level2, i.name, i.score.cell])).toEqual([
      ['产出指标', '数量指标', '服务人次', 'J12'],
      ['产出指标', '质量指标', '投诉率', 'J13'],
      ['效益指标', '社会效益指标', '居民知晓率', 'J15'],
      ['满意度指标', '服务对象满意度指标', '居民满意度', 'J16'],
    ]);
    expect(t.indicators.map((i) => i.kind)).toEqual(['quantitative', 'quantitative', 'quantitative', 'qualitative']);
  });

  test('合计 row found; no grade row; all consistent: no finding', () => {
    expect(t.total).toMatchObject({ weight: { cell: 'I17', computed: '100' }, score: { cell: 'J17', entered: '93.06', computed: '93.06' }, grade: null });
    expect(report.findings).toEqual([]);
  });

  test('the same table with a wrong proportional score gives one error at that cell', () => {
    const sheet = messySheet();
    const cells = sheet.cells.map((r) => [...(r ?? [])]);
    cells[7][8] = { value: 30 };
    cells[12][8] = { value: 99.06 };
    const wrong = checkWorkbook([{ ...sheet, cells }]);
    expect(wrong.findings.filter((f) => f.severity === 'error').map((f) => [f.cell, f.code, f.expected])).toEqual([['J12', 'INDICATOR_SCORE_MISMATCH', '24.00']]);
  });
});

test('a stray value on XFD1048576 and a merge over the rest of the sheet: read by the cells that exist (a hang here was 276 s)', () => {
  const cells: Array<Array<{ value: string }> | undefined> = [];
  cells[0] = [{ value: '项目名称' }, { value: '远端单元格测试' }];
  const last: Array<{ value: string }> = [];
  last[16383] = { value: '附注' };
  cells[1048575] = last;
  const report = checkWorkbook([{ name: '远', cells, merges: [{ top: 1, left: 0, bottom: 1048575, right: 16383 }] }]);
  // 项目名称 with neither a funds nor an indicator block: no table, and said where, not guessed.
  expect(report.tables).toEqual([]);
  expect(report.notices.map((n) => [n.cell, n.message])).toEqual([['A1', expect.stringContaining('未作为自评表核对')]]);
});

test('项目名称 over a sheet that is no self-evaluation table (a 绩效目标申报表, a budget list) counts no table; a table missing one block still is one', () => {
  const application = [
    ['项目名称', null, '政务数据共享平台运维'],
    ['主管部门', null, '某市政务服务数据管理局'],
    ['项目资金（万元）', '年度资金总额', 120],
    ['一级指标', '二级指标', '三级指标', '指标值'],
    ['产出指标', '数量指标', '平台可用率', '≥99%'],
  ];
  const grid = (rows: Array<Array<string | number | null>>) => ({ name: '申报表', cells: rows.map((r) => r.map((v) => (v === null ? null : { value: v }))) });
  const report = checkWorkbook([grid(application)]);
  expect(report.tables).toEqual([]);
  expect(report.findings).toEqual([]);
  expect(report.notices.some((n) => n.cell === 'A1' && n.message.includes('未作为自评表核对'))).toBe(true);
  // With an indicator header (三级指标, 分值, 得分) it is a table, whose missing funds block is said.
  const withIndicators = [...application.slice(0, 3), ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'], ['产出指标', '数量指标', '平台可用率', '≥99%', '99.5%', 100, 100]];
  const table = checkWorkbook([grid(withIndicators)]);
  expect(table.tables.map((t) => t.anchor)).toEqual(['A1']);
  expect(table.notices.some((n) => n.message.includes('没有找到项目资金表头'))).toBe(true);
});
