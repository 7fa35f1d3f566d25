// The served OpenAPI document passes Spectral's OpenAPI ruleset (`spectral:oas`) without errors, the checks that
// API tooling and code generators trip over (invalid schemas and examples, unresolved $refs, duplicate ids).
import { describe, expect, it } from 'vitest';
import { Document, Spectral, type ISpectralDiagnostic, type RulesetDefinition } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { createTestApp } from './support/test-app.js';

const { app } = await createTestApp();

/** Spectral's severities: 0 error, 1 warning, 2 information, 3 hint. */
const ERROR = 0;

/** What `extends: spectral:oas` means in a .spectral.yaml. The ruleset's inferred type misses Spectral's own. */
const OAS_RECOMMENDED = { extends: [[oas as RulesetDefinition, 'recommended']] } satisfies RulesetDefinition;

async function lint(text: string): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  spectral.setRuleset(OAS_RECOMMENDED);
  // Linting the text (not the parsed object) lets each finding name its place in the document.
  return spectral.run(new Document(text, Parsers.Json, '/openapi.json'));
}

const describeFinding = (finding: ISpectralDiagnostic) => `${finding.code} at ${finding.path.join('.')}: ${finding.message}`;

const served = await app.inject({ method: 'GET', url: '/openapi.json' });
// Linting the whole document takes 10 to 50 seconds here, nearly all of it checking every example against its
// schema (the most useful rule): once per file.
const findings = await lint(served.body);

describe('the OpenAPI document under spectral:oas', () => {
  it('has no errors', () => {
    expect(findings.filter((finding) => finding.severity === ERROR).map(describeFinding)).toEqual([]);
  });

  it('has no warnings either: servers, contact, descriptions, and no unused components', () => {
    expect(findings.map(describeFinding)).toEqual([]);
  });

  it('has no findings at all for the timeline and graph operations', () => {
    const ours = findings.filter(
      (finding) => finding.path[0] === 'paths' && ['/v1/events', '/v1/graph'].includes(String(finding.path[1])),
    );
    expect(ours.map(describeFinding)).toEqual([]);
  });

  it('lints the document the API serves, timeline and graph included', () => {
    expect(served.statusCode).toBe(200);
    expect(Object.keys(served.json().paths)).toEqual(expect.arrayContaining(['/v1/events', '/v1/graph']));
  });

  it('reports errors in a broken document, so a clean result means something', async () => {
    // A small document (linting the served one again would take seconds): two operations sharing an id, a
    // $ref to nothing, and an example that breaks its schema.
    const broken = {
      openapi: '3.1.0',
      info: { title: 'Broken', version: '1', description: 'x', contact: { name: 'x' } },
      servers: [{ url: 'https://api.example.org' }],
      tags: [{ name: 't', description: 't' }],
      paths: {
        '/a': { get: { operationId: 'same', description: 'a', tags: ['t'], responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Missing' } } } } } } },
        '/b': { get: { operationId: 'same', description: 'b', tags: ['t'], responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'integer', example: 'ten' } } } } } } },
      },
    };
    const errors = (await lint(JSON.stringify(broken))).filter((finding) => finding.severity === ERROR).map((finding) => finding.code);
    expect(errors).toEqual(expect.arrayContaining(['operation-operationId-unique', 'invalid-ref', 'oas3-valid-schema-example']));
  });
});
