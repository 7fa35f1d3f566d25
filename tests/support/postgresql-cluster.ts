// A PostgreSQL 15 cluster of the test's own, on a free loopback port, that the test may restart, stop, hang and
// starve of connections without touching the cluster the rest of the suite runs on. As root (CI), the cluster belongs
// to the postgres user, as tests/support/with-postgresql.sh does it. Every process is stopped by its data folder or
// its PID, never by name.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

/** Whether this machine can run a cluster of the test's own (PostgreSQL 15's server binaries are installed). */
export const clusterAvailable = existsSync(path.join(PG_BIN, 'initdb'));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a PostgreSQL program as the cluster's owner. */
async function asOwner(program: string, args: string[]): Promise<string> {
  const command = [path.join(PG_BIN, program), ...args];
  const { stdout } = asRoot
    ? await run('su', ['postgres', '-s', '/bin/sh', '-c', command.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ')])
    : await run(command[0]!, command.slice(1));
  return stdout;
}

export interface ClusterSettings {
  /** The server's max_connections (PostgreSQL's default is 100). */
  maxConnections?: number;
}

export class PostgresqlCluster {
  private constructor(
    readonly directory: string,
    readonly port: number,
  ) {}

  static async start(settings: ClusterSettings = {}): Promise<PostgresqlCluster> {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'atlas-cluster-'));
    if (asRoot) chownSync(directory, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    const cluster = new PostgresqlCluster(directory, await freePort());
    await asOwner('initdb', ['-D', cluster.data, '-A', 'trust', '-U', 'postgres', '--locale=C.UTF-8', '-E', 'UTF8']);
    await cluster.startServer(settings);
    return cluster;
  }

  get data(): string {
    return path.join(this.directory, 'data');
  }

  /** A URL naming `database` on this cluster. */
  url(database = 'postgres'): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async query<Row extends pg.QueryResultRow>(text: string, database = 'postgres'): Promise<Row[]> {
    const client = new pg.Client({ connectionString: this.url(database), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query<Row>(text)).rows;
    } finally {
      await client.end();
    }
  }

  async startServer(settings: ClusterSettings = {}): Promise<void> {
    const options = [`-p ${this.port}`, `-k ${this.directory}`, '-c listen_addresses=127.0.0.1', `-c max_connections=${settings.maxConnections ?? 100}`];
    await asOwner('pg_ctl', ['-D', this.data, '-o', options.join(' '), '-l', path.join(this.directory, 'log'), '-w', 'start']);
  }

  /** `fast` ends sessions cleanly; `immediate` drops everything, as a crash would. */
  async stopServer(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await asOwner('pg_ctl', ['-D', this.data, '-m', mode, '-w', 'stop']);
  }

  async restart(mode: 'fast' | 'immediate', settings: ClusterSettings = {}): Promise<void> {
    await this.stopServer(mode);
    await this.startServer(settings);
  }

  /** The postmaster and every process it started (backends, background workers). */
  pids(): number[] {
    const postmaster = Number(readFileSync(path.join(this.data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('pgrep', ['-P', String(postmaster)]).toString().trim().split('\n').filter(Boolean).map(Number);
    return [postmaster, ...children];
  }

  /** Hangs the server: every process of it stopped (SIGSTOP), as a stalled machine would be. Returns the PIDs to resume. */
  hang(): number[] {
    const pids = this.pids();
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    return pids;
  }

  resume(pids: number[]): void {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone meanwhile
      }
    }
  }

  async remove(): Promise<void> {
    await asOwner('pg_ctl', ['-D', this.data, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(this.directory, { recursive: true, force: true });
  }
}
