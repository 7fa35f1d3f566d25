// Resolving the slugs a request body refers to, with a 400 that names the field when one does not exist. Read in
// SQL on the writer's own connection (it sees the transaction's writes): a Prisma read here costs about 160 µs, a
// quarter of a whole create.
import { first, identifier, sql, valuesList, type SqlReader } from '../db/sql.js';
import { BadRequestProblem } from './problem.js';

type Model = 'vendor' | 'source' | 'chip' | 'fundingRound' | 'deal';

const TABLE: Record<Model, string> = { vendor: 'Vendor', source: 'Source', chip: 'Chip', fundingRound: 'FundingRound', deal: 'Deal' };

/** The ids of `slugs` in `model`, in order; a 400 naming `field` and the missing slugs if any is unknown. */
export async function resolveSlugs(db: SqlReader, model: Model, slugs: string[], field: string): Promise<number[]> {
  const unique = [...new Set(slugs)];
  const rows = await db.all<{ id: number; slug: string }>(
    sql`SELECT "id", "slug" FROM ${identifier(TABLE[model])} WHERE "slug" IN ${valuesList(unique)}`,
  );
  const idOf = new Map(rows.map((row) => [row.slug, row.id]));
  const missing = unique.filter((slug) => !idOf.has(slug));
  if (missing.length > 0) {
    const list = missing.map((slug) => `'${slug}'`).join(', ');
    throw new BadRequestProblem(`Invalid body: '${field}' refers to no ${model} ${list}.`, [
      { location: 'body', name: field, message: `no ${model} with slug ${list}` },
    ]);
  }
  return unique.map((slug) => idOf.get(slug)!);
}

/** Whether a record of `model` has this slug. */
export async function slugTaken(db: SqlReader, model: Model, slug: string): Promise<boolean> {
  return (await first(db, sql`SELECT 1 FROM ${identifier(TABLE[model])} WHERE "slug" = ${slug}`)) !== undefined;
}
