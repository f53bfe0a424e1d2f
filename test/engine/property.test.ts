import fc from 'fast-check';
import Decimal from 'decimal.js';
import { Cell, checkWorkbook, PROFILES, SheetGrid, toA1 } from '../../src/engine';
import { FormSpec, renderForm } from '../../src/engine/form';
import { parseMeasure, readCompletion } from '../../src/engine/read/measure';
import { cellRate, parseNumberText } from '../../src/engine/read/number';
import { budgetScore, executionRate } from '../../src/engine/rules/budget';
import { evaluateIndicator, readIndicator } from '../../src/engine/rules/indicator';
import { gradeFor } from '../../src/engine/rules/grade';

const cellValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: false }),
  fc.string(),
  fc.constantFrom('项目名称', '全年预算数', '全年执行数', '执行率', '得分', '分值', '三级指标', '总分', '评分等级', '优', '>=90%', '达成指标', '—', '78.24%', '1,864,161.63'),
);
const cell: fc.Arbitrary<Cell | null> = fc.oneof(fc.constant(null), fc.record({ value: cellValue, format: fc.option(fc.constantFrom('0.00', '0.00%', '#,##0.00', 'General'), { nil: undefined }) }));

describe('never throws', () => {
  test('value readers on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        parseMeasure(s);
        parseNumberText(s);
        readCompletion(s, s);
        cellRate({ value: s }, false);
      }),
      { numRuns: 2000 },
    );
  });

  test('locator and checker on arbitrary grids', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 40 }), (cells) => {
        const r = checkWorkbook([{ name: 'S', cells }]);
        expect(Array.isArray(r.findings)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/** A table whose entered values are exactly what `profileId` computes: the checker must report no error on it. */
const consistentTable = (profileId: string) =>
  fc
    .record({
      full: fc.integer({ min: 1, max: 10_000_000 }),
      executedShare: fc.integer({ min: 0, max: 11_000 }),
      weights: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 12 }),
      targets: fc.array(fc.record({ target: fc.integer({ min: 1, max: 500 }), actual: fc.integer({ min: 0, max: 800 }), lower: fc.boolean(), unit: fc.constantFrom('%', '次', '个', '(期)', '') }), { minLength: 12, maxLength: 12 }),
      style: fc.record({
        labels: fc.constantFrom('merged', 'repeated', 'blank'), rate: fc.constantFrom('text', 'fraction', 'percent-header'), serialColumn: fc.boolean(), numbersAsText: fc.boolean(),
        // The other provinces' forms (scoring-rules.md §1): split targets, 四川's words, no 项目名称 row.
        splitTarget: fc.constantFrom(undefined, 'grouped', 'flat'), words: fc.constantFrom('national', 'sichuan'), noProjectRow: fc.boolean(),
      }),
    })
    .map(({ full, executedShare, weights, targets, style }) => {
      const profile = PROFILES.find((p) => p.id === profileId)!;
      const executed = new Decimal(full).times(executedShare).div(10_000).toDecimalPlaces(2);
      const rate = executionRate(executed, new Decimal(full), profile)!;
      const score = budgetScore(new Decimal(10), rate, profile).value;
      const indicators = weights.map((w, i) => {
        const t = targets[i];
        const unit = t.unit === '(期)' ? '(期)' : t.unit;
        const target = `${t.lower ? '<=' : '>='}${t.target}${unit}`;
        const actual = `${t.actual}${unit}`;
        const ev = evaluateIndicator(readIndicator(target, actual), new Decimal(w), profile);
        if (ev.kind !== 'quantitative') throw new Error(`${target} ${actual}`);
        return { level1: i < 6 ? '产出指标' : '效益指标', level2: `二级${i % 3}`, name: `指标${i}`, target, actual, weight: w, score: ev.expected.value.toNumber() };
      });
      const weightSum = 10 + weights.reduce((a, b) => a + b, 0);
      const total = indicators.reduce((s, x) => s.plus(x.score), score);
      const spec: FormSpec = {
        project: '测试项目', moneyUnit: '元', initial: full, full, executed: executed.toNumber(), budgetWeight: 10,
        rate: rate.value.toNumber(), budgetScore: score.toNumber(), indicators, totalWeight: weightSum, totalScore: total.toNumber(), grade: gradeFor(total),
      };
      const f = renderForm(spec, { ...style, title: true } as Parameters<typeof renderForm>[1]);
      const sheet: SheetGrid = { name: 'S', cells: f.rows, merges: style.labels === 'merged' ? f.merges : undefined };
      return { sheet, weightSum, totalAt: f.at.totalScore, anchor: toA1(...f.at.anchor), rows: indicators.length };
    });

describe.each(PROFILES.filter((p) => p.budgetScore.rule === 'proportional').map((p) => [p.id]))('consistent tables under %s', (id) => {
  test('no error, and no finding but the weight sum when it is not 100; a total off by one point is an error', () => {
    fc.assert(
      fc.property(consistentTable(id), ({ sheet, weightSum, totalAt, anchor, rows }) => {
        const r = checkWorkbook([sheet], { profile: id });
        const errors = r.findings.filter((f) => f.severity === 'error' && !(f.code === 'WEIGHT_SUM_NOT_100' && weightSum !== 100));
        expect(errors).toEqual([]);
        expect(r.tables.map((t) => t.anchor)).toEqual([anchor]);
        expect(r.tables[0].indicators).toHaveLength(rows);
        const cells = sheet.cells.map((row) => [...(row ?? [])]);
        const [tr, tc] = totalAt;
        const v = cells[tr][tc]!.value;
        cells[tr][tc] = { value: typeof v === 'number' ? v + 1 : (Number(v) + 1).toFixed(2) };
        const wrong = checkWorkbook([{ ...sheet, cells }], { profile: id });
        expect(wrong.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toContain('TOTAL_SCORE_MISMATCH');
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});
