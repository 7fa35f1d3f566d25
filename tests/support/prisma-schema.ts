// What schema.prisma declares, as the database Prisma's migrations build from it, and what a migrated database holds:
// the drift test in tests/migrations.test.ts compares the two. Prisma's engine cannot run here, so the expected shape
// comes from a small reader of the schema language and Prisma's SQLite naming, type and default conventions, checked
// there against SQL Prisma 6.19.3 generated for FIXTURE_SCHEMA (tests/support/prisma-schema-fixture.ts).
import type Database from 'better-sqlite3';

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

function matchingParenthesis(text: string, open: number, where: string): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced parentheses at ${where}`);
}

/** Splits attribute arguments at top-level commas into positional values and `key: value` pairs. */
function parseArguments(args: string | null): { positional: string[]; named: Record<string, string> } {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  const text = args ?? '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
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
// The database shape: what schema.prisma implies under Prisma's SQLite conventions, and what a file holds.
// ---------------------------------------------------------------------------------------------------------------

export interface ColumnShape {
  type: string;
  notNull: boolean;
  /** The DEFAULT expression as SQLite reports it (PRAGMA table_info's dflt_value). */
  default: string | null;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  autoincrement: boolean;
  indexes: Record<string, { unique: boolean; columns: string[] }>;
  /** Keyed `(from, ...) -> Table(to, ...)`: SQLite does not report constraint names. */
  foreignKeys: Record<string, { onDelete: string; onUpdate: string }>;
}

export type DatabaseShape = Record<string, TableShape>;

// The column types Prisma's SQLite connector declares (checked in FIXTURE_SQL). Json is JSONB since Prisma 6.2,
// and @prisma/adapter-better-sqlite3 7 reads the JSONB declared type back as Json.
const COLUMN_TYPES: Record<string, string> = {
  String: 'TEXT',
  Int: 'INTEGER',
  BigInt: 'BIGINT',
  Float: 'REAL',
  Boolean: 'BOOLEAN',
  DateTime: 'DATETIME',
  Json: 'JSONB',
};

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

export function isModel(models: PrismaModel[], type: string): boolean {
  return models.some((model) => model.name === type);
}

function attribute(field: PrismaField, name: string): PrismaAttribute | undefined {
  return field.attributes.find((candidate) => candidate.name === name);
}

function foreignKeyKey(from: string[], table: string, to: string[]): string {
  return `(${from.join(', ')}) -> ${table}(${to.join(', ')})`;
}

/** Prisma's relation name: the one given, else the two model names in alphabetical order joined by "To". */
function relationName(modelName: string, field: PrismaField): string {
  const relation = attribute(field, 'relation');
  const { positional, named } = parseArguments(relation?.args ?? null);
  const given = named.name ?? positional[0];
  return given !== undefined ? (JSON.parse(given) as string) : [modelName, field.type].sort().join('To');
}

/** The DEFAULT expression Prisma writes for `@default(...)`; null where the client fills the value in. */
function columnDefault(field: PrismaField, context: string): string | null {
  const fallback = attribute(field, 'default');
  if (!fallback) return null;
  const value = fallback.args ?? '';
  if (value === 'now()') return 'CURRENT_TIMESTAMP';
  if (value === 'autoincrement()') return null;
  if (value === 'true' || value === 'false' || /^-?\d+(\.\d+)?$/.test(value)) return value;
  if (value.startsWith('"')) return `'${(JSON.parse(value) as string).replaceAll("'", "''")}'`;
  throw new Error(`unsupported default ${value} in ${context}`);
}

