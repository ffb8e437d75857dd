/**
 * "Did you mean" for scenario files: the closest allowed word to a misspelt one. A candidate is
 * close when its edit distance is at most 2 (catches a swapped pair, a missing or doubled letter),
 * or when one word is a prefix of the other (`replica` → `replicas`). Comparison ignores case.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c === w) return candidate;
    const distance = editDistance(w, c, 3);
    const prefix = w.length >= 3 && c.length >= 3 && (c.startsWith(w) || w.startsWith(c));
    // A prefix match scores after any distance-1 match but before distance 2: `replica` is closer to
    // `replicas` than to some unrelated word two edits away.
    const score = distance <= 2 ? distance : prefix ? 2.5 : Number.POSITIVE_INFINITY;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping early
 * once every entry of a row exceeds `limit` (then `limit + 1` is returned). Words in scenario
 * files are short, so the quadratic table is cheap; the limit keeps long garbage keys cheap too.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prevPrev[j - 2] as number) + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] as number;
}
