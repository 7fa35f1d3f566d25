// Serves the relationship graph a page of edges at a time, from the edges every write keeps in step (derive.ts):
// an edge exists exactly while the record behind it does. Names, deal status and amounts are read from the records.
import { z } from 'zod';
import { and, literal, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import { keysetQuery, paginate, type SortOrder } from '../records/list-query.js';
import { toMoney } from '../records/views.js';
import { unknownSlugsProblem } from '../records/references.js';
import { inIdOrder, jsonOf, rateColumns, rateOf, readSource, SOURCE_COLUMNS, SOURCE_DOCUMENT } from '../records/views.js';
import { bigintOf, exactInteger } from '../records/columns.js';
import { recordLink } from '../events/schemas.js';
import { vendorNodeId } from './derive.js';
import type { FragmentCache } from '../records/fragments.js';
import { joinItems, pageJson } from '../records/fragments.js';
import type { PageInfoSchema, SourceSchema } from '../records/schemas.js';
import { GraphEdgeSchema, GraphNodeSchema, type GraphEdge, type GraphEdgeType, type GraphNode, type GraphQuery } from './schemas.js';

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
    if (!vendor) throw await unknownSlugsProblem(reader, 'vendor', [query.vendor], 'vendor');
    const centre = vendorNodeId(query.vendor);
    const ofType = types ? sql` AND ${types}` : sql``;
    const kept = sql`(SELECT ${centre} UNION SELECT "targetNode" FROM "GraphEdge" WHERE "sourceNode" = ${centre}${ofType}
                      UNION SELECT "sourceNode" FROM "GraphEdge" WHERE "targetNode" = ${centre}${ofType})`;
    conditions.push(sql`"sourceNode" IN ${kept} AND "targetNode" IN ${kept}`);
  }
  return conditions;
}

/** What a page's edges say of the nodes they meet. */
type NodeColumns = Pick<EdgeRow, 'sourceNode' | 'targetNode' | 'partyLabels'>;

/** Node order: companies, then chips, then unnamed parties, each by id. */
function byNodeOrder(a: { id: string; type: GraphNode['type'] }, b: { id: string; type: GraphNode['type'] }): number {
  return NODE_ORDER.indexOf(a.type) - NODE_ORDER.indexOf(b.type) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The ids of the company and chip nodes a page's edges meet (and the centre of a `vendor` graph). */
function namedNodeIds(edges: NodeColumns[], centre: string | undefined): string[] {
  const ids = new Set(edges.flatMap((edge) => [edge.sourceNode, edge.targetNode]));
  if (centre !== undefined) ids.add(centre);
  return [...ids].filter((id) => id.startsWith('vendor:') || id.startsWith('chip:'));
}

/** The unnamed parties a page's edges meet, labelled as their deals name them. */
function unnamedNodes(edges: NodeColumns[]): GraphNode[] {
  const labels = new Map<string, string>();
  for (const edge of edges) for (const [id, label] of Object.entries(jsonOf(edge.partyLabels) as Record<string, string>)) labels.set(id, label);
  return [...labels].map(([id, label]): GraphNode => ({ id, type: 'unnamed_party', slug: null, label, labelKo: null, kind: null, url: null }));
}

/** Company and chip nodes, labelled from their records: one per id that still names a record. */
async function namedNodes(reader: SqlReader, ids: readonly string[]): Promise<GraphNode[]> {
  const slugsWith = (prefix: string) => ids.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
  const vendorSlugs = slugsWith('vendor:');
  const chipSlugs = slugsWith('chip:');
  type Labelled = { slug: string; name: string; nameKo: string | null; kind: string };
  const [vendors, chips] = await Promise.all([
    vendorSlugs.length ? reader.all<Labelled>(sql`SELECT "slug", "name", "nameKo", "kind" FROM "Vendor" WHERE "slug" IN ${valuesList(vendorSlugs)}`) : [],
    chipSlugs.length ? reader.all<Labelled>(sql`SELECT "slug", "name", "nameKo", "kind" FROM "Chip" WHERE "slug" IN ${valuesList(chipSlugs)}`) : [],
  ]);
  return [
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
  ];
}

/** The nodes a page's edges meet (and the centre of a `vendor` graph), labelled from their records. */
async function nodesOf(reader: SqlReader, edges: NodeColumns[], centre: string | undefined): Promise<GraphNode[]> {
  return [...(await namedNodes(reader, namedNodeIds(edges, centre))), ...unnamedNodes(edges)].sort(byNodeOrder);
}

type Source = z.infer<typeof SourceSchema>;

function toEdge(row: EdgeRow, sources: ReadonlyMap<string, Source>): GraphEdge {
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
    sources: slugsOf(row).flatMap((slug) => sources.get(slug) ?? []),
    sourceSlugs: slugsOf(row),
  };
}

function slugsOf(row: Pick<EdgeRow, 'sourceSlugs'>): string[] {
  return (jsonOf(row.sourceSlugs) as string[] | null) ?? [];
}

