// What schema.prisma declares, as the database Prisma's migrations build from it on each engine, and what a migrated
// database holds: the drift tests (tests/db/migrations.test.ts on SQLite, tests/db/migrations-postgresql.test.ts on
// PostgreSQL) compare the two. Prisma's engine cannot run here, so the expected shape comes from a small reader of
// the schema language and Prisma's naming, type and default conventions per engine; each engine's test file checks
// those against SQL Prisma 6.19.3 generated for FIXTURE_SCHEMA (tests/support/prisma-schema-fixture.ts).
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { DatabaseEngine } from '../../src/config.js';

// ---------------------------------------------------------------------------------------------------------------
// A reader for the part of the Prisma schema language schema.prisma uses. Anything else is refused loudly, so a
// new feature in schema.prisma makes this test fail rather than compare the wrong thing.
// ---------------------------------------------------------------------------------------------------------------

export interface PrismaAttribute {
  name: string;
  /** The text between the parentheses, or null without them. */
  args: string | null;
}

export interface PrismaField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attributes: PrismaAttribute[];
}

export interface PrismaModel {
  name: string;
  fields: PrismaField[];
  /** Block attributes (`@@id`, `@@unique`, `@@index`), without the `@@`. */
  attributes: PrismaAttribute[];
}

export function parsePrismaSchema(source: string): PrismaModel[] {
  const models: PrismaModel[] = [];
  let block: { kind: string; model: PrismaModel | null } | null = null;
  for (const [index, rawLine] of source.split('\n').entries()) {
    const line = stripComment(rawLine).trim();
    if (line === '') continue;
    const where = `schema line ${index + 1}: ${rawLine.trim()}`;
    if (block === null) {
      const opening = /^(\w+)\s+(\w+)\s*\{$/.exec(line);
      if (!opening) throw new Error(`unsupported top-level syntax at ${where}`);
      const [, kind, name] = opening as unknown as [string, string, string];
      if (kind === 'model') {
        const model: PrismaModel = { name, fields: [], attributes: [] };
        models.push(model);
        block = { kind, model };
      } else if (kind === 'generator' || kind === 'datasource') {
        block = { kind, model: null };
      } else {
        throw new Error(`unsupported block "${kind}" at ${where}`);
      }
    } else if (line === '}') {
      block = null;
    } else if (block.model === null) {
      continue; // generator and datasource settings do not shape tables
    } else if (line.startsWith('@@')) {
      block.model.attributes.push(...parseAttributes(line, '@@', where));
    } else {
      const field = /^(\w+)\s+(\w+)(\[\]|\?)?(?:\s+(.*))?$/.exec(line);
      if (!field) throw new Error(`unsupported field syntax at ${where}`);
      const [, name, type, modifier, rest] = field as unknown as [string, string, string, string?, string?];
      block.model.fields.push({
        name,
        type,
        optional: modifier === '?',
        list: modifier === '[]',
        attributes: rest ? parseAttributes(rest, '@', where) : [],
      });
    }
  }
  if (block !== null) throw new Error('unterminated block at the end of the schema');
  return models;
}

/** Removes a `//` (or `///`) comment, leaving string literals alone. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (inString && char === '\\') i++;
    else if (char === '"') inString = !inString;
    else if (!inString && char === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

function parseAttributes(text: string, prefix: '@' | '@@', where: string): PrismaAttribute[] {
  const attributes: PrismaAttribute[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const atPrefix = text.startsWith(prefix, i) && text[i + prefix.length] !== '@';
    const name = atPrefix ? /^[A-Za-z_][\w.]*/.exec(text.slice(i + prefix.length))?.[0] : undefined;
    if (!name) throw new Error(`unsupported attribute syntax at ${where}`);
    i += prefix.length + name.length;
    let args: string | null = null;
    if (text[i] === '(') {
      const close = matchingParenthesis(text, i, where);
      args = text.slice(i + 1, close).trim();
      i = close + 1;
    }
    attributes.push({ name, args });
  }
  return attributes;
}

