// Every operation's success answer carries an example at its media type: a real answer of the service on the
// article's data, recorded by `npm run openapi:update` (src/cli/response-examples.ts) rather than written by hand,
// so it is what a client will actually receive. Each is said once under components.examples and referred to from
// every operation it shows (a chip as GET, PATCH and POST answer it); tests/contract/document-examples.test.ts asks
// the service again and fails when an example no longer matches what it answers.

/** One recorded answer, and the operations whose 200 or 201 it illustrates. */
export interface ResponseExample {
  /** The name under components.examples: PascalCase, apart from the problem examples' snake_case codes. */
  name: string;
  summary: string;
  /** The GET request, on the seeded article data, whose JSON answer `value` is. */
  request: string;
  /** operationIds whose success response shows it. */
  operations: string[];
  value: unknown;
}

type MediaTypes = Record<string, { examples?: Record<string, unknown> }>;
type Operations = Record<string, { operationId?: string; responses?: Record<string, { content?: MediaTypes }> }>;
type Document = { paths?: Record<string, Operations>; components?: { examples?: Record<string, unknown> } };

/** The JSON media type of a success response, where its example goes. */
const JSON_MEDIA_TYPE = 'application/json';

/** Adds each example to components.examples and refers to it from its operations' 200 or 201 JSON answers. */
export function withResponseExamples<T extends object>(input: T, examples: readonly ResponseExample[]): T {
  const document = input as Document;
  const byOperation = new Map(examples.flatMap((example) => example.operations.map((operationId) => [operationId, example] as const)));
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      const example = operation.operationId === undefined ? undefined : byOperation.get(operation.operationId);
      if (!example) continue;
      const media = (operation.responses?.['200'] ?? operation.responses?.['201'])?.content?.[JSON_MEDIA_TYPE];
      if (!media) throw new Error(`${operation.operationId} has no 200 or 201 ${JSON_MEDIA_TYPE} answer for the example ${example.name}`);
      media.examples = { [example.name]: { $ref: `#/components/examples/${example.name}` } };
    }
  }
  const components = (document.components ??= {});
  const shown = Object.fromEntries(examples.map(({ name, summary, request, value }) => [name, { summary, description: `The answer to \`GET ${request}\`.`, value }]));
  components.examples = Object.fromEntries(Object.entries({ ...components.examples, ...shown }).sort(([a], [b]) => a.localeCompare(b)));
  return input;
}
