// Durability: both of the app's connections commit with WAL + synchronous=FULL and wait for locks; the backup
// command copies the live database while it is being written, checks the copy, and never leaves a bad one behind.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, openSync, writeSync, closeSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { backupDatabase, BackupError, defaultBackupFile } from '../../src/db/backup.js';
import { sql, type SqliteReader } from '../../src/db/sql.js';
import { createTestApp } from '../support/test-app.js';
import { testEngine } from '../support/test-database.js';

const KEY = 'durability-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app, database } = await createTestApp({ API_KEYS });
// SQLite's durability is the service's to set up (WAL, synchronous=FULL, its own backup command); PostgreSQL's is the
// server's, and the service only checks that a commit waits for it.
const onSqlite = testEngine() === 'sqlite';
const databaseFile = database.file ?? '';

async function createVendor(slug: string): Promise<number> {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/vendors',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ slug, name: `Vendor ${slug}`, kind: 'startup', sources: ['rebellions-korean-startup-joins-competition'] }),
  });
  return response.statusCode;
}

/** Runs the backup command as an operator would, in a process of its own. */
async function runBackupCommand(databaseUrl: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/cli/backup.ts'), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe.runIf(!onSqlite)('PostgreSQL commits', () => {
  it('acknowledge a write only once the server has made it durable', async () => {
    expect(await createVendor('durable-write')).toBe(201);
    const [setting] = await app.reader.all<{ synchronous_commit: string; fsync: string }>(
      sql`SELECT current_setting('synchronous_commit') AS "synchronous_commit", current_setting('fsync') AS "fsync"`,
    );
    expect(setting).toEqual({ synchronous_commit: 'on', fsync: 'on' });
  });
});

describe.runIf(onSqlite)('connection settings', () => {
  it('reads on a read-only connection to the WAL database, waiting up to 5 s for a lock', () => {
    const reads = (app.reader.inner as SqliteReader).connection;
    expect(reads.readonly).toBe(true);
    expect(reads.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(reads.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(() => reads.exec('CREATE TABLE "Intruder" ("id" INTEGER)')).toThrow(/readonly/);
  });

  it('commits writes on a connection with the same settings', async () => {
    expect(await createVendor('durable-write')).toBe(201);
    expect(await app.writes.pragma('journal_mode')).toBe('wal');
    expect(await app.writes.pragma('synchronous')).toBe(2);
    expect(await app.writes.pragma('busy_timeout')).toBe(5000);
    expect(await app.writes.pragma('foreign_keys')).toBe(1);
    await expect(app.writes.pragma('synchronous = OFF')).rejects.toThrow('not a pragma name');
    expect(await app.writes.pragma('synchronous')).toBe(2);
  });
});

describe.runIf(onSqlite)('npm run db:backup', () => {
  it('copies the database while it is being written: sound, self-contained, with every earlier commit', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'atlas-backup-'));
    const out = path.join(directory, 'nested', 'copy.db');
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let index = 0; writing && index < 2000; index += 1) {
        const slug = `backup-load-${index}`;
        const status = await createVendor(slug);
        expect(status).toBe(201);
        acknowledged.push(slug);
      }
    })();
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));

    const committedBefore = [...acknowledged];
    const result = await runBackupCommand(`file:${databaseFile}`, ['--out', out]);
    const acknowledgedDuring = acknowledged.length - committedBefore.length;
    writing = false;
    await writer;

    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${out}\n`);
    expect(acknowledgedDuring, 'the writer kept committing while the backup ran').toBeGreaterThan(0);
    expect((await readdir(path.dirname(out))).sort(), 'one file: no -wal, -shm or .partial beside it').toEqual(['copy.db']);

    const copy = new Database(out, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const slugs = new Set((copy.prepare('SELECT slug FROM Vendor').all() as { slug: string }[]).map((row) => row.slug));
      for (const slug of committedBefore) expect(slugs.has(slug), `${slug} was committed before the backup began`).toBe(true);
      // A snapshot, not a smear: each create wrote its vendor and its revision in one transaction, so the copy
      // holds both or neither for every vendor the API created, and nothing the writer never acknowledged.
      const copied = [...slugs].filter((slug) => slug.startsWith('backup-load-'));
      const revised = (copy.prepare(`SELECT slug FROM Revision WHERE resource = 'vendor' AND slug LIKE 'backup-load-%'`).all() as { slug: string }[]).map((row) => row.slug);
      expect(revised.sort()).toEqual(copied.sort());
      for (const slug of copied) expect(acknowledged).toContain(slug);
    } finally {
      copy.close();
    }
  });

  it('names the backup by UTC time in backups/ beside the database when no --out is given', async () => {
    expect(defaultBackupFile('/srv/atlas/data/atlas.db', new Date('2026-11-28T10:17:48.459Z'))).toBe(
      '/srv/atlas/data/backups/atlas-20261128T101748Z.db',
    );
    const directory = await mkdtemp(path.join(os.tmpdir(), 'atlas-backup-'));
    const source = path.join(directory, 'atlas.db');
    await backupDatabase(databaseFile, source);
    const before = new Date();
    const result = await runBackupCommand(`file:${source}`, []);
    expect(result.code).toBe(0);
    const printed = result.stdout.trim();
    expect(path.dirname(printed)).toBe(path.join(directory, 'backups'));
    expect(path.basename(printed)).toMatch(/^atlas-\d{8}T\d{6}Z\.db$/);
    const stamp = path.basename(printed).replace(/^atlas-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.db$/, '$1-$2-$3T$4:$5:$6Z');
    expect(Math.abs(new Date(stamp).getTime() - before.getTime())).toBeLessThan(30_000);
    expect(existsSync(printed)).toBe(true);
  });

  it('refuses to overwrite a backup, and reports a missing database or an unknown option', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'atlas-backup-'));
    const out = path.join(directory, 'copy.db');
    await backupDatabase(databaseFile, out);
    await expect(backupDatabase(databaseFile, out)).rejects.toThrow(BackupError);
    await expect(backupDatabase(path.join(directory, 'missing.db'), path.join(directory, 'other.db'))).rejects.toThrow('No database at');
    expect(existsSync(path.join(directory, 'missing.db'))).toBe(false);

    const usage = await runBackupCommand(`file:${databaseFile}`, ['--output', out]);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('--output');
  });

  it('exits non-zero and leaves no file when the copy fails its integrity check', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'atlas-backup-'));
    const source = path.join(directory, 'damaged.db');
    const db = new Database(source);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT); CREATE INDEX item_label ON item (label);');
    const insert = db.prepare('INSERT INTO item (label) VALUES (?)');
    db.transaction(() => {
      for (let index = 0; index < 2000; index += 1) insert.run(`label ${index} ${'x'.repeat(40)}`);
    })();
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    db.close();
    // Scribble over the middle of the file (table and index pages), as a failing disk would.
    const fd = openSync(source, 'r+');
    writeSync(fd, Buffer.alloc(pageSize * 3, 0x5a), 0, pageSize * 3, pageSize * Math.floor(pageCount / 2));
    closeSync(fd);

    const out = path.join(directory, 'copy.db');
    const result = await runBackupCommand(`file:${source}`, ['--out', out]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/integrity_check|malformed/);
    expect(result.stdout).toBe('');
    expect(await readdir(directory)).toEqual(['damaged.db']);
  });
});
