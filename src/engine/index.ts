/** Public API of the scoring engine. Pure: no Office, no DOM, no Node APIs. */
export * from './grid';
export * from './report';
export * from './marks';
export { checkWorkbook, UnknownProfileError } from './workbook';
export type { CheckOptions } from './workbook';
export { PROFILES, findProfile } from './rules/profiles';
export type { Profile } from './rules/profiles';
export { FORMS } from './locate/forms';
export type { FormDefinition } from './locate/forms';
