// How the dashboard words and formats what the API returns: names in the chosen language, the vocabularies in
// English, dates at the precision the article gives, money exactly (amounts are integer strings) or compactly.
import type { components, PartialDate } from '../client/index.js';

type Schemas = components['schemas'];

export type Language = 'en' | 'ko';

let language: Language = 'en';
const listeners: (() => void)[] = [];

export function currentLanguage(): Language {
  return language;
}

/** Switches every name on the page: each section re-renders what it has, nothing is fetched again. */
export function setLanguage(next: Language): void {
  if (next === language) return;
  language = next;
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.push(listener);
}

/** A name in the chosen language: the Korean as the article writes it, where it gives one. */
export function nameOf(record: { name: string; nameKo?: string | null }): string {
  return language === 'ko' && record.nameKo ? record.nameKo : record.name;
}

/** The `lang` of a name as shown, so Korean text is marked (and rendered) as Korean. */
export function langOf(record: { name: string; nameKo?: string | null }): Language {
  return language === 'ko' && record.nameKo ? 'ko' : 'en';
}

export const CHIP_KINDS: Record<Schemas['ChipKind'], string> = {
  ai_accelerator: 'AI accelerator',
  gpu: 'GPU',
  cpu: 'CPU',
  tpu: 'TPU',
  npu: 'NPU',
  network_interface: 'Network interface',
  processor: 'Processor',
};

export const CHIP_PURPOSES: Record<Schemas['ChipPurpose'], string> = {
  training: 'Training',
  inference: 'Inference',
  training_and_inference: 'Training & inference',
  general_compute: 'General compute',
  networking: 'Networking',
};

/** How the article frames a passage, with the Korean ending that marks it. */
export const STANCES: Record<Schemas['Stance'], { label: string; marker: string | null }> = {
  fact: { label: 'Fact', marker: null },
  report: { label: 'Reported', marker: '알려졌다' },
  plan: { label: 'Planned', marker: '계획이다' },
  estimate: { label: 'Estimated', marker: '예상된다' },
};

export const EVENT_TYPES: Record<Schemas['EventType'], string> = {
  founding: 'Founded',
  chip_announcement: 'Chip announced',
  chip_availability: 'Chip available',
  deployment: 'Deployment',
  funding_round: 'Funding',
  deal: 'Deal',
};

export const ROUND_TYPES: Record<Schemas['RoundType'], string> = {
  seed: 'Seed',
  series_a: 'Series A',
  series_b: 'Series B',
  series_c: 'Series C',
  series_d: 'Series D',
  strategic: 'Strategic',
  undisclosed: 'Undisclosed round',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as precise as the article gives it: `15 Nov 2023`, `Sep 2023`, `Q1 2024`, `early 2024`, `2015`. */
export function formatDate(date: PartialDate | null | undefined): string {
  if (!date) return '—';
  const [year = '', second = '', day] = date.value.split('-');
  let text: string;
  if (date.precision === 'day') text = `${Number(day)} ${MONTHS[Number(second) - 1]} ${year}`;
  else if (date.precision === 'month') text = `${MONTHS[Number(second) - 1]} ${year}`;
  else if (date.precision === 'quarter') text = `${second} ${year}`;
  else text = year;
  return date.qualifier ? `${date.qualifier} ${text}` : text;
}

const COMPACT_USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });

/** `$1B`, `$335M`, `$48M`: for axes and bar labels. Amounts this large lose nothing that matters at this size. */
export function compactUsd(amount: number): string {
  return COMPACT_USD.format(amount);
}

/** An exact amount in its currency, digits grouped: `KRW 62,000,000,000`. BigInt: no rounding past 2^53. */
export function exactAmount(amount: string, currency: string): string {
  return `${currency} ${BigInt(amount).toLocaleString('en-US')}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
