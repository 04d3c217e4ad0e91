import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { runCopy } from '../src/copy/run.js';
import { parseMysql } from '../src/sources/mysql/parser.js';
import { corpusPresent, corpusScripts } from './helpers/corpus.js';
import { canonicalRows, sourceTables } from './helpers/copy-compare.js';
import { TYPE_MIX_DDL, TYPE_MIX_ROWS, typeMixBulk } from './helpers/copy-data.js';
import { mysqlAvailable, mysqlUrl, pgUrl, postgresAvailable, withDatabase } from './helpers/servers.js';

// Each corpus schema and a type-mix table go MariaDB → pgshift copy → a fresh PostgreSQL database; both sides are then read back and compared row by row.
const live = (await mysqlAvailable()) && (await postgresAvailable());
const server = new URL(mysqlUrl);
let my: mysql.Connection;
let admin: pg.Client;

beforeAll(async () => {
  if (!live) return;
  my = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username) || 'root', password: decodeURIComponent(server.password), multipleStatements: true,
    dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, decimalNumbers: false, jsonStrings: true, charset: 'utf8mb4' });
  admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
});
afterAll(async () => {
  await my?.end();
  await admin?.end();
});

function runScript(file: string, database?: string): void {
  const args = ['-h', server.hostname, '-P', server.port || '3306', '-u', decodeURIComponent(server.username) || 'root'];
  if (database) args.push(database);
  execFileSync('mariadb', args, { input: readFileSync(file), env: { ...process.env, MYSQL_PWD: decodeURIComponent(server.password) }, stdio: ['pipe', 'pipe', 'pipe'] });
}

async function freshPg(name: string): Promise<string> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  return withDatabase(pgUrl, name);
}

/** Copies db into a fresh PostgreSQL database and expects every table to read back the same on both sides. */
async function copyAndCompare(db: string, pgName: string, rejectsDir: string): Promise<Awaited<ReturnType<typeof runCopy>>> {
  const target = await freshPg(pgName);
  const stats = await runCopy({ source: withDatabase(mysqlUrl, db), target, jobs: 2, chunkRows: 500, rejectsDir, validate: false });
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    for (const t of await sourceTables(my, db)) {
      const r = await canonicalRows(my, db, t, client, `public."${t.toLowerCase()}"`);
      const rejected = stats.tables.find((x) => x.table === `public.${t.toLowerCase()}`)?.rejected ?? 0;
      expect(r.target.length, `${t}: row count`).toBe(r.source.length - rejected);
      if (!rejected) expect(r.target, `${t}: rows`).toEqual(r.source);
    }
  } finally {
    await client.end();
  }
  return stats;
}

describe.skipIf(!live)('pgshift copy: type mix', () => {
  it('carries zero dates, booleans, bits, enum, set, unsigned, binary, json, decimals, NULLs and awkward text; a bad row goes to the rejects file', async () => {
    await my.query("SET SESSION sql_mode = ''; DROP DATABASE IF EXISTS pgshift_copy_types; CREATE DATABASE pgshift_copy_types; USE pgshift_copy_types");
    await my.query(TYPE_MIX_DDL);
    await my.query(TYPE_MIX_ROWS);
    await my.query(typeMixBulk(3000));
    // One value PostgreSQL refuses: a MySQL TIME duration beyond 24 hours.
    await my.query("INSERT INTO type_mix (id, t, note) VALUES (9999, '838:59:59', 'rejected row')");
    const rejects = mkdtempSync(join(tmpdir(), 'pgshift-rejects-'));
    const stats = await copyAndCompare('pgshift_copy_types', 'pgshift_copy_types', rejects);
    expect(stats.rejected).toBe(1);
    expect(stats.warnings.zeroDates).toBeGreaterThan(0);
    const rejectText = readFileSync(join(rejects, 'public.type_mix.tsv'), 'utf8');
    expect(rejectText).toMatch(/time/i);
    expect(rejectText).toContain('9999\t');
    // Every other row is there, the rows around the bad one included (the chunk was retried in batches).
    const client = new pg.Client({ connectionString: withDatabase(pgUrl, 'pgshift_copy_types') });
    await client.connect();
    const n = await client.query('SELECT count(*)::int AS n, max(id)::int AS m FROM type_mix');
    const next = await client.query("SELECT nextval(pg_get_serial_sequence('type_mix', 'id'))::int AS v");
    await client.end();
    expect(n.rows[0].n).toBe(4 + 3000);
    // The identity goes on where the source's AUTO_INCREMENT does (past the rejected id 9999), not after the copied maximum.
    const [[src]] = await my.query("SELECT AUTO_INCREMENT AS v FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'pgshift_copy_types' AND TABLE_NAME = 'type_mix'") as unknown as [{ v: number }[]];
    expect(n.rows[0].m).toBeLessThan(9999);
    expect(next.rows[0].v).toBe(Number(src!.v));
  });
});

const scripts = corpusScripts.filter((c) => c.dialect === 'mysql');
describe.skipIf(!live || !corpusPresent).each(scripts)('pgshift copy: corpus $file', ({ file }) => {
  it('copies the schema and every row, and both sides read back the same', async () => {
    const parsed = parseMysql([{ file, text: readFileSync(file, 'utf8') }]);
    const own = parsed.schemas.find((s) => s.declared)?.name;
    const db = own ?? `pgshift_cp_${basename(file, '.sql').replace(/\W/g, '_').toLowerCase()}`;
    await my.query(`DROP DATABASE IF EXISTS \`${db}\``);
    if (!own) await my.query(`CREATE DATABASE \`${db}\``);
    runScript(file, own ? undefined : db);
    const stats = await copyAndCompare(db, `pgshift_cp_${basename(file, '.sql').replace(/\W/g, '_').toLowerCase()}`, mkdtempSync(join(tmpdir(), 'pgshift-rejects-')));
    expect(stats.rejected).toBe(0);
    expect(stats.ddlFailures.map((f) => `${f.object}: ${f.error}`)).toEqual([]);
  });
});
