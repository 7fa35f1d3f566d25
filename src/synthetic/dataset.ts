// A synthetic dataset at any scale, for measuring and testing the service far beyond the article's 48 records.
// Deterministic: the same scale and seed give the same records, byte for byte, on every machine. Records are
// shaped like the article's (a few companies design most chips, rounds have several investors, deals have the
// parties their kind takes, chips have specs, partners and deployments) and every one cites real passages of the
// article, taken from the seed records of the same kind. Never part of the seed: see src/cli/synthetic.ts.
import type { z } from 'zod';
import type { ChipInputSchema } from '../chips/schemas.js';
import type { DealInputSchema } from '../deals/schemas.js';
import type { FundingRoundInputSchema } from '../funding-rounds/schemas.js';
import type { Dataset } from '../seed/dataset-schema.js';
import { DEAL_ROLES_BY_KIND } from '../domain/vocabulary.js';
import type { VendorInputSchema } from '../vendors/schemas.js';
import { companyDocuments, type DocumentInput, type SourceInput } from './documents.js';

export type VendorInput = z.input<typeof VendorInputSchema>;
export type ChipInput = z.input<typeof ChipInputSchema>;
export type FundingRoundInput = z.input<typeof FundingRoundInputSchema>;
export type DealInput = z.input<typeof DealInputSchema>;

export interface SyntheticDataset {
  documents: DocumentInput[];
  sources: SourceInput[];
  vendors: VendorInput[];
  chips: ChipInput[];
  fundingRounds: FundingRoundInput[];
  deals: DealInput[];
}

/** mulberry32: small, fast and the same everywhere (Math.random cannot be seeded). */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (probability: number) => next() < probability;
  const weighted = <T extends string>(weights: Record<T, number>): T => {
    const entries = Object.entries(weights) as [T, number][];
    let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  };
  /** `count` distinct items, in the order drawn. */
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const chosen = new Set<T>();
    const wanted = Math.min(count, items.length);
    while (chosen.size < wanted) chosen.add(pick(items));
    return [...chosen];
  };
  return { next, int, pick, chance, weighted, sample };
}
type Random = ReturnType<typeof randomSource>;

/**
 * A Zipf-like choice over `items` (the first most likely): a few companies design most chips and take part in
 * most rounds, as in the market. Precomputed cumulative weights, so a draw is a binary search.
 */
function skewedPicker<T>(random: Random, items: readonly T[], exponent = 1.1) {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= items.length; rank += 1) {
    total += 1 / rank ** exponent;
    cumulative.push(total);
  }
  return () => {
    const roll = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < roll) low = middle + 1;
      else high = middle;
    }
    return items[low]!;
  };
}

// Syllables with a Korean rendering each, so a made-up company has an English and a Korean name that match.
const SYLLABLES: readonly [string, string][] = [
  ['ka', '카'], ['kel', '켈'], ['tra', '트라'], ['vor', '보르'], ['nex', '넥스'], ['sil', '실'], ['ra', '라'],
  ['lum', '룸'], ['ion', '이온'], ['tes', '테스'], ['mo', '모'], ['ri', '리'], ['zen', '젠'], ['ar', '아르'],
  ['qua', '콰'], ['tum', '텀'], ['no', '노'], ['va', '바'], ['cer', '세르'], ['bra', '브라'], ['lin', '린'],
  ['tek', '텍'], ['sy', '시'], ['rex', '렉스'], ['on', '온'], ['da', '다'], ['hy', '하이'], ['per', '퍼'],
  ['gi', '기'], ['ta', '타'], ['mi', '미'], ['cro', '크로'], ['ne', '네'], ['ur', '우르'], ['pho', '포'],
  ['ton', '톤'], ['vi', '비'], ['ex', '엑스'], ['al', '알'], ['fa', '파'], ['so', '소'], ['len', '렌'],
];

const VENDOR_KIND_WEIGHTS = {
  startup: 34,
  semiconductor: 14,
  big_tech: 8,
  investor: 20,
  conglomerate: 5,
  telecom: 5,
  financial: 8,
  advisory: 2,
  media: 1,
  other: 3,
} as const;
type VendorKind = keyof typeof VENDOR_KIND_WEIGHTS;