export function expectedDatabase(models: PrismaModel[]): DatabaseShape {
  const tables: DatabaseShape = {};
  const joinTables = new Map<string, [string, string]>();

  for (const model of models) {
    const table: TableShape = { columns: {}, primaryKey: [], autoincrement: false, indexes: {}, foreignKeys: {} };
    tables[model.name] = table;

    for (const field of model.fields) {
      const context = `${model.name}.${field.name}`;
      const known = new Set(['id', 'unique', 'default', 'relation']);
      const unknown = field.attributes.find((candidate) => !known.has(candidate.name));
      if (unknown) throw new Error(`unsupported attribute @${unknown.name} on ${context}`);

      if (isModel(models, field.type)) {
        const { named } = parseArguments(attribute(field, 'relation')?.args ?? null);
        if (named.fields !== undefined) {
          const from = parseFieldList(named.fields, context);
          const to = parseFieldList(named.references, context);
          // Prisma's defaults: an optional relation sets null on delete, a required one restricts.
          const onDelete = named.onDelete ?? (field.optional ? 'SetNull' : 'Restrict');
          const onUpdate = named.onUpdate ?? 'Cascade';
          table.foreignKeys[foreignKeyKey(from, field.type, to)] = {
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

      const type = COLUMN_TYPES[field.type];
      if (!type || field.list) throw new Error(`unsupported type ${field.type}${field.list ? '[]' : ''} on ${context}`);
      table.columns[field.name] = { type, notNull: !field.optional, default: columnDefault(field, context) };
      const id = attribute(field, 'id');
      const unique = attribute(field, 'unique');
      if ((id && id.args !== null) || (unique && unique.args !== null)) {
        throw new Error(`unsupported arguments to @id/@unique on ${context}`);
      }
      if (id) {
        table.primaryKey = [field.name];
        table.autoincrement = attribute(field, 'default')?.args === 'autoincrement()';
      }
      if (unique) table.indexes[`${model.name}_${field.name}_key`] = { unique: true, columns: [field.name] };
    }

    for (const blockAttribute of model.attributes) {
      const context = `@@${blockAttribute.name} of ${model.name}`;
      const { positional, named } = parseArguments(blockAttribute.args);
      if (positional.length !== 1 || Object.keys(named).length > 0) throw new Error(`unsupported arguments to ${context}`);
      const columns = blockAttribute.name === 'index' ? parseIndexColumns(positional[0], context) : parseFieldList(positional[0], context);
      if (blockAttribute.name === 'id') table.primaryKey = columns;
      else if (blockAttribute.name === 'unique') {
        table.indexes[`${model.name}_${columns.join('_')}_key`] = { unique: true, columns };
      } else if (blockAttribute.name === 'index') {
        table.indexes[`${model.name}_${columns.map((column) => column.replace(/ DESC$/, '')).join('_')}_idx`] = { unique: false, columns };
      } else throw new Error(`unsupported block attribute ${context}`);
    }
  }

  // Implicit many-to-many: `_<relation>` with A referencing the model whose name sorts first, B the other.
  for (const [name, [first, second]] of joinTables) {
    const idColumn = (modelName: string): [string, string] => {
      const model = models.find((candidate) => candidate.name === modelName)!;
      const id = model.fields.find((field) => attribute(field, 'id'));
      if (!id) throw new Error(`unsupported implicit many-to-many on ${modelName} without a single-field @id`);
      return [id.name, COLUMN_TYPES[id.type]!];
    };
    const [firstId, firstType] = idColumn(first);
    const [secondId, secondType] = idColumn(second);
    tables[`_${name}`] = {
      columns: {
        A: { type: firstType, notNull: true, default: null },
        B: { type: secondType, notNull: true, default: null },
      },
      primaryKey: [],
      autoincrement: false,
      indexes: {
        [`_${name}_AB_unique`]: { unique: true, columns: ['A', 'B'] },
        [`_${name}_B_index`]: { unique: false, columns: ['B'] },
      },
      foreignKeys: {
        [foreignKeyKey(['A'], first, [firstId])]: { onDelete: 'CASCADE', onUpdate: 'CASCADE' },
        [foreignKeyKey(['B'], second, [secondId])]: { onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      },
    };
  }
  return tables;
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
      tables[`${object.type} ${object.name}`] = { columns: {}, primaryKey: [], autoincrement: false, indexes: {}, foreignKeys: {} };
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
    if (wanted.autoincrement !== found.autoincrement) {
      differences.push(`${table}: autoincrement expected ${wanted.autoincrement}, found ${found.autoincrement}`);
    }
    compareEntries(table, 'index', wanted.indexes, found.indexes);
    compareEntries(table, 'foreign key', wanted.foreignKeys, found.foreignKeys);
  }
  return differences;
}
