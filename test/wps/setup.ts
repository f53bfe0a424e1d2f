/** A WPS adapter over a fresh ET stand-in, and a way to count the bridge calls of one call. */
import { wpsDisplayLanguage } from '../../src/wps/et';
import { createWpsAdapter } from '../../src/wps/wps-adapter';
import type { StandInWorkbook } from '../office/excel-standin';
import { createEtStandIn, type EtStandInOptions } from './et-standin';

export function setupWps(workbook: StandInWorkbook, options: EtStandInOptions = {}) {
  const et = createEtStandIn(workbook, options);
  const adapter = createWpsAdapter(et.Application, { displayLanguage: wpsDisplayLanguage(et.Application) });
  /** Runs `call` and returns its result with the number of bridge calls it made. */
  const counted = async <T>(call: () => Promise<T>) => {
    const before = et.calls;
    const result = await call();
    return { result, calls: et.calls - before };
  };
  return { et, adapter, counted };
}
