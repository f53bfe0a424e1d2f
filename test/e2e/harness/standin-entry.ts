/**
 * Browser entry of the e2e harness, loaded in place of office.js: the Excel stand-in over the
 * workbook that /harness/workbook.js defined, as the host it named (display language, ExcelApi
 * version, Office theme, a protected sheet), published as the `Office` and `Excel` globals.
 */
import { createStandIn, type StandIn, type StandInApiVersion, type StandInWorkbook } from '../../office/excel-standin';
import type { HarnessHost } from './server';

export interface HarnessWindow {
  __HARNESS_WORKBOOK__: StandInWorkbook;
  __HARNESS_HOST__: HarnessHost;
  /** The stand-in, for the tests' assertions (page.evaluate). */
  __standIn: StandIn;
}

/** Office.context.officeTheme of Office's themes as the stand-in reports them (high contrast: Windows' black theme). */
const OFFICE_THEMES: Record<string, Omit<Office.OfficeTheme, 'themeId' | 'fluentThemeData'>> = {
  light: { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#262626', controlBackgroundColor: '#F3F3F3', controlForegroundColor: '#262626', isDarkTheme: false },
  dark: { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF', controlBackgroundColor: '#3B3B3B', controlForegroundColor: '#FFFFFF', isDarkTheme: true },
  highContrast: { bodyBackgroundColor: '#000000', bodyForegroundColor: '#FFFFFF', controlBackgroundColor: '#000000', controlForegroundColor: '#FFFF00', isDarkTheme: true },
};

const harness = window as unknown as HarnessWindow & Record<string, unknown>;
const host = harness.__HARNESS_HOST__;
const standIn = createStandIn(harness.__HARNESS_WORKBOOK__, {
  displayLanguage: host.lang,
  apiVersion: host.api as StandInApiVersion,
  protectedSheets: host.protectedSheet ? [host.protectedSheet] : [],
});
const info = { host: 'Excel', platform: 'OfficeOnline' };

harness.__standIn = standIn;
harness.Excel = { run: standIn.run };
harness.Office = {
  ...standIn.Office,
  context: { ...standIn.Office.context, ...(host.theme ? { officeTheme: OFFICE_THEMES[host.theme] } : {}) },
  HostType: { Excel: 'Excel' },
  onReady: (callback?: (ready: typeof info) => void) =>
    Promise.resolve().then(() => {
      callback?.(info);
      return info;
    }),
};