/** Name endings by kind, with their Korean; '' leaves the name bare. */
const NAME_ENDINGS: Record<VendorKind, readonly [string, string][]> = {
  startup: [['AI', 'AI'], ['Labs', '랩스'], ['Systems', '시스템즈'], ['Silicon', '실리콘'], ['Compute', '컴퓨트'], ['', '']],
  semiconductor: [['Semiconductor', '반도체'], ['Micro', '마이크로'], ['Devices', '디바이스']],
  big_tech: [['', ''], ['Cloud', '클라우드'], ['Technologies', '테크놀로지']],
  investor: [['Ventures', '벤처스'], ['Capital', '캐피탈'], ['Partners', '파트너스']],
  conglomerate: [['Group', '그룹'], ['Holdings', '홀딩스'], ['Industries', '산업']],
  telecom: [['Telecom', '텔레콤'], ['Networks', '네트웍스']],
  financial: [['Securities', '증권'], ['Asset Management', '자산운용'], ['Bank', '은행']],
  advisory: [['Advisors', '어드바이저스']],
  media: [['Media', '미디어']],
  other: [['Industries', '인더스트리'], ['Works', '웍스']],
};

const COUNTRY_WEIGHTS = { US: 40, KR: 20, CN: 10, JP: 6, TW: 6, IL: 4, GB: 4, DE: 3, FR: 3, CA: 2, IN: 2 } as const;

const DESCRIPTIONS: Record<VendorKind, string> = {
  startup: 'AI chip startup designing accelerators for data-centre workloads.',
  semiconductor: 'Semiconductor company that designs and manufactures chips for other companies.',
  big_tech: 'Technology company building its own chips for its cloud and services.',
  investor: 'Venture investor backing AI semiconductor companies.',
  conglomerate: 'Industrial group with interests in semiconductors and electronics.',
  telecom: 'Telecommunications operator running AI infrastructure for its customers.',
  financial: 'Financial group investing in AI chip companies.',
  advisory: 'Advisory firm working with AI chip companies.',
  media: 'Media company covering the AI chip market.',
  other: 'Company active in the AI chip market.',
};

const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** A date between two years at a random precision: a year (sometimes early, mid or late), a quarter, a month or a day. */
function partialDate(random: Random, fromYear: number, toYear: number): { value: string; qualifier?: 'early' | 'mid' | 'late' } {
  const year = random.int(fromYear, toYear);
  const month = String(random.int(1, 12)).padStart(2, '0');
  switch (random.weighted({ year: 30, quarter: 10, month: 40, day: 20 })) {
    case 'year':
      return random.chance(0.3) ? { value: `${year}`, qualifier: random.pick(['early', 'mid', 'late'] as const) } : { value: `${year}` };
    case 'quarter':
      return { value: `${year}-Q${random.int(1, 4)}` };
    case 'month':
      return { value: `${year}-${month}` };
    case 'day':
      // 28 days exist in every month.
      return { value: `${year}-${month}-${String(random.int(1, 28)).padStart(2, '0')}` };
  }
}

/** The passages the seed's records of each kind cite: synthetic records of that kind cite among them. */
function sourcePools(seed: Dataset) {
  const unique = (slugs: string[]) => [...new Set(slugs)].sort();
  return {
    vendor: unique(seed.vendors.flatMap((vendor) => vendor.sources)),
    chip: unique(seed.chips.flatMap((chip) => chip.sources)),
    spec: unique(seed.chips.flatMap((chip) => (chip.specs ?? []).map((spec) => spec.source))),
    partner: unique(seed.chips.flatMap((chip) => [...(chip.partners ?? []).map((partner) => partner.source), ...chip.sources])),
    deployment: unique(seed.chips.flatMap((chip) => [...(chip.deployments ?? []).map((deployment) => deployment.source), ...chip.sources])),
    round: unique(seed.fundingRounds.flatMap((round) => round.sources)),
    deal: unique(seed.deals.flatMap((deal) => deal.sources)),
  };
}

