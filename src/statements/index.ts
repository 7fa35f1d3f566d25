// The statements resource: every route it serves, read and write, as one plugin (src/http/resource-plugin.ts).
// What a record is and how it loads: repository.ts; every rule of its writes: store.ts; its URL and documentation:
// routes.ts.
import { resourcePlugin } from '../http/resource-plugin.js';
import { definition } from './routes.js';
import { statementStore } from './store.js';

export default resourcePlugin({ name: 'statements', definition, store: statementStore });
