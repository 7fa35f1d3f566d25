// Derives the relationship graph from the records on every request, so an edge exists exactly while the record
// behind it does.
import type { Database } from '../db/client.js';
import { BadRequestProblem } from '../shared/problem.js';
import { toMoney } from '../shared/money.js';
import { rateSelect } from '../shared/views.js';
import { recordLink, type RecordLink } from '../events/schemas.js';
import { GraphEdgeTypeSchema, type GraphEdge, type GraphEdgeType, type GraphNode, type GraphQuery } from './schemas.js';

const sourceSlugs = { select: { slug: true }, orderBy: { startOffset: 'asc' } } as const;
const vendorNodeId = (slug: string) => `vendor:${slug}`;
const chipNodeId = (slug: string) => `chip:${slug}`;

interface Party {
  vendor: { slug: string } | null;
  role: string;
  description: string | null;
}

function edge(
  type: GraphEdgeType,
  source: string,
  target: string,
  record: RecordLink,
  fields: Partial<Pick<GraphEdge, 'role' | 'status' | 'amount'>> & { sourceSlugs: string[] },
  /** Edges from rounds and deals name their record: the same two nodes may meet in several of them. */
  perRecord: boolean,
): GraphEdge {
  return {
    id: `${type}:${source}->${target}${perRecord ? `@${record.slug}` : ''}`,
    type,
    source,
    target,
    record,
    role: fields.role ?? null,
    status: fields.status ?? null,
    amount: fields.amount ?? null,
    sourceSlugs: fields.sourceSlugs,
  };
}

async function loadGraph(db: Database): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const [vendors, chips, deployments, rounds, deals] = await Promise.all([
    db.vendor.findMany({ select: { slug: true, name: true, nameKo: true, kind: true }, orderBy: { slug: 'asc' } }),
    db.chip.findMany({
      select: {
        slug: true,
        name: true,
        nameKo: true,
        kind: true,
        designer: { select: { slug: true } },
        partners: { select: { role: true, vendor: { select: { slug: true } }, source: { select: { slug: true } } } },
        sources: sourceSlugs,
      },
      orderBy: { slug: 'asc' },
    }),
    db.chipDeployment.findMany({
      where: { vendorId: { not: null } },
      select: {
        vendor: { select: { slug: true } },
        source: { select: { slug: true } },
        chip: { select: { slug: true, designer: { select: { slug: true } } } },
      },
      orderBy: { id: 'asc' },
    }),
    db.fundingRound.findMany({
      select: {
        slug: true,
        amount: true,
        currency: true,
        amountNotation: true,
        rate: { select: rateSelect },
        company: { select: { slug: true } },
        investors: { select: { slug: true } },
        sources: sourceSlugs,
      },
    }),
    db.deal.findMany({
      select: {
        slug: true,
        status: true,
        amount: true,
        currency: true,
        amountNotation: true,
        rate: { select: rateSelect },
        parties: { select: { role: true, description: true, vendor: { select: { slug: true } } }, orderBy: { id: 'asc' } },
        sources: sourceSlugs,
      },
    }),
  ]);

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
      id: chipNodeId(chip.slug),
      type: 'chip',
      slug: chip.slug,
      label: chip.name,
      labelKo: chip.nameKo,
      kind: chip.kind as GraphNode['kind'],
      url: recordLink('chip', chip.slug).url,
    })),
  ];
  const edges: GraphEdge[] = [];

  for (const chip of chips) {
    const record = recordLink('chip', chip.slug);
    const slugs = chip.sources.map((source) => source.slug);
    edges.push(edge('designs', vendorNodeId(chip.designer.slug), chipNodeId(chip.slug), record, { sourceSlugs: slugs }, false));
    for (const partner of chip.partners) {
      const fields = { role: partner.role as GraphEdge['role'], sourceSlugs: [partner.source.slug] };
      edges.push(edge('partners_with', vendorNodeId(partner.vendor.slug), chipNodeId(chip.slug), record, fields, false));
    }
  }

  // A company running its own chips is no customer; several deployments by one customer make one edge.
  const customerEdges = new Map<string, GraphEdge>();
  for (const deployment of deployments) {
    if (!deployment.vendor || deployment.vendor.slug === deployment.chip.designer.slug) continue;
    const derived = edge(
      'customer_of',
      vendorNodeId(deployment.vendor.slug),
      chipNodeId(deployment.chip.slug),
      recordLink('chip', deployment.chip.slug),
      { sourceSlugs: [deployment.source.slug] },
      false,
    );
    const existing = customerEdges.get(derived.id);
    if (existing) {
      if (!existing.sourceSlugs.includes(deployment.source.slug)) existing.sourceSlugs.push(deployment.source.slug);
    } else {
      customerEdges.set(derived.id, derived);
    }
  }
  edges.push(...customerEdges.values());

  for (const round of rounds) {
    const record = recordLink('funding_round', round.slug);
    const fields = {
      amount: toMoney(round.amount, round.currency, round.amountNotation, round.rate),
      sourceSlugs: round.sources.map((source) => source.slug),
    };
    for (const investor of round.investors) {
      edges.push(edge('invests_in', vendorNodeId(investor.slug), vendorNodeId(round.company.slug), record, fields, true));
    }
  }

  for (const deal of deals) {
    const record = recordLink('deal', deal.slug);
    const fields = {
      status: deal.status as GraphEdge['status'],
      amount: toMoney(deal.amount, deal.currency, deal.amountNotation, deal.rate),
      sourceSlugs: deal.sources.map((source) => source.slug),
    };
    // The article leaves some parties unnamed (OpenAI's acquisition target); they still get a node of their own
    // so that the deal, whatever its status, shows in the graph.
    const nodeFor = (party: Party, index: number): string => {
      if (party.vendor) return vendorNodeId(party.vendor.slug);
      const sameRole = deal.parties.filter((other) => !other.vendor && other.role === party.role);
      const suffix = sameRole.length > 1 ? `-${sameRole.indexOf(deal.parties[index]!) + 1}` : '';
      const id = `party:${deal.slug}:${party.role}${suffix}`;
      if (!nodes.some((node) => node.id === id)) {
        nodes.push({
          id,
          type: 'unnamed_party',
          slug: null,
          label: party.description ?? `The unnamed ${party.role} of "${deal.slug}"`,
          labelKo: null,
          kind: null,
          url: null,
        });
      }
      return id;
    };
    const withRole = (role: string) =>
      deal.parties.flatMap((party, index) => (party.role === role ? [nodeFor(party, index)] : []));
    // Edges come from the parties' roles, which writes keep to those the deal's kind has (DEAL_ROLES_BY_KIND).
    for (const acquirer of withRole('acquirer')) {
      for (const target of withRole('target')) edges.push(edge('acquired', acquirer, target, record, fields, true));
    }
    // Partners are symmetric: one edge per pair, from the party listed first.
    const partners = withRole('partner');
    partners.forEach((from, i) => {
      for (const to of partners.slice(i + 1)) edges.push(edge('partners_with', from, to, record, fields, true));
    });
    for (const customer of withRole('customer')) {
      for (const supplier of withRole('supplier')) edges.push(edge('customer_of', customer, supplier, record, fields, true));
    }
  }
  return { nodes, edges };
}

