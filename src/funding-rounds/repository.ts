// Funding round data access.
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { keysetOrderBy, keysetWhere, paginate } from '../shared/list-query.js';
import { idsMatching } from '../shared/search.js';
import { toMoney } from '../shared/money.js';
import { toPartialDate } from '../shared/partial-date.js';
import { NotFoundProblem } from '../shared/problem.js';
import { rateSelect, sourcesInArticleOrder, toSource, toVendorSummary, vendorSummarySelect } from '../shared/views.js';
import type { FundingRoundSchema, ListFundingRoundsQuery } from './schemas.js';

type FundingRound = z.infer<typeof FundingRoundSchema>;

const roundSelect = {
  id: true,
  slug: true,
  roundType: true,
  amount: true,
  currency: true,
  amountNotation: true,
  rate: { select: rateSelect },
  dateStart: true,
  datePrecision: true,
  dateQualifier: true,
  investorsPartial: true,
  valuation: true,
  valuationNotation: true,
  valuationStance: true,
  cumulativeAmount: true,
  cumulativeNotation: true,
  description: true,
  company: { select: vendorSummarySelect },
  investors: { select: vendorSummarySelect, orderBy: { name: 'asc' } },
  sources: sourcesInArticleOrder,
} as const satisfies Prisma.FundingRoundSelect;

type RoundRow = Prisma.FundingRoundGetPayload<{ select: typeof roundSelect }>;

function toFundingRound(row: RoundRow): FundingRound {
  return {
    slug: row.slug,
    company: toVendorSummary(row.company),
    roundType: row.roundType as FundingRound['roundType'],
    amount: toMoney(row.amount, row.currency, row.amountNotation, row.rate),
    date: toPartialDate(row.dateStart, row.datePrecision, row.dateQualifier),
    investors: row.investors.map(toVendorSummary),
    investorsPartial: row.investorsPartial,
    // Valuations and cumulative totals are in the round's currency and convert on the round's basis.
    valuation: toMoney(row.valuation, row.currency, row.valuationNotation, row.rate),
    valuationStance: row.valuationStance as FundingRound['valuationStance'],
    cumulativeAmount: toMoney(row.cumulativeAmount, row.currency, row.cumulativeNotation, row.rate),
    description: row.description,
    sources: row.sources.map(toSource),
  };
}

export async function listFundingRounds(db: Database, query: ListFundingRoundsQuery) {
  const filters: Prisma.FundingRoundWhereInput[] = [];
  if (query.company) filters.push({ company: { slug: query.company } });
  if (query.investor) filters.push({ investors: { some: { slug: query.investor } } });
  if (query.currency) filters.push({ currency: query.currency });
  if (query.roundType) filters.push({ roundType: query.roundType });
  if (query.year !== undefined) filters.push({ dateStart: { gte: `${query.year}-01-01`, lte: `${query.year}-12-31` } });
  if (query.q) filters.push({ id: { in: await idsMatching(db, 'FundingRound', query.q) } });
  const after = keysetWhere(query.cursor, query.sort);
  if (after) filters.push(after as Prisma.FundingRoundWhereInput);

  const rows = await db.fundingRound.findMany({
    where: { AND: filters },
    orderBy: keysetOrderBy(query.sort.keys) as Prisma.FundingRoundOrderByWithRelationInput[],
    take: query.limit + 1,
    select: roundSelect,
  });
  const page = paginate(rows, query.limit, query.sort);
  return { data: page.rows.map(toFundingRound), page: { limit: query.limit, nextCursor: page.nextCursor } };
}

export async function getFundingRound(db: Database, slug: string): Promise<FundingRound> {
  const row = await db.fundingRound.findUnique({ where: { slug }, select: roundSelect });
  if (!row) throw new NotFoundProblem(`No funding round with slug '${slug}'.`);
  return toFundingRound(row);
}
