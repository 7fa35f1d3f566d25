// What of a record is the curator's and not the article's, so a reader can tell the article's facts from what a
// record needs that the article does not state: a company's kind ('conglomerate'), an English spelling ('Jensen
// Huang' for 쟈슨 황), a chip's architecture the article never names. Two parts:
// - declared: classifications curators mark as theirs when they write the record (`curated` in a write body);
// - found: every name and other text field whose value stands in none of the record's cited passages, whatever
//   the curator declared, so a translation can never pass for the article's words.
import { z } from 'zod';
import { jsonOf, stringArray } from './views.js';
import { noRepeats } from './input.js';
import { normaliseForSearch } from './list-query.js';
import type { PartialDateSchema, SourceSchema } from './schemas.js';

/** The longest path an entry can be (`founders.19.nameKo`), and how many a record can have: every text field once. */
const CURATED_PATH_MAX = 40;
const CURATED_MAX = 200;

/** What a curated list means, for every schema that has one. */
const MEANING =
  "Fields whose values are the curator's, not stated by the article: classifications the curator declared (such as a " +
  "company's kind) and every name of the record that stands in none of its source passages (its name, Korean name, " +
  "aliases and founders' names; a chip's architecture; a deal's titles), such as an English spelling of a Korean " +
  'name. Entries are field names, or paths into lists (`aliases.1`, `founders.0.name`). Descriptions are always the ' +
  "curator's summary of the passages; relations (a chip's deployments, specs) carry their own passage.";

/** The `curated` field of a record as the API shows it. */
export const CuratedFieldsSchema = z
  .array(z.string().max(CURATED_PATH_MAX))
  .max(CURATED_MAX)
  .describe(MEANING);

/** The `curated` field of a write body: which of `declarable` the curator marks as theirs. */
export function curatedInputSchema<const Field extends string>(declarable: readonly [Field, ...Field[]]) {
  return z
    .array(z.enum(declarable))
    .max(declarable.length)
    .superRefine(noRepeats((field) => field, (field) => `field '${field}'`))
    .describe(
      `Which of these fields are the curator's classification rather than what the sources state: ${declarable.join(', ')}. ` +
        'Names and other text that stand in no cited passage are marked by the service itself. On update, replaces the list.',
    );
}

/** Text folded for finding it in a passage: NFKC, lower case, without white space (the article breaks lines mid-word). */
const folded = (text: string) => normaliseForSearch(text).replace(/\s+/g, '');

/**
 * The record's curated fields: the ones declared (as stored, a JSON array) and every text in `texts` that stands in
 * none of `quotes` (declared first, then found, each once).
 */
export function curatedFields(declared: unknown, texts: [path: string, value: string | null | undefined][], quotes: readonly string[]): string[] {
  const passages = quotes.map(folded);
  const found = texts.filter(([, value]) => {
    if (value == null || value === '') return false;
    const needle = folded(value);
    return !passages.some((passage) => passage.includes(needle));
  });
  const declaredFields = new Set(stringArray(typeof declared === 'string' ? jsonOf(declared) : declared));
  return [...declaredFields, ...found.map(([path]) => path)].filter((path, index, all) => all.indexOf(path) === index);
}

/** A list of names as `[aliases.0, 'ATOM'], …` for `curatedFields`. */
export function listed(field: string, values: readonly string[]): [string, string][] {
  return values.map((value, index) => [`${field}.${index}`, value]);
}

type Dated = z.infer<typeof PartialDateSchema>;
type Passage = Pick<z.infer<typeof SourceSchema>, 'quote' | 'document'>;

/**
 * A date whose year stands in none of the passages it rests on ("11월 15일", "지난해", "올해") takes its year from the
 * document those passages are from: said in the date (`yearFrom`, naming the document) and, by `datedPaths`, in the
 * record's curated fields. The year is looked for as written ("2023", "2023년").
 */
export function withYearBasis(date: Dated | null, passages: readonly Passage[]): Dated | null {
  if (date === null || passages.length === 0) return date;
  const year = date.value.slice(0, 4);
  if (passages.some((passage) => passage.quote.includes(year))) return date;
  return { ...date, yearFrom: { document: passages[0]!.document.slug } };
}

/** The paths of the dates among `dates` whose year is the document's, for a record's curated fields. */
export function datedPaths(dates: [path: string, date: Dated | null][]): string[] {
  return dates.filter(([, date]) => date?.yearFrom !== undefined).map(([path]) => path);
}

/** A record's curated fields with more paths, each once, in order. */
export function withCurated(curated: string[], more: string[]): string[] {
  return [...new Set([...curated, ...more])];
}
