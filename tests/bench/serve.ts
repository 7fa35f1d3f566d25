// The benchmark's reference servers, each in its own process so the load generator does not share its event loop.
// Prints its address as one line on stdout once listening.
//   serve.ts bare <response file>     — Fastify's ceiling: every GET answers the same status line, headers and body
//                                       as the API did (from a JSON file: {headers, body}); a request whose
//                                       If-None-Match holds the ETag gets the 304, with the same headers, that a
//                                       revalidation gets.
//   serve.ts handwritten <database>   — what a hand-written route costs for the chips list page (`/v1/chips?limit=N`,
//                                       by name), the same bytes as the API: better-sqlite3 prepared statements on a
//                                       `file:` URL, node-postgres named statements on a `postgresql://` one.
import { readFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

const [mode, argument] = process.argv.slice(2);
if (!argument || (mode !== 'bare' && mode !== 'handwritten')) throw new Error('usage: serve.ts bare <response file> | handwritten <database url>');

const server = Fastify({ logger: false });

if (mode === 'bare') {
  const { headers, body } = JSON.parse(await readFile(argument, 'utf8')) as { headers: Record<string, string>; body: string };
  const { 'content-type': type, ...rest } = headers;
  server.get('/*', async (request, reply) => {
    reply.headers(rest);
    if (request.headers['if-none-match'] === rest.etag) return reply.code(304).send();
    return reply.type(type!).send(body);
  });
} else {
  const PAGE = `SELECT c."id", c."slug", c."name", c."sortKey", c."nameKo", c."aliases", c."kind", c."purpose", c."architecture",
            c."generation", c."description", c."announcedStart", c."announcedPrecision", c."announcedQualifier", c."availableStart",
            c."availablePrecision", c."availableQualifier", c."curated", d."slug" AS "dSlug", d."name" AS "dName",
            d."nameKo" AS "dNameKo", d."kind" AS "dKind"
     FROM "Chip" c JOIN "Vendor" d ON d."id" = c."designerId" ORDER BY c."sortKey", c."id" LIMIT `;
  const SOURCES = `SELECT l."A" AS "owner", s."slug", s."quote", s."stance", s."startOffset", s."quoteStart", s."quoteEnd", s."quotePrefix",
            s."quoteSuffix", d."slug" AS "dSlug", d."title" AS "dTitle", d."publisher" AS "dPublisher", d."publishedStart" AS "dStart",
            d."publishedPrecision" AS "dPrecision", d."publishedQualifier" AS "dQualifier"
     FROM "_ChipToSource" l JOIN "Source" s ON s."id" = l."B" JOIN "Document" d ON d."id" = s."documentId"
     WHERE l."A" IN `;
  let page: (limit: number) => Promise<Record<string, unknown>[]>;
  let sources: (ids: number[]) => Promise<Record<string, unknown>[]>;
  if (argument.startsWith('file:')) {
    const db = new Database(argument.slice('file:'.length), { readonly: true, fileMustExist: true });
    const pageStatement = db.prepare(`${PAGE}?`);
    const sourcesStatement = db.prepare(`${SOURCES}(SELECT value FROM json_each(?)) ORDER BY s."documentId", s."startOffset", s."id"`);
    page = async (limit) => pageStatement.all(limit) as Record<string, unknown>[];
    sources = async (ids) => sourcesStatement.all(JSON.stringify(ids)) as Record<string, unknown>[];
  } else {
    const pool = new pg.Pool({ connectionString: argument, max: 8 });
    page = async (limit) => (await pool.query({ name: 'page', text: `${PAGE}$1`, values: [limit] })).rows;
    sources = async (ids) =>
      (await pool.query({ name: 'sources', text: `${SOURCES}(SELECT unnest($1::int[])) ORDER BY s."documentId", s."startOffset", s."id"`, values: [ids] })).rows;
  }
  const folded = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  const jsonValue = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as string[];
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const date = (start: string | null, precision: string | null, qualifier: string | null) => {
    if (start === null || precision === null) return null;
    const [year, month] = start.split('-').map(Number) as [number, number];
    const quarter = Math.floor((month - 1) / 3) + 1;
    const value = { year: `${year}`, quarter: `${year}-Q${quarter}`, month: `${year}-${pad(month)}`, day: start }[precision]!;
    const endMonth = precision === 'year' ? 12 : precision === 'quarter' ? quarter * 3 : month;
    const end = precision === 'day' ? start : `${year}-${pad(endMonth)}-${pad(lastDay(year, endMonth))}`;
    return { value, precision, qualifier, start, end };
  };
  server.get('/v1/chips', async (request, reply) => {
    const limit = Number((request.query as { limit?: string }).limit ?? 20);
    const rows = await page(limit + 1);
    const shown = rows.slice(0, limit);
    type Cited = { slug: unknown; quote: string; stance: unknown; startOffset: unknown; document: { slug: string }; selector: unknown[] };
    const cited = new Map<number, Cited[]>();
    for (const row of await sources(shown.map((chip) => chip.id as number))) {
      const list = cited.get(row.owner as number) ?? [];
      list.push({
        slug: row.slug,
        quote: row.quote as string,
        stance: row.stance,
        startOffset: row.startOffset,
        document: {
          slug: row.dSlug as string,
          title: row.dTitle,
          publisher: row.dPublisher,
          published: date(row.dStart as string | null, row.dPrecision as string | null, row.dQualifier as string | null),
        } as { slug: string },
        selector: [
          { type: 'TextQuoteSelector', exact: row.quote, prefix: row.quotePrefix, suffix: row.quoteSuffix },
          { type: 'TextPositionSelector', start: row.quoteStart, end: row.quoteEnd },
        ],
      });
      cited.set(row.owner as number, list);
    }
    // A date whose year stands in none of the passages takes it from their document, and says so.
    const dated = (value: ReturnType<typeof date>, passages: Cited[]) =>
      value === null || passages.length === 0 || passages.some((passage) => passage.quote.includes(value.value.slice(0, 4)))
        ? value
        : { ...value, yearFrom: { document: passages[0]!.document.slug } };
    const data = shown.map((chip) => {
      const passages = cited.get(chip.id as number) ?? [];
      const announced = dated(date(chip.announcedStart as string | null, chip.announcedPrecision as string | null, chip.announcedQualifier as string | null), passages);
      const available = dated(date(chip.availableStart as string | null, chip.availablePrecision as string | null, chip.availableQualifier as string | null), passages);
      return {
      slug: chip.slug,
      name: chip.name,
      nameKo: chip.nameKo,
      aliases: jsonValue(chip.aliases),
      kind: chip.kind,
      purpose: chip.purpose,
      architecture: chip.architecture,
      generation: chip.generation,
      description: chip.description,
      designer: { slug: chip.dSlug, name: chip.dName, nameKo: chip.dNameKo, kind: chip.dKind },
      announced,
      available,
      // Declared, then every name that stands in none of the cited passages, then the dates whose year is the document's.
      curated: (() => {
        const quotes = (cited.get(chip.id as number) ?? []).map((source) => folded(source.quote));
        const texts: [string, unknown][] = [
          ['name', chip.name],
          ['nameKo', chip.nameKo],
          ...jsonValue(chip.aliases).map((alias, index): [string, unknown] => [`aliases.${index}`, alias]),
          ['architecture', chip.architecture],
        ];
        const found = texts.filter(([, text]) => typeof text === 'string' && text !== '' && !quotes.some((quote) => quote.includes(folded(text))));
        const datedFields = ([['announced', announced], ['available', available]] as const).filter(([, value]) => value !== null && 'yearFrom' in value);
        return [...new Set([...jsonValue(chip.curated), ...found.map(([field]) => field), ...datedFields.map(([field]) => field)])];
      })(),
      sources: passages,
      };
    });
    const last = shown[shown.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? Buffer.from(JSON.stringify({ list: 'chips', sort: 'name', values: [last.sortKey], id: last.id, direction: 'next' })).toString('base64url')
        : null;
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ data, page: { limit, nextCursor, prevCursor: null } }));
  });
}

const address = await server.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${address}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
