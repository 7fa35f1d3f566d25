// The typed client of the API: a thin layer over openapi-fetch and the types `npm run openapi:update` generates from
// the contract, docs/openapi.json (api-types.ts), that makes the common call the easy one:
//
// - JSON by default: a list's 200 also documents CSV and NDJSON, which would make every body `ChipList | string`;
//   here bodies are the JSON schema's type, and errors are the problem details the API sends.
// - Records typed as records: a list item is `Chip | ChipFields` in the document (its `fields=` form), so even
//   `chip.designer` would be possibly undefined. Without `fields` the item is the full record; with
//   `fields: ['slug', 'name']` exactly those keys; `include: ['specs']` makes that relation present.
// - Pages followed: `pages()` and `items()` pass `page.nextCursor` back until the list ends.
// - Revalidation: ETags are kept per URL; the next read of the URL sends `If-None-Match`, and a 304 returns the
//   data kept with the tag, marked `notModified`.
//
// Runs in browsers (the dashboard is built on it) and in Node 20+ (global fetch); no DOM or Node API beyond fetch.
import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './api-types.js';

export type { components, operations, paths } from './api-types.js';

type Schemas = components['schemas'];
export type Chip = Schemas['Chip'];
export type Vendor = Schemas['Vendor'];
export type FundingRound = Schemas['FundingRound'];
export type Deal = Schemas['Deal'];
export type Source = Schemas['Source'];
export type Money = Schemas['Money'];
export type PartialDate = Schemas['PartialDate'];
export type VendorSummary = Schemas['VendorSummary'];
export type TimelineEvent = Schemas['TimelineEvent'];
export type Graph = Schemas['Graph'];
export type GraphNode = Schemas['GraphNode'];
export type GraphEdge = Schemas['GraphEdge'];
export type Stats = Schemas['Stats'];
export type CompanyFundingTotals = Schemas['CompanyFundingTotals'];
export type PageInfo = Schemas['PageInfo'];
export type Problem = Schemas['Problem'];
export type ProblemCode = Schemas['ProblemCode'];

/** JSON, and problem details for errors: the media types this client asks for and reads. */
type JsonMedia = 'application/json' | 'application/problem+json';

/** Every path that answers GET. */
export type GetPath = { [P in keyof paths]: paths[P]['get'] extends { responses: { 200: unknown } } ? P : never }[keyof paths];

type GetOperation<P extends GetPath> = paths[P]['get'];
type JsonOf<P extends GetPath> = GetOperation<P> extends { responses: { 200: { content: { 'application/json': infer Body } } } } ? Body : never;
type ParametersOf<P extends GetPath> = GetOperation<P> extends { parameters: infer Parameters } ? Parameters : never;
type QueryOf<P extends GetPath> = NonNullable<ParametersOf<P> extends { query?: infer Query } ? Query : never>;
type PathParamsOf<P extends GetPath> = NonNullable<ParametersOf<P> extends { path?: infer Path } ? Path : never>;

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;

/**
 * The full record of a union such as `Chip | ChipFields`: its members with required keys. A `*Fields` schema (what
 * `fields=` leaves) has none, so it drops out; a body that is no such union stays as it is.
 */
type Full<U> = U extends unknown ? (RequiredKeys<U> extends never ? never : U) : never;
type RecordOf<U> = [Full<U>] extends [never] ? U : Full<U>;

/** The body's records: the items of a page, or the body itself. */
type RecordsOf<Body> = [Body] extends [{ data: (infer Item)[]; page: PageInfo }] ? RecordOf<Item> : RecordOf<Body>;

/** Whether a path takes `fields=` (and `include=`): lists and details of the four resources, sources, ... */
type Shapeable<P extends GetPath> = 'fields' extends keyof QueryOf<P> ? true : false;

/** The names `fields` may pick (every key of the record), and the relations `include` may embed (its optional keys). */
export type FieldOf<P extends GetPath> = Shapeable<P> extends true ? keyof RecordsOf<JsonOf<P>> & string : never;
export type RelationOf<P extends GetPath> = Shapeable<P> extends true ? OptionalKeys<RecordsOf<JsonOf<P>>> & string : never;

/** A record as the request shapes it: exactly the picked fields, or the record with the included relations present. */
type Shape<T, F extends PropertyKey, I extends PropertyKey> = [F] extends [never]
  ? T & { [K in I & keyof T]-?: Exclude<T[K], undefined> }
  : { [K in F & keyof T]-?: Exclude<T[K], undefined> };

