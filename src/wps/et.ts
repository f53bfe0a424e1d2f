/**
 * The part of WPS 表格's object model (ET, the VBA-like JS API of WPS加载项) the adapter uses,
 * typed from Kingsoft's declarations (npm `et-jsapi-declare`, namespace `Et`). Each member's
 * type is the declared one, except where the declarations are known to be narrower than what
 * the object model gives — those are widened and say why:
 *
 * - `Value2`, `Formula` read a scalar for one cell and a 2-D array (0-based rows of cells) for
 *   several; empty cells are empty (null/undefined). Declared `string | any[]` and `string`.
 * - `NumberFormat` of several cells is null when they differ (as in Excel's VBA).
 * - `Value(xlRangeValueXMLSpreadsheet)` is declared to give a string; a WPS that does not
 *   implement it may give something else or fail, so it is read as unknown.
 * - `Range.Comment` is null where the cell has no comment (VBA's Nothing).
 * - `Worksheets.Item` returns a Worksheet for one index (declared Worksheet | Sheets).
 * - SheetChange gives the changed Range (its parameter is declared `Et.Worksheet | object`).
 *
 * test/wps/et-types.ts checks (at type-check time) that the declarations' Et.Application, Et.Range… are
 * assignable to these interfaces (so every member named here exists, with a compatible type),
 * and the ET stand-in of test/wps/ implements them.
 */
/// <reference types="et-jsapi-declare" />

/** XlFormatConditionType.xlExpression: a condition given by a formula. */
export const XL_EXPRESSION: Et.XlFormatConditionType = 2;
/** XlRangeValueDataType.xlRangeValueXMLSpreadsheet: Range.Value(11) gives the range as XML Spreadsheet 2003. */
export const XL_RANGE_VALUE_XML_SPREADSHEET: Et.XlRangeValueDataType = 11;
/** MsoAppLanguageID.msoLanguageIDUI: the language of WPS's user interface. */
export const MSO_LANGUAGE_ID_UI: Kso.MsoAppLanguageID = 2;

export interface EtInterior {
  Color: Et.Interior['Color'];
}

export interface EtFormatCondition {
  readonly Type: Et.FormatCondition['Type'];
  readonly Formula1: Et.FormatCondition['Formula1'];
  readonly Interior: EtInterior;
  Delete(): void;
}

export interface EtFormatConditions {
  readonly Count: Et.FormatConditions['Count'];
  Item(Index: number): EtFormatCondition;
  Add(Type: Et.XlFormatConditionType, Operator?: unknown, Formula1?: string): EtFormatCondition;
}

export interface EtComment {
  Text(Text?: string, Start?: number, Overwrite?: number): string;
  Delete(): void;
}

export interface EtFont {
  Bold: Et.Font['Bold'];
}

export interface EtRange {
  readonly Row: Et.Range['Row'];
  readonly Column: Et.Range['Column'];
  readonly Count: Et.Range['Count'];
  readonly Rows: EtRange;
  readonly Columns: EtRange;
  Value2: unknown;
  Formula: unknown;
  NumberFormat: string | null;
  Value(RangeValueDataType?: Et.XlRangeValueDataType): unknown;
  readonly Comment: EtComment | null;
  AddComment(Text?: string): EtComment;
  readonly FormatConditions: EtFormatConditions;
  readonly Font: EtFont;
  Address(RowAbsolute?: boolean, ColumnAbsolute?: boolean): string;
  Select(): unknown;
  AutoFit(): unknown;
}

export interface EtHyperlinks {
  Add(Anchor: EtRange, Address: string, SubAddress?: string, ScreenTip?: string, TextToDisplay?: string): unknown;
}

export interface EtWorksheet {
  Name: Et.Worksheet['Name'];
  readonly ProtectContents: Et.Worksheet['ProtectContents'];
  readonly UsedRange: EtRange;
  readonly Cells: EtRange;
  readonly Hyperlinks: EtHyperlinks;
  Range(Cell1: string): EtRange;
  Activate(): void;
}

export interface EtSheets {
  readonly Count: Et.Sheets['Count'];
  Item(Index: string | number): EtWorksheet;
  Add(Before?: EtWorksheet, After?: EtWorksheet): EtWorksheet;
}

export interface EtName {
  RefersTo: Et.Name['RefersTo'];
  Delete(): void;
}

export interface EtNames {
  Add(Name: string, RefersTo: string, Visible?: boolean): EtName;
  Item(Index: string): EtName;
}

export interface EtWorkbook {
  readonly Worksheets: EtSheets;
  readonly Names: EtNames;
  readonly ActiveSheet: EtWorksheet;
}

export type SheetChangeListener = (sheet: EtWorksheet, range: EtRange) => void;

export interface EtApiEvent {
  AddApiEventListener(EventName: 'SheetChange', callback: SheetChangeListener): void;
  RemoveApiEventListener(EventName: 'SheetChange', callback?: SheetChangeListener): void;
}

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null;
  readonly ApiEvent: EtApiEvent;
  readonly LanguageSettings: { LanguageID(Id: Kso.MsoAppLanguageID): number };
}

/** What the add-in's entry page uses besides: the task pane and the ribbon. */
export interface WpsAddinRoot {
  CreateTaskPane(url: string, title?: string): Pick<WPS.CustomTaskpane, 'ID' | 'Visible' | 'DockPosition' | 'Width'>;
  GetTaskPane(id: number): Pick<WPS.CustomTaskpane, 'ID' | 'Visible' | 'DockPosition'>;
  readonly PluginStorage: Pick<WPS.PluginStorage, 'getItem' | 'setItem'>;
  ShowDialog: WPS.AddonRoot['ShowDialog'];
}

/**
 * `window.Application` when this page runs in WPS 表格 (a WPS加载项 page), else null. WPS's
 * Application has its ApiEvent and workbooks; another host's `Application` (none is known) would not.
 */
export function wpsApplication(scope: unknown = globalThis): EtApplication | null {
  const app = (scope as { Application?: unknown }).Application;
  if (typeof app !== 'object' || app === null) return null;
  return 'ApiEvent' in app && 'ActiveWorkbook' in app && 'LanguageSettings' in app ? (app as EtApplication) : null;
}

/** WPS's UI language as a BCP 47 tag for the pane's strings (2052 → zh-CN; others by their LCID family). */
export function wpsDisplayLanguage(app: EtApplication): string {
  try {
    const lcid = app.LanguageSettings.LanguageID(MSO_LANGUAGE_ID_UI);
    // 0x04 is the primary language id of Chinese (2052 zh-CN, 1028 zh-TW, 3076 zh-HK…).
    return (lcid & 0x3ff) === 0x04 ? 'zh-CN' : 'en-US';
  } catch {
    return 'zh-CN';
  }
}
