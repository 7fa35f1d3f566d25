// "Did you mean": the known names closest to one a client got wrong (a misspelt parameter, sort field, slug or
// value), for problem details. A name is close when few edits (insertions, deletions, substitutions, swaps of two
// neighbours) turn one into the other, ignoring case; a few names that mean the same to users but not to this API
// (`designer` for the chips' `vendor` filter) are given as synonyms.

/** The most names one suggestion lists. */
export const MAX_SUGGESTIONS = 3;

/** Edits, ignoring case, that turn `a` into `b` (optimal string alignment); stops counting past `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let twoBack: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, index) => index);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) value = Math.min(value, twoBack[j - 2]! + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    // Every later row only grows from this one's smallest value.
    if (rowMinimum > limit) return limit + 1;
    twoBack = previous;
    previous = current;
  }
  return previous[y.length]!;
}

/** How many edits still make a name of this length a likely slip: one in short names, a third of longer ones. */
function tolerance(length: number): number {
  return Math.max(1, Math.floor(length / 3));
}

/**
 * The known names closest to `given`, nearest first (at most MAX_SUGGESTIONS): those `synonyms` map it to, then those
 * within a few edits. Empty when nothing is close: a suggestion must be likely, not merely the least unlikely.
 */
export function closestNames(given: string, known: readonly string[], synonyms: Readonly<Record<string, readonly string[]>> = {}): string[] {
  const lower = given.toLowerCase();
  const named = (Object.hasOwn(synonyms, lower) ? synonyms[lower]! : []).filter((name) => known.includes(name));
  const limit = tolerance(given.length);
  const near = known
    .filter((name) => name !== given && !named.includes(name))
    .map((name) => ({ name, distance: editDistance(given, name, limit) }))
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : 1))
    .map(({ name }) => name);
  return [...named, ...near].slice(0, MAX_SUGGESTIONS);
}

/** `; did you mean 'a' or 'b'?` for a message, or nothing when there is no suggestion. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((name) => `'${name}'`);
  const listed = quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]!}`;
  return `; did you mean ${listed}?`;
}