/** What a GET to `P` answers with this shaping: list items and details typed as their records. */
export type BodyOf<P extends GetPath, F extends PropertyKey = never, I extends PropertyKey = never> =
  JsonOf<P> extends { data: (infer Item)[]; page: infer Page }
    ? Omit<JsonOf<P>, 'data' | 'page'> & { data: Shape<RecordOf<Item>, F, I>[]; page: Page }
    : Shape<RecordOf<JsonOf<P>>, F, I>;

/** Paths whose body is a page with a cursor to the next one. */
export type PagedPath = { [P in GetPath]: JsonOf<P> extends { page: PageInfo } ? ('cursor' extends keyof QueryOf<P> ? P : never) : never }[GetPath];

/** Paths whose pages hold their records in `data`. */
export type ListPath = { [P in PagedPath]: JsonOf<P> extends { data: unknown[] } ? P : never }[PagedPath];

/** The options of a GET: its query (less what the client decides: format, and fields/include as lists), path, shaping. */
export type GetOptions<P extends GetPath, F extends FieldOf<P> = never, I extends RelationOf<P> = never> = ([QueryOf<P>] extends [never]
  ? { query?: never }
  : { query?: Omit<QueryOf<P>, 'format' | 'fields' | 'include'> }) &
  ([PathParamsOf<P>] extends [never] ? { path?: never } : { path: PathParamsOf<P> }) &
  (Shapeable<P> extends true
    ? {
        /** Only these fields of each record (`fields=`); the type has exactly these keys. */
        fields?: readonly F[];
        /** Embed these relations (`include=`); the type has them present. */
        include?: readonly I[];
      }
    : { fields?: never; include?: never }) & {
    signal?: AbortSignal;
    /** Send `If-None-Match` with the tag kept from the last answer to the same URL (default true). */
    revalidate?: boolean;
  };

/** The arguments after the path: optional when the path has no parameters of its own. */
type OptionsArgument<P extends GetPath, F extends FieldOf<P>, I extends RelationOf<P>> = [PathParamsOf<P>] extends [never]
  ? [options?: GetOptions<P, F, I>]
  : [options: GetOptions<P, F, I>];

export interface Fetched<Body> {
  data: Body;
  /** The entity tag of `data`, to revalidate it later; null when the response had none. */
  etag: string | null;
  /** True when the server answered 304 Not Modified and `data` is the copy kept from before. */
  notModified: boolean;
  response: Response;
}

/** A refusal from the API (4xx/5xx), with its problem details when the body carried them. */
export class AtlasError extends Error {
  override readonly name = 'AtlasError';

  constructor(
    readonly status: number,
    /** The problem details the API sent; null when something else answered (a proxy's HTML error page, say). */
    readonly problem: Problem | null,
    readonly response: Response,
  ) {
    super(problem ? `${status} ${problem.code}: ${problem.detail}` : `HTTP ${status}`);
  }

  /** The problem's code, to switch on (`error.code === 'not_found'`); null when the answer held no problem details. */
  get code(): ProblemCode | null {
    return this.problem?.code ?? null;
  }
}

interface Kept {
  etag: string;
  data: unknown;
}

/**
 * Entity tags and the bodies they name, by URL, the least recently used dropped first: a dashboard paging through
 * a large list must not keep every page it ever saw.
 */
class EntityTagStore {
  private readonly entries = new Map<string, Kept>();

  constructor(private readonly capacity: number) {}

  get(url: string): Kept | undefined {
    const kept = this.entries.get(url);
    if (kept) {
      this.entries.delete(url);
      this.entries.set(url, kept);
    }
    return kept;
  }