/**
 * The characters of `text` from `start` that stand outside string literals, each with the bracket depth after it:
 * what both the parenthesis matcher and the argument splitter walk.
 */
function* outsideStrings(text: string, start = 0): Generator<{ index: number; char: string; depth: number }> {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    yield { index: i, char, depth };
  }
}

function matchingParenthesis(text: string, open: number, where: string): number {
  for (const { index, char, depth } of outsideStrings(text, open)) {
    if ((char === ')' || char === ']') && depth === 0) return index;
  }
  throw new Error(`unbalanced parentheses at ${where}`);
}

/** Splits attribute arguments at top-level commas into positional values and `key: value` pairs. */
function parseArguments(args: string | null): { positional: string[]; named: Record<string, string> } {
  const parts: string[] = [];
  const text = args ?? '';
  let start = 0;
  for (const { index, char, depth } of outsideStrings(text)) {
    if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  const positional: string[] = [];
  const named: Record<string, string> = {};
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    const pair = /^(\w+)\s*:\s*([\s\S]+)$/.exec(part);
    if (pair) named[pair[1]!] = pair[2]!.trim();
    else positional.push(part);
  }
  return { positional, named };
}

/** `[a, b]` → ['a', 'b']; refuses per-column arguments such as `a(sort: Desc)`. */
function parseFieldList(text: string | undefined, context: string): string[] {
  const list = /^\[([\w\s,]*)\]$/.exec(text ?? '');
  if (!list) throw new Error(`unsupported field list ${text ?? '(none)'} in ${context}`);
  return list[1]!
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** An index's `[a, b(sort: Desc)]` → ['a', 'b DESC']: the columns as the file's index lists them. */
function parseIndexColumns(text: string | undefined, context: string): string[] {
  const list = /^\[([\w\s,:()]*)\]$/.exec(text ?? '');
  if (!list) throw new Error(`unsupported field list ${text ?? '(none)'} in ${context}`);
  return list[1]!
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const column = /^(\w+)(?:\(\s*sort\s*:\s*(Asc|Desc)\s*\))?$/.exec(part);
      if (!column) throw new Error(`unsupported index column ${part} in ${context}`);
      return column[2] === 'Desc' ? `${column[1]!} DESC` : column[1]!;
    });
}

// ---------------------------------------------------------------------------------------------------------------
// The database shape: what schema.prisma implies under each engine's Prisma conventions, and what a database holds.
// ---------------------------------------------------------------------------------------------------------------

export interface ColumnShape {
  type: string;
  notNull: boolean;
  /** The DEFAULT expression as the engine reports it (SQLite: PRAGMA table_info's dflt_value; PostgreSQL: pg_get_expr). */
  default: string | null;
}

export interface IndexShape {
  unique: boolean;
  /** The key columns in order, `name DESC` where descending (PostgreSQL: an operator class other than the default follows the name). */
  columns: string[];
  /** PostgreSQL: the access method, only where it is not btree (Prisma's). */
  method?: string;
  /** PostgreSQL: the predicate of a partial index (Prisma creates none). */
  where?: string;
}

export interface ForeignKeyShape {
  /** PostgreSQL: the constraint's name (`<Model>_<fields>_fkey`). SQLite does not report names. */
  name?: string;
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** PostgreSQL: the primary key constraint's name (`<Model>_pkey`). SQLite does not report it. */
  primaryKeyName?: string;
  /** SQLite: the AUTOINCREMENT keyword. PostgreSQL: the single-column primary key is SERIAL (a sequence it owns). */
  autoincrement: boolean;
  indexes: Record<string, IndexShape>;
  /** Keyed `(from, ...) -> Table(to, ...)`, the same on both engines. */
  foreignKeys: Record<string, ForeignKeyShape>;
}

