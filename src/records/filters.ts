// Filters with operators, declared once per resource: the same declaration produces the strict query
// parameters (validation and OpenAPI, one parameter per field and operator, e.g. `generation[gte]`) and the
// SQL conditions that apply them (over the resource's own table, unqualified). Several filters combine with AND.
import { z } from 'zod';
import { and, identifier, or, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import { parsePartialDate, partialDateEnd, type DatePrecision } from '../domain/partial-date.js';
import { queryInteger, searchText } from './list-query.js';
import { textMatches, type SearchableTable } from './search.js';
import { MAX_SLUG_LENGTH, SlugFormatSchema } from '../domain/vocabulary.js';
import { refuseUnknownSlugs, type Model } from './references.js';

/** The most values one `[in]` list takes. */
export const MAX_LIST_ITEMS = 50;

/** Values of an `[in]` list: comma-separated, each validated like a single value and at most `longestItem` long. */
export function commaList<T extends z.ZodType<unknown, string>>(item: T, longestItem: number) {
  return z
    .string()
    // As long as the most items, each as long as an item can be, can make it: a longer one is refused unsplit.
    .max(MAX_LIST_ITEMS * (longestItem + 1) - 1, { error: `must be at most ${MAX_LIST_ITEMS} values, comma-separated`, abort: true })
    .transform((text) => text.split(','))
    .pipe(z.array(item).min(1).max(MAX_LIST_ITEMS));
}

/** A comma-separated list of values of a closed vocabulary. */
export function enumList<Values extends Readonly<Record<string, string>>>(vocabulary: z.ZodEnum<Values>) {
  return commaList(vocabulary, Math.max(...vocabulary.options.map((option) => String(option).length)));
}

/** A date bound in a query: as precise as the caller likes, read as the span it covers. */
export const PartialDateParamSchema = z
  .string()
  .max('YYYY-MM-DD'.length, { error: 'must be a date: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD', abort: true })
  // abort: a value in the wrong form gets that one message, not also "is not a real date".
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-\d{2})?)?$/, { error: 'must be a date: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD', abort: true })
  .refine((text) => parsePartialDate(text) !== null, 'is not a real date')
  .transform((text) => parsePartialDate(text)!);

/** A year to filter dates by: any year a date can be written in (1000 to 9999), so every stored date can be found. */
export function yearParam() {
  return queryInteger(1000, 9999);
}

const WholeAmountParamSchema = z
  .string()
  .max(18, { error: 'must be a whole non-negative amount in at most 18 digits, e.g. 100000000', abort: true })
  .regex(/^\d{1,18}$/, 'must be a whole non-negative amount in at most 18 digits, e.g. 100000000')
  .transform((text) => BigInt(text));

export type FilterField =
  | {
      kind: 'enum';
      name: string;
      column: string;
      values: z.ZodEnum;
      description: string;
      /** Values the seed holds, for the documentation (default: the vocabulary's first values). */
      examples?: [string, string];
    }
  | {
      kind: 'reference';
      name: string;
      /** The kind of record the slugs name: a slug that names none is a 400, not an empty list. */
      references: Model;
      /** The condition for records related to any of these slugs (one bound list, whatever its length). */
      where: (slugs: Sql) => Sql;
      description: string;
      example: string;
    }
  | { kind: 'integer'; name: string; column: string; min: number; max: number; description: string; example: number }
  | {
      kind: 'date';
      name: string;
      prefix: string;
      description: string;
      yearParam?: string;
      /** A range and a year that find records in the seed, for the documentation (default: late 2023). */
      examples?: { from: string; to: string; year: number };
    }
  | { kind: 'text'; name: string; table: SearchableTable; description: string; examples: { contains: string; q: string } }
  | { kind: 'amount'; name: string; column: string; description: string; examples?: { gte: string; lte: string } }
  | { kind: 'usdAmount'; name: string; description: string }
  /** A parameter with its own schema and condition, for filters no generic kind expresses. */
  | { kind: 'custom'; name: string; schema: z.ZodType; where: (reader: SqlReader, value: never) => Promise<Sql> | Sql };

