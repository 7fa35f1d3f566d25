// A document's text as the atlas keeps it: verbatim, but in one form (NFC, line breaks as LF), so that a quote
// copied from any rendering of it is found, and free of code points that cannot be stored or read the same way
// everywhere. Also where a quote stands in a text, as W3C Web Annotation's selectors say it (code points).
import { createHash } from 'node:crypto';

/** The largest document text by default (UTF-8 bytes, after normalisation): a long report, not a book. */
export const DEFAULT_DOCUMENT_TEXT_MAX_BYTES = 2 * 1024 * 1024;

/** No text is longer than this in UTF-16 units, whatever the configured size: 64 MiB, the configuration's ceiling. */
export const MAX_DOCUMENT_TEXT_CHARACTERS = 64 * 1024 * 1024;

/** How many code points of the text before and after a quote its selector repeats (`prefix`, `suffix`). */
export const SELECTOR_CONTEXT = 32;

/** A code point a document's text may not hold, and where it stands. */
export interface TextFlaw {
  /** What it is, as a reader would say it: "U+0000 (NUL)", "an unpaired surrogate U+D800". */
  what: string;
  /** Position in code points from the start (0-based), and as line and column (1-based, in code points). */
  index: number;
  line: number;
  column: number;
}

/** U+XXXX. */
function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
const PRIVATE_USE = /\p{Co}/u;

/** Why a code point may not stand in a text, or null. Tab and the line breaks are text; other controls are not. */
function flawOf(codePoint: number, character: string): string | null {
  if (codePoint === 0) return 'U+0000 (NUL)';
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return `an unpaired surrogate ${codePointName(codePoint)} (invalid UTF-16)`;
  if ((codePoint < 0x20 && codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d) || (codePoint >= 0x7f && codePoint <= 0x9f)) {
    return `${codePointName(codePoint)}, a control character`;
  }
  if (NONCHARACTER.test(character)) return `${codePointName(codePoint)}, a noncharacter`;
  if (PRIVATE_USE.test(character)) return `${codePointName(codePoint)}, a private-use code point`;
  return null;
}

/** The first code point of `text` it may not hold, with its position; null when there is none. */
export function findTextFlaw(text: string): TextFlaw | null {
  let index = 0;
  let line = 1;
  let column = 1;
  // Iterating a string yields code points, and an unpaired surrogate as itself.
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    const what = flawOf(codePoint, character);
    if (what !== null) return { what, index, line, column };
    index += 1;
    if (character === '\n') {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
  }
  return null;
}

/** A flaw as the words of a refusal: "contains U+0000 (NUL) at line 3, column 7 (code point 120)". */
export function describeTextFlaw(flaw: TextFlaw): string {
  return `contains ${flaw.what} at line ${flaw.line}, column ${flaw.column} (code point ${flaw.index})`;
}

/** The text as it is kept: line breaks as LF (CRLF and lone CR alike), then NFC. */
export function normaliseDocumentText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** SHA-256 of the text's UTF-8 bytes, hex: the text's identity (two documents never hold the same text). */
export function textDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** How many code points a text has. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

/** Where a quote stands in a text, as W3C Web Annotation's TextQuoteSelector and TextPositionSelector say it. */
export interface QuotePosition {
  /** Code points before the quote, and before its end. */
  start: number;
  end: number;
  /** Up to SELECTOR_CONTEXT code points before and after it. */
  prefix: string;
  suffix: string;
}

/** The position of `quote`, standing at UTF-16 offset `offset` of `text`, in code points, with its context. */
export function quotePosition(text: string, offset: number, quote: string): QuotePosition {
  const before = Array.from(text.slice(0, offset));
  const start = before.length;
  const end = start + codePointLength(quote);
  const prefix = before.slice(Math.max(0, start - SELECTOR_CONTEXT)).join('');
  const suffix = Array.from(text.slice(offset + quote.length, offset + quote.length + 2 * SELECTOR_CONTEXT))
    .slice(0, SELECTOR_CONTEXT)
    .join('');
  return { start, end, prefix, suffix };
}
