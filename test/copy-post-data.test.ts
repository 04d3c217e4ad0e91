import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { convertScripts } from '../src/convert.js';
import { splitPhases } from '../src/copy/ddl.js';
import { applyUnits, planPostData, unitId, type PostDataUnit } from '../src/copy/post-data.js';
import { defaultOptions } from './helpers/convert.js';
import { bulkTableSql } from './helpers/copy-data.js';
import { mysqlAvailable, mysqlUrl, pgUrl, postgresAvailable, withDatabase } from './helpers/servers.js';

// Post-data DDL runs in units (a table's keys and indexes, a table's foreign keys, each later file), over several
// sessions, each unit committed with its checkpoint: FKs only after the keys they reference, never two units on
// one table at once, and a resumed run applies only the units that had not committed.
const SCHEMA = `
CREATE TABLE parent (id INT NOT NULL PRIMARY KEY, code VARCHAR(10) NOT NULL, UNIQUE KEY parent_code (code), KEY parent_id_code (id, code));
CREATE TABLE child (id INT NOT NULL PRIMARY KEY, parent_id INT NOT NULL, other_id INT, KEY child_parent (parent_id),
  CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id));
CREATE TABLE other (id INT NOT NULL PRIMARY KEY, child_id INT, KEY other_child (child_id),
  CONSTRAINT other_child_fk FOREIGN KEY (child_id) REFERENCES child (id));
ALTER TABLE child ADD CONSTRAINT child_other_fk FOREIGN KEY (other_id) REFERENCES other (id);
CREATE TABLE lone (id INT NOT NULL, note TEXT, KEY lone_id (id));
CREATE VIEW parent_codes AS SELECT code FROM parent;
`;

async function plan(rows: Record<string, number> = {}): Promise<PostDataUnit[]> {
  const r = await convertScripts([{ file: 'post.sql', text: SCHEMA, diagnostics: [] }], defaultOptions('mysql'));
  return planPostData(splitPhases(r.phases).post, r.target, new Map(Object.entries(rows)));
}

const keysOf = (table: string) => unitId('0050_keys_indexes', `table ${table}`);
const fksOf = (table: string) => unitId('0060_foreign_keys', `table ${table}`);

describe('post-data units', () => {
  it('one unit per table for keys and indexes, one per table for FKs after the keys they name, later files alone after all', async () => {
    const units = await plan({ 'public.child': 500, 'public.parent': 10 });
    const byId = new Map(units.map((u) => [u.id, u]));
    expect([...byId.keys()]).toEqual([
      keysOf('parent'), keysOf('child'), keysOf('other'), keysOf('lone'), fksOf('child'), fksOf('other'), unitId('0070_views'),
    ]);
    expect(byId.get(keysOf('parent'))!.phases[0]!.up.map((s) => s.sql).join('\n')).toMatch(/PRIMARY KEY[\s\S]*UNIQUE[\s\S]*CREATE INDEX/);
    expect(byId.get(keysOf('child'))!.weight).toBe(500);
    expect(byId.get(keysOf('child'))!.locks).toEqual(['table child']);
    // child -> parent and child -> other; other -> child: each FK unit waits for the keys of both ends and locks both.
    expect(byId.get(fksOf('child'))!.after.sort()).toEqual([keysOf('child'), keysOf('other'), keysOf('parent')].sort());
    expect(byId.get(fksOf('child'))!.locks.sort()).toEqual(['table child', 'table other', 'table parent']);
    expect(byId.get(fksOf('other'))!.after.sort()).toEqual([keysOf('child'), keysOf('other')].sort());
    expect(byId.get(unitId('0070_views'))!.after).toHaveLength(6);
    expect(byId.get(unitId('0070_views'))!.locks).toEqual(['*']);
    // Every post-data statement is in exactly one unit.
    const r = await convertScripts([{ file: 'post.sql', text: SCHEMA, diagnostics: [] }], defaultOptions('mysql'));
    const all = splitPhases(r.phases).post.flatMap((p) => p.up.map((s) => s.sql));
    expect(units.flatMap((u) => u.phases.flatMap((p) => p.up.map((s) => s.sql))).sort()).toEqual(all.sort());
  });

  it('runs units concurrently, never two on one table, FKs after their keys, done units not again', async () => {
    const units = await plan({ 'public.child': 3, 'public.parent': 2, 'public.other': 1 });
    const unitOf = new Map(units.flatMap((u) => u.phases.flatMap((p) => p.up.map((s) => [s.sql, u] as const))));
    const running = new Set<PostDataUnit>();
    const committed = new Set<string>([keysOf('lone')]);
    const log: string[] = [];
    let most = 0;
    // A session that knows its unit by the unit's first statement and checks the rules as the unit starts.
    const fakeSession = (): pg.Client => {
      let current: PostDataUnit | undefined;
      return {
        query: async (sql: string) => {
          const u = unitOf.get(sql);
          if (u && !current) {
            current = u;
            for (const other of running) expect(other.locks.some((l) => u.locks.includes(l)) || [...other.locks, ...u.locks].includes('*'), `${u.id} beside ${other.id}`).toBe(false);
            for (const id of u.after) expect(committed.has(id), `${u.id} after ${id}`).toBe(true);
            running.add(u);
            most = Math.max(most, running.size);
            log.push(u.id);
          }
          await new Promise((r) => setTimeout(r, 1 + Math.random() * 4));
          if (sql === 'COMMIT' && current) {
            committed.add(current.id);
            running.delete(current);
            current = undefined;
          }
          return { rows: [], rowCount: 0 };
        },
        end: async () => undefined,
      } as unknown as pg.Client;
    };
    const marked: string[] = [];
    const outcomes = await applyUnits(units, { jobs: 3, open: async () => fakeSession(), done: new Set([keysOf('lone')]), mark: async (_c, u) => void marked.push(u.id) });
    const expected = units.map((u) => u.id).filter((id) => id !== keysOf('lone')).sort();
    expect(log.slice().sort()).toEqual(expected);
    expect(marked.slice().sort()).toEqual(expected);
    expect(outcomes.map((o) => o.unit.id).sort()).toEqual(expected);
    expect(most).toBeGreaterThan(1);
    expect(log.at(-1)).toBe(unitId('0070_views'));
    // One session: the heaviest ready unit each time.
    log.length = 0;
    committed.clear();
    committed.add(keysOf('lone'));
    await applyUnits(units, { jobs: 1, open: async () => fakeSession(), done: new Set([keysOf('lone')]), mark: async () => undefined });
    expect(log).toEqual([keysOf('child'), keysOf('parent'), keysOf('other'), fksOf('child'), fksOf('other'), unitId('0070_views')]);
  });

  it('a unit that breaks its session stops new units from starting, and the error is thrown', async () => {
    const units = await plan();
    const marked: string[] = [];
    // A refused statement is a DDL failure under its savepoint; a session that cannot even roll back to it is broken.
    const session = (): pg.Client => ({
      query: async (sql: string) => {
        if (/^ALTER TABLE (public\.)?parent /.test(sql)) throw new Error('refused');
        if (sql.startsWith('ROLLBACK TO')) throw new Error('connection lost');
        return { rows: [], rowCount: 0 };
      },
      end: async () => undefined,
    }) as unknown as pg.Client;
    await expect(applyUnits(units, { jobs: 1, open: async () => session(), done: new Set(), mark: async (_c, u) => void marked.push(u.id) })).rejects.toThrow(/connection lost/);
    expect(marked).not.toContain(keysOf('parent'));
    expect(marked).not.toContain(unitId('0070_views'));
  });
});