const COMPARISONS = { gt: 'greater than', gte: 'at least', lt: 'less than', lte: 'at most' } as const;
const COMPARISON_SQL = { gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` } as const;

/** The query-parameter schemas for a resource's filters, keyed by parameter name. */
export function filterParams(fields: FilterField[]): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    switch (field.kind) {
      case 'enum': {
        const values = z.enum(field.values.enum as Record<string, string>);
        const examples = field.examples ?? (field.values.options.slice(0, 2) as string[]);
        shape[field.name] = values.optional().meta({ description: `${field.description} Exact match.`, example: examples[0] });
        shape[`${field.name}[in]`] = enumList(values)
          .optional()
          .meta({ description: `${field.description} Any of these, comma-separated.`, example: examples.join(',') });
        break;
      }
      case 'reference':
        shape[field.name] = SlugFormatSchema.optional().meta({
          description: `${field.description} (slug). A slug that names no ${field.references} is a 400 naming it, with the closest slugs.`,
          example: field.example,
        });
        shape[`${field.name}[in]`] = commaList(SlugFormatSchema, MAX_SLUG_LENGTH)
          .optional()
          .meta({ description: `${field.description}: any of these slugs, comma-separated; each must name a ${field.references} (else a 400).`, example: field.example });
        break;
      case 'integer':
        shape[field.name] = queryInteger(field.min, field.max)
          .optional()
          .meta({ description: `${field.description} equals this.`, example: field.example });
        for (const [operator, words] of Object.entries(COMPARISONS)) {
          // Strict bounds one step out from the example, so each operator's example finds the example's records.
          const example = field.example + (operator === 'gt' ? -1 : operator === 'lt' ? 1 : 0);
          shape[`${field.name}[${operator}]`] = queryInteger(field.min, field.max)
            .optional()
            .meta({ description: `${field.description} is ${words} this.`, example });
        }
        break;
      case 'date': {
        const examples = field.examples ?? { from: '2023-09', to: '2023-12-31', year: 2023 };
        shape[`${field.name}[gte]`] = PartialDateParamSchema.optional().meta({
          description:
            `${field.description} on or after this date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD). Dates keep their precision: ` +
            'a record matches when its period (e.g. all of 2023-09 for a month-precision date) reaches into the range.',
          example: examples.from,
        });
        shape[`${field.name}[lte]`] = PartialDateParamSchema.optional().meta({
          description: `${field.description} on or before this date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD), by the same period rule.`,
          example: examples.to,
        });
        if (field.yearParam) {
          shape[field.yearParam] = yearParam()
            .optional()
            .meta({ description: `${field.description} in this year, at any precision (a '2023-09' date matches 2023).`, example: examples.year });
        }
        break;
      }
      case 'text': {
        const description = `${field.description} contains this text: case-, width- and normalisation-insensitive (NFKC).`;
        shape[`${field.name}[contains]`] = searchText(100).optional().meta({ description, example: field.examples.contains });
        // `q` is what users type first; it means the same.
        shape.q = searchText(100).optional().meta({ description: `Search: ${description}`, example: field.examples.q });
        break;
      }
      case 'amount':
        for (const operator of ['gte', 'lte'] as const) {
          shape[`${field.name}[${operator}]`] = WholeAmountParamSchema.optional().meta({
            description: `${field.description} is ${COMPARISONS[operator]} this, in whole units of the record's own currency (combine with \`currency\`).`,
            example: field.examples?.[operator] ?? '100000000',
          });
        }
        break;
      case 'custom':
        shape[field.name] = field.schema.optional();
        break;
      case 'usdAmount':
        for (const operator of ['gte', 'lte'] as const) {
          shape[`${field.name}[${operator}]`] = WholeAmountParamSchema.optional().meta({
            description: `${field.description} is ${COMPARISONS[operator]} this many US dollars, converted on each record's stated basis.`,
            example: '100000000',
          });
        }
        break;
    }
  }
  return shape;
}

/** Stored-period condition: the period of a (start, precision) date ends on or after `from`. */
function periodEndsOnOrAfter(prefix: string, from: string): Sql {
  const [year, month] = from.split('-').map(Number) as [number, number];
  const quarterStartMonth = Math.floor((month - 1) / 3) * 3 + 1;
  const floors: Record<DatePrecision, string> = {
    day: from,
    month: `${year}-${String(month).padStart(2, '0')}-01`,
    quarter: `${year}-${String(quarterStartMonth).padStart(2, '0')}-01`,
    year: `${year}-01-01`,
  };
  const start = identifier(`${prefix}Start`);
  const precision = identifier(`${prefix}Precision`);
  return or(Object.entries(floors).map(([name, floor]) => sql`(${precision} = ${name} AND ${start} >= ${floor})`));
}

/** Overlap of a stored partial date with [from, to]; either bound may be open. */
export function periodOverlaps(prefix: string, from: string | undefined, to: string | undefined): Sql {
  const start = identifier(`${prefix}Start`);
  const conditions: Sql[] = [sql`${start} IS NOT NULL`];
  if (to !== undefined) conditions.push(sql`${start} <= ${to}`);
  if (from !== undefined) conditions.push(periodEndsOnOrAfter(prefix, from));
  return and(conditions);
}

/**
 * Above any amount that can be stored (18 digits). A threshold computed from a large dollar figure times a rate
 * may pass SQLite's 64-bit integers; capped here it still means "more than any amount" and binds safely.
 */
const BEYOND_ANY_AMOUNT = 10n ** 18n;
const capped = (threshold: bigint) => (threshold < BEYOND_ANY_AMOUNT ? threshold : BEYOND_ANY_AMOUNT);

