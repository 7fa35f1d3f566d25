// The kinds of record the atlas keeps, each named once: its name in code and revisions, its URL segment under /v1,
// its table and its noun in messages. Everything that names a resource reads it from here.
export const RESOURCES = {
  vendor: { name: 'vendor', path: 'vendors', table: 'Vendor', noun: 'vendor' },
  chip: { name: 'chip', path: 'chips', table: 'Chip', noun: 'chip' },
  fundingRound: { name: 'fundingRound', path: 'funding-rounds', table: 'FundingRound', noun: 'funding round' },
  deal: { name: 'deal', path: 'deals', table: 'Deal', noun: 'deal' },
  source: { name: 'source', path: 'sources', table: 'Source', noun: 'source' },
} as const;

export type ResourceName = keyof typeof RESOURCES;
