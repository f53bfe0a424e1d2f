import { isPercentFormat } from '../../src/engine/read/number';
import { valueForCell } from '../../src/taskpane/cell-value';

describe('valueForCell', () => {
  test('a rate stored as a fraction gets a fraction, by the entered value or the % format', () => {
    expect(valueForCell('78.23', '78.24', { value: 0.7824, format: '0.00%' })).toBe(0.7823);
    expect(valueForCell('96.1994', '93.19', { value: 0.9319, format: 'General' })).toBe(0.961994);
    expect(valueForCell('100.00', null, { value: 0, format: '0%' })).toBe(1);
    expect(valueForCell('-5.5', null, { value: 0, format: '0.0%' })).toBe(-0.055);
  });

  test('percent units under an "(%)" header, scores and totals keep their units', () => {
    expect(valueForCell('99.00', '96.00', { value: 96, format: '0.00' })).toBe(99);
    expect(valueForCell('87.82', '89.82', { value: 89.82 })).toBe(87.82);
    expect(valueForCell('9.62', null, undefined)).toBe(9.62);
  });

  test('a text percentage stays text, a grade is written as text', () => {
    expect(valueForCell('78.23', '78.24', { value: '78.24%' })).toBe('78.23%');
    expect(valueForCell('优', '良', { value: '良' })).toBe('优');
  });

  test('percent signs inside quotes or escaped are not a percentage format', () => {
    expect(isPercentFormat('0.00%')).toBe(true);
    expect(isPercentFormat('0.00"%"')).toBe(false);
    expect(isPercentFormat('0.00\\%')).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
    expect(isPercentFormat('[Red]0.00%')).toBe(true);
    expect(isPercentFormat('[$-804]0.00')).toBe(false);
  });
});
