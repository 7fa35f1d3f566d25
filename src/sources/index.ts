// The sources resource: every route it serves, read and write, as one plugin (src/http/resource-plugin.ts). What a
// source is and how it loads: repository.ts; every rule of its writes (which check quotes against their documents):
// store.ts; its URL and documentation: routes.ts.
import { resourcePlugin } from '../http/resource-plugin.js';
import { definition } from './routes.js';
import { sourceStore } from './store.js';

export default resourcePlugin({ name: 'sources', definition, store: sourceStore });
