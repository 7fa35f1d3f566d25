// The kinds of record the atlas keeps, each named once: its name in code and revisions, the kind the API names it
// by in every response (search results, the timeline's and the graph's records), its URL segment under /v1, its
// table and its noun in messages. Everything that names a resource reads it from here.
export const RESOURCES = {
  vendor: { name: 'vendor', kind: 'vendor', path: 'vendors', table: 'Vendor', noun: 'vendor' },
  chip: { name: 'chip', kind: 'chip', path: 'chips', table: 'Chip', noun: 'chip' },
  fundingRound: { name: 'fundingRound', kind: 'funding_round', path: 'funding-rounds', table: 'FundingRound', noun: 'funding round' },
  deal: { name: 'deal', kind: 'deal', path: 'deals', table: 'Deal', noun: 'deal' },
  source: { name: 'source', kind: 'source', path: 'sources', table: 'Source', noun: 'source' },
  document: { name: 'document', kind: 'document', path: 'documents', table: 'Document', noun: 'document' },
  statement: { name: 'statement', kind: 'statement', path: 'statements', table: 'Statement', noun: 'statement' },
} as const;

export type ResourceName = keyof typeof RESOURCES;
export type ResourceKind = (typeof RESOURCES)[ResourceName]['kind'];

/** The resource the API calls `kind`. */
export function resourceOfKind(kind: ResourceKind): (typeof RESOURCES)[ResourceName] {
  return Object.values(RESOURCES).find((resource) => resource.kind === kind)!;
}
