/**
 * Compile-time check (`npm run typecheck`) that the adapter's view of ET (src/wps/et.ts) is
 * part of Kingsoft's declarations (et-jsapi-declare): each declared interface is assignable to
 * ours, so every member the adapter uses exists there with a compatible type. Members where
 * the declarations are narrower than the object model (see et.ts) are left out of the check.
 */
/// <reference types="et-jsapi-declare" />
import type { EtApiEvent, EtComment, EtFormatCondition, EtFormatConditions, EtHyperlinks, EtName, EtNames, EtRange, EtSheets, EtWorkbook, EtWorksheet } from '../../src/wps/et';

type Assignable<Declared, Ours> = Declared extends Ours ? true : never;
type Checked<T, Widened extends keyof T = never> = Omit<T, Widened>;

export const check1: Assignable<Et.Range, Checked<EtRange, 'Comment' | 'FormatConditions' | 'Rows' | 'Columns'>> = true;
export const check2: Assignable<Et.Comment, EtComment> = true;
export const check3: Assignable<Et.FormatCondition, EtFormatCondition> = true;
export const check4: Assignable<Et.FormatConditions, Checked<EtFormatConditions, 'Item' | 'Add'>> = true;
export const check5: Assignable<Et.Hyperlinks, EtHyperlinks> = true;
export const check6: Assignable<Et.Worksheet, Checked<EtWorksheet, 'UsedRange' | 'Cells' | 'Range' | 'Hyperlinks'>> = true;
export const check7: Assignable<Et.Sheets, Checked<EtSheets, 'Item' | 'Add'>> = true;
export const check8: Assignable<Et.Name, EtName> = true;
export const check9: Assignable<Et.Names, Checked<EtNames, 'Add' | 'Item'>> = true;
export const check10: Assignable<Et.Workbook, Checked<EtWorkbook, 'Worksheets' | 'Names' | 'ActiveSheet'>> = true;
