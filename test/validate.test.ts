import { spawnSync } from 'node:child_process';
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { runCopy } from '../src/copy/run.js';
import { runValidate, type TableResult } from '../src/copy/validate.js';
import { mysqlAvailable, mysqlUrl, pgUrl, postgresAvailable, withDatabase } from './helpers/servers.js';

const DB = 'pgshift_validate_test';
const [haveMysql, havePg] = await Promise.all([mysqlAvailable(), postgresAvailable()]);
const live = haveMysql && havePg;
const source = withDatabase(mysqlUrl, DB);
const target = withDatabase(pgUrl, DB);

// The type mix: every canonical form the checksum relies on, including the values the copy transforms.
const MIX = `CREATE TABLE mix (
  id INT UNSIGNED NOT NULL PRIMARY KEY,
  flag TINYINT(1), b1 BIT(1), b5 BIT(5), mood ENUM('happy','sad','meh'), tags SET('a','b','c'),
  big BIGINT UNSIGNED, price DECIMAL(10,2), ratio DOUBLE, f FLOAT,
  d DATE, dt DATETIME(3), ts TIMESTAMP NULL, t TIME(2), y YEAR,
  bin VARBINARY(16), blb BLOB, note VARCHAR(100), body TEXT, ch CHAR(5)
)`;
const MIX_ROWS = `INSERT INTO mix
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
  SELECT i, i % 2, i % 2, i % 32, ELT(1 + i % 3, 'happy', 'sad', 'meh'), ELT(1 + i % 4, '', 'a', 'b,c', 'a,c'),
    18446744073709551615 - i, i * 1.25 - 100, i / 7, i / 3,
    IF(i % 10 = 0, '0000-00-00', DATE('2020-01-01') + INTERVAL i DAY), TIMESTAMP('2021-03-04 05:06:07.125') + INTERVAL i MINUTE,
    IF(i % 5 = 0, NULL, TIMESTAMP('2022-01-01 00:00:00') + INTERVAL i HOUR), SEC_TO_TIME(i * 61 + 0.25), 1990 + i % 30,
    UNHEX(MD5(i)), IF(i % 3 = 0, NULL, REPEAT(CHAR(i % 256), 3)), IF(i % 4 = 0, '', IF(i % 4 = 1, NULL, CONCAT('n', i, CHAR(9), 'tab', CHAR(10), 'line'))),
    CONCAT('body ', i, ' |pipe| ', CHAR(31)), IF(i % 6 = 0, 'ab   ', 'x')
  FROM n`;

async function mysqlExec(sqls: string[]): Promise<void> {
  const u = new URL(mysqlUrl);
  const conn = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username) || 'root', password: decodeURIComponent(u.password), multipleStatements: false });
  try {
    for (const s of sqls) await conn.query(s);
  } finally {
    await conn.end();
  }
}

async function pgExec(url: string, sqls: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const s of sqls) await c.query(s);
  } finally {
    await c.end();
  }
}

const byName = (ts: TableResult[], name: string): TableResult => ts.find((t) => t.table === name)!;
const keys = (t: TableResult, kind: string): string[] => t.rows.filter((r) => r.kind === kind).map((r) => Object.values(r.key).join('/')).sort();

