// The graph's edges: each chip, round and deal gives typed edges between companies and chips, written in the same
// transaction as the record (see src/records/derived.ts). Stored is what the record alone decides (endpoints, role,
// cited passages); names, deal status and amounts are read from the records when the graph is served.
import { sql, valuesList, type SqlWriter } from '../db/sql.js';
import { grouped } from '../records/views.js';
import { GraphEdgeTypeSchema, type GraphEdgeType } from './schemas.js';

export const vendorNodeId = (slug: string) => `vendor:${slug}`;
export const chipNodeId = (slug: string) => `chip:${slug}`;

const EDGE_RANK = new Map(GraphEdgeTypeSchema.options.map((type, index) => [type, index]));

interface EdgeRow {
  type: GraphEdgeType;
  source: string;
  target: string;
  /** Edges from rounds and deals name their record: the same two nodes may meet in several of them. */
  recordSlug?: string;
  record: { chipId?: number; fundingRoundId?: number; dealId?: number };
  role?: string;
  sourceSlugs: string[];
  partyLabels?: Record<string, string>;
}

async function insertEdges(db: SqlWriter, edges: EdgeRow[]): Promise<void> {
  for (const edge of edges) {
    const key = `${edge.type}:${edge.source}->${edge.target}${edge.recordSlug === undefined ? '' : `@${edge.recordSlug}`}`;
    await db.run(
      sql`INSERT INTO "GraphEdge" ("key", "type", "typeRank", "sourceNode", "targetNode", "role", "sourceSlugs", "partyLabels",
                                   "chipId", "fundingRoundId", "dealId")
          VALUES (${key}, ${edge.type}, ${EDGE_RANK.get(edge.type)!}, ${edge.source}, ${edge.target}, ${edge.role ?? null},
                  ${JSON.stringify(edge.sourceSlugs)}, ${JSON.stringify(edge.partyLabels ?? {})}, ${edge.record.chipId ?? null},
                  ${edge.record.fundingRoundId ?? null}, ${edge.record.dealId ?? null})`,
    );
  }
}

/** `designs` (designer → chip), `partners_with` (partner → chip) and `customer_of` (a company running it → chip). */
export async function deriveChipEdges(db: SqlWriter, chipIds: readonly number[]): Promise<void> {
  const ids = valuesList(chipIds);
  await db.run(sql`DELETE FROM "GraphEdge" WHERE "chipId" IN ${ids}`);
  const [chips, sources, partners, deployments] = await Promise.all([
    db.all<{ id: number; slug: string; designer: string }>(
      sql`SELECT c."id", c."slug", v."slug" AS "designer" FROM "Chip" c JOIN "Vendor" v ON v."id" = c."designerId"
          WHERE c."id" IN ${ids} ORDER BY c."id"`,
    ),
    db.all<{ owner: number; slug: string }>(
      sql`SELECT l."A" AS "owner", s."slug" FROM "_ChipToSource" l JOIN "Source" s ON s."id" = l."B"
          WHERE l."A" IN ${ids} ORDER BY s."startOffset", s."id"`,
    ),
    db.all<{ chipId: number; vendor: string; role: string; source: string }>(
      sql`SELECT p."chipId", v."slug" AS "vendor", p."role", s."slug" AS "source" FROM "ChipPartner" p
          JOIN "Vendor" v ON v."id" = p."vendorId" JOIN "Source" s ON s."id" = p."sourceId"
          WHERE p."chipId" IN ${ids} ORDER BY p."vendorId"`,
    ),
    db.all<{ chipId: number; vendor: string; source: string }>(
      sql`SELECT x."chipId", v."slug" AS "vendor", s."slug" AS "source" FROM "ChipDeployment" x
          JOIN "Vendor" v ON v."id" = x."vendorId" JOIN "Source" s ON s."id" = x."sourceId"
          WHERE x."chipId" IN ${ids} ORDER BY x."id"`,
    ),
  ]);
  const sourcesOf = grouped(sources, (row) => row.owner);
  const partnersOf = grouped(partners, (row) => row.chipId);
  const deploymentsOf = grouped(deployments, (row) => row.chipId);
  const edges: EdgeRow[] = [];
  for (const chip of chips) {
    const record = { chipId: chip.id };
    const node = chipNodeId(chip.slug);
    edges.push({ type: 'designs', source: vendorNodeId(chip.designer), target: node, record, sourceSlugs: (sourcesOf.get(chip.id) ?? []).map((row) => row.slug) });
    for (const partner of partnersOf.get(chip.id) ?? []) {
      edges.push({ type: 'partners_with', source: vendorNodeId(partner.vendor), target: node, record, role: partner.role, sourceSlugs: [partner.source] });
    }
    // A company running its own chips is no customer; several deployments by one customer make one edge.
    const customers = new Map<string, string[]>();
    for (const deployment of deploymentsOf.get(chip.id) ?? []) {
      if (deployment.vendor === chip.designer) continue;
      const cited = customers.get(deployment.vendor) ?? [];
      if (!cited.includes(deployment.source)) cited.push(deployment.source);
      customers.set(deployment.vendor, cited);
    }
    for (const [customer, sourceSlugs] of customers) {
      edges.push({ type: 'customer_of', source: vendorNodeId(customer), target: node, record, sourceSlugs });
    }
  }
  await insertEdges(db, edges);
}

