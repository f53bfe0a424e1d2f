/** Shape-id blocks of VML drawings: notes added to a drawing written without o:idmap reserve their block, and clear gives it back exactly. */
import { addNoteShapes, removeNoteShapes, vmlIdBlocks, vmlShapeIds } from '../../src/xlsx/ooxml-notes';

/** As LibreOffice writes a notes drawing: no o:shapelayout, one note on B2. */
const LIBREOFFICE_VML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
  '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>1</x:Row><x:Column>1</x:Column></x:ClientData></v:shape></xml>';

/** As Excel writes it: one block reserved, Excel's own self-closing spelling. */
const EXCEL_VML = LIBREOFFICE_VML.replace('<v:shapetype', '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype');

const boxes = [{ addr: { row: 5, col: 3 }, lines: 3 }, { addr: { row: 7, col: 3 }, lines: 3 }];

test('a drawing without o:idmap gets a layout reserving the block its new shapes use; clear removes exactly that', () => {
  // The drawing's own id 1025 sits in block 1, which it does not reserve: the new ids come from the spare block 3.
  const marked = addNoteShapes(LIBREOFFICE_VML, boxes, 3);
  expect(vmlIdBlocks(marked)).toEqual([3]);
  const added = vmlShapeIds(marked).filter((id) => id !== 1025);
  expect(added.map((id) => Math.floor(id / 1024))).toEqual([3, 3]);
  expect(removeNoteShapes(marked, boxes.map((b) => b.addr))).toBe(LIBREOFFICE_VML);
});

test("a drawing that reserves its blocks keeps Excel's layout as written, before and after clear", () => {
  const marked = addNoteShapes(EXCEL_VML, boxes, 3);
  expect(vmlIdBlocks(marked)).toEqual([1]);
  expect(vmlShapeIds(marked).every((id) => Math.floor(id / 1024) === 1)).toBe(true);
  expect(removeNoteShapes(marked, boxes.map((b) => b.addr))).toBe(EXCEL_VML);
});

test('without the o: namespace on its root no layout is added (it could not be read)', () => {
  const bare = LIBREOFFICE_VML.replace(' xmlns:o="urn:schemas-microsoft-com:office:office"', '');
  expect(vmlIdBlocks(addNoteShapes(bare, boxes, 3))).toEqual([]);
});
