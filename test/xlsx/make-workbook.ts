/**
 * Test helper: a small workbook written part by part (as Excel would), covering what the
 * fixtures do not: three sheets, a sheet with users' notes (rich and plain) and its own VML
 * drawing, a cell with a custom font/fill/border, row and column styles, an empty self-closing
 * row, a merged area, an empty `<sheetData/>`, a sheet root without the `r` namespace, an
 * extLst after which nothing may follow, no Default content type for .vml, defined names.
 */
import { strToU8, zipSync } from 'fflate';

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

export const SHEET_DATA = '数据';
export const SHEET_NOTES = '备注';
export const SHEET_RD = 'R&D';

/** The users' notes already in the workbook (sheet 备注), as SheetJS reads their text. */
export const USER_NOTES = {
  B2: '张三:\n用户的批注 & <说明>',
  C5: 'plain user note',
  D9: '不要动这条批注',
};

const strings = ['标题', '说明', '名称', '合并区域', '备注表', '研发'];

const styles =
  `${DECL}<styleSheet xmlns="${MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00%"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><i/><sz val="12"/><color rgb="FFFF0000"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thick"><color rgb="FF0000FF"/></left><right style="thick"><color rgb="FF0000FF"/></right>' +
  '<top style="dashed"/><bottom style="double"/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1">' +
  '<alignment horizontal="center" vertical="top" wrapText="1"/><protection locked="0"/></xf>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>' +
  '<xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/></styleSheet>';

const sheetData =
  `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:E8"/>` +
  '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
  '<cols><col min="1" max="1" width="20" customWidth="1"/><col min="5" max="5" width="12" style="4" customWidth="1"/></cols>' +
  '<sheetData>' +
  '<row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
  '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="2"><v>0.1234</v></c><c r="C2" s="3"><f>B2*2</f><v>0.2468</v></c></row>' +
  '<row r="3" s="5" customFormat="1"><c r="A3" s="5"><v>3</v></c></row>' +
  '<row r="4" ht="20" customHeight="1"/>' +
  '<row r="6"><c r="A6" t="s"><v>3</v></c><c r="D6" s="1"/></row>' +
  '<row r="8"><c r="A8"><v>1</v></c></row>' +
  '</sheetData><mergeCells count="1"><mergeCell ref="A6:C7"/></mergeCells>' +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
  '<headerFooter><oddHeader>&amp;C数据</oddHeader></headerFooter>' +
  '<extLst><ext uri="{C0FFEE00-1234-4321-ABCD-000000000001}"/></extLst></worksheet>';

const sheetNotes =
  `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:D9"/><sheetData>` +
  '<row r="1"><c r="A1" t="s"><v>4</v></c></row>' +
  '<row r="2"><c r="B2"><v>42</v></c></row>' +
  '<row r="5"><c r="C5"><v>5</v></c></row>' +
  '<row r="9"><c r="D9"><v>9</v></c></row>' +
  '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
  '<legacyDrawing r:id="rId2"/></worksheet>';

/** No xmlns:r on the root, and no rows at all. */
const sheetRd = `${DECL}<worksheet xmlns="${MAIN}"><dimension ref="A1"/><sheetData/></worksheet>`;

const tahoma = (bold: boolean): string =>
  `<rPr>${bold ? '<b/>' : ''}<sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>`;

const comments =
  `${DECL}<comments xmlns="${MAIN}"><authors><author>张三</author></authors><commentList>` +
  `<comment ref="B2" authorId="0"><text><r>${tahoma(true)}<t>张三:</t></r>` +
  `<r>${tahoma(false)}<t xml:space="preserve">\n用户的批注 &amp; &lt;说明&gt;</t></r></text></comment>` +
  '<comment ref="C5" authorId="0"><text><t>plain user note</t></text></comment>' +
  `<comment ref="D9" authorId="0"><text><r>${tahoma(false)}<t>不要动这条批注</t></r></text></comment>` +
  '</commentList></comments>';

const vmlShape = (id: number, row: number, col: number): string =>
  `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style='position:absolute;margin-left:100pt;margin-top:10pt;width:108pt;height:59.25pt;z-index:${id - 1024};visibility:hidden' fillcolor="#ffffe1" o:insetmode="auto">` +
  '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
  '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
  `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 3}, 15, ${row + 4}, 16</x:Anchor>` +
  `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;

const vml =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n' +
  ' <o:shapelayout v:ext="edit">\n  <o:idmap v:ext="edit" data="1"/>\n </o:shapelayout>' +
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>\n' +
  `${vmlShape(1025, 1, 1)}\n${vmlShape(1026, 4, 2)}\n${vmlShape(1027, 8, 3)}\n</xml>`;

const rel = (id: string, type: string, target: string): string =>
  `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`;

export function makeWorkbook(): Uint8Array {
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
      [1, 2, 3].map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`).join('') +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>` +
      `<Override PartName="/xl/comments1.xml" ContentType="${CT}.spreadsheetml.comments+xml"/>` +
      `<Override PartName="/xl/drawings/vmlDrawing1.vml" ContentType="${CT}.vmlDrawing"/>` +
      '</Types>',
    '_rels/.rels': `${DECL}<Relationships xmlns="${PKG_REL}">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
    'xl/workbook.xml':
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
      `<sheet name="${SHEET_DATA}" sheetId="1" r:id="rId1"/><sheet name="${SHEET_NOTES}" sheetId="2" r:id="rId2"/>` +
      '<sheet name="R&amp;D" sheetId="3" r:id="rId3"/></sheets>' +
      `<definedNames><definedName name="合计">${SHEET_DATA}!$B$2</definedName></definedNames><calcPr calcId="191029"/></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `${DECL}<Relationships xmlns="${PKG_REL}">` +
      [1, 2, 3].map((n) => rel(`rId${n}`, 'worksheet', `worksheets/sheet${n}.xml`)).join('') +
      rel('rId4', 'styles', 'styles.xml') +
      rel('rId5', 'sharedStrings', 'sharedStrings.xml') +
      '</Relationships>',
    'xl/styles.xml': styles,
    'xl/sharedStrings.xml':
      `${DECL}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">` +
      strings.map((s) => `<si><t>${s}</t></si>`).join('') +
      '</sst>',
    'xl/worksheets/sheet1.xml': sheetData,
    'xl/worksheets/sheet2.xml': sheetNotes,
    'xl/worksheets/_rels/sheet2.xml.rels':
      `${DECL}<Relationships xmlns="${PKG_REL}">` +
      rel('rId1', 'comments', '../comments1.xml') +
      rel('rId2', 'vmlDrawing', '../drawings/vmlDrawing1.vml') +
      '</Relationships>',
    'xl/worksheets/sheet3.xml': sheetRd,
    'xl/comments1.xml': comments,
    'xl/drawings/vmlDrawing1.vml': vml,
  };
  return zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])));
}