/** The passages a page's edges rest on, each read once however many edges share it. */
async function edgeSources(reader: SqlReader, rows: readonly EdgeRow[]): Promise<Map<string, Source>> {
  const slugs = [...new Set(rows.flatMap(slugsOf))];
  if (slugs.length === 0) return new Map();
  const found = await reader.all<Record<string, unknown>>(
    sql`SELECT ${SOURCE_COLUMNS} FROM "Source" s ${SOURCE_DOCUMENT} WHERE s."slug" IN ${valuesList(slugs)}`,
  );
  return new Map(found.map((row) => {
    const source = readSource(row);
    return [source.slug, source];
  }));
}

/** The page's edges as the API shows them, in the order of `ids`. */
async function edgesOf(reader: SqlReader, ids: readonly number[]): Promise<{ rows: EdgeRow[]; edges: GraphEdge[] }> {
  const rows = await edgeRows(reader, ids);
  const sources = await edgeSources(reader, rows);
  return { rows, edges: rows.map((row) => toEdge(row, sources)) };
}

/** The page's edges with what they show of their records, in the order of `ids`. */
async function edgeRows(reader: SqlReader, ids: readonly number[]): Promise<EdgeRow[]> {
  if (ids.length === 0) return [];
  const rows = await reader.all<EdgeRow>(
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
  );
  return inIdOrder(ids, rows, (row) => row);
}

/**
 * The page as JSON, joined from the edges' and nodes' JSON the fragment cache keeps (src/records/fragments.ts),
 * building only what no page has built since the last write; null when a record went meanwhile.
 */
async function joinedGraph(
  reader: SqlReader,
  fragments: FragmentCache,
  rows: (NodeColumns & { id: number })[],
  centre: string | undefined,
  page: z.output<typeof PageInfoSchema>,
  readAt: number,
): Promise<string | null> {
  const edges = await joinItems(fragments, {
    kind: 'graph-edge',
    ids: rows.map((row) => row.id),
    itemSchema: GraphEdgeSchema,
    build: async (missing) => (await edgesOf(reader, missing)).edges,
    readAt,
  });
  const named = namedNodeIds(rows, centre);
  const namedJson = await joinItems(fragments, {
    kind: 'graph-node',
    ids: named,
    itemSchema: GraphNodeSchema,
    build: async (missing) => {
      const built = new Map((await namedNodes(reader, missing)).map((node) => [node.id, node]));
      return missing.flatMap((id) => built.get(id) ?? []);
    },
    readAt,
  });
  if (edges === null || namedJson === null) return null;
  const json = new Map(named.map((id, index) => [id, namedJson[index]!]));
  const typeOf = (id: string): GraphNode['type'] => (id.startsWith('vendor:') ? 'vendor' : 'chip');
  const unnamed = unnamedNodes(rows);
  for (const node of unnamed) json.set(node.id, JSON.stringify(z.encode(GraphNodeSchema, node)));
  const nodes = [...named.map((id) => ({ id, type: typeOf(id) })), ...unnamed].sort(byNodeOrder).map((node) => json.get(node.id)!);
  return `{"nodes":[${nodes.join(',')}],"edges":[${edges.join(',')}],"page":${pageJson(page)}}`;
}

/**
 * A page of edges, with the nodes they meet and cursors to the other pages. With `fragments`, the page comes as JSON
 * (`json`) joined from the kept JSON of its edges and nodes.
 */
export async function getGraph(
  reader: SqlReader,
  query: GraphQuery,
  fragments: FragmentCache | null = null,
): Promise<{ page: z.output<typeof PageInfoSchema> } & ({ nodes: GraphNode[]; edges: GraphEdge[]; json?: undefined } | { json: string; nodes?: undefined; edges?: undefined })> {
  const readAt = fragments?.version ?? 0;
  const conditions = await edgeConditions(reader, query);
  const keyset = keysetQuery(query.cursor, EDGE_ORDER);
  const where = and(keyset.where ? [...conditions, keyset.where] : conditions);
  const fetched = await reader.all<{ id: number; typeRank: number; key: string } & NodeColumns>(
    sql`SELECT "id", "typeRank", "key", "sourceNode", "targetNode", "partyLabels" FROM "GraphEdge" WHERE ${where}
        ORDER BY ${keyset.orderBy} LIMIT ${literal(query.limit + 1)}`,
  );
  const page = paginate(fetched, query.limit, EDGE_ORDER, keyset);
  const totalCount =
    query.count === 'true'
      ? (await reader.all<{ count: number }>(sql`SELECT COUNT(*) AS "count" FROM "GraphEdge" WHERE ${and(conditions)}`))[0]!.count
      : undefined;
  const pageInfo = { limit: query.limit, nextCursor: page.nextCursor, prevCursor: page.prevCursor, ...(totalCount === undefined ? {} : { totalCount }) };
  const centre = query.vendor === undefined ? undefined : vendorNodeId(query.vendor);
  if (fragments) {
    const json = await joinedGraph(reader, fragments, page.rows, centre, pageInfo, readAt);
    if (json !== null) return { json, page: pageInfo };
  }
  const { rows, edges } = await edgesOf(reader, page.rows.map((row) => row.id));
  return { nodes: await nodesOf(reader, rows, centre), edges, page: pageInfo };
}