export type DatabaseShape = Record<string, TableShape>;

const COLUMN_TYPES: Record<DatabaseEngine, Record<string, string>> = {
  // As Prisma's SQLite connector declares them (checked in tests/db/migrations.test.ts). Json is JSONB since Prisma 6.2,
  // and @prisma/adapter-better-sqlite3 7 reads the JSONB declared type back as Json.
  sqlite: { String: 'TEXT', Int: 'INTEGER', BigInt: 'BIGINT', Float: 'REAL', Boolean: 'BOOLEAN', DateTime: 'DATETIME', Json: 'JSONB' },
  // As Prisma's PostgreSQL connector declares them (checked in tests/db/migrations-postgresql.test.ts); the reader below
  // spells format_type() the same way. An autoincrement Int is SERIAL: an INTEGER whose default is its sequence.
  postgresql: {
    String: 'TEXT',
    Int: 'INTEGER',
    BigInt: 'BIGINT',
    Float: 'DOUBLE PRECISION',
    Boolean: 'BOOLEAN',
    DateTime: 'TIMESTAMP(3)',
    Json: 'JSONB',
  },
};

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

/** PostgreSQL truncates longer identifiers; what Prisma then names a constraint is not modelled here. */
const POSTGRES_MAX_IDENTIFIER_BYTES = 63;

export function isModel(models: PrismaModel[], type: string): boolean {
  return models.some((model) => model.name === type);
}

function attribute(field: PrismaField, name: string): PrismaAttribute | undefined {
  return field.attributes.find((candidate) => candidate.name === name);
}

export function foreignKeyKey(from: string[], table: string, to: string[]): string {
  return `(${from.join(', ')}) -> ${table}(${to.join(', ')})`;
}

/** Prisma's relation name: the one given, else the two model names in alphabetical order joined by "To". */
function relationName(modelName: string, field: PrismaField): string {
  const relation = attribute(field, 'relation');
  const { positional, named } = parseArguments(relation?.args ?? null);
  const given = named.name ?? positional[0];
  return given !== undefined ? (JSON.parse(given) as string) : [modelName, field.type].sort().join('To');
}

/** The DEFAULT expression the engine reports for Prisma's `@default(...)`; null where the client fills the value in. */
function columnDefault(field: PrismaField, engine: DatabaseEngine, context: string): string | null {
  const fallback = attribute(field, 'default');
  if (!fallback) return null;
  const value = fallback.args ?? '';
  if (value === 'now()') return 'CURRENT_TIMESTAMP';
  if (value === 'autoincrement()') return null;
  const text = (literal: string) => `'${(JSON.parse(literal) as string).replaceAll("'", "''")}'`;
  if (engine === 'sqlite') {
    if (value === 'true' || value === 'false' || /^-?\d+(\.\d+)?$/.test(value)) return value;
    if (value.startsWith('"')) return text(value);
  } else {
    // PostgreSQL reports a default as the expression it stored: a non-negative number or a boolean bare, text with its
    // cast. A negative number comes back as a cast of its own ('-1'::integer, '-2.5'::numeric) and a string default of
    // another type with that type's cast; schema.prisma has neither, so they are refused rather than guessed.
    if (value === 'true' || value === 'false' || /^\d+(\.\d+)?$/.test(value)) return value;
    if (value.startsWith('"') && field.type === 'String') return `${text(value)}::text`;
    // A Json default is JSONB on PostgreSQL (as the column type), cast as such.
    if (value.startsWith('"') && field.type === 'Json') return `${text(value)}::jsonb`;
  }
  throw new Error(`unsupported default ${value} in ${context} on ${engine}`);
}

