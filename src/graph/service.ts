// Serves the relationship graph a page of edges at a time, from the edges every write keeps in step (derive.ts):
// an edge exists exactly while the record behind it does. Names, deal status and amounts are read from the records.
import { and, literal, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import { keysetQuery, paginate, type SortOrder } from '../shared/list-query.js';
import { toMoney } from '../shared/money.js';
import { BadRequestProblem } from '../shared/problem.js';
import { bigintOf, exactInteger, inIdOrder, jsonOf, rateColumns, rateOf } from '../shared/views.js';
import { recordLink } from '../events/schemas.js';
import { vendorNodeId } from './derive.js';
import type { GraphEdge, GraphEdgeType, GraphNode, GraphQuery } from './schemas.js';

const NODE_ORDER: GraphNode['type'][] = ['vendor', 'chip', 'unnamed_party'];

/** By edge type (in the order of `GraphEdgeType`), then id: the index the edges are stored under. */
const EDGE_ORDER: SortOrder = {
  list: 'graph',
  name: 'type,id',
  keys: [
    { field: 'typeRank', direction: 'asc', nullable: false, type: 'integer' },
    { field: 'key', direction: 'asc', nullable: false, type: 'text' },
  ],
};

interface EdgeRow {
  id: number;
  typeRank: number;
  key: string;
  type: GraphEdgeType;
  sourceNode: string;
  targetNode: string;
  role: string | null;
  sourceSlugs: string;
  partyLabels: string;
  chipSlug: string | null;
  roundSlug: string | null;
  dealSlug: string | null;
  dealStatus: string | null;
  [column: string]: unknown;
}

/** The edges' conditions over GraphEdge; `vendor` keeps its node, its neighbours and the edges among them. */
async function edgeConditions(reader: SqlReader, query: GraphQuery): Promise<Sql[]> {
  const conditions: Sql[] = [];
  const types = query.edgeType ? sql`"type" IN ${valuesList([...new Set(query.edgeType)])}` : undefined;
  if (types) conditions.push(types);
  if (query.vendor !== undefined) {
    const [vendor] = await reader.all<{ id: number }>(sql`SELECT "id" FROM "Vendor" WHERE "slug" = ${query.vendor}`);
    if (!vendor) {
      throw new BadRequestProblem(`Invalid query parameter 'vendor': no vendor has slug '${query.vendor}'.`, [
        { location: 'query', name: 'vendor', message: `no vendor has slug '${query.vendor}'` },
      ]);
    }
    const centre = vendorNodeId(query.vendor);
    const ofType = types ? sql` AND ${types}` : sql``;
    const kept = sql`(SELECT ${centre} UNION SELECT "targetNode" FROM "GraphEdge" WHERE "sourceNode" = ${centre}${ofType}
                      UNION SELECT "sourceNode" FROM "GraphEdge" WHERE "targetNode" = ${centre}${ofType})`;
    conditions.push(sql`"sourceNode" IN ${kept} AND "targetNode" IN ${kept}`);
  }
  return conditions;
}

/** The nodes a page's edges meet (and the centre of a `vendor` graph), labelled from their records. */
async function nodesOf(reader: SqlReader, edges: EdgeRow[], centre: string | undefined): Promise<GraphNode[]> {
  const ids = new Set(edges.flatMap((edge) => [edge.sourceNode, edge.targetNode]));
  if (centre !== undefined) ids.add(centre);
  const slugsWith = (prefix: string) => [...ids].filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
  const vendorSlugs = slugsWith('vendor:');
  const chipSlugs = slugsWith('chip:');
  type Labelled = { slug: string; name: string; nameKo: string | null; kind: string };
  const [vendors, chips] = await Promise.all([
    vendorSlugs.length ? reader.all<Labelled>(sql`SELECT "slug", "name", "nameKo", "kind" FROM "Vendor" WHERE "slug" IN ${valuesList(vendorSlugs)}`) : [],
    chipSlugs.length ? reader.all<Labelled>(sql`SELECT "slug", "name", "nameKo", "kind" FROM "Chip" WHERE "slug" IN ${valuesList(chipSlugs)}`) : [],
  ]);
  const labels = new Map<string, string>();
  for (const edge of edges) for (const [id, label] of Object.entries(jsonOf(edge.partyLabels) as Record<string, string>)) labels.set(id, label);
  const nodes: GraphNode[] = [
    ...vendors.map((vendor): GraphNode => ({
      id: vendorNodeId(vendor.slug),
      type: 'vendor',
      slug: vendor.slug,
      label: vendor.name,
      labelKo: vendor.nameKo,
      kind: vendor.kind as GraphNode['kind'],
      url: recordLink('vendor', vendor.slug).url,
    })),
    ...chips.map((chip): GraphNode => ({
      id: `chip:${chip.slug}`,
      type: 'chip',
      slug: chip.slug,
      label: chip.name,
      labelKo: chip.nameKo,
      kind: chip.kind as GraphNode['kind'],
      url: recordLink('chip', chip.slug).url,
    })),
    ...[...labels].map(([id, label]): GraphNode => ({ id, type: 'unnamed_party', slug: null, label, labelKo: null, kind: null, url: null })),
  ];
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return nodes.sort((a, b) => NODE_ORDER.indexOf(a.type) - NODE_ORDER.indexOf(b.type) || byId(a, b));
}

function toEdge(row: EdgeRow): GraphEdge {
  const record = row.dealSlug
    ? recordLink('deal', row.dealSlug)
    : row.roundSlug
      ? recordLink('funding_round', row.roundSlug)
      : recordLink('chip', row.chipSlug!);
  const prefix = row.dealSlug ? 'deal' : 'round';
  const amount = row.dealSlug || row.roundSlug
    ? toMoney(bigintOf(row[`${prefix}Amount`]), row[`${prefix}Currency`] as string | null, row[`${prefix}Notation`] as string | null, rateOf(row, `${prefix}Rate`))
    : null;
  return {
    id: row.key,
    type: row.type,
    source: row.sourceNode,
    target: row.targetNode,
    record,
    role: row.role as GraphEdge['role'],
    status: row.dealStatus as GraphEdge['status'],
    amount,
    sourceSlugs: (jsonOf(row.sourceSlugs) as string[] | null) ?? [],
  };
}

/** A page of edges, with the nodes they meet and cursors to the other pages. */
export async function getGraph(reader: SqlReader, query: GraphQuery) {
  const conditions = await edgeConditions(reader, query);
  const keyset = keysetQuery(query.cursor, EDGE_ORDER);
  const where = and(keyset.where ? [...conditions, keyset.where] : conditions);
  const fetched = await reader.all<{ id: number; typeRank: number; key: string }>(
    sql`SELECT "id", "typeRank", "key" FROM "GraphEdge" WHERE ${where} ORDER BY ${keyset.orderBy} LIMIT ${literal(query.limit + 1)}`,
  );
  const page = paginate(fetched, query.limit, EDGE_ORDER, keyset);
  const ids = page.rows.map((row) => row.id);
  const rows = ids.length
    ? await reader.all<EdgeRow>(
        sql`SELECT e."id", e."typeRank", e."key", e."type", e."sourceNode", e."targetNode", e."role", e."sourceSlugs", e."partyLabels",
                   c."slug" AS "chipSlug", r."slug" AS "roundSlug", d."slug" AS "dealSlug", d."status" AS "dealStatus",
                   ${exactInteger('r."amount"', 'roundAmount')}, r."currency" AS "roundCurrency", r."amountNotation" AS "roundNotation",
                   ${rateColumns('rr', 'roundRate')},
                   ${exactInteger('d."amount"', 'dealAmount')}, d."currency" AS "dealCurrency", d."amountNotation" AS "dealNotation",
                   ${rateColumns('dr', 'dealRate')}
            FROM "GraphEdge" e
            LEFT JOIN "Chip" c ON c."id" = e."chipId"
            LEFT JOIN "FundingRound" r ON r."id" = e."fundingRoundId" LEFT JOIN "CurrencyRate" rr ON rr."id" = r."rateId"
            LEFT JOIN "Deal" d ON d."id" = e."dealId" LEFT JOIN "CurrencyRate" dr ON dr."id" = d."rateId"
            WHERE e."id" IN ${valuesList(ids)}`,
      )
    : [];
  const edges = inIdOrder(ids, rows, (row) => row);
  const totalCount =
    query.count === 'true'
      ? (await reader.all<{ count: number }>(sql`SELECT COUNT(*) AS "count" FROM "GraphEdge" WHERE ${and(conditions)}`))[0]!.count
      : undefined;
  return {
    nodes: await nodesOf(reader, edges, query.vendor === undefined ? undefined : vendorNodeId(query.vendor)),
    edges: edges.map(toEdge),
    page: { limit: query.limit, nextCursor: page.nextCursor, prevCursor: page.prevCursor, ...(totalCount === undefined ? {} : { totalCount }) },
  };
}

