// The article's passages as a reader expects them. Kept apart from the page's other formatting (no DOM here), so the
// tests can say what a reader sees with the very same function.

const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/;

/**
 * A passage as a reader expects it, its words untouched: the article's column and page breaks fall inside words
 * (`이그⏎⏎나이트`, `있⏎⏎다`) and between them. A break between two Korean letters joins them; any other break is a
 * space. The quote the API keeps (and a copy of it) stays verbatim.
 */
export function readableQuote(quote: string): string {
  return quote.replace(/(\S?)[ \t]*\n+[ \t]*(\S?)/g, (_whole, before: string, after: string) => {
    if (before === '' || after === '') return `${before}${after}`;
    return HANGUL.test(before) && HANGUL.test(after) ? `${before}${after}` : `${before} ${after}`;
  });
}
