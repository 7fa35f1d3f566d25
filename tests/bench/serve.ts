// The benchmark's reference servers, each in its own process so the load generator does not share its event loop.
// Prints its address as one line on stdout once listening.
//   serve.ts bare <response file>     — Fastify's ceiling: every GET answers the same status line, headers and body
//                                       as the API did (from a JSON file: {headers, body}); a request whose
//                                       If-None-Match holds the ETag gets the 304, with the same headers, that a
//                                       revalidation gets.
//   serve.ts handwritten <db file>    — what a hand-written better-sqlite3 route costs for the chips list page
//                                       (`/v1/chips?limit=N`, by name): prepared statements, the same bytes as the API.
import { readFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const [mode, argument] = process.argv.slice(2);
if (!argument || (mode !== 'bare' && mode !== 'handwritten')) throw new Error('usage: serve.ts bare <response file> | handwritten <db file>');

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
  const db = new Database(argument, { readonly: true, fileMustExist: true });
  const page = db.prepare(
    `SELECT c.id, c.slug, c.name, c.sortKey, c.nameKo, c.aliases, c.kind, c.purpose, c.architecture, c.generation, c.description,
            c.announcedStart, c.announcedPrecision, c.announcedQualifier, c.availableStart, c.availablePrecision, c.availableQualifier,
            d.slug AS dSlug, d.name AS dName, d.nameKo AS dNameKo, d.kind AS dKind
     FROM Chip c JOIN Vendor d ON d.id = c.designerId ORDER BY c.sortKey, c.id LIMIT ?`,
  );
  const sources = db.prepare(
    `SELECT l.A AS owner, s.slug, s.quote, s.stance, s.startOffset FROM _ChipToSource l JOIN Source s ON s.id = l.B
     WHERE l.A IN (SELECT value FROM json_each(?)) ORDER BY s.startOffset, s.id`,
  );
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
    const rows = page.all(limit + 1) as Record<string, unknown>[];
    const shown = rows.slice(0, limit);
    const cited = new Map<number, unknown[]>();
    for (const row of sources.all(JSON.stringify(shown.map((chip) => chip.id))) as Record<string, unknown>[]) {
      const list = cited.get(row.owner as number) ?? [];
      list.push({ slug: row.slug, quote: row.quote, stance: row.stance, startOffset: row.startOffset });
      cited.set(row.owner as number, list);
    }
    const data = shown.map((chip) => ({
      slug: chip.slug,
      name: chip.name,
      nameKo: chip.nameKo,
      aliases: JSON.parse(chip.aliases as string),
      kind: chip.kind,
      purpose: chip.purpose,
      architecture: chip.architecture,
      generation: chip.generation,
      description: chip.description,
      designer: { slug: chip.dSlug, name: chip.dName, nameKo: chip.dNameKo, kind: chip.dKind },
      announced: date(chip.announcedStart as string | null, chip.announcedPrecision as string | null, chip.announcedQualifier as string | null),
      available: date(chip.availableStart as string | null, chip.availablePrecision as string | null, chip.availableQualifier as string | null),
      sources: cited.get(chip.id as number) ?? [],
    }));
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