/**
 * The article's own figures, each with the passage that writes it. A figure is only ever written as its source
 * writes it (the stores refuse a notation that stands in no cited passage), so synthetic records take their
 * figures from the article and cite the passage each stands in.
 */
function figurePools(seed: Dataset) {
  const quoteOf = new Map(seed.sources.map((source) => [source.slug, source.quote]));
  const specs = seed.chips.flatMap((chip) => (chip.specs ?? []).filter((spec) => spec.value != null));
  const unitCounts = seed.chips.flatMap((chip) => (chip.deployments ?? []).filter((deployment) => deployment.unitCount != null));
  const money = seed.fundingRounds.flatMap((round) => {
    if (!round.amount) return [];
    const notation = round.amount.notation;
    const source = round.sources.find((slug) => quoteOf.get(slug)?.includes(notation));
    return source === undefined ? [] : [{ amount: round.amount, usdRate: round.usdRate, source }];
  });
  // Years as the article writes them ('2017년'), each with a passage that holds it.
  const years = [...quoteOf].flatMap(([slug, quote]) => [...quote.matchAll(/(19[5-9]\d|20[0-2]\d)년/g)].map((match) => ({ year: Number(match[1]), source: slug })));
  return { specs, unitCounts, money, years };
}

interface MadeVendor {
  slug: string;
  name: string;
  nameKo: string | null;
  base: string;
  baseKo: string;
  kind: VendorKind;
}

export interface SyntheticOptions {
  /**
   * How many times the article's records: 100 gives 1,400 chips, 2,400 companies, 500 rounds and 500 deals, and about
   * 4,800 documents (two a company) with two passages each.
   */
  scale: number;
  /** Another seed gives another dataset of the same shape. */
  seed?: number;
}

