/**
 * Browser entry of the e2e harness, loaded in place of office.js: the Excel stand-in over the
 * workbook that /harness/workbook.js defined, published as the `Office` and `Excel` globals.
 */
import { createStandIn, type StandIn, type StandInWorkbook } from '../../office/excel-standin';

export interface HarnessWindow {
  __HARNESS_WORKBOOK__: StandInWorkbook;
  __HARNESS_LANG__: string;
  /** The stand-in, for the tests' assertions (page.evaluate). */
  __standIn: StandIn;
}

const harness = window as unknown as HarnessWindow & Record<string, unknown>;
const standIn = createStandIn(harness.__HARNESS_WORKBOOK__, { displayLanguage: harness.__HARNESS_LANG__ });
const info = { host: 'Excel', platform: 'OfficeOnline' };

harness.__standIn = standIn;
harness.Excel = { run: standIn.run };
harness.Office = {
  ...standIn.Office,
  HostType: { Excel: 'Excel' },
  onReady: (callback?: (ready: typeof info) => void) =>
    Promise.resolve().then(() => {
      callback?.(info);
      return info;
    }),
};
