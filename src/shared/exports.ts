// Lists as CSV and NDJSON, streamed page by page so an export never holds the whole result in memory.
import { Readable } from 'node:stream';
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

/**
 * Streams every item the page loader yields, as CSV (with a header row of `columns`) or as NDJSON.
 * `pages` is an async iterable of item arrays, fetched one page at a time.
 */
export function exportStream(format: 'csv' | 'ndjson', columns: string[], pages: AsyncIterable<Record<string, unknown>[]>): Readable {
  async function* lines() {
    // A byte-order mark makes spreadsheet programs read the UTF-8 (Korean names) correctly.
    if (format === 'csv') yield `\uFEFF${csvLine(columns)}`;
    // One chunk per page, not per line: a chunk per line costs a buffer entry and a write each.
    for await (const items of pages) {
      let chunk = '';
      for (const item of items) {
        chunk += format === 'csv' ? csvLine(columns.map((column) => valueAt(item, column))) : `${JSON.stringify(item)}\n`;
      }
      if (chunk !== '') yield chunk;
    }
  }
  return Readable.from(lines(), { objectMode: false });
}
