/** Text normalisation shared by the locator and the value readers. */

/**
 * Canonical form for matching: NFKC (full-width → half-width digits, letters, ％, （）, ＞),
 * no white space at all (headers are often broken over lines: "年度\n指标值").
 */
export function squash(s: string): string {
  let v = squashed.get(s);
  if (v === undefined) {
    v = s.normalize('NFKC').replace(/[\s\u3000\u00a0\u200b-\u200d\ufeff]+/g, '');
    if (squashed.size >= SQUASH_CACHE_SIZE) squashed.clear();
    squashed.set(s, v);
  }
  return v;
}

/** Labels, units and targets repeat from table to table: squash each distinct text once. */
const squashed = new Map<string, string>();
const SQUASH_CACHE_SIZE = 20000;

/** As written, trimmed, white space runs (line breaks too) folded to one space: for values shown to people. */
export function tidy(s: string): string {
  let v = tidied.get(s);
  if (v === undefined) {
    v = s.replace(/[\u200b-\u200d\ufeff]+/g, '').replace(/[\s\u3000\u00a0]+/g, ' ').trim();
    if (tidied.size >= SQUASH_CACHE_SIZE) tidied.clear();
    tidied.set(s, v);
  }
  return v;
}

/** Names, targets and actuals repeat too: tidy each distinct text once. */
const tidied = new Map<string, string>();
