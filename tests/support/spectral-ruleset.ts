// The project's Spectral ruleset: Spectral's OpenAPI rules (`spectral:oas`, recommended) and the OWASP API Security
// Top 10 2023 ruleset, every rule on, except where a rule does not fit this API. Those are listed here, each with
// its reason; where only part of a rule misfits, a copy of it (its own check, OWASP's own function) runs on the rest.
import type { RulesetDefinition } from '@stoplight/spectral-core';
import { oas } from '@stoplight/spectral-rulesets';
import owaspModule from '@stoplight/spectral-owasp-ruleset';
import { SENT_BEFORE_ANY_HOOK, SENT_BEFORE_ANY_REQUEST } from '../../src/plugins/errors.js';

type RuleDefinition = Record<string, unknown> & { given: string | string[] };
type OwaspRuleset = { rules: Record<string, RuleDefinition> };

// NOTE: the package has one .d.ts for its CommonJS and ES builds. TypeScript reads it as CommonJS (the ruleset under
// `.default`); the ES build, which is what runs here, exports the ruleset itself.
const owasp = ('default' in owaspModule ? owaspModule.default : owaspModule) as unknown as OwaspRuleset;
const owaspRules = owasp.rules;

/** Every rule of the OWASP ruleset, by name. */
export const OWASP_RULE_NAMES = Object.keys(owaspRules);

/** An OWASP rule with the same check, run only where it fits. */
function narrowed(name: string, given: string | string[], description: string, options: { resolved?: false } = {}): RuleDefinition {
  return { ...owaspRules[name]!, given, description, ...options };
}

/**
 * Responses that Node's HTTP parser (431: headers too large) or the router (414: a path parameter far too long)
 * send before any hook has run: nothing has counted the request against a budget, so they carry no rate-limit
 * headers, and the document does not pretend they do.
 */
const notBeforeAnyHook = [...SENT_BEFORE_ANY_HOOK].map((status) => `@property != '${status}'`).join(' && ');
/** Node's 431 is written on the socket before there is a request with an Origin: it carries no CORS headers. */
const notBeforeAnyRequest = [...SENT_BEFORE_ANY_REQUEST].map((status) => `@property != '${status}'`).join(' && ');

/**
 * Arrays of related records that grow with the data, with no maximum the API could promise: a company's chips,
 * partnerships, deployments, rounds, investments, deals, metrics and the companies that belong to it; the records
 * citing a passage. Most can also be paged through their own lists (`/v1/chips?vendor=`, `?partner=`,
 * `/v1/funding-rounds?company=`, `?investor=`, `/v1/deals?vendor=`). Every other array has a maxItems the API
 * holds to.
 */
export const ARRAYS_GROWING_WITH_THE_DATA: readonly string[] = [
  ...['Vendor', 'VendorFields'].flatMap((schema) =>
    ['children', 'chips', 'chipPartnerships', 'deployments', 'fundingRounds', 'investments', 'deals', 'metrics'].map(
      (property) => `${schema}.${property}`,
    ),
  ),
  ...['vendors', 'chips', 'fundingRounds', 'deals', 'statements'].map((property) => `Citations.${property}`),
];
const notGrowingWithTheData = ARRAYS_GROWING_WITH_THE_DATA.map((dotted) => {
  const [schema, property] = dotted.split('.');
  return `@path != "$['components']['schemas']['${schema}']['properties']['${property}']"`;
}).join(' && ');

/** The rules turned off, each with why; a narrowed copy (named `atlas:...`) runs where the rule does fit. */
export const TURNED_OFF: Record<string, string> = {
  'owasp:api2:2023-read-restricted': 'Reads are public by design (a published dataset); only writes take a key, and they all declare it.',
  'owasp:api4:2023-rate-limit':
    '/health is never counted (monitors poll it) and 414/431 are sent before any counting; atlas:rate-limit-headers checks the rest.',
  'owasp:api8:2023-define-cors-origin':
    '414 and 431 are sent before the CORS hook runs; atlas:cors-origin-header checks every other response.',
  'owasp:api4:2023-array-limit':
    "Relations that grow with the data (a company's chips, a passage's citations) have no maximum to promise; atlas:array-limit checks every other array.",
  'owasp:api8:2023-define-error-responses-401': 'Reads are public and never answer 401; atlas:write-responses-401 checks every write.',
  'owasp:api4:2023-rate-limit-responses-429': '/health is never rate limited; atlas:rate-limit-responses-429 checks every other operation.',
  'owasp:api8:2023-define-error-validation':
    '/health takes no input, so nothing it is sent is invalid; atlas:define-error-validation checks every other operation.',
};

export const ATLAS_RULESET = {
  extends: [[oas as RulesetDefinition, 'recommended'], owasp as unknown as RulesetDefinition],
  rules: {
    ...Object.fromEntries(Object.keys(TURNED_OFF).map((name) => [name, 'off'])),
    'atlas:rate-limit-headers': narrowed(
      'owasp:api4:2023-rate-limit',
      `$.paths[?(@property != '/health')]..responses[?(@property.match(/^(2|4)/) && ${notBeforeAnyHook})]`,
      'Every counted 2XX and 4XX response documents the RateLimit headers.',
    ),
    'atlas:cors-origin-header': narrowed(
      'owasp:api8:2023-define-cors-origin',
      `$.paths[*][*].responses[?(${notBeforeAnyRequest})].headers`,
      'Every response but Node\'s own 431 documents Access-Control-Allow-Origin.',
    ),
    'atlas:array-limit': narrowed(
      'owasp:api4:2023-array-limit',
      [
        `$..[?(@ && @.type == "array" && ${notGrowingWithTheData})]`,
        `$..[?(@ && @.type && @.type.constructor.name === "Array" && @.type.includes("array") && ${notGrowingWithTheData})]`,
      ],
      'Every array but the relations that grow with the data has a maxItems.',
      // On the document as written, so that `@path` is where a schema is defined, not each place a $ref inlines it.
      { resolved: false },
    ),
    'atlas:write-responses-401': narrowed(
      'owasp:api8:2023-define-error-responses-401',
      '$.paths[*][post,put,patch,delete].responses',
      'Every write documents 401 with its body.',
    ),
    'atlas:rate-limit-responses-429': narrowed(
      'owasp:api4:2023-rate-limit-responses-429',
      "$.paths[?(@property != '/health')][*].responses",
      'Every counted operation documents 429 with its body.',
    ),
    'atlas:define-error-validation': narrowed(
      'owasp:api8:2023-define-error-validation',
      "$.paths[?(@property != '/health')][*].responses",
      'Every operation that takes input documents how it refuses invalid input.',
    ),
  },
} as unknown as RulesetDefinition & { rules: Record<string, unknown> };