  set(url: string, kept: Kept): void {
    this.entries.delete(url);
    this.entries.set(url, kept);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}

export interface AtlasClientOptions {
  /** Where the API is: `http://127.0.0.1:3000`. In a browser page served by the API, leave it out (same origin). */
  baseUrl?: string;
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: ClientOptions['fetch'];
  /** Headers sent with every request, e.g. `{ authorization: 'Bearer …' }` for writes through `http`. */
  headers?: Record<string, string>;
  /** How many URLs' tags and bodies to keep for revalidation (default 200); 0 keeps none. */
  revalidationEntries?: number;
}

export interface AtlasClient {
  /**
   * GET a path as JSON, typed as its records: `get('/v1/chips', { query: { kind: 'gpu' } })` →
   * `{ data: { data: Chip[], page }, etag, notModified }`. Throws AtlasError on a 4xx/5xx.
   */
  get<P extends GetPath, F extends FieldOf<P> = never, I extends RelationOf<P> = never>(
    path: P,
    ...options: OptionsArgument<P, F, I>
  ): Promise<Fetched<BodyOf<P, F, I>>>;
  /** Every page of a paged path, from the first (or `query.cursor`), following `page.nextCursor` lazily. */
  pages<P extends PagedPath, F extends FieldOf<P> = never, I extends RelationOf<P> = never>(
    path: P,
    ...options: OptionsArgument<P, F, I>
  ): AsyncGenerator<BodyOf<P, F, I>, void, undefined>;
  /** Every record of a list, page after page, fetched as they are consumed: stop early and no more pages load. */
  items<P extends ListPath, F extends FieldOf<P> = never, I extends RelationOf<P> = never>(
    path: P,
    ...options: OptionsArgument<P, F, I>
  ): AsyncGenerator<BodyOf<P, F, I> extends { data: (infer Item)[] } ? Item : never, void, undefined>;
  /** The openapi-fetch client underneath, JSON-typed: for writes (`http.POST('/v1/vendors', { body })`) and the rest. */
  readonly http: Client<paths, JsonMedia>;
}

/** The query string values the API expects: `fields` and `include` as comma lists. */
function queryFor(options: { query?: object; fields?: readonly string[]; include?: readonly string[] } | undefined, cursor?: string) {
  const query: Record<string, unknown> = { ...options?.query };
  if (options?.fields) query.fields = options.fields.join(',');
  if (options?.include) query.include = options.include.join(',');
  if (cursor !== undefined) query.cursor = cursor;
  return query;
}

export function createAtlasClient(options: AtlasClientOptions = {}): AtlasClient {
  const http = createClient<paths, JsonMedia>({
    baseUrl: options.baseUrl ?? '',
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const kept = new EntityTagStore(options.revalidationEntries ?? 200);

  type AnyOptions = { query?: object; path?: object; fields?: readonly string[]; include?: readonly string[]; signal?: AbortSignal; revalidate?: boolean };

  async function getJson(path: string, given: AnyOptions | undefined, cursor?: string): Promise<Fetched<unknown>> {
    let url = '';
    let revalidating: Kept | undefined;
    // The URL is known only once openapi-fetch has built the request: look the tag up there.
    const revalidation: Middleware = {
      onRequest({ request }) {
        url = request.url;
        revalidating = given?.revalidate === false ? undefined : kept.get(url);
        if (!revalidating) return undefined;
        const headers = new Headers(request.headers);
        headers.set('if-none-match', revalidating.etag);
        return new Request(request, { headers });
      },
    };
    // Typed loosely here only: the public signatures above tie paths, parameters and bodies together.
    const get = http.GET as unknown as (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const { data, error, response } = await get(path, {
      params: { query: queryFor(given, cursor), ...(given?.path ? { path: given.path } : {}) },
      ...(given?.signal ? { signal: given.signal } : {}),
      middleware: [revalidation],
    });
    if (response.status === 304 && revalidating) {
      return { data: revalidating.data, etag: revalidating.etag, notModified: true, response };
    }
    if (!response.ok) {
      const problem = typeof error === 'object' && error !== null && 'code' in error ? (error as Problem) : null;
      throw new AtlasError(response.status, problem, response);
    }
    const etag = response.headers.get('etag');
    if (etag) kept.set(url, { etag, data });
    return { data, etag, notModified: false, response };
  }

  async function* pages(path: string, given?: AnyOptions): AsyncGenerator<unknown, void, undefined> {
    let cursor: string | undefined;
    for (;;) {
      const { data } = await getJson(path, given, cursor);
      yield data;
      const next = (data as { page?: PageInfo }).page?.nextCursor;
      if (!next) return;
      cursor = next;
    }
  }

  async function* items(path: string, given?: AnyOptions): AsyncGenerator<unknown, void, undefined> {
    for await (const page of pages(path, given)) yield* (page as { data: unknown[] }).data;
  }

  return {
    get: ((path: string, given?: AnyOptions) => getJson(path, given)) as AtlasClient['get'],
    pages: pages as AtlasClient['pages'],
    items: items as AtlasClient['items'],
    http,
  };
}
