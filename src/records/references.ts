// Resolving the slugs a request body refers to, with a 400 that names the field when one does not exist. Read in
// SQL on the writer's own connection (it sees the transaction's writes): a Prisma read here costs about 160 µs, a
// quarter of a whole create.
import { RESOURCES, type ResourceName } from '../domain/resources.js';
import { InvalidInput, NotFound } from '../domain/refusal.js';
import { first, identifier, sql, valuesList, type SqlReader } from '../db/sql.js';
import { closestNames, didYouMean } from '../domain/suggest.js';

/** A kind of record a request refers to by slug. */
export type Model = ResourceName;

const TABLE = (model: Model) => RESOURCES[model].table;

/** The ids of `slugs` in `model`, in order; a 400 naming `field` and the missing slugs if any is unknown. */
export async function resolveSlugs(db: SqlReader, model: Model, slugs: string[], field: string): Promise<number[]> {
  const unique = [...new Set(slugs)];
  const rows = await db.all<{ id: number; slug: string }>(
    sql`SELECT "id", "slug" FROM ${identifier(TABLE(model))} WHERE "slug" IN ${valuesList(unique)}`,
  );
  const idOf = new Map(rows.map((row) => [row.slug, row.id]));
  const missing = unique.filter((slug) => !idOf.has(slug));
  if (missing.length > 0) {
    const list = missing.map((slug) => `'${slug}'`).join(', ');
    const suggestions = await closestSlugs(db, model, missing[0]!);
    throw new InvalidInput(`Invalid body: '${field}' refers to no ${model} ${list}${didYouMean(suggestions) || '.'}`, [
      { location: 'body', name: field, message: `no ${model} with slug ${list}${didYouMean(suggestions)}`, ...(suggestions.length > 0 ? { suggestions } : {}) },
    ]);
  }
  return unique.map((slug) => idOf.get(slug)!);
}

/**
 * A 400 naming the query parameter when any of `slugs` names no record of `model`: a filter on a company that does
 * not exist is a mistake to point out, not a search that found nothing.
 */
export async function refuseUnknownSlugs(db: SqlReader, model: Model, slugs: readonly string[], parameter: string): Promise<void> {
  const unique = [...new Set(slugs)];
  const rows = await db.all<{ slug: string }>(sql`SELECT "slug" FROM ${identifier(TABLE(model))} WHERE "slug" IN ${valuesList(unique)}`);
  const found = new Set(rows.map((row) => row.slug));
  const missing = unique.filter((slug) => !found.has(slug));
  if (missing.length > 0) throw await unknownSlugsProblem(db, model, missing, parameter);
}

/** The 400 for a query parameter naming slugs (`missing`) that name no record of `model`, with the closest slugs. */
export async function unknownSlugsProblem(db: SqlReader, model: Model, missing: readonly string[], parameter: string): Promise<InvalidInput> {
  const list = missing.map((slug) => `'${slug}'`).join(', ');
  const suggestions = await closestSlugs(db, model, missing[0]!);
  const message = `no ${model} has slug ${list}${didYouMean(suggestions)}`;
  return new InvalidInput(`Invalid query parameter '${parameter}': ${message}${suggestions.length > 0 ? '' : '.'}`, [
    { location: 'query', name: parameter, message, ...(suggestions.length > 0 ? { suggestions } : {}) },
  ]);
}

/** Slugs read as candidates for a suggestion: enough to hold every likely slip, bounded whatever the table's size. */
const SUGGESTION_CANDIDATES = 200;

/**
 * The slugs of `model` closest to one that names nothing, nearest first. Candidates come from the slug index only:
 * those sharing its first two characters, and its neighbours in slug order (a slip late in a slug sorts near it),
 * so a miss costs two bounded index reads at any size.
 */
export async function closestSlugs(db: SqlReader, model: Model, slug: string): Promise<string[]> {
  return closestSlugsIn(db, TABLE(model), slug);
}

/** The 404 for a record of `table` (called `noun`) that no slug names, with the closest slugs. */
export async function recordNotFound(db: SqlReader, table: string, noun: string, slug: string): Promise<NotFound> {
  const suggestions = await closestSlugsIn(db, table, slug);
  return new NotFound(`No ${noun} with slug '${slug}'${didYouMean(suggestions) || '.'}`, suggestions);
}

async function closestSlugsIn(db: SqlReader, tableName: string, slug: string): Promise<string[]> {
  const table = identifier(tableName);
  const prefix = slug.slice(0, 2);
  const [sharing, before, after] = await Promise.all([
    db.all<{ slug: string }>(sql`SELECT "slug" FROM ${table} WHERE "slug" >= ${prefix} AND "slug" < ${`${prefix}\u{10FFFF}`} ORDER BY "slug" LIMIT ${SUGGESTION_CANDIDATES}`),
    db.all<{ slug: string }>(sql`SELECT "slug" FROM ${table} WHERE "slug" < ${slug} ORDER BY "slug" DESC LIMIT 20`),
    db.all<{ slug: string }>(sql`SELECT "slug" FROM ${table} WHERE "slug" > ${slug} ORDER BY "slug" LIMIT 20`),
  ]);
  const candidates = [...new Set([...sharing, ...before, ...after].map((row) => row.slug))];
  return closestNames(slug, candidates);
}

/** Whether a record of `model` has this slug. */
export async function slugTaken(db: SqlReader, model: Model, slug: string): Promise<boolean> {
  return (await first(db, sql`SELECT 1 FROM ${identifier(TABLE(model))} WHERE "slug" = ${slug}`)) !== undefined;
}

/**
 * The records `slugs` names in `field`, as Prisma links them (`{ id }` each); undefined when the field was not sent,
 * so that a patch keeps the links the record has. Refused with a 400 naming `field` and the slug, as resolveSlugs.
 */
export async function linksTo(db: SqlReader, model: Model, slugs: string[] | undefined, field: string): Promise<{ id: number }[] | undefined> {
  return slugs === undefined ? undefined : (await resolveSlugs(db, model, slugs, field)).map((id) => ({ id }));
}
