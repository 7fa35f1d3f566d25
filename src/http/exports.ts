// Lists as CSV and NDJSON, streamed page by page so an export never holds the whole result in memory.
import { Readable } from 'node:stream';
import { setImmediate as nextTurnOfTheEventLoop } from 'node:timers/promises';
import { z } from 'zod';

export const EXPORT_FORMATS = ['json', 'csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
};

/**
 * The format a request asks for: `format=` wins; otherwise the most preferred of our media types in `Accept`
 * (q-values honoured, ties in the order the client listed them); otherwise JSON.
 */
export function negotiateFormat(format: ExportFormat | undefined, accept: string | undefined): ExportFormat {
  if (format) return format;
  if (!accept) return 'json';
  let best: { format: ExportFormat; quality: number } | undefined;
  for (const part of accept.split(',')) {
    const [type = '', ...parameters] = part.trim().toLowerCase().split(';');
    const qualityText = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2);
    const quality = qualityText === undefined ? 1 : Number(qualityText);
    if (!(quality > 0)) continue;
    const match = (Object.entries(MEDIA_TYPES) as [ExportFormat, string][]).find(([, media]) => media === type.trim());
    if (match && (!best || quality > best.quality)) best = { format: match[0], quality };
  }
  return best?.format ?? 'json';
}

type Definition = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType };

/** Unwraps optional/nullable/default wrappers to the schema underneath. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current.def as unknown as Definition;
    if (['optional', 'nullable', 'default', 'readonly'].includes(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe') current = (current.def as unknown as { out: z.ZodType }).out;
    else return current;
  }
}

/**
 * The CSV columns of an item schema: nested objects become dotted columns (`designer.slug`, `amount.usd.amount`),
 * arrays stay one column holding JSON. Derived from the schema, so every row has the same columns.
 */
export function csvColumns(schema: z.ZodType, prefix = ''): string[] {
  const def = unwrap(schema).def as unknown as Definition;
  if (def.type !== 'object' || !def.shape) return [prefix];
  return Object.entries(def.shape).flatMap(([key, child]) => csvColumns(child, prefix ? `${prefix}.${key}` : key));
}

function valueAt(item: unknown, column: string): unknown {
  let current: unknown = item;
  for (const key of column.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** One CSV cell per RFC 4180; a cell that a spreadsheet would run as a formula is prefixed with a quote. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** About how much text an export writes at a time. */
const CHUNK_CHARACTERS = 16 * 1024;

/** What an export keeps ready ahead of the client: past this it waits for the client to read. */
const EXPORT_HIGH_WATER_MARK = 64 * 1024;

export interface ExportLimits {
  /** The longest the client may go without taking any of the export: past it, the connection is closed. */
  stallMs: number;
  /** The longest an export may take in all, however steadily the client reads. */
  totalMs: number;
}

/** Why an export was cut short, for the log: the response has begun, so the client only sees the connection close. */
export class ExportAbandonedError extends Error {}

/**
 * Streams every item the page loader yields, as CSV (with a header row of `columns`) or as NDJSON, one line at a
 * time: the stream holds at most EXPORT_HIGH_WATER_MARK ahead of the socket, and the loader reads its next page only
 * when the client has taken what came before (a client that stops reading holds one page, not the whole list). A
 * client that takes nothing for `limits.stallMs`, or an export past `limits.totalMs`, is cut off: the stream ends in
 * an error, and the connection with it.
 */
export function exportStream(format: 'csv' | 'ndjson', columns: string[], pages: AsyncIterable<Record<string, unknown>[]>, limits: ExportLimits): Readable {
  const started = Date.now();
  let progressAt = started;
  async function* lines() {
    // The byte-order mark tells spreadsheet programs the CSV is UTF-8 (Excel reads it as the local code page without).
    let chunk = format === 'csv' ? `\uFEFF${csvLine(columns)}` : '';
    for await (const items of pages) {
      // SQLite reads synchronously and a loopback socket takes writes at once, so without a turn of the event loop
      // between pages an export ran start to finish in microtasks: a 7 MB CSV at 1,000× held every other request for
      // 400 ms (measured). A turn per page lets them in.
      await nextTurnOfTheEventLoop();
      for (const item of items) {
        chunk += format === 'csv' ? csvLine(columns.map((column) => valueAt(item, column))) : `${JSON.stringify(item)}\n`;
        // Lines go out in chunks of about CHUNK_CHARACTERS: a chunk a line costs a write (and, compressed, a flush)
        // for every record; a chunk a page holds a whole page of text at once.
        if (chunk.length >= CHUNK_CHARACTERS) {
          yield chunk;
          chunk = '';
          progressAt = Date.now();
        }
      }
    }
    if (chunk !== '') yield chunk;
  }
  const stream = Readable.from(lines(), { objectMode: false, highWaterMark: EXPORT_HIGH_WATER_MARK });
  const watchdog = setInterval(
    () => {
      const now = Date.now();
      if (now - progressAt > limits.stallMs) stream.destroy(new ExportAbandonedError(`the client took none of the export for ${limits.stallMs} ms`));
      else if (now - started > limits.totalMs) stream.destroy(new ExportAbandonedError(`the export passed its ${limits.totalMs} ms`));
    },
    Math.min(1000, limits.stallMs / 4),
  );
  watchdog.unref();
  stream.once('close', () => clearInterval(watchdog));
  return stream;
}