/** `invests_in`: each investor → the company, one edge per round. */
export async function deriveRoundEdges(db: SqlWriter, roundIds: readonly number[]): Promise<void> {
  const ids = valuesList(roundIds);
  await db.run(sql`DELETE FROM "GraphEdge" WHERE "fundingRoundId" IN ${ids}`);
  const [rounds, sources, investors] = await Promise.all([
    db.all<{ id: number; slug: string; company: string }>(
      sql`SELECT r."id", r."slug", v."slug" AS "company" FROM "FundingRound" r JOIN "Vendor" v ON v."id" = r."companyId"
          WHERE r."id" IN ${ids} ORDER BY r."id"`,
    ),
    db.all<{ owner: number; slug: string }>(
      sql`SELECT l."A" AS "owner", s."slug" FROM "_FundingRoundToSource" l JOIN "Source" s ON s."id" = l."B"
          WHERE l."A" IN ${ids} ORDER BY s."startOffset", s."id"`,
    ),
    db.all<{ roundId: number; investor: string }>(
      sql`SELECT i."A" AS "roundId", v."slug" AS "investor" FROM "_RoundInvestors" i JOIN "Vendor" v ON v."id" = i."B"
          WHERE i."A" IN ${ids} ORDER BY v."id"`,
    ),
  ]);
  const sourcesOf = grouped(sources, (row) => row.owner);
  const investorsOf = grouped(investors, (row) => row.roundId);
  const edges: EdgeRow[] = [];
  for (const round of rounds) {
    const sourceSlugs = (sourcesOf.get(round.id) ?? []).map((row) => row.slug);
    for (const { investor } of investorsOf.get(round.id) ?? []) {
      edges.push({
        type: 'invests_in',
        source: vendorNodeId(investor),
        target: vendorNodeId(round.company),
        recordSlug: round.slug,
        record: { fundingRoundId: round.id },
        sourceSlugs,
      });
    }
  }
  await insertEdges(db, edges);
}

/**
 * A deal's edges, from its parties' roles (which writes keep to those its kind has): `acquired` (acquirer → target),
 * `partners_with` (one edge per pair of partners, from the one listed first) and `customer_of` (customer → supplier).
 * A party the article leaves unnamed is a node of its own, so the deal shows whatever its status.
 */
export async function deriveDealEdges(db: SqlWriter, dealIds: readonly number[]): Promise<void> {
  const ids = valuesList(dealIds);
  await db.run(sql`DELETE FROM "GraphEdge" WHERE "dealId" IN ${ids}`);
  const [deals, sources, parties] = await Promise.all([
    db.all<{ id: number; slug: string }>(sql`SELECT "id", "slug" FROM "Deal" WHERE "id" IN ${ids} ORDER BY "id"`),
    db.all<{ owner: number; slug: string }>(
      sql`SELECT l."A" AS "owner", s."slug" FROM "_DealToSource" l JOIN "Source" s ON s."id" = l."B"
          WHERE l."A" IN ${ids} ORDER BY s."startOffset", s."id"`,
    ),
    db.all<{ dealId: number; vendor: string | null; role: string; description: string | null }>(
      sql`SELECT p."dealId", v."slug" AS "vendor", p."role", p."description" FROM "DealParty" p LEFT JOIN "Vendor" v ON v."id" = p."vendorId"
          WHERE p."dealId" IN ${ids} ORDER BY p."id"`,
    ),
  ]);
  const sourcesOf = grouped(sources, (row) => row.owner);
  const partiesOf = grouped(parties, (row) => row.dealId);
  const edges: EdgeRow[] = [];
  for (const deal of deals) {
    const dealParties = partiesOf.get(deal.id) ?? [];
    const sourceSlugs = (sourcesOf.get(deal.id) ?? []).map((row) => row.slug);
    const labels: Record<string, string> = {};
    const nodeOf = (party: (typeof dealParties)[number]): string => {
      if (party.vendor !== null) return vendorNodeId(party.vendor);
      const sameRole = dealParties.filter((other) => other.vendor === null && other.role === party.role);
      const suffix = sameRole.length > 1 ? `-${sameRole.indexOf(party) + 1}` : '';
      const id = `party:${deal.slug}:${party.role}${suffix}`;
      labels[id] = party.description ?? `The unnamed ${party.role} of "${deal.slug}"`;
      return id;
    };
    const withRole = (role: string) => dealParties.filter((party) => party.role === role).map(nodeOf);
    const edge = (type: GraphEdgeType, source: string, target: string): EdgeRow => ({
      type,
      source,
      target,
      recordSlug: deal.slug,
      record: { dealId: deal.id },
      sourceSlugs,
      partyLabels: Object.fromEntries(Object.entries(labels).filter(([id]) => id === source || id === target)),
    });
    for (const acquirer of withRole('acquirer')) {
      for (const target of withRole('target')) edges.push(edge('acquired', acquirer, target));
    }
    const partners = withRole('partner');
    partners.forEach((from, index) => {
      for (const to of partners.slice(index + 1)) edges.push(edge('partners_with', from, to));
    });
    for (const customer of withRole('customer')) {
      for (const supplier of withRole('supplier')) edges.push(edge('customer_of', customer, supplier));
    }
  }
  await insertEdges(db, edges);
}
