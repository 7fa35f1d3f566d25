// The source article's text, read once at startup: new sources must quote it verbatim, and their offset in it
// is recorded, exactly as the seed does.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fp from 'fastify-plugin';
import { ARTICLE_FILE } from '../seed/dataset.js';

declare module 'fastify' {
  interface FastifyInstance {
    article: string;
  }
}

export default fp<{ seedDir: string }>(
  async (app, { seedDir }) => {
    app.decorate('article', await readFile(path.join(seedDir, ARTICLE_FILE), 'utf8'));
  },
  { name: 'article' },
);
