// What search finds each record by: its SearchRecord (the name it shows and sorts by) and its SearchTerms (every
// text it is found by, folded), written in the same transaction as the record (see src/records/derived.ts). A round goes
// by its company's names and a deal by its parties', so a company's rename refreshes those too.
import { identifier, sql, valuesList, type SqlWriter } from '../db/sql.js';
import { roundName } from '../funding-rounds/names.js';
import { normaliseForSearch } from '../records/list-query.js';
import { companyNames, grouped, jsonOf, stringArray } from '../records/views.js';
import { SearchResultTypeSchema, type SearchMatchField, type SearchResultType } from './schemas.js';

const TYPE_RANK = new Map(SearchResultTypeSchema.options.map((type, index) => [type, index]));

/**
 * Text with its spaces and joining punctuation removed: people type '디매트릭스' for '디-매트릭스', 'sk hynix' or
 * 'skhynix', 'tpu v4' or 'tpuv4'. A query that matches nothing as typed is tried again this way.
 */
export function loose(text: string): string {
  return text.replace(/[\s\-‐‑‒–—_.·・]/g, '');
}

/** Folded code points, for documents' texts: a document's characters are few beside its length. */
const foldedCodePoints = new Map<string, string>();

function foldCodePoint(character: string): string {
  let folded = foldedCodePoints.get(character);
  if (folded === undefined) {
    const candidate = normaliseForSearch(character);
    // A code point that folds into several (a ligature, 'İ') stays itself, so the text keeps its length.
    folded = [...candidate].length === 1 ? candidate : character;
    foldedCodePoints.set(character, folded);
  }
  return folded;
}

/**
 * A document's text folded as search folds a query (NFKC, lower case), code point by code point, so that it has
 * exactly the code points of the text: a match's position in it is its position in the document, and a snippet is
 * cut from the document itself. ASCII other than capitals folds to itself.
 */
export function foldInPlace(text: string): string {
  return text.replace(/[A-Z]|[^\x00-\x7F]/gu, foldCodePoint);
}

interface Searchable {
  id: number;
  slug: string;
  name: string;
  nameKo: string | null;
  aliases: string[];
  description: string | null;
  /** A document's whole text. */
  text?: string;
}

const RECORD_COLUMN: Record<SearchResultType, string> = {
  chip: 'chipId',
  vendor: 'vendorId',
  funding_round: 'fundingRoundId',
  deal: 'dealId',
  document: 'documentId',
};

async function write(db: SqlWriter, type: SearchResultType, ids: readonly number[], records: Searchable[]): Promise<void> {
  await db.run(sql`DELETE FROM "SearchRecord" WHERE "type" = ${type} AND ${recordColumn(type)} IN ${valuesList(ids)}`);
  for (const record of records) {
    const [inserted] = await db.all<{ id: number }>(
      sql`INSERT INTO "SearchRecord" ("type", "typeRank", "slug", "name", "nameKo", "sortName", ${recordColumn(type)})
          VALUES (${type}, ${TYPE_RANK.get(type)!}, ${record.slug}, ${record.name}, ${record.nameKo}, ${normaliseForSearch(record.name)}, ${record.id})
          RETURNING "id"`,
    );
    const terms: [SearchMatchField, string | null][] = [
      ['name', record.name],
      ['nameKo', record.nameKo],
      ...record.aliases.map((alias): [SearchMatchField, string] => ['alias', alias]),
      ['description', record.description],
    ];
    for (const [field, text] of terms) {
      if (text === null || text.length === 0) continue;
      const folded = normaliseForSearch(text);
      await db.run(
        sql`INSERT INTO "SearchTerm" ("recordId", "field", "text", "loose") VALUES (${inserted!.id}, ${field}, ${folded}, ${loose(folded)})`,
      );
    }
    // A document's text has an index of its own, and is matched as typed only: a spaceless copy of every text would
    // double the index for little (people type a phrase from a text with its spaces).
    if (record.text !== undefined && record.text.length > 0) {
      await db.run(sql`INSERT INTO "SearchText" ("recordId", "text") VALUES (${inserted!.id}, ${foldInPlace(record.text)})`);
    }
  }
}

const recordColumn = (type: SearchResultType) => identifier(RECORD_COLUMN[type]);

export async function deriveChipSearch(db: SqlWriter, ids: readonly number[]): Promise<void> {
  const rows = await db.all<{ id: number; slug: string; name: string; nameKo: string | null; aliases: string; description: string | null }>(
    sql`SELECT "id", "slug", "name", "nameKo", "aliases", "description" FROM "Chip" WHERE "id" IN ${valuesList(ids)} ORDER BY "id"`,
  );
  await write(db, 'chip', ids, rows.map((row) => ({ ...row, aliases: stringArray(jsonOf(row.aliases)) })));
}

