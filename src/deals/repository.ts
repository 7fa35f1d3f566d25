// Deal data access.
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { keysetOrderBy, keysetWhere, paginate } from '../shared/list-query.js';
import { idsMatching } from '../shared/search.js';
import { toMoney } from '../shared/money.js';
import { toPartialDate } from '../shared/partial-date.js';
import { NotFoundProblem } from '../shared/problem.js';
import { rateSelect, sourcesInArticleOrder, toSource, toVendorSummary, vendorSummarySelect } from '../shared/views.js';
import type { DealSchema, ListDealsQuery } from './schemas.js';

type Deal = z.infer<typeof DealSchema>;

const dealSelect = {
  id: true,
  slug: true,
  title: true,
  titleKo: true,
  kind: true,
  status: true,
  dateStart: true,
  datePrecision: true,
  dateQualifier: true,
  amount: true,
  currency: true,
  amountNotation: true,
  rate: { select: rateSelect },
  description: true,
  parties: { select: { role: true, description: true, vendor: { select: vendorSummarySelect } }, orderBy: { id: 'asc' } },
  sources: sourcesInArticleOrder,
} as const satisfies Prisma.DealSelect;

type DealRow = Prisma.DealGetPayload<{ select: typeof dealSelect }>;

function toDeal(row: DealRow): Deal {
  return {
    slug: row.slug,
    title: row.title,
    titleKo: row.titleKo,
    kind: row.kind as Deal['kind'],
    status: row.status as Deal['status'],
    date: toPartialDate(row.dateStart, row.datePrecision, row.dateQualifier),
    amount: toMoney(row.amount, row.currency, row.amountNotation, row.rate),
    description: row.description,
    parties: row.parties.map((party) => ({
      vendor: party.vendor ? toVendorSummary(party.vendor) : null,
      role: party.role as Deal['parties'][number]['role'],
      description: party.description,
    })),
    sources: row.sources.map(toSource),
  };
}

export async function listDeals(db: Database, query: ListDealsQuery) {
  const filters: Prisma.DealWhereInput[] = [];
  if (query.vendor) filters.push({ parties: { some: { vendor: { slug: query.vendor } } } });
  if (query.kind) filters.push({ kind: query.kind });
  if (query.status) filters.push({ status: query.status });
  if (query.year !== undefined) filters.push({ dateStart: { gte: `${query.year}-01-01`, lte: `${query.year}-12-31` } });
  if (query.q) filters.push({ id: { in: await idsMatching(db, 'Deal', query.q) } });
  const after = keysetWhere(query.cursor, query.sort);
  if (after) filters.push(after as Prisma.DealWhereInput);

  const rows = await db.deal.findMany({
    where: { AND: filters },
    orderBy: keysetOrderBy(query.sort.keys) as Prisma.DealOrderByWithRelationInput[],
    take: query.limit + 1,
    select: dealSelect,
  });
  const page = paginate(rows, query.limit, query.sort);
  return { data: page.rows.map(toDeal), page: { limit: query.limit, nextCursor: page.nextCursor } };
}

export async function getDeal(db: Database, slug: string): Promise<Deal> {
  const row = await db.deal.findUnique({ where: { slug }, select: dealSelect });
  if (!row) throw new NotFoundProblem(`No deal with slug '${slug}'.`);
  return toDeal(row);
}
