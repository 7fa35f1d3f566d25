// The documents resource: its read and write routes (src/http/resource-plugin.ts's pieces) and its text, as one
// plugin. What a document is and how it loads: repository.ts; every rule of its writes (the text's form, size and
// identity): store.ts; its URLs and documentation: routes.ts.
import fp from 'fastify-plugin';
import { resourceRoutes } from '../http/resource-routes.js';
import { writeRoutes } from '../http/write-routes.js';
import type { ResourcePluginOptions } from '../http/resource-plugin.js';
import { DEFAULT_DOCUMENT_TEXT_MAX_BYTES } from '../domain/document-text.js';
import { definition, documentTextRoutes } from './routes.js';
import { documentStore } from './store.js';

export interface DocumentPluginOptions extends ResourcePluginOptions {
  /** The largest text kept, in UTF-8 bytes (DOCUMENT_TEXT_MAX_BYTES). */
  maxTextBytes?: number;
}

/** Room for the rest of a document's body beside its text (metadata, JSON escapes of a few characters). */
const METADATA_ALLOWANCE_BYTES = 64 * 1024;

export default fp<DocumentPluginOptions>(
  async (app, { reading, writing, maxTextBytes = DEFAULT_DOCUMENT_TEXT_MAX_BYTES }) => {
    await app.register(resourceRoutes(definition), reading ?? {});
    // A text at its limit still reaches the store, which answers 413 naming the text's size past it; JSON may
    // write a character as \uXXXX (six bytes for up to three), so the body may be twice the text.
    await app.register(writeRoutes(documentStore({ maxTextBytes }), definition, { ...writing, bodyLimit: 2 * maxTextBytes + METADATA_ALLOWANCE_BYTES }));
    await app.register(documentTextRoutes);
  },
  { name: 'documents', dependencies: ['database'] },
);
