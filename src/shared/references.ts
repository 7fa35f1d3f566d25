// Resolving the slugs a request body refers to, with a 400 that names the field when one does not exist.
import type { WriteTransaction } from '../db/write-queue.js';
import { BadRequestProblem } from './problem.js';

type Model = 'vendor' | 'source' | 'chip';

/** The ids of `slugs` in `model`, in order; a 400 naming `field` and the missing slugs if any is unknown. */
export async function resolveSlugs(tx: WriteTransaction, model: Model, slugs: string[], field: string): Promise<number[]> {
  const unique = [...new Set(slugs)];
  const rows = (await (tx[model] as unknown as { findMany(args: unknown): Promise<{ id: number; slug: string }[]> }).findMany({
    where: { slug: { in: unique } },
    select: { id: true, slug: true },
  })) as { id: number; slug: string }[];
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
