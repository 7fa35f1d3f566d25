// `npm run db:seed`: migrate, then load the article's dataset (idempotent: a second run changes nothing).
import { loadConfig } from '../config.js';
import { prepareDatabase } from '../seed/prepare.js';

const config = loadConfig();
await prepareDatabase(
  { ...config, SEED_ON_START: 'always' },
  { info: (fields, message) => process.stdout.write(`${message} ${JSON.stringify(fields)}\n`) },
);
