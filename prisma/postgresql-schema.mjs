// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma, the one source of truth for the models.
// Prisma fixes the database provider per schema file and generates a client for it, so PostgreSQL needs a schema of
// its own; it differs only in the provider and where its client is generated. Run by `npm run generate`; the file
// it writes is not kept in git (tests/db/migrations-postgresql.test.ts checks its migrations against it).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The PostgreSQL schema for the SQLite schema `source`; throws if the schema no longer has what is replaced. */
export function postgresqlSchema(source) {
  const replace = (text, from, to) => {
    if (!from.test(text)) throw new Error(`prisma/schema.prisma no longer matches ${from}; update prisma/postgresql-schema.mjs`);
    return text.replace(from, to);
  };
  let schema = replace(source, /(datasource db \{\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  schema = replace(schema, /(output\s*=\s*)"\.\.\/src\/generated\/prisma"/, '$1"../../src/generated/prisma-postgresql"');
  return (
    '// GENERATED from prisma/schema.prisma by prisma/postgresql-schema.mjs (npm run generate): do not edit. The\n' +
    '// PostgreSQL engine\'s schema: the same models, another provider.\n\n' +
    schema
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = path.join(here, 'postgresql', 'schema.prisma');
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, postgresqlSchema(readFileSync(path.join(here, 'schema.prisma'), 'utf8')));
}
