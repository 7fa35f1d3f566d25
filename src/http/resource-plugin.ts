// A resource's one plugin: its read routes (list, detail, exports) and write routes (create, update, delete,
// revisions), registered together so that `src/<resource>/index.ts` is where a resource joins the app.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { RecordStore } from '../records/store.js';
import { resourceRoutes, type ResourceDefinition, type ResourceRouteOptions } from './resource-routes.js';
import { writeRoutes, type WriteRouteOptions } from './write-routes.js';

export interface ResourcePluginOptions {
  reading?: ResourceRouteOptions;
  writing?: WriteRouteOptions;
}

export function resourcePlugin<Item extends z.ZodObject, Create extends z.ZodType, Update extends z.ZodType>(resource: {
  /** The plugin's name, the resource's URL segment: other plugins can depend on it. */
  name: string;
  /** The HTTP half of the resource's definition (its data half is spread in, from `repository.ts`). */
  definition: ResourceDefinition<Item>;
  /** Every rule of its writes; a function when the store needs something the app decorates. */
  store: RecordStore<Create, Update> | ((app: FastifyInstance) => RecordStore<Create, Update>);
  /** Plugins the store or the routes use besides the database (e.g. `article` for sources). */
  dependencies?: string[];
}) {
  return fp<ResourcePluginOptions>(
    async (app, { reading, writing }) => {
      const store = typeof resource.store === 'function' ? resource.store(app) : resource.store;
      await app.register(resourceRoutes(resource.definition), reading ?? {});
      await app.register(writeRoutes(store, resource.definition, writing));
    },
    { name: resource.name, dependencies: ['database', ...(resource.dependencies ?? [])] },
  );
}
