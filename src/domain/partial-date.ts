// Dates with the precision the article gives them. Stored as the first day of the period plus the precision;
// the text form (2023, 2023-Q3, 2023-09, 2023-09-14) and the period's last day are derived from those two.
import type { z } from 'zod';
import type { DatePrecisionSchema, DateQualifierSchema } from './vocabulary.js';

export type DatePrecision = z.infer<typeof DatePrecisionSchema>;
export type DateQualifier = z.infer<typeof DateQualifierSchema>;

export interface StoredPartialDate {
  start: string;
  precision: DatePrecision;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD; returns null for anything else, including impossible days and years
 * before 1000 (no company or chip is that old, and JavaScript's Date reads years below 100 as 19xx).
 */
export function parsePartialDate(text: string): StoredPartialDate | null {
  let match = /^([1-9]\d{3})$/.exec(text);
  if (match) return { start: `${match[1]}-01-01`, precision: 'year' };
  match = /^([1-9]\d{3})-Q([1-4])$/.exec(text);
  if (match) return { start: `${match[1]}-${pad((Number(match[2]) - 1) * 3 + 1)}-01`, precision: 'quarter' };
  match = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/.exec(text);
  if (match) return { start: `${match[1]}-${match[2]}-01`, precision: 'month' };
  match = /^([1-9]\d{3})-(0[1-9]|1[0-2])-(\d{2})$/.exec(text);
  if (match) {
    const day = Number(match[3]);
    if (day < 1 || day > daysInMonth(Number(match[1]), Number(match[2]))) return null;
    return { start: text, precision: 'day' };
  }
  return null;
}

/** The text form of a stored partial date, e.g. ('2023-07-01', 'quarter') → '2023-Q3'. */
export function formatPartialDate({ start, precision }: StoredPartialDate): string {
  const [year, month] = start.split('-');
  switch (precision) {
    case 'year':
      return year!;
    case 'quarter':
      return `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`;
    case 'month':
      return `${year}-${month}`;
    case 'day':
      return start;
  }
}

/** The last day of the period a stored partial date covers. */
export function partialDateEnd({ start, precision }: StoredPartialDate): string {
  const [yearText, monthText] = start.split('-');
  const year = Number(yearText);
  const month = Number(monthText);
  switch (precision) {
    case 'year':
      return `${year}-12-31`;
    case 'quarter': {
      const lastMonth = month + 2;
      return `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`;
    }
    case 'month':
      return `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
    case 'day':
      return start;
  }
}

export interface PartialDateView {
  value: string;
  precision: DatePrecision;
  qualifier: DateQualifier | null;
  start: string;
  end: string;
}

/** The API view of a stored date (`start` column + precision + qualifier); null when the article gives none. */
export function toPartialDate(
  start: string | null,
  precision: string | null,
  qualifier: string | null,
): PartialDateView | null {
  if (start === null || precision === null) return null;
  const stored = { start, precision: precision as DatePrecision };
  return {
    value: formatPartialDate(stored),
    precision: stored.precision,
    qualifier: qualifier as DateQualifier | null,
    start,
    end: partialDateEnd(stored),
  };
}
