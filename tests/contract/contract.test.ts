// The contract: the OpenAPI document the service serves is the committed docs/openapi.json, to the byte as
// `npm run openapi:update` writes it. A change to the served document therefore shows in review as a diff of that
// file, made on purpose; one made by accident fails here, saying where the two first part.
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT_FILE, renderContract } from '../../src/cli/contract.js';
import { withSharedComponents } from '../../src/http/document-components.js';
import { withoutSharedComponents } from '../support/shared-components.js';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();
afterAll(() => app.close());

/** The first place, as a JSON pointer, where `a` and `b` differ; null when they are the same. */
function firstDifference(a: unknown, b: unknown, pointer = ''): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return pointer || '/';
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    if (found !== null) return found;
  }
  // Same members in another order: JSON.stringify would still tell them apart, and so does the contract's text.
  return JSON.stringify(Object.keys(a)) === JSON.stringify(Object.keys(b)) ? null : `${pointer || '/'} (member order)`;
}

describe(`the contract, ${CONTRACT_FILE}`, () => {
  const served = app.inject({ method: 'GET', url: '/openapi.json' }).then((response) => {
    expect(response.statusCode).toBe(200);
    return response.json() as Record<string, unknown>;
  });
  const committed = readFile(CONTRACT_FILE, 'utf8');

  it('is the served document, as `npm run openapi:update` writes it (else run it and commit the diff)', async () => {
    const document = await served;
    const text = await committed;
    expect(firstDifference(JSON.parse(text), document), 'first difference, served against committed').toBeNull();
    expect(text).toBe(renderContract(document));
  });

  it('would notice a change a client sees: a new field, a changed description, a dropped operation', async () => {
    const committedDocument = JSON.parse(await committed) as {
      paths: Record<string, Record<string, { description?: string }>>;
      components: { schemas: { Chip: { properties: Record<string, unknown> } } };
    };
    const withField = structuredClone(committedDocument);
    withField.components.schemas.Chip.properties['codename'] = { type: 'string' };
    expect(firstDifference(withField, committedDocument)).toBe('/components/schemas/Chip/properties/codename');
    const reworded = structuredClone(committedDocument);
    reworded.paths['/v1/chips']!['get']!.description += ' (changed)';
    expect(firstDifference(reworded, committedDocument)).toBe('/paths/~1v1~1chips/get/description');
    const dropped = structuredClone(committedDocument);
    delete dropped.paths['/v1/chips'];
    expect(firstDifference(dropped, committedDocument)).toBe('/paths/~1v1~1chips');
    expect(renderContract(dropped)).not.toBe(await committed);
  });

  it('says each shared header and repeated response once, and loses nothing by it', async () => {
    const document = (await served) as { components: { headers: Record<string, unknown>; responses: Record<string, unknown> } };
    const flat = withoutSharedComponents(document);
    // The served document is the factoring of the whole one, and the factoring undoes exactly.
    expect(withSharedComponents(structuredClone(flat))).toEqual(document);
    expect(withoutSharedComponents(withSharedComponents(structuredClone(flat)))).toEqual(flat);
    // Every reference names something there.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(headers|responses)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(500);
    for (const [, table, name] of refs) expect(document.components[table as 'headers' | 'responses'], `${table}/${name}`).toHaveProperty([name!]);
    expect(Object.keys(document.components.headers)).toEqual(expect.arrayContaining(['X-Request-Id', 'RateLimit-Limit', 'Access-Control-Allow-Origin']));
    // Written out in every operation, the same document is more than three times the size.
    expect(JSON.stringify(flat).length).toBeGreaterThan(3 * JSON.stringify(document).length);
  });
});