/** Records to write on top of the article's dataset, `scale` times as many of each kind as the article has. */
export function syntheticDataset(seed: Dataset, options: SyntheticOptions): SyntheticDataset {
  const random = randomSource((options.seed ?? 20231115) ^ Math.imul(options.scale, 2654435761));
  const pools = sourcePools(seed);
  const figures = figurePools(seed);
  const takenSlugs = new Set<string>([
    ...seed.vendors.map((vendor) => vendor.slug),
    ...seed.chips.map((chip) => chip.slug),
    ...seed.fundingRounds.map((round) => round.slug),
    ...seed.deals.map((deal) => deal.slug),
  ]);
  const unique = (base: string) => {
    let slug = base;
    for (let n = 2; takenSlugs.has(slug); n += 1) slug = `${base}-${n}`;
    takenSlugs.add(slug);
    return slug;
  };
  const cite = (pool: readonly string[]) => random.sample(pool, random.chance(0.3) ? 2 : 1);

  const vendorCount = Math.round(seed.vendors.length * options.scale);
  const chipCount = Math.round(seed.chips.length * options.scale);
  const roundCount = Math.round(seed.fundingRounds.length * options.scale);
  const dealCount = Math.round(seed.deals.length * options.scale);

  // Companies.
  const made: MadeVendor[] = [];
  const vendors: VendorInput[] = [];
  const takenNames = new Set(seed.vendors.map((vendor) => vendor.name.toLowerCase()));
  for (let index = 0; index < vendorCount; index += 1) {
    const kind = random.weighted(VENDOR_KIND_WEIGHTS);
    let base = '';
    let baseKo = '';
    let name = '';
    let nameKo = '';
    do {
      const syllables = Array.from({ length: random.chance(0.6) ? 2 : 3 }, () => random.pick(SYLLABLES));
      base = syllables.map(([en]) => en).join('');
      base = base[0]!.toUpperCase() + base.slice(1);
      baseKo = syllables.map(([, ko]) => ko).join('');
      const [ending, endingKo] = random.pick(NAME_ENDINGS[kind]);
      name = ending ? `${base} ${ending}` : base;
      nameKo = endingKo ? `${baseKo}${endingKo === 'AI' ? '' : ' '}${endingKo}` : baseKo;
    } while (takenNames.has(name.toLowerCase()));
    takenNames.add(name.toLowerCase());
    const slug = unique(slugOf(name));
    const hasKorean = random.chance(0.6);
    const parentCandidates = made.filter((vendor) => vendor.kind === 'conglomerate' || vendor.kind === 'big_tech');
    // A founding year is one the article writes, citing the passage that writes it.
    const year = figures.years.length > 0 && random.chance(0.7) ? random.pick(figures.years) : null;
    const founding = year === null ? { sources: [] } : { foundedYear: year.year, sources: [year.source] };
    const input: VendorInput = {
      slug,
      name,
      ...(hasKorean && { nameKo }),
      ...(random.chance(0.15) && { aliases: [`${base} Inc.`] }),
      kind,
      ...(random.chance(0.8) && { country: random.weighted(COUNTRY_WEIGHTS) }),
      ...founding,
      ...(kind === 'startup' && random.chance(0.4) && { founders: [{ name: `${random.pick(SYLLABLES)[0].toUpperCase()}. ${base}` }] }),
      description: DESCRIPTIONS[kind],
      ...(parentCandidates.length > 0 && random.chance(0.03) && { parent: random.pick(parentCandidates).slug }),
      sources: [...new Set([...cite(pools.vendor), ...founding.sources])],
    };
    vendors.push(input);
    made.push({ slug, name, nameKo: hasKorean ? nameKo : null, base, baseKo, kind });
  }
  const ofKinds = (...kinds: VendorKind[]) => made.filter((vendor) => kinds.includes(vendor.kind));
  // Big companies first in each skewed list: they design, invest and buy the most.
  const byWeight = (list: MadeVendor[]) =>
    [...list].sort((a, b) => (a.kind === 'big_tech' ? 0 : 1) - (b.kind === 'big_tech' ? 0 : 1) || random.next() - 0.5);
  const designers = byWeight(ofKinds('startup', 'big_tech', 'semiconductor'));
  const pickDesigner = skewedPicker(random, designers);
  const manufacturers = ofKinds('semiconductor', 'conglomerate');
  const customers = ofKinds('big_tech', 'telecom', 'startup', 'conglomerate', 'other');
  const pickInvestor = skewedPicker(random, byWeight(ofKinds('investor', 'financial', 'big_tech', 'conglomerate', 'semiconductor')), 0.9);
  const pickFunded = skewedPicker(random, ofKinds('startup'), 0.7);
  const dealMakers = byWeight(ofKinds('big_tech', 'semiconductor', 'conglomerate', 'telecom', 'startup'));
  const pickDealMaker = skewedPicker(random, dealMakers, 0.8);

  // Chips.
  const chips: ChipInput[] = [];
  const chipKinds = { ai_accelerator: 35, npu: 20, gpu: 15, cpu: 10, tpu: 5, processor: 10, network_interface: 5 } as const;
  const purposes = { inference: 35, training: 20, training_and_inference: 25, general_compute: 12, networking: 8 } as const;
  for (let index = 0; index < chipCount; index += 1) {
    const designer = pickDesigner();
    const kind = random.weighted(chipKinds);
    const series = `${designer.base[0]!.toUpperCase()}${String.fromCharCode(65 + random.int(0, 25))}`;
    const generation = random.int(1, 6);
    const model = `${series}-${generation}${random.int(0, 9)}0`;
    const name = `${designer.base} ${model}`;
    const slug = unique(slugOf(name));
    const announced = partialDate(random, 2015, 2024);
    const availableYear = Math.min(2025, Number(announced.value.slice(0, 4)) + random.int(0, 1));
    const partnerCount = random.weighted({ 0: 60, 1: 30, 2: 10 });
    const partners = random
      .sample(manufacturers.filter((vendor) => vendor.slug !== designer.slug), Number(partnerCount))
      .map((vendor) => ({ vendor: vendor.slug, role: random.pick(['co_developer', 'manufacturer'] as const), source: random.pick(pools.partner) }));
    const specs: NonNullable<ChipInput['specs']> = [];
    // Figures the article states, each with its passage: one spec of a key at most.
    for (const spec of random.sample(figures.specs, Number(random.weighted({ 0: 40, 1: 45, 2: 15 })))) {
      if (!specs.some((taken) => taken.key === spec.key)) specs.push(spec);
    }
    if (random.chance(0.3)) {
      specs.push({ key: 'memory_system', text: `${random.int(2, 4)}-tier memory system`, bound: 'exact', source: random.pick(pools.spec) });
    }
    const deploymentCount = Number(random.weighted({ 0: 65, 1: 28, 2: 7 }));
    const deployments: NonNullable<ChipInput['deployments']> = [];
    for (const customer of random.sample(customers, deploymentCount)) {
      const named = random.chance(0.8);
      const units = figures.unitCounts.length > 0 && random.chance(0.3) ? random.pick(figures.unitCounts) : null;
      deployments.push({
        ...(named && { vendor: customer.slug }),
        kind: random.pick(['datacenter', 'system', 'service', 'customer_infrastructure'] as const),
        name: named ? `${customer.name} data centres` : `${designer.base} cloud service`,
        ...(named && customer.nameKo !== null && { nameKo: `${customer.nameKo} 데이터센터` }),
        ...(units !== null && { unitCount: units.unitCount, unitCountBound: units.unitCountBound, unitCountNotation: units.unitCountNotation }),
        status: random.pick(['fact', 'report', 'plan'] as const),
        ...(random.chance(0.6) && { start: partialDate(random, availableYear, 2025) }),
        source: units !== null ? units.source : random.pick(pools.deployment),
      });
    }
    chips.push({
      slug,
      name,
      ...(designer.nameKo !== null && random.chance(0.5) && { nameKo: `${designer.baseKo} ${model}` }),
      ...(random.chance(0.1) && { aliases: [model] }),
      kind,
      ...(random.chance(0.85) && { purpose: random.weighted(purposes) }),
      ...(random.chance(0.2) && { architecture: random.pick(['dataflow', 'systolic array', 'chiplet', 'RISC-V']) }),
      generation,
      description: `A ${kind.replaceAll('_', ' ')} from ${designer.name}.`,
      designer: designer.slug,
      ...(random.chance(0.85) && { announced }),
      ...(random.chance(0.4) && { available: partialDate(random, availableYear, availableYear) }),
      partners,
      specs,
      deployments,
      sources: cite(pools.chip),
    });
  }

  // Funding rounds.
  const fundingRounds: FundingRoundInput[] = [];
  const roundTypes = { seed: 15, series_a: 25, series_b: 20, series_c: 12, series_d: 5, strategic: 13, undisclosed: 10 } as const;
  for (let index = 0; index < roundCount; index += 1) {
    const company = pickFunded();
    const roundType = random.weighted(roundTypes);
    const date = random.chance(0.85) ? partialDate(random, 2016, 2024) : undefined;
    const investors = new Set<string>();
    const wanted = random.int(1, 6);
    for (let tries = 0; investors.size < wanted && tries < wanted * 4; tries += 1) {
      const investor = pickInvestor();
      if (investor.slug !== company.slug) investors.add(investor.slug);
    }
    const money = figures.money.length > 0 && random.chance(0.9) ? random.pick(figures.money) : null;
    const amount = money === null ? null : BigInt(money.amount.amount);
    fundingRounds.push({
      slug: unique(`${company.slug}-${roundType.replace('_', '-')}${date ? `-${date.value.slice(0, 4)}` : ''}`),
      company: company.slug,
      roundType,
      ...(money !== null && { amount: money.amount, ...(money.usdRate !== undefined && { usdRate: money.usdRate }) }),
      ...(date && { date }),
      investors: [...investors],
      investorsPartial: random.chance(0.4),
      ...(amount !== null && random.chance(0.15) && { valuation: { amount: (amount * BigInt(random.int(5, 20))).toString() }, valuationStance: 'estimate' as const }),
      description: `${company.name} raised money from ${investors.size} investor${investors.size === 1 ? '' : 's'}.`,
      sources: [...new Set([...cite(pools.round), ...(money !== null ? [money.source] : [])])],
    });
  }

  // Deals.
  const deals: DealInput[] = [];
  const dealKinds = { acquisition: 30, partnership: 30, manufacturing: 25, supply: 15 } as const;
  for (let index = 0; index < dealCount; index += 1) {
    const kind = random.weighted(dealKinds);
    const first = pickDealMaker();
    let second = pickDealMaker();
    for (let tries = 0; second.slug === first.slug && tries < 20; tries += 1) second = random.pick(dealMakers);
    if (second.slug === first.slug) continue;
    const [firstRole, secondRole] = {
      acquisition: ['acquirer', 'target'],
      partnership: ['partner', 'partner'],
      manufacturing: ['customer', 'supplier'],
      supply: ['customer', 'supplier'],
    }[kind] as [(typeof DEAL_ROLES_BY_KIND)[typeof kind][number], (typeof DEAL_ROLES_BY_KIND)[typeof kind][number]];
    const unnamedTarget = kind === 'acquisition' && random.chance(0.05);
    const parties: DealInput['parties'] = [
      { vendor: first.slug, role: firstRole },
      unnamedTarget ? { role: secondRole, description: 'An unnamed chip maker the source does not name.' } : { vendor: second.slug, role: secondRole },
    ];
    const title = {
      acquisition: unnamedTarget ? `${first.name} considers acquiring a chip maker` : `${first.name} acquires ${second.name}`,
      partnership: `${first.name} and ${second.name} partner on AI chips`,
      manufacturing: `${first.name} orders chips from ${second.name}`,
      supply: `${second.name} supplies chips to ${first.name}`,
    }[kind];
    const titleKo = {
      acquisition: unnamedTarget ? `${first.nameKo ?? first.name}, 칩 제조사 인수 검토` : `${first.nameKo ?? first.name}, ${second.nameKo ?? second.name} 인수`,
      partnership: `${first.nameKo ?? first.name}·${second.nameKo ?? second.name} AI 칩 협력`,
      manufacturing: `${first.nameKo ?? first.name}, ${second.nameKo ?? second.name}에 칩 생산 의뢰`,
      supply: `${second.nameKo ?? second.name}, ${first.nameKo ?? first.name}에 칩 공급`,
    }[kind];
    const money = figures.money.length > 0 && random.chance(0.3) ? random.pick(figures.money) : null;
    deals.push({
      slug: unique(slugOf(title)),
      title,
      titleKo,
      kind,
      status: unnamedTarget ? 'considering' : random.weighted({ completed: 40, announced: 25, ongoing: 15, considering: 10, planned: 10 }),
      ...(random.chance(0.8) && { date: partialDate(random, 2012, 2024) }),
      ...(money !== null && { amount: money.amount, ...(money.usdRate !== undefined && { usdRate: money.usdRate }) }),
      description: title + '.',
      parties,
      sources: [...new Set([...cite(pools.deal), ...(money !== null ? [money.source] : [])])],
    });
  }

  // Documents: about two per company, naming its chips and other companies, each with two passages the company cites.
  const documents: DocumentInput[] = [];
  const sources: SourceInput[] = [];
  const chipsOf = new Map<string, string[]>();
  for (const chip of chips) chipsOf.set(chip.designer, [...(chipsOf.get(chip.designer) ?? []), chip.name]);
  const pickNamed = skewedPicker(random, made, 0.8);
  made.forEach((company, index) => {
    const others = Array.from({ length: 3 }, pickNamed).filter((other) => other.slug !== company.slug);
    const written = companyDocuments(random, { ...company, chips: (chipsOf.get(company.slug) ?? []).slice(0, 4), others }, unique);
    documents.push(...written.documents);
    sources.push(...written.sources);
    const vendor = vendors[index]!;
    vendor.sources = [...vendor.sources, ...written.sources.map((source) => source.slug)];
  });

  return { documents, sources, vendors, chips, fundingRounds, deals };
}
