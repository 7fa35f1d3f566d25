// Which answer illustrates which operation, and the recording of those answers into src/http/recorded-examples.ts
// (`npm run openapi:update`, before the contract is rendered). The requests ask for small records and one-item pages
// so that the examples show every field without weighing down the document: a Korean startup's chip, its company and
// its won-denominated round, a partnership, a planned date.
import { buildApp } from '../app.js';
import { prepareDatabase } from '../seed/prepare.js';
import type { ResponseExample } from '../http/response-examples.js';

export const RECORDED_EXAMPLES_FILE = 'src/http/recorded-examples.ts';

type Wanted = Omit<ResponseExample, 'value'>;

/** Per record resource: the record, a one-item page of the list, and a one-item page of its revisions. */
function examplesOfRecord(resource: string, path: string, slug: string, noun: { one: string; many: string }): Wanted[] {
  return [
    { name: resource, summary: `A ${noun.one}`, request: `${path}/${slug}`, operations: [`get${resource}`, `create${resource}`, `update${resource}`] },
    { name: `${resource}Page`, summary: `A page of ${noun.many}, one long`, request: `${path}?limit=1`, operations: [`list${noun.many.replace(/(^| )(\w)/g, (_, _space, letter: string) => letter.toUpperCase())}`] },
    {
      name: `${resource}RevisionPage`,
      summary: `A page of a ${noun.one}'s revisions, one long`,
      request: `${path}/${slug}/revisions?limit=1`,
      operations: [`list${resource}Revisions`],
    },
  ];
}

export const WANTED_EXAMPLES: readonly Wanted[] = [
  { name: 'ServiceIndex', summary: 'What the service offers', request: '/', operations: ['getServiceIndex'] },
  { name: 'Health', summary: 'Ready', request: '/health', operations: ['getHealth'] },
  ...examplesOfRecord('Chip', '/v1/chips', 'rebellions-atom', { one: 'chip', many: 'chips' }),
  ...examplesOfRecord('Vendor', '/v1/vendors', 'rebellions', { one: 'vendor', many: 'vendors' }),
  ...examplesOfRecord('FundingRound', '/v1/funding-rounds', 'rebellions-series-a-2022', { one: 'funding round', many: 'funding rounds' }),
  ...examplesOfRecord('Deal', '/v1/deals', 'microsoft-openai-partnership', { one: 'deal', many: 'deals' }),
  ...examplesOfRecord('Source', '/v1/sources', 'maia-100-into-microsoft-datacenters-early-2024', { one: 'source', many: 'sources' }),
  ...examplesOfRecord('Document', '/v1/documents', 'ai-chip-market-big-tech-and-startups-2023', { one: 'document', many: 'documents' }),
  ...examplesOfRecord('Statement', '/v1/statements', 'microsoft-vertical-integration', { one: 'statement', many: 'statements' }),
  {
    name: 'MentionPage',
    summary: 'The first two companies and chips the article names',
    request: '/v1/documents/ai-chip-market-big-tech-and-startups-2023/mentions?limit=2',
    operations: ['listDocumentMentions'],
  },
  { name: 'EventPage', summary: 'A page of the timeline, two long', request: '/v1/events?limit=2', operations: ['listEvents'] },
  { name: 'Graph', summary: "Rebellions' neighbourhood in the graph", request: '/v1/graph?vendor=rebellions&limit=2', operations: ['getGraph'] },
  { name: 'SearchResults', summary: 'Two hits for "maia"', request: '/v1/search?q=maia&limit=2', operations: ['search'] },
  { name: 'Stats', summary: 'Statistics over every record', request: '/v1/stats', operations: ['getStats'] },
  { name: 'FundingByCompanyPage', summary: 'Funding by company, two long', request: '/v1/stats/funding-by-company?limit=2', operations: ['listFundingByCompany'] },
  { name: 'FundingByInvestorPage', summary: 'Funding by investor, two long', request: '/v1/stats/funding-by-investor?limit=2', operations: ['listFundingByInvestor'] },
  { name: 'ChipsByDesignerPage', summary: 'Chips by designer, two long', request: '/v1/stats/chips-by-designer?limit=2', operations: ['listChipsByDesigner'] },
];

/** Fields of an answer that differ from one seeding to the next (a revision's time), never compared. */
export const VOLATILE_FIELDS: ReadonlySet<string> = new Set(['createdAt']);

/** `value` with every volatile field's value replaced by a placeholder, for comparing two recordings. */
export function withoutVolatileFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVolatileFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, VOLATILE_FIELDS.has(key) ? '(volatile)' : withoutVolatileFields(child)]));
}

/** Asks `inject` for every wanted example's request and returns the recorded answers. */
export async function recordExamples(inject: (url: string) => Promise<{ statusCode: number; json: () => unknown }>): Promise<ResponseExample[]> {
  const recorded: ResponseExample[] = [];
  for (const wanted of WANTED_EXAMPLES) {
    const response = await inject(wanted.request);
    if (response.statusCode !== 200) throw new Error(`GET ${wanted.request} answered ${response.statusCode}, not 200: no example for ${wanted.name}`);
    recorded.push({ ...wanted, value: response.json() });
  }
  return recorded;
}

/** The seeded article data in a scratch database, asked for every example. */
export async function recordExamplesOnSeededData(scratchDir: string): Promise<ResponseExample[]> {
  const databaseUrl = `file:${scratchDir}/examples.db`;
  await prepareDatabase({ DATABASE_URL: databaseUrl, MIGRATIONS_DIR: 'prisma/migrations', SEED_DIR: 'seed', SEED_ON_START: 'auto' }, { info: () => {} });
  const app = await buildApp({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', REQUEST_TIMEOUT_MS: 15_000 });
  try {
    return await recordExamples((url) => app.inject({ method: 'GET', url, headers: { accept: 'application/json' } }));
  } finally {
    await app.close();
  }
}

const HEADER = `// GENERATED by \`npm run openapi:update\` (src/cli/response-examples.ts): real answers of the service on the seeded
// article data, shown as the examples of the operations' success responses (src/http/response-examples.ts). Do not
// edit: change what is wanted there, then run \`npm run openapi:update\`. tests/contract/document-examples.test.ts
// fails while an example and the service's answer disagree.
import type { ResponseExample } from './response-examples.js';

`;

/**
 * The generated module's text. `keep`: the examples recorded before, whose volatile fields (a revision's time) stay
 * as they were when nothing else changed, so that recording again changes nothing in review.
 */
export function renderRecordedExamples(examples: readonly ResponseExample[], keep: readonly ResponseExample[] = []): string {
  const before = new Map(keep.map((example) => [example.name, example]));
  const stable = examples.map((example) => {
    const previous = before.get(example.name);
    const same = previous !== undefined && JSON.stringify(withoutVolatileFields(previous.value)) === JSON.stringify(withoutVolatileFields(example.value));
    return same ? { ...example, value: previous.value } : example;
  });
  return `${HEADER}export const RECORDED_EXAMPLES: ResponseExample[] = ${JSON.stringify(stable, null, 2)};\n`;
}
