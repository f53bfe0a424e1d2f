/**
 * Browser entry of the WPS e2e harness, loaded before the pane's script: the ET stand-in over
 * the workbook that /harness/workbook.js defined, published as `window.Application` (as WPS does).
 */
import { createEtStandIn, type EtStandIn } from '../../wps/et-standin';
import type { StandInWorkbook } from '../../office/excel-standin';
import type { HarnessHost } from './server';

export interface WpsHarnessWindow {
  __HARNESS_WORKBOOK__: StandInWorkbook;
  /** The host the page's query asks for (only its language matters to WPS). */
  __HARNESS_HOST__: HarnessHost;
  /** The stand-in, for the tests' assertions (page.evaluate). */
  __et: EtStandIn;
}

const harness = window as unknown as WpsHarnessWindow & Record<string, unknown>;
const et = createEtStandIn(harness.__HARNESS_WORKBOOK__, { languageId: harness.__HARNESS_HOST__.lang.startsWith('zh') ? 2052 : 1033 });
harness.__et = et;
harness.Application = et.Application;