/** A company's own search entry and, with `dependents`, those of its rounds and deals, which go by its names. */
export async function deriveVendorSearch(db: SqlWriter, ids: readonly number[], { dependents }: { dependents: boolean }): Promise<void> {
  const idList = valuesList(ids);
  const rows = await db.all<{ id: number; slug: string; name: string; nameKo: string | null; aliases: string; description: string | null }>(
    sql`SELECT "id", "slug", "name", "nameKo", "aliases", "description" FROM "Vendor" WHERE "id" IN ${idList} ORDER BY "id"`,
  );
  await write(db, 'vendor', ids, rows.map((row) => ({ ...row, aliases: stringArray(jsonOf(row.aliases)) })));
  if (!dependents) return;
  const rounds = await db.all<{ id: number }>(sql`SELECT "id" FROM "FundingRound" WHERE "companyId" IN ${idList}`);
  if (rounds.length > 0) await deriveRoundSearch(db, rounds.map((round) => round.id));
  const deals = await db.all<{ id: number }>(sql`SELECT DISTINCT "dealId" AS "id" FROM "DealParty" WHERE "vendorId" IN ${idList}`);
  if (deals.length > 0) await deriveDealSearch(db, deals.map((deal) => deal.id));
}

/** A round has no name of its own: it goes by its company's names and its type, and its company's aliases. */
export async function deriveRoundSearch(db: SqlWriter, ids: readonly number[]): Promise<void> {
  const rows = await db.all<{
    id: number;
    slug: string;
    roundType: string;
    description: string | null;
    companyName: string;
    companyNameKo: string | null;
    companyAliases: string;
  }>(
    sql`SELECT r."id", r."slug", r."roundType", r."description", v."name" AS "companyName", v."nameKo" AS "companyNameKo",
               v."aliases" AS "companyAliases"
        FROM "FundingRound" r JOIN "Vendor" v ON v."id" = r."companyId" WHERE r."id" IN ${valuesList(ids)} ORDER BY r."id"`,
  );
  await write(
    db,
    'funding_round',
    ids,
    rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      ...roundName({ name: row.companyName, nameKo: row.companyNameKo }, row.roundType),
      aliases: stringArray(jsonOf(row.companyAliases)),
      description: row.description,
    })),
  );
}

/** A deal goes by its title and its parties' names and aliases. */
export async function deriveDealSearch(db: SqlWriter, ids: readonly number[]): Promise<void> {
  const idList = valuesList(ids);
  const [deals, parties] = await Promise.all([
    db.all<{ id: number; slug: string; title: string; titleKo: string | null; description: string | null }>(
      sql`SELECT "id", "slug", "title", "titleKo", "description" FROM "Deal" WHERE "id" IN ${idList} ORDER BY "id"`,
    ),
    db.all<{ dealId: number; name: string; nameKo: string | null; aliases: string }>(
      sql`SELECT p."dealId", v."name", v."nameKo", v."aliases" FROM "DealParty" p JOIN "Vendor" v ON v."id" = p."vendorId"
          WHERE p."dealId" IN ${idList} ORDER BY p."id"`,
    ),
  ]);
  const partiesOf = grouped(parties, (party) => party.dealId);
  await write(
    db,
    'deal',
    ids,
    deals.map((deal) => ({
      id: deal.id,
      slug: deal.slug,
      name: deal.title,
      nameKo: deal.titleKo,
      aliases: (partiesOf.get(deal.id) ?? []).flatMap((party) => companyNames({ ...party, aliases: jsonOf(party.aliases) })),
      description: deal.description,
    })),
  );
}

/** A document goes by its English title, its title as written, and its whole text. */
export async function deriveDocumentSearch(db: SqlWriter, ids: readonly number[]): Promise<void> {
  const rows = await db.all<{ id: number; slug: string; title: string; titleEn: string | null; text: string }>(
    sql`SELECT "id", "slug", "title", "titleEn", "text" FROM "Document" WHERE "id" IN ${valuesList(ids)} ORDER BY "id"`,
  );
  await write(
    db,
    'document',
    ids,
    rows.map((row) => {
      const name = row.titleEn ?? row.title;
      return { id: row.id, slug: row.slug, name, nameKo: name === row.title ? null : row.title, aliases: [], description: null, text: row.text };
    }),
  );
}
