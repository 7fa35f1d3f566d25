// The closed vocabularies of the dataset. The database stores these as TEXT; this file is the only place
// that says which values are allowed, and the API schemas, the seed validation and the OpenAPI document
// all read them from here.
import { z } from 'zod';

export const StanceSchema = z
  .enum(['fact', 'report', 'plan', 'estimate'])
  .meta({
    id: 'Stance',
    description:
      'How the article frames the statement: `fact` (stated as true), `report` (hearsay: "알려졌다", "전해진다"), ' +
      '`plan` (an intention: "계획이다"), `estimate` (a projection or estimate: "예상된다", "추산된다", "전망").',
    example: 'fact',
  });

export const DatePrecisionSchema = z.enum(['day', 'month', 'quarter', 'year']).meta({
  id: 'DatePrecision',
  description: 'How precisely the article gives a date. A value never claims more precision than the article.',
  example: 'month',
});

// Only qualifiers that narrow a date *within* its period: range filters and the timeline read a qualified date
// as its whole period, which stays true for early/mid/late but would not for 'before' or 'since'.
export const DateQualifierSchema = z.enum(['early', 'mid', 'late']).meta({
  id: 'DateQualifier',
  description: 'Where within its period a date falls, as the article says, e.g. `early` for "2024년 초" (early 2024).',
  example: 'early',
});

export const VendorKindSchema = z
  .enum([
    'big_tech',
    'startup',
    'semiconductor',
    'investor',
    'conglomerate',
    'telecom',
    'financial',
    'advisory',
    'media',
    'other',
  ])
  .meta({ id: 'VendorKind', description: 'What kind of company this is.', example: 'startup' });

export const VendorRoleSchema = z
  .enum(['designer', 'investor', 'funded', 'partner', 'customer', 'acquirer', 'acquired'])
  .meta({
    id: 'VendorRole',
    description:
      'A role a company plays in the dataset, derived from its relations: `designer` (designs a chip), ' +
      '`investor` (invested in a round), `funded` (raised a round), `partner` (co-develops or manufactures a chip, ' +
      'or is a party to a partnership), `customer` (runs or buys another company\'s chips), `acquirer` and `acquired` ' +
      '(in an acquisition `completed`, `announced` or `ongoing`; one only `considering` or `planned` gives neither role).',
    example: 'investor',
  });

export const ChipKindSchema = z
  .enum(['ai_accelerator', 'gpu', 'cpu', 'tpu', 'npu', 'network_interface', 'processor'])
  .meta({ id: 'ChipKind', description: 'The kind of chip.', example: 'gpu' });

export const ChipPurposeSchema = z
  .enum(['training', 'inference', 'training_and_inference', 'general_compute', 'networking'])
  .meta({ id: 'ChipPurpose', description: 'What the chip is for, where the article says.', example: 'inference' });

export const ChipPartnerRoleSchema = z
  .enum(['co_developer', 'manufacturer'])
  .meta({ id: 'ChipPartnerRole', description: 'How a partner takes part in a chip.', example: 'co_developer' });

export const ChipSpecKeySchema = z
  .enum(['transistor_count', 'peak_performance', 'memory_system', 'process', 'compute_approach', 'other'])
  .meta({ id: 'ChipSpecKey', description: 'Which specification this is.', example: 'transistor_count' });

export const BoundSchema = z.enum(['exact', 'at_least', 'up_to', 'approximate']).meta({
  id: 'Bound',
  description:
    'How a figure is bounded in the article: `exact`, `at_least` ("이상", "more than"), `up_to` ("최대"), ' +
    '`approximate` ("약", "여").',
  example: 'at_least',
});

export const DeploymentKindSchema = z
  .enum(['datacenter', 'system', 'service', 'customer_infrastructure'])
  .meta({ id: 'DeploymentKind', description: 'Where a chip runs.', example: 'service' });

export const CurrencySchema = z
  .enum(['USD', 'KRW'])
  .meta({ id: 'Currency', description: 'ISO 4217 currency code.', example: 'USD' });

export const RoundTypeSchema = z
  .enum(['seed', 'series_a', 'series_b', 'series_c', 'series_d', 'strategic', 'undisclosed'])
  .meta({
    id: 'RoundType',
    description: 'The type of funding round; `undisclosed` when the article does not name one.',
    example: 'series_b',
  });

