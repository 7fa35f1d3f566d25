// Errors that help: a filter naming a record that does not exist is one rule everywhere (a 400 naming the slug), and
// a misspelt parameter, sort field, relation, value or slug gets the closest known names, in words (`detail`, each
// error's `message`) and as data (`suggestions`).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { closestNames, editDistance } from '../../src/domain/suggest.js';
import { loadDocument } from '../support/api-operations.js';
import { createTestApp } from '../support/test-app.js';
import { writeClient } from '../support/write-client.js';

const CURATOR_KEY = 'curator-key-suggestions-0123456789';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${CURATOR_KEY}` });
const { app } = await createTestApp({ API_KEYS });
const { send } = writeClient(app, { authorization: `Bearer ${CURATOR_KEY}` });

interface FieldError {
  location: string;
  name: string;
  message: string;
  suggestions?: string[];
}

async function problem(url: string) {
  const response = await app.inject({ method: 'GET', url: url.replaceAll('[', '%5B').replaceAll(']', '%5D') });
  expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
  return { status: response.statusCode, body: response.json() as { detail: string; code: string; errors?: FieldError[]; suggestions?: string[] } };
}

describe('a reference filter that names nothing', () => {
  const references = [
    ['/v1/chips', 'vendor'],
    ['/v1/chips', 'partner'],
    ['/v1/funding-rounds', 'company'],
    ['/v1/funding-rounds', 'investor'],
    ['/v1/deals', 'vendor'],
    ['/v1/sources', 'vendor'],
    ['/v1/sources', 'chip'],
    ['/v1/events', 'vendor'],
    ['/v1/graph', 'vendor'],
  ] as const;

  it.each(references)('%s?%s=<unknown> is a 400 naming the slug, as on every list', async (path, parameter) => {
    const { status, body } = await problem(`${path}?${parameter}=no-such-record`);
    expect(status).toBe(400);
    expect(body.code).toBe('invalid_request');
    expect(body.errors).toEqual([expect.objectContaining({ location: 'query', name: parameter, message: expect.stringContaining("'no-such-record'") })]);
  });

  it.each(references.filter(([path]) => !['/v1/events', '/v1/graph'].includes(path)))(
    '%s?%s[in]= names the unknown slugs among known ones',
    async (path, parameter) => {
      const known = parameter === 'chip' ? 'azure-maia-100' : 'samsung';
      const { status, body } = await problem(`${path}?${parameter}[in]=${known},no-such-one,no-such-two`);
      expect(status).toBe(400);
      expect(body.errors![0]).toMatchObject({ name: `${parameter}[in]` });
      expect(body.errors![0]!.message).toContain("'no-such-one', 'no-such-two'");
      expect(body.errors![0]!.message).not.toContain(known);
    },
  );

  it('a known slug with no matching records is still an empty page, not an error', async () => {
    // Meta designs chips and raised no round: its rounds are none, which is an answer.
    const response = await app.inject({ method: 'GET', url: '/v1/funding-rounds?company=meta' });
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toEqual([]);
  });

  it('the document says so on each reference parameter', async () => {
    const document = await loadDocument(app);
    for (const [path, parameter] of references.filter(([p]) => !['/v1/events', '/v1/graph'].includes(p))) {
      const declared = document.paths[path]!.get!.parameters!.find((candidate) => candidate.name === parameter)!;
      expect(declared.description, `${path} ${parameter}`).toMatch(/is a 400/);
    }
  });
});

describe('did you mean', () => {
  it('a filter under another name points to the one this list has', async () => {
    const { status, body } = await problem('/v1/chips?designer=microsoft');
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { location: 'query', name: 'designer', message: "is not a known query parameter; did you mean 'vendor'?", suggestions: ['vendor'] },
    ]);
    expect(body.detail).toContain("did you mean 'vendor'?");
  });

  it('a misspelt parameter gets the closest names; one like nothing gets none', async () => {
    expect((await problem('/v1/chips?limt=5')).body.errors![0]!.suggestions).toEqual(['limit']);
    expect((await problem('/v1/funding-rounds?invester=samsung')).body.errors![0]!.suggestions).toEqual(['investor']);
    const far = (await problem('/v1/chips?colour=red')).body.errors![0]!;
    expect(far.message).toBe('is not a known query parameter');
    expect(far).not.toHaveProperty('suggestions');
  });

  it('a misspelt sort field keeps its direction', async () => {
    const { body } = await problem('/v1/funding-rounds?sort=-amout');
    expect(body.errors![0]!.suggestions).toEqual(['-amount']);
    expect(body.errors![0]!.message).toMatch(/^'-amout' is not a sort field; use date, slug, amount, amountUsd .*; did you mean '-amount'\?$/);
    expect((await problem('/v1/funding-rounds?sort=usd')).body.errors![0]!.suggestions).toEqual(['amountUsd']);
  });

  it('a misspelt relation or vocabulary value', async () => {
    expect((await problem('/v1/chips?include=spec')).body.errors![0]!.suggestions).toEqual(['specs']);
    const kind = (await problem('/v1/chips?kind=gpuu')).body.errors![0]!;
    expect(kind.suggestions).toEqual(['gpu']);
    expect(kind.message).toContain("did you mean 'gpu'?");
    expect((await problem('/v1/chips?kind[in]=cpu,tpuu')).body.errors![0]!).toMatchObject({ name: 'kind[in]', suggestions: ['tpu'] });
  });

  it('a slug that names nothing: in a filter, in a path, in a write body', async () => {
    const filter = (await problem('/v1/chips?vendor=microsft')).body;
    expect(filter.errors![0]).toMatchObject({ name: 'vendor', suggestions: ['microsoft'] });
    expect(filter.detail).toBe("Invalid query parameter 'vendor': no vendor has slug 'microsft'; did you mean 'microsoft'?");

    const detail = await problem('/v1/chips/azure-maia100');
    expect(detail.status).toBe(404);
    expect(detail.body.detail).toBe("No chip with slug 'azure-maia100'; did you mean 'azure-maia-100'?");
    expect(detail.body.suggestions).toEqual(['azure-maia-100']);
    expect((await problem('/v1/vendors/zzzz-nothing-like-it')).body).not.toHaveProperty('suggestions');

    const revisions = await problem('/v1/vendors/samsnug/revisions');
    expect(revisions.body.suggestions).toEqual(['samsung']);

    const patch = await send('PATCH', '/v1/vendors/microsft', { description: 'A plainly fictional edit.' });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().suggestions).toEqual(['microsoft']);

    const created = await send('POST', '/v1/chips', {
      slug: 'fictional-chip-for-suggestions',
      name: 'Fictional Chip',
      kind: 'gpu',
      designer: 'nvidai',
      sources: ['microsoft-unveils-two-chips-at-ignite'],
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors[0]).toMatchObject({ location: 'body', name: 'designer', suggestions: ['nvidia'] });
  });
});

describe('closest names', () => {
  it('counts edits, a swap of neighbours as one, ignoring case', () => {
    expect(editDistance('vendor', 'vendor')).toBe(0);
    expect(editDistance('vendr', 'vendor')).toBe(1);
    expect(editDistance('vnedor', 'vendor')).toBe(1);
    expect(editDistance('VENDOR', 'vendor')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    // Stops counting past its limit.
    expect(editDistance('a', 'completely-different', 2)).toBe(3);
  });

  it('suggests only what is close, nearest first, at most three', () => {
    expect(closestNames('limt', ['limit', 'sort', 'cursor'])).toEqual(['limit']);
    expect(closestNames('xyz', ['limit', 'sort'])).toEqual([]);
    expect(closestNames('ab', ['abc', 'abd', 'abe', 'abf'])).toHaveLength(3);
    expect(closestNames('designer', ['vendor', 'kind'], { designer: ['vendor'] })).toEqual(['vendor']);
    // A synonym this list does not have is not suggested.
    expect(closestNames('designer', ['company'], { designer: ['vendor'] })).toEqual([]);
  });
});