const EDGE_ORDER = GraphEdgeTypeSchema.options;
const NODE_ORDER: GraphNode['type'][] = ['vendor', 'chip', 'unnamed_party'];

export async function getGraph(db: Database, query: GraphQuery): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const graph = await loadGraph(db);
  let edges = query.edgeType ? graph.edges.filter((candidate) => query.edgeType!.includes(candidate.type)) : graph.edges;
  let nodes: GraphNode[];
  if (query.vendor !== undefined) {
    const centre = vendorNodeId(query.vendor);
    if (!graph.nodes.some((node) => node.id === centre)) {
      throw new BadRequestProblem(`Invalid query parameter 'vendor': no vendor has slug '${query.vendor}'.`, [
        { location: 'query', name: 'vendor', message: `no vendor has slug '${query.vendor}'` },
      ]);
    }
    const kept = new Set([centre]);
    for (const candidate of edges) {
      if (candidate.source === centre) kept.add(candidate.target);
      if (candidate.target === centre) kept.add(candidate.source);
    }
    edges = edges.filter((candidate) => kept.has(candidate.source) && kept.has(candidate.target));
    nodes = graph.nodes.filter((node) => kept.has(node.id));
  } else {
    // Every company and chip stays, even without edges; an unnamed party exists only through its edges.
    const reached = new Set(edges.flatMap((candidate) => [candidate.source, candidate.target]));
    nodes = graph.nodes.filter((node) => node.type !== 'unnamed_party' || reached.has(node.id));
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  nodes.sort((a, b) => NODE_ORDER.indexOf(a.type) - NODE_ORDER.indexOf(b.type) || byId(a, b));
  edges = [...edges].sort((a, b) => EDGE_ORDER.indexOf(a.type) - EDGE_ORDER.indexOf(b.type) || byId(a, b));
  return { nodes, edges };
}