export const DealKindSchema = z
  .enum(['acquisition', 'partnership', 'manufacturing', 'supply'])
  .meta({ id: 'DealKind', description: 'What kind of transaction.', example: 'acquisition' });

export const DealStatusSchema = z
  .enum(['completed', 'announced', 'ongoing', 'considering', 'planned'])
  .meta({
    id: 'DealStatus',
    description: 'Where the transaction stands according to the article; `considering` for ones only being weighed.',
    example: 'completed',
  });

export const DealPartyRoleSchema = z
  .enum(['acquirer', 'target', 'partner', 'supplier', 'customer'])
  .meta({
    id: 'DealPartyRole',
    description:
      'The part a company plays in a deal, one its kind has: `acquirer`/`target` in an acquisition, `partner` in a ' +
      'partnership, `supplier`/`customer` in a supply deal, any of `partner`/`supplier`/`customer` in a ' +
      'manufacturing deal (a production partnership, or a foundry making a customer\'s chips).',
    example: 'acquirer',
  });

/** The roles each kind of deal has: what the graph draws its edges from, and all a party may be. */
export const DEAL_ROLES_BY_KIND: Record<z.infer<typeof DealKindSchema>, readonly z.infer<typeof DealPartyRoleSchema>[]> = {
  acquisition: ['acquirer', 'target'],
  partnership: ['partner'],
  manufacturing: ['partner', 'supplier', 'customer'],
  supply: ['supplier', 'customer'],
};

export const MetricKeySchema = z
  .enum(['revenue', 'annual_cost', 'valuation'])
  .meta({ id: 'MetricKey', description: 'Which figure about a company this is.', example: 'revenue' });

export const StatementAboutSchema = z.enum(['company', 'chip', 'market']).meta({
  id: 'StatementAbout',
  description: 'What a statement is about: a company (`vendor`), a chip (`chip`), or the market as a whole (neither).',
  example: 'company',
});

export const StatementTopicSchema = z
  .enum(['strategy', 'infrastructure', 'supply', 'demand', 'cost', 'other'])
  .meta({
    id: 'StatementTopic',
    description:
      "The curator's heading for a statement: a company's `strategy`, its data centres and servers (`infrastructure`), " +
      'chip `supply`, `demand` for chips, what chips `cost` to make or run, or `other`.',
    example: 'strategy',
  });

/** The longest slug. */
export const DocumentKindSchema = z
  .enum(['article', 'press_release', 'datasheet', 'filing', 'report', 'dataset', 'web_page', 'other'])
  .meta({ id: 'DocumentKind', description: 'What kind of document it is.', example: 'article' });

export const CreditRoleSchema = z
  .enum(['photographs', 'illustrations', 'graphics', 'editing', 'translation', 'other'])
  .meta({ id: 'CreditRole', description: 'What a credited contributor did, besides writing (authors are listed apart).', example: 'photographs' });

/**
 * A BCP 47 language tag in its usual form: a 2–3 letter language, then optional script, region and variants
 * (`ko`, `en-US`, `zh-Hant-TW`). Private-use and grandfathered tags are not needed here.
 */
export function languageTag() {
  return z
    .string()
    .max(35)
    .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?(-([a-z0-9]{5,8}|\d[a-z0-9]{3}))*$/, 'must be a BCP 47 language tag such as `ko`, `en` or `en-US`');
}

export const LanguageTagSchema = languageTag().meta({ id: 'LanguageTag', description: 'BCP 47 language tag of the text, e.g. `ko`, `en`, `en-US`.', example: 'ko' });

export const MAX_SLUG_LENGTH = 80;

/** The slug format, unregistered: query parameters use it inline so their own descriptions show. */
export const SlugFormatSchema = z
  .string()
  .min(1)
  .max(MAX_SLUG_LENGTH)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters and digits in words joined by single hyphens');

export const SlugSchema = SlugFormatSchema.meta({
    id: 'Slug',
    description: 'Stable identifier: lowercase ASCII letters and digits, words joined by single hyphens, at most 80.',
  example: 'd-matrix',
});

/** A partial date as written in the dataset: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD. */
export const PartialDateTextSchema = z
  .string()
  .max('YYYY-MM-DD'.length)
  .regex(
    /^\d{4}(?:-Q[1-4]|-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/,
    'must be YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD',
  );
