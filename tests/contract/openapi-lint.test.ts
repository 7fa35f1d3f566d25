// The served OpenAPI document passes Spectral's OpenAPI ruleset (`spectral:oas`) and the OWASP API Security Top 10
// ruleset without errors: the checks API tooling and code generators trip over (invalid schemas and examples,
// unresolved $refs, duplicate ids), and those API security reviews make (bounded strings, arrays and integers,
// rate-limit and CORS headers, documented errors, servers). The rules that do not fit are in
// tests/support/spectral-ruleset.ts, each with its reason.
import { describe, expect, it } from 'vitest';
import { Document, Spectral, type ISpectralDiagnostic, type RulesetDefinition } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { ATLAS_RULESET, OWASP_RULE_NAMES, TURNED_OFF } from '../support/spectral-ruleset.js';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();

/** Spectral's severities: 0 error, 1 warning, 2 information, 3 hint. */
const ERROR = 0;
const WARNING = 1;

async function lint(text: string, ruleset: RulesetDefinition = ATLAS_RULESET): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  spectral.setRuleset(ruleset);
  // Linting the text (not the parsed object) lets each finding name its place in the document.
  return spectral.run(new Document(text, Parsers.Json, '/openapi.json'));
}

const describeFinding = (finding: ISpectralDiagnostic) => `${finding.code} at ${finding.path.join('.')}: ${finding.message}`;
const fromOas = (finding: ISpectralDiagnostic) => !/^(owasp|atlas):/.test(String(finding.code));

const served = await app.inject({ method: 'GET', url: '/openapi.json' });
// Linting the whole document takes 10 to 50 seconds here, nearly all of it checking every example against its
// schema (the most useful rule): once per file.
const findings = await lint(served.body);

describe('the OpenAPI document under spectral:oas and the OWASP ruleset', () => {
  it('has no errors', () => {
    expect(findings.filter((finding) => finding.severity === ERROR).map(describeFinding)).toEqual([]);
  });

  it('has no spectral:oas warnings either: servers, contact, descriptions, and no unused components', () => {
    expect(findings.filter(fromOas).map(describeFinding)).toEqual([]);
  });

  it('has no findings at all from spectral:oas for the timeline and graph operations', () => {
    const ours = findings.filter(
      (finding) => fromOas(finding) && finding.path[0] === 'paths' && ['/v1/events', '/v1/graph'].includes(String(finding.path[1])),
    );
    expect(ours.map(describeFinding)).toEqual([]);
  });

  it('warns only that free text has no format or pattern (names, descriptions, quotes cannot have one)', () => {
    const warnings = findings.filter((finding) => finding.severity === WARNING);
    expect([...new Set(warnings.map((finding) => finding.code))]).toEqual(['owasp:api4:2023-string-restricted']);
  });

  it('lints the document the API serves, timeline and graph included', () => {
    expect(served.statusCode).toBe(200);
    expect(Object.keys(served.json().paths)).toEqual(expect.arrayContaining(['/v1/events', '/v1/graph']));
  });
});

describe('the project ruleset', () => {
  it('keeps every OWASP rule on but those it turns off, each with a reason', () => {
    const rules = ATLAS_RULESET.rules as Record<string, unknown>;
    expect(OWASP_RULE_NAMES.length).toBeGreaterThan(20);
    for (const name of OWASP_RULE_NAMES) {
      if (name in TURNED_OFF) {
        expect(rules[name], name).toBe('off');
        expect(TURNED_OFF[name]!.length, `${name} needs a reason`).toBeGreaterThan(20);
      } else {
        expect(rules[name], name).toBeUndefined();
      }
    }
  });

  it('reports errors in a broken document, so a clean result means something', async () => {
    // A small document (linting the served one again would take seconds): two operations sharing an id, a $ref to
    // nothing, an example that breaks its schema, an unbounded string, array and integer, a success without
    // rate-limit or CORS headers, and a server that names neither its audience nor its environment.
    const broken = {
      openapi: '3.1.0',
      info: { title: 'Broken', version: '1', description: 'x', contact: { name: 'x' } },
      servers: [{ url: 'https://api.example.org', description: 'The API' }],
      tags: [{ name: 't', description: 't' }],
      paths: {
        '/a': { get: { operationId: 'same', description: 'a', tags: ['t'], responses: { 200: { description: 'ok', headers: { 'X-Other': { schema: { type: 'integer', minimum: 0, maximum: 1, format: 'int32' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Missing' } } } } } } },
        '/b': {
          get: {
            operationId: 'same',
            description: 'b',
            tags: ['t'],
            responses: {
              200: {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: { count: { type: 'integer', example: 'ten' }, names: { type: 'array', items: { type: 'string', maxLength: 5 } }, text: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
    const errors = (await lint(JSON.stringify(broken))).filter((finding) => finding.severity === ERROR).map((finding) => finding.code);
    expect(errors).toEqual(
      expect.arrayContaining([
        'operation-operationId-unique',
        'invalid-ref',
        'oas3-valid-schema-example',
        'owasp:api4:2023-string-limit',
        'owasp:api4:2023-integer-limit',
        'owasp:api4:2023-integer-format',
        'atlas:array-limit',
        'atlas:rate-limit-headers',
        'atlas:cors-origin-header',
        'owasp:api9:2023-inventory-access',
        'owasp:api9:2023-inventory-environment',
      ]),
    );
  });
});
