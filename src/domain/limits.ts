// How long each kind of text and how long each list of a record may be. One table for every place that writes
// records (the write API's schemas, the seed's) and every place that documents them (the response schemas): a
// maximum the document states is one every writer holds to, so no stored record can break it.
import { z } from 'zod';

/** Characters (UTF-16 code units, as JavaScript and JSON Schema's maxLength count them) per kind of text. */
export const TEXT_MAX = {
  /** Names of companies, chips, founders and deployments, Korean names, aliases, a chip's architecture. */
  name: 200,
  /** A deal's title, English or Korean. */
  title: 300,
  /** A figure as the source writes it ("1,020억", "1억 1천만 달러"). */
  notation: 200,
  /** A spec's unit ("transistors"). */
  unit: 50,
  /** A spec given in words. */
  specText: 1000,
  /** Who an unnamed deal party is. */
  partyDescription: 500,
  /** A record's description, a metric's, a deployment's. */
  description: 2000,
  /** A passage of a document, verbatim. */
  quote: 4000,
  /** A document's title, as written or in English. */
  documentTitle: 500,
  /** A document's URL or archive URL. */
  url: 2000,
  /** A licence: an SPDX id or its words. */
  licence: 300,
  /** Where a currency rate comes from. */
  rateBasis: 300,
  /** A currency rate as an exact decimal ("1292.20"). */
  rate: 30,
} as const;

/** Entries per list a record holds. */
export const LIST_MAX = {
  aliases: 50,
  /** A document's authors, and its other credits. */
  authors: 50,
  /** Passages quoting one document, and documents superseding one. */
  passages: 10_000,
  sources: 50,
  founders: 20,
  partners: 50,
  specs: 100,
  deployments: 100,
  investors: 100,
  parties: 50,
} as const;

/** Text as a response shows it: its kind's maximum, which every writer holds to. */
export function shownText(kind: keyof typeof TEXT_MAX) {
  return z.string().max(TEXT_MAX[kind]);
}
