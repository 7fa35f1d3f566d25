// Building blocks for request bodies: text that is stored as it will be read (NFC), and never a lone surrogate,
// a NUL or a control character, which SQLite would store corrupted or truncate.
import { z } from 'zod';
import { normaliseForSearch } from './list-query.js';
import { LIST_MAX, TEXT_MAX } from '../domain/limits.js';
import { MAX_AMOUNT_DIGITS } from '../domain/money.js';
import { hasVisibleCharacter, refuseUnreadable } from '../domain/text.js';
import { CurrencySchema, DateQualifierSchema, SlugSchema } from '../domain/vocabulary.js';

// C0 controls, DEL and C1 controls, except tab and line feed where a field allows several lines.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// In a single-line field, any line break: C0/C1 controls (CR, LF, NEL) and the Unicode line and paragraph separators.
const CONTROL_CHARACTERS_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// Bidirectional embedding, override and isolate controls reorder how text is displayed without changing what it
// says (the "Trojan Source" trick); nothing in this dataset needs them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/**
 * A text field: trimmed of nothing, NFC-normalised, at most `max` characters, free of unstorable characters and of
 * code points no reader can read, and not blank: it shows at least one letter, digit, symbol or punctuation mark
 * (zero-width spaces, fillers and lone accents alone are blank, however many).
 */
export function safeText(options: { max: number; multiline?: boolean; min?: number }) {
  const forbidden = options.multiline ? CONTROL_CHARACTERS : CONTROL_CHARACTERS_SINGLE_LINE;
  return z
    .string()
    .min(options.min ?? 1)
    .max(options.max)
    .refine((text) => text.isWellFormed(), 'contains a lone surrogate (invalid UTF-16)')
    .refine((text) => !text.includes('\u0000'), 'contains a NUL character')
    .refine((text) => !forbidden.test(text), options.multiline ? 'contains a control character' : 'contains a control character or line break')
    .refine((text) => !BIDI_CONTROLS.test(text), 'contains a bidirectional control character')
    .superRefine(refuseUnreadable)
    .refine(
      (text) => text.length === 0 || hasVisibleCharacter(text),
      'is blank: it needs a visible letter, digit, symbol or punctuation mark (white space and invisible characters alone are blank)',
    )
    .transform((text) => text.normalize('NFC'));
}

/**
 * For `superRefine` on an array: refuses an entry whose `keyOf` repeats an earlier one, naming the repeated entry
 * (or its `field`).
 * Stored lists of names, parties and partners mean one thing each; a repeat could only be a mistake or contradict.
 */
export function noRepeats<T>(keyOf: (item: T) => string, describe: (item: T) => string, field?: string) {
  return (items: T[], context: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const [index, item] of items.entries()) {
      const key = keyOf(item);
      const path = field === undefined ? [index] : [index, field];
      if (seen.has(key)) context.addIssue({ code: 'custom', message: `${describe(item)} is given twice`, path });
      seen.add(key);
    }
  };
}

const AMOUNT_FORM = 'must be a non-negative whole amount written as at most 18 digits, e.g. "110000000"';

/** A whole amount of money in its currency's units, as a string of digits (JSON numbers lose precision past 2^53). */
export const AmountInputSchema = z
  .string()
  .max(MAX_AMOUNT_DIGITS, { error: AMOUNT_FORM, abort: true })
  .regex(/^(0|[1-9]\d{0,17})$/, AMOUNT_FORM)
  .meta({ description: 'Exact amount in whole units of the currency, as a string of digits.', example: '110000000' });

/** A partial date as the API writes it. */
export const PartialDateInputSchema = z
  .object({
    value: z
      .string()
      .max('YYYY-MM-DD'.length, { error: 'must be YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD', abort: true })
      .regex(/^\d{4}(?:-Q[1-4]|-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD'),
    qualifier: DateQualifierSchema.nullable().optional(),
  })
  .strict()
  .meta({
    id: 'PartialDateValue',
    description: 'A date with its precision, written as precisely as the source gives it: `2023`, `2023-Q3`, `2023-09` or `2023-09-14`.',
    example: { value: '2023-09' },
  });

/** Every written record cites at least one passage of the article: its provenance is not optional. */
export const SourceSlugsInputSchema = z
  .array(SlugSchema)
  .min(1)
  .max(LIST_MAX.sources)
  .superRefine(noRepeats((slug) => slug, (slug) => `source '${slug}'`))
  .describe('Slugs of the source passages this record comes from (at least one).');

/** An amount as the API writes it, for funding rounds and deals alike. */
export const MoneyInputSchema = z
  .strictObject({
    amount: AmountInputSchema,
    currency: CurrencySchema,
    notation: safeText({ max: TEXT_MAX.notation }).describe('The figure as the source writes it, e.g. "620억원"; it must stand in a passage the record cites.'),
  })
  .meta({
    id: 'MoneyValue',
    description:
      'An exact amount in whole units of its currency. An amount in another currency than USD needs `usdRate`, the ' +
      'slug of the currency rate it converts to USD on.',
    example: { amount: '62000000000', currency: 'KRW', notation: '620억원' },
  });

export const UsdRateInputSchema = SlugSchema.describe(
  'Slug of the currency rate that converts the amounts to USD (e.g. `krw-per-usd-2022-average`); required when the ' +
    'currency is not USD, refused when it is.',
);

/** Other names of a company or chip: each once (compared after NFC normalisation, ignoring case). */
export const AliasesInputSchema = z
  .array(safeText({ max: TEXT_MAX.name }))
  .max(LIST_MAX.aliases)
  // Repeats as search sees them: 'Ａ' (full width) and 'a' are one alias.
  .superRefine(noRepeats((alias) => normaliseForSearch(alias), (alias) => `alias '${alias}'`))
  .describe('Other names and spellings, each once.');

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });
/** Region codes CLDR names that are groupings, not countries (ISO 3166-1 reserves them otherwise). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO']);

/** A country as ISO 3166-1 alpha-2: two capitals that name a country (CLDR, as Node's ICU ships it, knows which). */
export const CountryCodeInputSchema = z
  .string()
  .max(2, { error: 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. KR', abort: true })
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. KR')
  .refine((code) => {
    // Refinements run even after the pattern fails, and Intl throws on anything that is not a region code.
    if (!/^[A-Z]{2}$/.test(code)) return true;
    const name = REGION_NAMES.of(code);
    return name !== undefined && name !== code && name !== 'Unknown Region' && !NOT_COUNTRIES.has(code);
  }, 'is not an assigned ISO 3166-1 alpha-2 country code')
  .meta({ description: 'ISO 3166-1 alpha-2 country code, e.g. KR, US.', example: 'KR' });
