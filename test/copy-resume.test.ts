import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { bulkTableSql } from './helpers/copy-data.js';
import { mysqlAvailable, mysqlUrl, pgUrl, postgresAvailable, withDatabase } from './helpers/servers.js';

// The CLI is killed with SIGKILL once some chunks are committed; the same command then finishes the job
// with no row missing and none twice (a chunk's rows and its checkpoint commit together).
const live = (await mysqlAvailable()) && (await postgresAvailable());
const ROWS = 300_000;
const DB = 'pgshift_copy_resume';
const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const source = withDatabase(mysqlUrl, DB);
const target = withDatabase(pgUrl, DB);
let my: mysql.Connection;
let admin: pg.Client;

beforeAll(async () => {
  if (!live) return;
  const u = new URL(mysqlUrl);
  my = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username) || 'root', password: decodeURIComponent(u.password), supportBigNumbers: true, bigNumberStrings: true });
  await my.query(`DROP DATABASE IF EXISTS ${DB}`);
  await my.query(`CREATE DATABASE ${DB}`);
  await my.query(`USE ${DB}`);
  for (const sql of bulkTableSql('bulk', ROWS)) await my.query(sql);
  admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
});
afterAll(async () => {
  await my?.end();
  await admin?.end();
});

function copyArgs(): string[] {
  return [cli, 'copy', '--source', source, '--target', target, '--jobs', '2', '--chunk-rows', '2000', '--no-validate', '--out', join(import.meta.dirname, 'artifacts', 'copy-resume')];
}

async function doneChunks(client: pg.Client): Promise<{ done: number; all: number }> {
  const r = await client.query('SELECT count(done_at)::int AS done, count(*)::int AS "all" FROM pgshift.copy_state').catch(() => ({ rows: [{ done: 0, all: 0 }] }));
  return r.rows[0] as { done: number; all: number };
}

describe.skipIf(!live)('pgshift copy: resume after kill -9', () => {
  it('continues from the committed chunks: same count, none missing, none twice', async () => {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      const child = spawn(process.execPath, copyArgs(), { stdio: 'ignore' });
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      let state = { done: 0, all: 0 };
      for (let i = 0; i < 3000; i++) {
        state = await doneChunks(client);
        if (state.done >= 1) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      child.kill('SIGKILL');
      await exited;
      state = await doneChunks(client);
      expect(state.done).toBeGreaterThanOrEqual(1);
      expect(state.done).toBeLessThan(state.all);

      const rerun = spawn(process.execPath, copyArgs(), { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      rerun.stdout.on('data', (d: Buffer) => (out += d.toString()));
      rerun.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((r) => rerun.on('exit', (c) => r(c)));
      expect(code, out).toBe(0);
      expect(out).toContain('(resumed)');
      expect(out).toMatch(/chunk\(s\) from an earlier run/);

      const [[srcAgg]] = (await my.query(`SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d, CAST(SUM(id) AS CHAR) AS s FROM ${DB}.bulk`)) as unknown as [Record<string, string>[]];
      const tgt = await client.query(`SELECT count(*)::text AS n, count(DISTINCT id)::text AS d, sum(id)::text AS s FROM bulk`);
      const dup = await client.query('SELECT count(*)::int AS n FROM (SELECT id FROM bulk GROUP BY id HAVING count(*) > 1) x');
      expect(String(tgt.rows[0].n)).toBe(String(srcAgg!.n));
      expect(String(tgt.rows[0].d)).toBe(String(srcAgg!.d));
      expect(String(tgt.rows[0].s)).toBe(String(srcAgg!.s));
      expect(dup.rows[0].n).toBe(0);
      // Key sets equal: no id missing on the PostgreSQL side (ids are 1..ROWS in the source).
      const missing = await client.query(`SELECT count(*)::int AS n FROM generate_series(1, ${ROWS}) g LEFT JOIN bulk b ON b.id = g WHERE b.id IS NULL`);
      expect(missing.rows[0].n).toBe(0);
      expect((await doneChunks(client)).done).toBe(state.all);
    } finally {
      await client.end();
    }
  });

  it('refuses to resume when the source schema changed, unless --restart', async () => {
    await my.query(`ALTER TABLE ${DB}.bulk ADD COLUMN extra INT NULL`);
    const run = (extra: string[]) => new Promise<{ code: number | null; out: string }>((resolve) => {
      const p = spawn(process.execPath, [...copyArgs(), ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (out += d.toString()));
      p.on('exit', (code) => resolve({ code, out }));
    });
    const refused = await run([]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/--restart/);
    expect(refused.out).not.toMatch(/password/i);
    const restarted = await run(['--restart']);
    expect(restarted.code, restarted.out).toBe(0);
    const n = await admin.query(`SELECT 1`).then(async () => {
      const c = new pg.Client({ connectionString: target });
      await c.connect();
      const r = await c.query('SELECT count(*)::int AS n FROM bulk');
      await c.end();
      return r.rows[0].n as number;
    });
    expect(n).toBe(ROWS);
  });
});