/** The database Prisma's migrations build for `models` on `engine`. Throws on anything it does not model. */
export function expectedDatabase(models: PrismaModel[], engine: DatabaseEngine): DatabaseShape {
  const onPostgres = engine === 'postgresql';
  const tables: DatabaseShape = {};
  const joinTables = new Map<string, [string, string]>();
  /** PostgreSQL names constraints; SQLite's reader reports none, so the expected shape has none either. */
  const named = (name: string): { name?: string } => (onPostgres ? { name } : {});

  for (const model of models) {
    const table: TableShape = { columns: {}, primaryKey: [], autoincrement: false, indexes: {}, foreignKeys: {} };
    tables[model.name] = table;

    for (const field of model.fields) {
      const context = `${model.name}.${field.name}`;
      const known = new Set(['id', 'unique', 'default', 'relation']);
      const unknown = field.attributes.find((candidate) => !known.has(candidate.name));
      if (unknown) throw new Error(`unsupported attribute @${unknown.name} on ${context}`);

      if (isModel(models, field.type)) {
        const { named: relation } = parseArguments(attribute(field, 'relation')?.args ?? null);
        if (relation.fields !== undefined) {
          const from = parseFieldList(relation.fields, context);
          const to = parseFieldList(relation.references, context);
          // Prisma's defaults: an optional relation sets null on delete, a required one restricts.
          const onDelete = relation.onDelete ?? (field.optional ? 'SetNull' : 'Restrict');
          const onUpdate = relation.onUpdate ?? 'Cascade';
          table.foreignKeys[foreignKeyKey(from, field.type, to)] = {
            ...named(`${model.name}_${from.join('_')}_fkey`),
            onDelete: REFERENTIAL_ACTIONS[onDelete] ?? `unsupported ${onDelete}`,
            onUpdate: REFERENTIAL_ACTIONS[onUpdate] ?? `unsupported ${onUpdate}`,
          };
        } else if (field.list) {
          const name = relationName(model.name, field);
          const other = models.find((candidate) => candidate.name === field.type)!;
          const opposite = other.fields.find(
            (candidate) => candidate !== field && candidate.type === model.name && relationName(other.name, candidate) === name,
          );
          if (!opposite) throw new Error(`no opposite relation field for ${context}`);
          const oppositeHasFields = parseArguments(attribute(opposite, 'relation')?.args ?? null).named.fields;
          if (opposite.list && oppositeHasFields === undefined) {
            joinTables.set(name, [model.name, field.type].sort() as [string, string]);
          }
        }
        continue;
      }

      const type = COLUMN_TYPES[engine][field.type];
      if (!type || field.list) throw new Error(`unsupported type ${field.type}${field.list ? '[]' : ''} on ${context}`);
      table.columns[field.name] = { type, notNull: !field.optional, default: columnDefault(field, engine, context) };
      const id = attribute(field, 'id');
      const unique = attribute(field, 'unique');
      if ((id && id.args !== null) || (unique && unique.args !== null)) {
        throw new Error(`unsupported arguments to @id/@unique on ${context}`);
      }
      const autoincrement = attribute(field, 'default')?.args === 'autoincrement()';
      // SQLite allows it on the primary key only; on PostgreSQL another column would be SERIAL too, unmodelled here.
      if (autoincrement && !id) throw new Error(`unsupported @default(autoincrement()) on ${context}, which is not the @id`);
      if (id) {
        table.primaryKey = [field.name];
        table.autoincrement = autoincrement;
      }
      if (unique) table.indexes[`${model.name}_${field.name}_key`] = { unique: true, columns: [field.name] };
    }

    for (const blockAttribute of model.attributes) {
      const context = `@@${blockAttribute.name} of ${model.name}`;
      const { positional, named: options } = parseArguments(blockAttribute.args);
      if (positional.length !== 1 || Object.keys(options).length > 0) throw new Error(`unsupported arguments to ${context}`);
      const columns = blockAttribute.name === 'index' ? parseIndexColumns(positional[0], context) : parseFieldList(positional[0], context);
      if (blockAttribute.name === 'id') table.primaryKey = columns;
      else if (blockAttribute.name === 'unique') {
        table.indexes[`${model.name}_${columns.join('_')}_key`] = { unique: true, columns };
      } else if (blockAttribute.name === 'index') {
        table.indexes[`${model.name}_${columns.map((column) => column.replace(/ DESC$/, '')).join('_')}_idx`] = { unique: false, columns };
      } else throw new Error(`unsupported block attribute ${context}`);
    }
    if (onPostgres && table.primaryKey.length > 0) table.primaryKeyName = `${model.name}_pkey`;
  }

  // Implicit many-to-many: `_<relation>` with A referencing the model whose name sorts first, B the other. SQLite
  // keeps the pairs unique with an index, PostgreSQL with a primary key over both columns.
  for (const [name, [first, second]] of joinTables) {
    const idColumn = (modelName: string): [string, string] => {
      const model = models.find((candidate) => candidate.name === modelName)!;
      const id = model.fields.find((field) => attribute(field, 'id'));
      if (!id) throw new Error(`unsupported implicit many-to-many on ${modelName} without a single-field @id`);
      return [id.name, COLUMN_TYPES[engine][id.type]!];
    };
    const [firstId, firstType] = idColumn(first);
    const [secondId, secondType] = idColumn(second);
    const table: TableShape = {
      columns: {
        A: { type: firstType, notNull: true, default: null },
        B: { type: secondType, notNull: true, default: null },
      },
      primaryKey: [],
      autoincrement: false,
      indexes: {},
      foreignKeys: {
        [foreignKeyKey(['A'], first, [firstId])]: { ...named(`_${name}_A_fkey`), onDelete: 'CASCADE', onUpdate: 'CASCADE' },
        [foreignKeyKey(['B'], second, [secondId])]: { ...named(`_${name}_B_fkey`), onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      },
    };
    if (onPostgres) {
      table.primaryKey = ['A', 'B'];
      table.primaryKeyName = `_${name}_AB_pkey`;
    } else {
      table.indexes[`_${name}_AB_unique`] = { unique: true, columns: ['A', 'B'] };
    }
    table.indexes[`_${name}_B_index`] = { unique: false, columns: ['B'] };
    tables[`_${name}`] = table;
  }

  if (onPostgres) {
    for (const [tableName, table] of Object.entries(tables)) {
      const identifiers = [
        tableName,
        ...Object.keys(table.columns),
        table.primaryKeyName ?? '',
        ...Object.keys(table.indexes),
        ...Object.values(table.foreignKeys).map((foreignKey) => foreignKey.name ?? ''),
      ];
      const tooLong = identifiers.find((identifier) => Buffer.byteLength(identifier) > POSTGRES_MAX_IDENTIFIER_BYTES);
      if (tooLong) throw new Error(`unsupported name ${tooLong}: longer than PostgreSQL's ${POSTGRES_MAX_IDENTIFIER_BYTES} bytes`);
    }
  }
  return tables;
}

function emptyTable(): TableShape {
  return { columns: {}, primaryKey: [], autoincrement: false, indexes: {}, foreignKeys: {} };
}

/** Everything in the file except SQLite's internal tables and Prisma's migration history. */
export function describeSqliteDatabase(db: Database.Database): DatabaseShape {
  const objects = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND tbl_name <> '_prisma_migrations'`,
    )
    .all() as { type: string; name: string; sql: string | null }[];
  const tables: DatabaseShape = {};
  for (const object of objects) {
    if (object.type === 'index') continue; // read per table below
    if (object.type !== 'table') {
      // A view or trigger is not in schema.prisma: report it as a table so the diff names it.
      tables[`${object.type} ${object.name}`] = emptyTable();
      continue;
    }
    const quoted = `"${object.name.replaceAll('"', '""')}"`;
    const columns = db.pragma(`table_info(${quoted})`) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const table: TableShape = {
      columns: Object.fromEntries(
        columns.map((column) => [
          column.name,
          { type: column.type.toUpperCase(), notNull: column.notnull === 1, default: column.dflt_value },
        ]),
      ),
      primaryKey: columns
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name),
      autoincrement: /\bAUTOINCREMENT\b/i.test(object.sql ?? ''),
      indexes: {},
      foreignKeys: {},
    };
    const indexes = db.pragma(`index_list(${quoted})`) as { name: string; unique: number; origin: string }[];
    for (const index of indexes) {
      // The primary key's own index is covered by `primaryKey`.
      if (index.origin === 'pk') continue;
      const indexColumns = db.pragma(`index_xinfo("${index.name.replaceAll('"', '""')}")`) as { seqno: number; name: string; desc: number; key: number }[];
      table.indexes[index.name] = {
        unique: index.unique === 1,
        columns: indexColumns
          .filter((column) => column.key === 1)
          .sort((a, b) => a.seqno - b.seqno)
          .map((column) => (column.desc === 1 ? `${column.name} DESC` : column.name)),
      };
    }
    const references = db.pragma(`foreign_key_list(${quoted})`) as {
      id: number;
      seq: number;
      table: string;
      from: string;
      to: string;
      on_update: string;
      on_delete: string;
    }[];
    for (const id of new Set(references.map((reference) => reference.id))) {
      const parts = references.filter((reference) => reference.id === id).sort((a, b) => a.seq - b.seq);
      const key = foreignKeyKey(
        parts.map((part) => part.from),
        parts[0]!.table,
        parts.map((part) => part.to),
      );
      table.foreignKeys[key] = { onDelete: parts[0]!.on_delete, onUpdate: parts[0]!.on_update };
    }
    tables[object.name] = table;
  }
  return tables;
}