const live = (await mysqlAvailable()) && (await postgresAvailable());
const DB = 'pgshift_copy_post_data';
const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const STRAIGHT = 'pgshift_copy_post_data_straight';
const source = withDatabase(mysqlUrl, DB);
const target = withDatabase(pgUrl, DB);
let my: mysql.Connection;
let admin: pg.Client;

beforeAll(async () => {
  if (!live) return;
  const u = new URL(mysqlUrl);
  my = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username) || 'root', password: decodeURIComponent(u.password), multipleStatements: true });
  await my.query(`DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB}; USE ${DB}`);
  await my.query(SCHEMA);
  await my.query("INSERT INTO parent SELECT seq, CONCAT('p', seq) FROM seq_1_to_100");
  await my.query('INSERT INTO other SELECT seq, NULL FROM seq_1_to_100');
  await my.query('INSERT INTO child SELECT seq, 1 + seq % 100, 1 + seq % 100 FROM seq_1_to_5000');
  await my.query('INSERT INTO lone SELECT seq, CONCAT(\'n\', seq) FROM seq_1_to_1000');
  for (const sql of bulkTableSql('bulk', 30_000)) await my.query(sql);
  admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  for (const db of [DB, STRAIGHT]) {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${db}`);
  }
});
afterAll(async () => {
  await my?.end();
  await admin?.end();
});

interface Run { code: number | null; events: Record<string, unknown>[]; out: string }

function copy(into = DB): { done: Promise<Run>; kill: () => void } {
  const p = spawn(process.execPath, [cli, 'copy', '--source', source, '--target', withDatabase(pgUrl, into), '--jobs', '2', '--chunk-rows', '2000', '--no-validate', '--format', 'json',
    '--out', join(import.meta.dirname, 'artifacts', 'copy-post-data')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString()));
  p.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<Run>((resolve) => p.on('exit', (code) => resolve({
    code, out, events: out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
  })));
  return { done, kill: () => p.kill('SIGKILL') };
}

const doneUnits = async (c: pg.Client): Promise<string[]> =>
  (await c.query<{ phase: string }>("SELECT phase FROM pgshift.copy_phase WHERE phase LIKE 'post-data %' ORDER BY phase").catch(() => ({ rows: [] }))).rows.map((r) => r.phase);

/** Keys, uniques, FKs and indexes of the public schema, by name and definition. */
async function schemaObjects(c: pg.Client): Promise<string[]> {
  const cons = await c.query<{ d: string }>("SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f')");
  const idx = await c.query<{ d: string }>("SELECT 'index ' || indexdef AS d FROM pg_indexes WHERE schemaname = 'public'");
  return [...cons.rows, ...idx.rows].map((r) => r.d).sort();
}

// Live post-data statements name their table by its source path (database.table).
const liveKeys = (table: string) => keysOf(`${DB}.${table}`);
const liveFks = (table: string) => fksOf(`${DB}.${table}`);

async function until<T>(what: string, f: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 6000; i++) {
    const v = await f();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!live)('pgshift copy: post-data resume after kill -9', () => {
  it('a resumed post-data applies only the units that had not committed', async () => {
    const client = new pg.Client({ connectionString: target });
    const blocker = new pg.Client({ connectionString: target });
    await client.connect();
    await blocker.connect();
    const u = new URL(mysqlUrl);
    const sourceLock = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username) || 'root', password: decodeURIComponent(u.password), database: DB });
    try {
      // The source's child table is locked, so the copy waits before its rows (and its keys) until the target's child
      // table is locked too: then child's key unit waits (ADD PRIMARY KEY needs the exclusive lock) while rows still
      // load (COPY's lock does not conflict) and the other tables' units commit on the second session.
      await sourceLock.query('LOCK TABLES child WRITE');
      const first = copy();
      await until('table child', async () => ((await client.query("SELECT to_regclass('public.child') AS r")).rows[0].r ? true : undefined));
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE child IN ACCESS SHARE MODE');
      await sourceLock.query('UNLOCK TABLES');
      const before = await until('the unblocked key units', async () => {
        const units = await doneUnits(client);
        return [liveKeys('parent'), liveKeys('other'), liveKeys('lone'), liveKeys('bulk')].every((u) => units.includes(u)) ? units : undefined;
      });
      first.kill();
      expect((await first.done).code).toBe(null);
      await blocker.query('ROLLBACK');
      expect(before).not.toContain(liveKeys('child'));
      expect(before).not.toContain(liveFks('child'));
      expect(before).not.toContain(liveFks('other'));

      const rerun = await copy().done;
      expect(rerun.code, rerun.out).toBe(0);
      const units = rerun.events.filter((e) => e.event === 'unit');
      expect(units.filter((e) => e.status === 'skipped').map((e) => e.unit).sort()).toEqual([...before].sort());
      expect(units.filter((e) => e.status === 'applied').map((e) => e.unit).sort()).toEqual(
        [liveKeys('child'), liveFks('child'), liveFks('other'), unitId('0070_views')].filter((u) => !before.includes(u)).sort(),
      );
      const phase = rerun.events.find((e) => e.event === 'phase' && e.phase === 'post-data')!;
      expect(phase).toMatchObject({ status: 'applied', units: 8, skippedUnits: before.length, failed: 0 });
      const done = rerun.events.find((e) => e.event === 'done')!.stats as { ddlFailures: unknown[]; rows: number };
      expect(done.ddlFailures).toEqual([]);
      // The same keys, indexes and FKs as a copy that was never killed, each once.
      const straight = await copy(STRAIGHT).done;
      expect(straight.code, straight.out).toBe(0);
      // Units run beside the chunks of other tables, but a table's keys only once its own rows are all in.
      const at = (f: (e: Record<string, unknown>) => boolean) => straight.events.findIndex(f);
      const lastChunk = (table: string) => straight.events.map((e) => e.event === 'chunk' && e.table === `public.${table}`).lastIndexOf(true);
      for (const table of ['parent', 'child', 'other', 'lone', 'bulk']) {
        expect(lastChunk(table), table).toBeGreaterThan(0);
        expect(at((e) => e.event === 'unit' && e.unit === liveKeys(table)), table).toBeGreaterThan(lastChunk(table));
      }
      expect(at((e) => e.event === 'unit' && e.unit === liveFks('child'))).toBeGreaterThan(Math.max(lastChunk('child'), lastChunk('parent'), lastChunk('other')));
      expect(at((e) => e.event === 'unit' && e.unit === unitId('0070_views'))).toBeGreaterThan(Math.max(...['parent', 'child', 'other', 'lone', 'bulk'].map(lastChunk)));
      const other = new pg.Client({ connectionString: withDatabase(pgUrl, STRAIGHT) });
      await other.connect();
      try {
        expect(await schemaObjects(client)).toEqual(await schemaObjects(other));
      } finally {
        await other.end();
      }
      expect((await schemaObjects(client)).filter((o) => o.startsWith('constraint'))).toHaveLength(8);
      expect(await doneUnits(client)).toHaveLength(8);
      const rows = await client.query<{ n: number }>('SELECT (SELECT count(*) FROM child)::int + (SELECT count(*) FROM bulk)::int AS n');
      expect(rows.rows[0]!.n).toBe(5000 + 30_000);

      // A third run finds the whole phase done.
      const again = await copy().done;
      expect(again.code, again.out).toBe(0);
      expect(again.events.find((e) => e.event === 'phase' && e.phase === 'post-data')).toMatchObject({ status: 'skipped' });
    } finally {
      await blocker.end().catch(() => undefined);
      await sourceLock.end().catch(() => undefined);
      await client.end();
    }
  });
});