describe.skipIf(!live)('validate: MariaDB source vs its PostgreSQL copy', () => {
  beforeAll(async () => {
    await mysqlExec([
      `DROP DATABASE IF EXISTS ${DB}`, `CREATE DATABASE ${DB} CHARACTER SET utf8mb4`, `USE ${DB}`,
      // zero dates need a permissive mode
      "SET SESSION sql_mode = ''", "SET SESSION time_zone = '+00:00'",
      MIX, MIX_ROWS,
      'CREATE TABLE docs (id INT PRIMARY KEY, doc JSON)',
      `INSERT INTO docs VALUES (1, '{"b": 1, "a": [1, 2, {"z": null}]}'), (2, '[]'), (3, NULL), (4, '{"k": "v\\\\tw"}')`,
      'CREATE TABLE tagged (code VARCHAR(20) NOT NULL, part INT NOT NULL, label VARCHAR(50), PRIMARY KEY (code, part))',
      `INSERT INTO tagged WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120) SELECT CONCAT('K', i % 17), i, CONCAT('label ', i) FROM n`,
      'CREATE TABLE nokey (a INT, b VARCHAR(10))',
      "INSERT INTO nokey VALUES (1, 'x'), (1, 'x'), (2, NULL), (NULL, '')",
    ]);
    await pgExec(pgUrl, [`DROP DATABASE IF EXISTS ${DB}`, `CREATE DATABASE ${DB}`]);
    await runCopy({ source, target, validate: false, jobs: 2, chunkRows: 100 });
  });

  afterAll(async () => {
    if (!live) return;
    await mysqlExec([`DROP DATABASE IF EXISTS ${DB}`]);
    await pgExec(pgUrl, [`DROP DATABASE IF EXISTS ${DB}`]);
  });

  it('a fresh copy matches: counts, every chunk checksum, the sample', async () => {
    const r = await runValidate({ source, target, chunkRows: 50, sample: 40 });
    for (const t of r.tables) expect({ table: t.table, rows: t.rows, sample: t.sample?.differences ?? [] }).toEqual({ table: t.table, rows: [], sample: [] });
    expect(r.tables.map((t) => [t.table, t.mode, t.ok])).toEqual([
      ['public.docs', 'range', true], ['public.mix', 'range', true], ['public.nokey', 'whole', true], ['public.tagged', 'bucket', true],
    ]);
    expect(byName(r.tables, 'public.mix').chunks).toBeGreaterThan(5);
    expect(r.ok).toBe(true);
    const cli = spawnSync('node', ['dist/src/cli/main.js', 'validate', '--source', source, '--target', target, '--chunk-rows', '100'], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/validate: 4 table\(s\) match/);
  });

  it('finds exactly the deleted, changed and added rows, by key, through bisection', async () => {
    await pgExec(target, [
      'DELETE FROM mix WHERE id = 137',
      "UPDATE mix SET note = note || ' ' WHERE id = 250",
      'UPDATE mix SET flag = NOT flag WHERE id = 33',
      'INSERT INTO mix (id, note) VALUES (401, NULL), (9000, \'far\')',
      "UPDATE docs SET doc = '{\"b\": 2, \"a\": [1, 2, {\"z\": null}]}' WHERE id = 1",
      "UPDATE tagged SET label = 'changed' WHERE code = 'K3' AND part = 20",
      "DELETE FROM tagged WHERE code = 'K5' AND part = 5",
      "INSERT INTO nokey VALUES (3, 'y')",
    ]);
    const r = await runValidate({ source, target, chunkRows: 200, leafRows: 16, sample: 400 });
    expect(r.ok).toBe(false);
    const mix = byName(r.tables, 'public.mix');
    expect(keys(mix, 'missing')).toEqual(['137']);
    expect(keys(mix, 'extra')).toEqual(['401', '9000']);
    expect(keys(mix, 'different')).toEqual(['250', '33']);
    expect(mix.rows.find((x) => x.key.id === '33')!.fields!.map((f) => f.column)).toEqual(['flag']);
    expect(mix.sample!.differences.map((d) => `${d.kind} ${d.key.id}`).sort()).toEqual(['different 250', 'different 33', 'missing 137']);
    expect(keys(byName(r.tables, 'public.docs'), 'different')).toEqual(['1']);
    const tagged = byName(r.tables, 'public.tagged');
    expect(keys(tagged, 'different')).toEqual(['K3/20']);
    expect(keys(tagged, 'missing')).toEqual(['K5/5']);
    const nokey = byName(r.tables, 'public.nokey');
    expect([nokey.ok, nokey.checksumMatches, nokey.targetRows - nokey.sourceRows]).toEqual([false, false, 1]);
  });

  it('the CLI exits 1 with the keys in the report (text and JSON), 2 on usage errors', () => {
    const cli = ['dist/src/cli/main.js', 'validate', '--source', source, '--target', target];
    const bad = spawnSync('node', [...cli, '--tables', 'mix'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/DIFFERS +public\.mix/);
    expect(bad.stdout).toMatch(/missing +id=137/);
    expect(bad.stdout).toMatch(/flag: source "1", target "0"|flag: source "0", target "1"/);
    const json = spawnSync('node', [...cli, '--tables', 'docs,nokey', '--format', 'json'], { encoding: 'utf8' });
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; tables: TableResult[] };
    expect(report.tables.map((t) => [t.table, t.ok])).toEqual([['public.docs', false], ['public.nokey', false]]);
    const usage = spawnSync('node', [...cli, '--chunk-rows', '0'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('pgshift: --chunk-rows');
  });
});
