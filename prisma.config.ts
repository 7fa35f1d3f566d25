// Read by the Prisma CLI only (generate, validate). The running service takes DATABASE_URL from its own
// validated configuration (src/config.ts) and never reads this file.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/atlas.db' },
});