/** pg_constraint's referential action codes. */
const POSTGRES_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** pg_class kinds other than tables that a migration could leave behind, by the word the diff names them with. */
const POSTGRES_RELATION_KINDS: Record<string, string> = { v: 'view', m: 'materialized view', f: 'foreign table', S: 'sequence' };

/**
 * Everything in the connection's current schema except Prisma's migration history and what extensions own (pg_trgm's
 * functions and types): tables with their columns, keys, indexes and foreign keys, read from pg_catalog, and every
 * other object a migration could create (view, sequence of its own, trigger, function, type, constraint other than a
 * primary or foreign key) reported as a table of that name, so the diff names it.
 */
export async function describePostgresDatabase(client: pg.ClientBase): Promise<DatabaseShape> {
  const tables: DatabaseShape = {};
  const tableNamed = (name: string): TableShape => (tables[name] ??= emptyTable());
  // Objects an extension installed belong to it, not to the migrations (pg_depend's 'e' entries).
  const notFromExtension = (catalog: string, oid: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;

  // A SERIAL column's sequence belongs to its column (pg_depend 'a'), an identity column's too ('i'): both show as
  // the column's default below, not as objects of their own.
  const relations = await client.query<{ name: string; kind: string }>(`
    SELECT c.relname AS name, c.relkind AS kind FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND c.relname <> '_prisma_migrations' AND ${notFromExtension('pg_class', 'c.oid')}
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i'))`);
  for (const relation of relations.rows) {
    const kind = POSTGRES_RELATION_KINDS[relation.kind];
    tableNamed(kind === undefined ? relation.name : `${kind} ${relation.name}`);
  }

  const columns = await client.query<{
    table: string;
    column: string;
    type: string;
    notNull: boolean;
    default: string | null;
    serial: boolean;
    identity: string;
    generated: string;
  }>(`
    SELECT c.relname AS table, a.attname AS column,
      format_type(a.atttypid, a.atttypmod)
        || CASE WHEN a.attcollation <> t.typcollation THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END AS type,
      a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS default,
      coalesce(pg_get_expr(d.adbin, d.adrelid) =
        format('nextval(%L::regclass)', pg_get_serial_sequence(quote_ident(c.relname), a.attname)::regclass), false) AS serial,
      a.attidentity AS identity, a.attgenerated AS generated
    FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_collation co ON co.oid = a.attcollation
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
      AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`);
  const serialColumns = new Map<string, string[]>();
  for (const column of columns.rows) {
    let fallback = column.default;
    if (column.identity !== '') fallback = `GENERATED ${column.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
    else if (column.generated !== '') fallback = `GENERATED ALWAYS AS (${column.default ?? ''}) STORED`;
    else if (column.serial) serialColumns.set(column.table, [...(serialColumns.get(column.table) ?? []), column.column]);
    tableNamed(column.table).columns[column.column] = {
      // format_type() spells `timestamp(3) without time zone` what Prisma's DDL calls TIMESTAMP(3).
      type: column.type.toUpperCase().replace(/ WITHOUT TIME ZONE$/, ''),
      notNull: column.notNull,
      default: fallback,
    };
  }

  const constraints = await client.query<{
    table: string;
    name: string;
    type: string;
    columns: string[];
    referencedTable: string | null;
    referencedColumns: string[];
    onDelete: string;
    onUpdate: string;
  }>(`
    SELECT t.relname AS table, k.conname AS name, k.contype AS type,
      array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, n)
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.n) AS columns,
      r.relname AS "referencedTable",
      array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, n)
              JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.n) AS "referencedColumns",
      k.confdeltype AS "onDelete", k.confupdtype AS "onUpdate"
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid LEFT JOIN pg_class r ON r.oid = k.confrelid
    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> '_prisma_migrations'`);
  for (const constraint of constraints.rows) {
    const table = tableNamed(constraint.table);
    if (constraint.type === 'p') {
      table.primaryKey = constraint.columns;
      table.primaryKeyName = constraint.name;
    } else if (constraint.type === 'f') {
      table.foreignKeys[foreignKeyKey(constraint.columns, constraint.referencedTable ?? '?', constraint.referencedColumns)] = {
        name: constraint.name,
        onDelete: POSTGRES_ACTIONS[constraint.onDelete] ?? constraint.onDelete,
        onUpdate: POSTGRES_ACTIONS[constraint.onUpdate] ?? constraint.onUpdate,
      };
    } else {
      // Prisma declares uniqueness with indexes and never writes CHECK or EXCLUDE constraints.
      tableNamed(`constraint ${constraint.name} on ${constraint.table}`);
    }
  }
  // Autoincrement as Prisma means it: the one primary key column is SERIAL. That default is then Prisma's, not the
  // schema's, as on SQLite; a sequence default anywhere else stays visible as a default.
  for (const [name, serial] of serialColumns) {
    const table = tables[name]!;
    const [key] = table.primaryKey;
    if (table.primaryKey.length === 1 && key !== undefined && serial.includes(key)) {
      table.autoincrement = true;
      table.columns[key]!.default = null;
    }
  }

  // Each key column with its non-default operator class, DESC, and NULLS order where it is not the direction's
  // default (PostgreSQL puts nulls first in a descending index); INCLUDE columns marked as such.
  const indexes = await client.query<{
    table: string;
    name: string;
    unique: boolean;
    method: string;
    predicate: string | null;
    columns: string[];
  }>(`
    SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, am.amname AS method,
      pg_get_expr(x.indpred, x.indrelid) AS predicate,
      array(
        SELECT CASE WHEN u.n > x.indnkeyatts THEN 'INCLUDE ' ELSE '' END
          || coalesce(a.attname::text, pg_get_indexdef(x.indexrelid, u.n::int, true))
          || CASE WHEN oc.oid IS NULL OR oc.opcdefault THEN '' ELSE ' ' || oc.opcname END
          || CASE WHEN x.indoption[u.n - 1] & 1 = 1 THEN ' DESC' ELSE '' END
          || CASE WHEN (x.indoption[u.n - 1] & 2 = 2) = (x.indoption[u.n - 1] & 1 = 1) THEN ''
                  WHEN x.indoption[u.n - 1] & 2 = 2 THEN ' NULLS FIRST' ELSE ' NULLS LAST' END
        FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS u(attnum, n)
          LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.attnum AND u.attnum <> 0
          LEFT JOIN pg_opclass oc ON oc.oid = x.indclass[u.n - 1]
        ORDER BY u.n) AS columns
    FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_am am ON am.oid = i.relam
    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> '_prisma_migrations' AND NOT x.indisprimary`);
  for (const index of indexes.rows) {
    const shape: IndexShape = { unique: index.unique, columns: index.columns };
    if (index.method !== 'btree') shape.method = index.method;
    if (index.predicate !== null) shape.where = index.predicate;
    tableNamed(index.table).indexes[index.name] = shape;
  }

  const others = await client.query<{ name: string }>(`
    SELECT 'trigger ' || g.tgname || ' on ' || c.relname AS name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND NOT g.tgisinternal
    UNION ALL
    SELECT 'function ' || p.proname FROM pg_proc p
    WHERE p.pronamespace = current_schema()::regnamespace AND ${notFromExtension('pg_proc', 'p.oid')}
    UNION ALL
    SELECT 'type ' || y.typname FROM pg_type y
    WHERE y.typnamespace = current_schema()::regnamespace AND ${notFromExtension('pg_type', 'y.oid')}
      AND (y.typtype IN ('e', 'd', 'r', 'm')
           OR (y.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = y.typrelid) = 'c'))`);
  for (const other of others.rows) tableNamed(other.name);
  return tables;
}

/** Human-readable differences; empty when the database is exactly what the schema implies. */
export function diffDatabases(expected: DatabaseShape, actual: DatabaseShape): string[] {
  const differences: string[] = [];
  const show = (value: unknown) => JSON.stringify(value);
  const compareEntries = <T>(
    table: string,
    what: string,
    wanted: Record<string, T>,
    found: Record<string, T>,
    describe: (name: string) => string = (name) => `${table}: ${what} ${name}`,
  ) => {
    for (const name of Object.keys(wanted)) {
      if (!(name in found)) differences.push(`${table}: missing ${what} ${name}`);
      else if (show(wanted[name]) !== show(found[name])) {
        differences.push(`${describe(name)} expected ${show(wanted[name])}, found ${show(found[name])}`);
      }
    }
    for (const name of Object.keys(found)) {
      if (!(name in wanted)) differences.push(`${table}: unexpected ${what} ${name} ${show(found[name])}`);
    }
  };

  for (const table of Object.keys(expected)) {
    if (!(table in actual)) differences.push(`missing table ${table}`);
  }
  for (const table of Object.keys(actual)) {
    if (!(table in expected)) differences.push(`unexpected table ${table}`);
  }
  for (const table of Object.keys(expected).filter((name) => name in actual)) {
    const wanted = expected[table]!;
    const found = actual[table]!;
    compareEntries(table, 'column', wanted.columns, found.columns, (name) => `${table}.${name}:`);
    if (show(wanted.primaryKey) !== show(found.primaryKey)) {
      differences.push(`${table}: primary key expected ${show(wanted.primaryKey)}, found ${show(found.primaryKey)}`);
    }
    if (wanted.primaryKeyName !== found.primaryKeyName) {
      differences.push(`${table}: primary key name expected ${show(wanted.primaryKeyName)}, found ${show(found.primaryKeyName)}`);
    }
    if (wanted.autoincrement !== found.autoincrement) {
      differences.push(`${table}: autoincrement expected ${wanted.autoincrement}, found ${found.autoincrement}`);
    }
    compareEntries(table, 'index', wanted.indexes, found.indexes);
    compareEntries(table, 'foreign key', wanted.foreignKeys, found.foreignKeys);
  }
  return differences;
}
