// Which known companies and chips a document names: every name, Korean name and alias of every company and chip,
// looked up at each word start of the text in one table per name length. Which lengths to try comes from the word's
// first two characters (the names starting with them have only a few lengths; most words start no name at all), so
// the cost follows the text's length, never the number of names (no scan of the text per name). The table is built
// from the records once per write version by whoever holds it (src/documents/routes.ts).
import { raw, sql, valuesList, type SqlReader } from '../db/sql.js';
import { recordsCitingDocuments } from './repository.js';
import { jsonOf, stringArray } from '../records/views.js';

export type MentionKind = 'vendor' | 'chip';

interface NamedRecord {
  kind: MentionKind;
  id: number;
  slug: string;
  /** The record's own name, as lists show it. */
  name: string;
}

/** Every name of every company and chip, by length in code points and folded form. */
export interface MentionDictionary {
  byLength: Map<number, Map<string, NamedRecord[]>>;
  /** For the first two code points of a name (folded), the lengths of the names starting so, longest first. */
  lengthsByPrefix: Map<string, number[]>;
}

/** A record the text names: where, and under which of its names. */
export interface Mention extends NamedRecord {
  /** The names found, as the text writes them. */
  matched: string[];
  /** Each place, in code points of the text (the unit of every selector). */
  positions: { start: number; end: number }[];
}

/** Shorter names ("AI") would be found everywhere and mean nothing. */
const SHORTEST_NAME = 2;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const ASCII_WORD_CHARACTER = /[A-Za-z0-9]/;

/** A code point folded for matching: lower case where that stays one code point, so positions never shift. */
function foldCodePoint(character: string): string {
  const lower = character.toLowerCase();
  return [...lower].length === 1 ? lower : character;
}

function foldedCodePoints(text: string): string[] {
  return Array.from(text, foldCodePoint);
}

/** The names of every company and chip: two statements, whatever their number. */
export async function loadNamedRecords(reader: SqlReader): Promise<{ record: NamedRecord; names: string[] }[]> {
  const read = (kind: MentionKind, table: string) =>
    reader.all<{ id: number; slug: string; name: string; nameKo: string | null; aliases: unknown }>(
      sql`SELECT "id", "slug", "name", "nameKo", "aliases" FROM ${raw(`"${table}"`)} ORDER BY "id"`,
    ).then((rows) =>
      rows.map((row) => ({
        record: { kind, id: row.id, slug: row.slug, name: row.name },
        names: [row.name, ...(row.nameKo ? [row.nameKo] : []), ...stringArray(jsonOf(row.aliases))],
      })),
    );
  const [vendors, chips] = await Promise.all([read('vendor', 'Vendor'), read('chip', 'Chip')]);
  return [...vendors, ...chips];
}

export function buildDictionary(named: { record: NamedRecord; names: string[] }[]): MentionDictionary {
  const byLength = new Map<number, Map<string, NamedRecord[]>>();
  const lengthsByPrefix = new Map<string, number[]>();
  for (const { record, names } of named) {
    for (const name of new Set(names.map((name) => foldedCodePoints(name.normalize('NFC')).join('')))) {
      const points = [...name];
      const length = points.length;
      if (length < SHORTEST_NAME || name.trim() !== name) continue;
      const table = byLength.get(length) ?? new Map<string, NamedRecord[]>();
      const records = table.get(name) ?? [];
      if (!records.some((known) => known.kind === record.kind && known.id === record.id)) records.push(record);
      table.set(name, records);
      byLength.set(length, table);
      const prefix = points[0]! + points[1]!;
      const lengths = lengthsByPrefix.get(prefix) ?? [];
      if (!lengths.includes(length)) lengthsByPrefix.set(prefix, [...lengths, length].sort((a, b) => b - a));
    }
  }
  return { byLength, lengthsByPrefix };
}

/**
 * The records `text` names, in the order they first appear. A name is found where a word starts (after anything but
 * a letter or digit), and one that ends in a Latin letter or digit only where the word ends too ("KT" is not found
 * in "KTX"); Korean names may run on into a particle ("리벨리온은"). Where names overlap, the longest wins.
 */
export function findMentions(text: string, dictionary: MentionDictionary): Mention[] {
  // Most texts have no character outside the Basic Multilingual Plane and lower-case to the same length: then a code
  // point is a UTF-16 unit and the text is scanned as it is, with no array of its characters.
  if (!/[\uD800-\uDFFF]/.test(text)) {
    const lowered = text.toLowerCase();
    if (lowered.length === text.length) return scan(text, lowered, null, dictionary);
  }
  const characters = Array.from(text);
  const folded = characters.map(foldCodePoint).join('');
  // Where each code point starts, in the text and in its folded form (equal, one code point for one).
  const offsets = new Array<number>(characters.length + 1);
  offsets[0] = 0;
  for (let point = 0; point < characters.length; point += 1) offsets[point + 1] = offsets[point]! + characters[point]!.length;
  return scan(characters.join(''), folded, offsets, dictionary);
}

const isWordCharacter = (text: string, at: number): boolean => {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(at)!));
};

/**
 * The scan itself, over `text` and its folded form in code points 0…n: `offsets[i]` is where code point `i` starts in
 * both strings (null: every code point is one UTF-16 unit).
 */
function scan(text: string, folded: string, offsets: number[] | null, dictionary: MentionDictionary): Mention[] {
  const count = offsets === null ? text.length : offsets.length - 1;
  const at = (point: number) => (offsets === null ? point : offsets[point]!);
  const found = new Map<string, Mention>();
  let index = 0;
  while (index < count) {
    const startsWord = index === 0 || !isWordCharacter(text, at(index - 1));
    const lengths = startsWord && index + 1 < count ? dictionary.lengthsByPrefix.get(folded.slice(at(index), at(index + 2))) : undefined;
    let matchedLength = 0;
    for (const length of lengths ?? []) {
      if (index + length > count) continue;
      const records = dictionary.byLength.get(length)!.get(folded.slice(at(index), at(index + length)));
      if (!records) continue;
      if (isAsciiWordCharacter(text, at(index + length - 1)) && index + length < count && isAsciiWordCharacter(text, at(index + length))) continue;
      const surface = text.slice(at(index), at(index + length));
      for (const record of records) {
        const key = `${record.kind}:${record.id}`;
        const mention = found.get(key) ?? { ...record, matched: [], positions: [] };
        if (!mention.matched.includes(surface)) mention.matched.push(surface);
        mention.positions.push({ start: index, end: index + length });
        found.set(key, mention);
      }
      matchedLength = length;
      break;
    }
    index += Math.max(1, matchedLength);
  }
  return [...found.values()];
}

function isAsciiWordCharacter(text: string, at: number): boolean {
  return ASCII_WORD_CHARACTER.test(text[at]!);
}

/**
 * Which of these companies and chips rest on a passage of this document, as `vendor:<id>` and `chip:<id>`: asked
 * for the ones named only, however many records cite the document.
 */
export async function recordsCitingDocument(reader: SqlReader, documentId: number, named: readonly Pick<NamedRecord, 'kind' | 'id'>[]): Promise<Set<string>> {
  const among = { vendor: named.filter((record) => record.kind === 'vendor').map((record) => record.id), chip: named.filter((record) => record.kind === 'chip').map((record) => record.id) };
  if (among.vendor.length + among.chip.length === 0) return new Set();
  const rows = await reader.all<{ kind: string; record: number }>(recordsCitingDocuments(valuesList([documentId]), among));
  return new Set(rows.map((row) => `${row.kind}:${Number(row.record)}`));
}
