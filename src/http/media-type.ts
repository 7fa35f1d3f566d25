// Content negotiation by the Accept header (RFC 9110 §12.5.1), for routes that answer in more than one media type.
// Lists negotiate their export formats in exports.ts; the root negotiates JSON against the dashboard's HTML.

interface MediaRange {
  type: string;
  subtype: string;
  quality: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [range = '', ...parameters] = part.trim().toLowerCase().split(';');
    const [type, subtype] = range.trim().split('/');
    if (!type || !subtype) continue;
    const qualityText = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='))?.slice(2);
    const quality = qualityText === undefined ? 1 : Number(qualityText);
    ranges.push({ type, subtype, quality: Number.isFinite(quality) ? quality : 0 });
  }
  return ranges;
}

/** The quality `accept` gives `mediaType`: that of the most specific range matching it (`a/b` over `a/*` over `*\/*`). */
function qualityOf(ranges: readonly MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let best: { specificity: number; quality: number } | undefined;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity)) best = { specificity, quality: range.quality };
  }
  return best?.quality ?? 0;
}

/**
 * Which of `offered` the request prefers: the highest quality, ties going to the one offered first (so the first is
 * the default: no Accept, `*\/*`, or nothing acceptable at all, since answering beats a 406 for these routes).
 */
export function preferredMediaType<T extends string>(accept: string | undefined, offered: readonly [T, ...T[]]): T {
  if (!accept) return offered[0];
  const ranges = parseAccept(accept);
  let chosen = offered[0];
  let chosenQuality = qualityOf(ranges, chosen);
  for (const mediaType of offered.slice(1)) {
    const quality = qualityOf(ranges, mediaType);
    if (quality > chosenQuality) {
      chosen = mediaType;
      chosenQuality = quality;
    }
  }
  return chosen;
}
