/** Text normalisation shared by the locator and the value readers. */

/**
 * Canonical form for matching: NFKC (full-width → half-width digits, letters, ％, （）, ＞),
 * no white space at all (headers are often broken over lines: "年度\n指标值").
 */
export function squash(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u3000\u00a0]+/g, '');
}

/** As written, trimmed, white space runs (line breaks too) folded to one space: for values shown to people. */
export function tidy(s: string): string {
  return s.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}
