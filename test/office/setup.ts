/** An adapter over a fresh stand-in, and a way to count the syncs of one call. */
import { createExcelAdapter, type AdapterOptions } from '../../src/office/excel-adapter';
import type { ExcelAdapter } from '../../src/office/types';
import { createStandIn, type StandIn, type StandInOptions, type StandInWorkbook } from './excel-standin';

export interface Setup {
  standIn: StandIn;
  adapter: ExcelAdapter;
  /** Runs `call` and returns its result with the number of syncs it made. */
  counted<T>(call: () => Promise<T>): Promise<{ result: T; syncs: number }>;
}

export function setup(workbook: StandInWorkbook, options: StandInOptions = {}, adapterOptions: AdapterOptions = {}): Setup {
  const standIn = createStandIn(workbook, options);
  const { context } = standIn.Office;
  const adapter = createExcelAdapter(standIn.run, {
    isSetSupported: (name, version) => context.requirements.isSetSupported(name, version),
    displayLanguage: context.displayLanguage,
    ...adapterOptions,
  });
  return {
    standIn,
    adapter,
    async counted(call) {
      const before = standIn.syncCount;
      const result = await call();
      return { result, syncs: standIn.syncCount - before };
    },
  };
}
