/**
 * Errors the Office.js adapter throws. `code` follows Office.js's own error codes where one
 * fits (the pane sorts errors by it: AccessDenied → protected sheet, ApiNotFound → the host
 * lacks a requirement set), and `sheet` names the worksheet concerned when there is one.
 */
export type AdapterErrorCode = 'AccessDenied' | 'ApiNotFound' | 'ItemNotFound' | 'HostError';

export class ExcelAdapterError extends Error {
  override readonly name = 'ExcelAdapterError';

  constructor(
    readonly code: AdapterErrorCode,
    message: string,
    readonly sheet: string | null = null,
    readonly cause?: unknown,
  ) {
    super(message);
  }
}

export function protectedSheet(sheet: string, action: string): ExcelAdapterError {
  return new ExcelAdapterError(
    'AccessDenied',
    `Worksheet "${sheet}" is protected, so the add-in cannot ${action}. Unprotect the sheet (Review › Unprotect Sheet) and try again.`,
    sheet,
  );
}

export function missingSheet(sheet: string): ExcelAdapterError {
  return new ExcelAdapterError('ItemNotFound', `Worksheet "${sheet}" was not found: it may have been renamed or deleted.`, sheet);
}

export function missingApi(feature: string, requirement: string): ExcelAdapterError {
  return new ExcelAdapterError('ApiNotFound', `${feature} needs ${requirement}, which this version of Excel does not support.`);
}

/** The Office.js error code of a rejected sync, if it has one. */
export function officeErrorCode(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : null;
}

/** Wraps anything Excel threw while doing `action` into an ExcelAdapterError with a clear message. */
export function hostError(error: unknown, action: string, sheet: string | null = null): ExcelAdapterError {
  if (error instanceof ExcelAdapterError) return error;
  const code = officeErrorCode(error);
  if (code === 'AccessDenied' && sheet !== null) return protectedSheet(sheet, action);
  const detail = error instanceof Error ? error.message : String(error);
  const where = sheet === null ? '' : ` on worksheet "${sheet}"`;
  const mapped: AdapterErrorCode = code === 'AccessDenied' || code === 'ApiNotFound' || code === 'ItemNotFound' ? code : 'HostError';
  return new ExcelAdapterError(mapped, `Excel could not ${action}${where}: ${detail}${code ? ` (${code})` : ''}`, sheet, error);
}
