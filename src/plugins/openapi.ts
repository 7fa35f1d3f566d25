// The OpenAPI 3.1 document, generated from the same Zod schemas that validate requests, served at
// /openapi.json, with Swagger UI at /docs.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { keepResponseHeaders } from '../shared/operation-responses.js';

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'AI Chip Atlas',
          version: '1.0.0',
          description:
            'Chips, companies, funding rounds and deals of the AI-chip market, from a Korean magazine article ' +
            '(late 2023). Every record carries the verbatim Korean sentences it comes from and how the article ' +
            'frames them (fact, report, plan, estimate). Names in English and Korean; money exact in its own ' +
            'currency with a stated USD basis; dates with their precision.',
          license: { name: 'Proprietary' },
        },
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description: 'An API key configured on the server (API_KEYS). Needed for writes only; reads are public.',
            },
          },
        },
        tags: [
          { name: 'chips', description: 'AI accelerators, GPUs, CPUs, TPUs, NPUs and network chips.' },
          { name: 'vendors', description: 'Companies: designers, investors, partners, customers.' },
          { name: 'funding', description: 'Funding rounds and their investors.' },
          { name: 'deals', description: 'Acquisitions, partnerships and other transactions.' },
          { name: 'sources', description: 'The verbatim passages of the article that every record cites.' },
          { name: 'events', description: 'A timeline of dated events derived from the records.' },
          { name: 'graph', description: 'Companies and chips as a graph of typed relations derived from the records.' },
          { name: 'search', description: 'One ranked search across chips, vendors, funding rounds and deals, in English and Korean.' },
          { name: 'stats', description: 'Funding totals and chip counts computed from the records.' },
          { name: 'operations', description: 'Service health and documentation.' },
        ],
      },
      transform: keepResponseHeaders(jsonSchemaTransform),
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get(
      '/openapi.json',
      { schema: { hide: true } },
      async (_request, reply) => reply.type('application/json').send(app.swagger()),
    );
  },
  { name: 'openapi' },
);
