/** The stand-in behaves like the Excel API where the adapter depends on it. */
import { createStandIn } from './excel-standin';

const book = () =>
  createStandIn(
    {
      sheets: [
        { name: 'A', cells: [[1, 'x'], [null, 3]], origin: 'B2', formulas: [[null, null], [null, '=B2+2']] },
        { name: 'Locked', cells: [[1]] },
      ],
    },
    { protectedSheets: ['Locked'] },
  );

type Ctx = Excel.RequestContext;

test('properties throw PropertyNotLoaded until loaded and synced', async () => {
  const s = book();
  await s.run(async (ctx: Ctx) => {
    const range = ctx.workbook.worksheets.getItem('A').getRange('B2:C3');
    expect(() => range.values).toThrow(/PropertyNotLoaded|not available/);
    range.load('values');
    expect(() => range.values).toThrow(/not available/);
    await ctx.sync();
    expect(range.values).toEqual([[1, 'x'], ['', 3]]);
    expect(() => range.numberFormat).toThrow(/not available/);
  });
  expect(s.syncCount).toBe(1);
});

test('writes are queued and applied at sync, strings parsed as typed', async () => {
  const s = book();
  await s.run(async (ctx: Ctx) => {
    const ws = ctx.workbook.worksheets.getItem('A');
    ws.getRange('D2:G2').values = [['12', "'12", '=B2*2', '85%']];
    expect(s.state.cell('A', 'D2').value).toBeNull();
    await ctx.sync();
  });
  expect(s.state.cell('A', 'D2')).toMatchObject({ value: 12 });
  expect(s.state.cell('A', 'E2')).toMatchObject({ value: '12', formula: null });
  expect(s.state.cell('A', 'F2')).toMatchObject({ formula: '=B2*2' });
  expect(s.state.cell('A', 'G2')).toMatchObject({ value: 0.85, format: '0%' });
});

test('used range, null objects and formulas', async () => {
  const s = createStandIn({ sheets: [{ name: 'A', cells: [[1, 'x'], [null, 3]], origin: 'B2', formulas: [[null, null], [null, '=B2+2']] }, { name: 'Empty', cells: [] }] });
  await s.run(async (ctx: Ctx) => {
    const used = ctx.workbook.worksheets.getItem('A').getUsedRangeOrNullObject(true).load('address,formulas,rowCount');
    const none = ctx.workbook.worksheets.getItem('Empty').getUsedRangeOrNullObject(true).load('address');
    const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope').load('name');
    await ctx.sync();
    expect(used.address).toBe('A!B2:C3');
    expect(used.formulas).toEqual([[1, 'x'], ['', '=B2+2']]);
    expect(none.isNullObject).toBe(true);
    expect(missing.isNullObject).toBe(true);
  });
});

test('getItem of a missing sheet fails the sync with ItemNotFound', async () => {
  const s = book();
  await expect(
    s.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem('Nope').load('name');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ItemNotFound' });
});

test('a batch is not a transaction: commands before the failing one stay applied', async () => {
  const s = book();
  await expect(
    s.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem('A').getRange('B2').values = [[99]];
      ctx.workbook.worksheets.getItem('Locked').getRange('A1').values = [[99]];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'AccessDenied' });
  expect(s.state.cell('A', 'B2').value).toBe(99);
  expect(s.state.cell('Locked', 'A1').value).toBe(1);
});

test('notes need ExcelApi 1.18', async () => {
  const old = createStandIn({ sheets: [{ name: 'A', cells: [[1]] }] }, { apiVersion: '1.7' });
  expect(old.Office.context.requirements.isSetSupported('ExcelApi', '1.7')).toBe(true);
  expect(old.Office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(false);
  await expect(
    old.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem('A').notes.add('A1', 'hi');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ApiNotFound' });
});

test('custom properties of a non-custom conditional format fail; customOrNullObject does not', async () => {
  const s = createStandIn({ sheets: [{ name: 'A', cells: [[1]], conditionalFormats: [{ range: 'A1', type: 'CellValue', formula: '=0', fill: '#FF0000' }] }] });
  await expect(
    s.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem('A').getRange('A1').conditionalFormats.load('items/custom/rule/formula');
      await ctx.sync();
    }),
  ).rejects.toThrow(/not permitted/);
  await s.run(async (ctx: Ctx) => {
    const cfs = ctx.workbook.worksheets.getItem('A').getRange('A1').conditionalFormats.load('items/type,items/customOrNullObject/rule/formula');
    await ctx.sync();
    expect(cfs.items.map((f) => f.type)).toEqual(['CellValue']);
    expect(cfs.items[0].customOrNullObject.isNullObject).toBe(true);
  });
});

test('a response over the payload limit fails like Excel on the web', async () => {
  const s = createStandIn({ sheets: [{ name: 'A', cells: Array.from({ length: 100 }, () => Array.from({ length: 10 }, () => 'some text')) }] }, { payloadLimitBytes: 5000 });
  await expect(
    s.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem('A').getRange('A1:J100').load('values');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
});

test('change events arrive after the sync, marked as the add-in’s own from ExcelApi 1.14', async () => {
  const s = book();
  const seen: unknown[] = [];
  await s.run(async (ctx: Ctx) => {
    ctx.workbook.worksheets.getItem('A').onChanged.add(async (e) => void seen.push([e.address, e.triggerSource]));
    await ctx.sync();
    ctx.workbook.worksheets.getItem('A').getRange('B2').values = [[5]];
    await ctx.sync();
    expect(seen).toEqual([]);
  });
  s.userEdit('A', 'C2', 'y');
  await s.flushEvents();
  expect(seen).toEqual([
    ['B2', 'ThisLocalAddin'],
    ['C2', 'Unknown'],
  ]);
});