/** Rounds (or deals) whose USD figure, rounded half up, compares to `dollars` as asked. */
async function usdAmountWhere(reader: SqlReader, operator: 'gte' | 'lte', dollars: bigint): Promise<Sql> {
  const rates = await reader.all<{ id: number; unitsPerUsd: string }>(sql`SELECT "id", "unitsPerUsd" FROM "CurrencyRate" ORDER BY "id"`);
  const comparison = operator === 'gte' ? sql`>=` : sql`<=`;
  // round_half_up(amount / rate) >= X  ⇔  amount >= (X - 1/2) · rate;  <= X  ⇔  amount < (X + 1/2) · rate
  const branches: Sql[] = [sql`("currency" = 'USD' AND "amount" ${comparison} ${dollars})`];
  for (const rate of rates) {
    const [whole, fraction = ''] = rate.unitsPerUsd.split('.');
    const numerator = BigInt(`${whole}${fraction}`);
    const denominator = 10n ** BigInt(fraction.length);
    let threshold: bigint;
    if (operator === 'gte') {
      const bound = (2n * dollars - 1n) * numerator;
      const divisor = 2n * denominator;
      threshold = bound <= 0n ? 0n : (bound + divisor - 1n) / divisor;
    } else {
      const bound = (2n * dollars + 1n) * numerator;
      const divisor = 2n * denominator;
      // strictly below (X + 1/2) · rate
      threshold = (bound - 1n) / divisor;
    }
    branches.push(sql`("rateId" = ${rate.id} AND "amount" ${comparison} ${capped(threshold)})`);
  }
  return or(branches);
}

/**
 * Whether `query` looks for text (`q=`, or a `[contains]` filter): a read whose cost grows with the data, which takes
 * its turn in the search lane (src/db/read-lane.ts).
 */
export function searchesText(fields: readonly FilterField[], query: Record<string, unknown>): boolean {
  return fields.some((field) => field.kind === 'text' && (query[`${field.name}[contains]`] !== undefined || query['q'] !== undefined));
}

/** The SQL conditions for the filters present in a parsed query, over the resource's own table. */
export async function filterConditions(reader: SqlReader, fields: FilterField[], query: Record<string, unknown>): Promise<Sql[]> {
  const conditions: Sql[] = [];
  const value = (name: string) => query[name];
  for (const field of fields) {
    switch (field.kind) {
      case 'enum': {
        const column = identifier(field.column);
        if (value(field.name) !== undefined) conditions.push(sql`${column} = ${value(field.name) as string}`);
        const list = value(`${field.name}[in]`) as string[] | undefined;
        if (list) conditions.push(sql`${column} IN ${valuesList(list)}`);
        break;
      }
      case 'reference': {
        const one = value(field.name) as string | undefined;
        if (one !== undefined) {
          await refuseUnknownSlugs(reader, field.references, [one], field.name);
          conditions.push(field.where(valuesList([one])));
        }
        const list = value(`${field.name}[in]`) as string[] | undefined;
        if (list) {
          await refuseUnknownSlugs(reader, field.references, list, `${field.name}[in]`);
          conditions.push(field.where(valuesList(list)));
        }
        break;
      }
      case 'integer': {
        const column = identifier(field.column);
        if (value(field.name) !== undefined) conditions.push(sql`${column} = ${value(field.name) as number}`);
        for (const [operator, comparison] of Object.entries(COMPARISON_SQL)) {
          const bound = value(`${field.name}[${operator}]`) as number | undefined;
          if (bound !== undefined) conditions.push(sql`${column} ${comparison} ${bound}`);
        }
        break;
      }
      case 'date': {
        const from = value(`${field.name}[gte]`) as { start: string } | undefined;
        const to = value(`${field.name}[lte]`) as { start: string; precision: DatePrecision } | undefined;
        if (from || to) conditions.push(periodOverlaps(field.prefix, from?.start, to ? partialDateEnd(to) : undefined));
        const year = field.yearParam ? (value(field.yearParam) as number | undefined) : undefined;
        if (year !== undefined) conditions.push(periodOverlaps(field.prefix, `${year}-01-01`, `${year}-12-31`));
        break;
      }
      case 'text':
        for (const text of [value(`${field.name}[contains]`), value('q')] as (string | undefined)[]) {
          if (text !== undefined) conditions.push(textMatches(field.table, text));
        }
        break;
      case 'amount': {
        const column = identifier(field.column);
        for (const operator of ['gte', 'lte'] as const) {
          const bound = value(`${field.name}[${operator}]`) as bigint | undefined;
          if (bound !== undefined) conditions.push(sql`${column} ${COMPARISON_SQL[operator]} ${bound}`);
        }
        break;
      }
      case 'custom': {
        const given = value(field.name);
        if (given !== undefined) conditions.push(await field.where(reader, given as never));
        break;
      }
      case 'usdAmount':
        for (const operator of ['gte', 'lte'] as const) {
          const bound = value(`${field.name}[${operator}]`) as bigint | undefined;
          if (bound !== undefined) conditions.push(await usdAmountWhere(reader, operator, bound));
        }
        break;
    }
  }
  return conditions;
}
