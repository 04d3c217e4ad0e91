import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyChunk } from '../src/copy/chunk.js';
import { openMysqlSource, type SourceConnection } from '../src/copy/mysql-source.js';
import { copyStatement, type CopyTable } from '../src/copy/plan.js';
import { runCopy } from '../src/copy/run.js';
import { copyStream } from '../src/copy/stream.js';
import { targetTypes } from '../src/copy/target-types.js';
import { emptyWarnings, type ValueWarnings } from '../src/copy/transforms.js';
import { convertCatalog, introspectSource } from '../src/convert.js';
import { planTables } from '../src/copy/plan.js';
import { DEFAULT_OPTIONS } from '../src/transpile/context.js';
import { TYPE_MIX_DDL, TYPE_MIX_ROWS, typeMixBulk } from './helpers/copy-data.js';
import { mysqlAvailable, mysqlUrl, pgUrl, postgresAvailable, withDatabase } from './helpers/servers.js';

// The copy sends binary COPY for a table whose every column has an exact binary form (mysql-copy-binary.ts). Here
// each table is loaded both ways, as COPY text and as binary COPY, into two tables of the same type, and the
// two must hold the same values; a value binary cannot carry exactly sends its chunk back to text.
const live = (await mysqlAvailable()) && (await postgresAvailable());
const DB = 'pgshift_copy_binary';
const PG_DB = 'pgshift_copy_binary';
const server = new URL(mysqlUrl);
let my: mysql.Connection;
let admin: pg.Client;
let target: pg.Client;
let src: SourceConnection;
let plan: CopyTable[];

const NUMS_DDL = `CREATE TABLE nums (
  id INT NOT NULL PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, su SMALLINT UNSIGNED, mi MEDIUMINT, mu MEDIUMINT UNSIGNED,
  i INT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED, zf INT(6) UNSIGNED ZEROFILL, y YEAR,
  d0 DECIMAL(10,0), d2 DECIMAL(12,2), d6 DECIMAL(20,6), d30 DECIMAL(65,30), dbl DOUBLE
)`;
const NUMS_ROWS = `INSERT INTO nums VALUES
 (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615, 42, 1901,
  -9999999999, -9999999999.99, 99999999999999.999999, 12345678901234567890123456789012345.123456789012345678901234567890, 1e300),
 (2, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0, 0, 2155,
  0, 0.01, -0.000001, -0.000000000000000000000000000001, -2.5e-300),
 (3, 0, 1, -1, 1, 0, 1, -1, 1, -1, 1, 1, 0, 10000, 10000.00, 1.100000, 0.0001, 9.999999999999998),
 (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (5, 1, 2, 3, 4, 5, 6, 7, 8, 99999999999999, 100000000000000000, 7, 2000, 123456789, 1234567890.12, 0.5, 100000000.000000001, 0.1),
 (6, 1, 2, 3, 4, 5, 6, 7, 8, 1234567890123456, 12345678901234567, 7, 2000, -1, -0.5, -12.000100, -0.0000000000000001, 0.30000000000000004)`;

/** FLOAT and DOUBLE(m,d), which the server prints rounded (float4 from a decimal text, as strtof reads it). */
const FLOATS_DDL = 'CREATE TABLE floats (id INT NOT NULL PRIMARY KEY, flt FLOAT, dd DOUBLE(10,2), dbl DOUBLE)';
const FLOATS_ROWS = `INSERT INTO floats VALUES (1, 3.4e38, 12345678.91, 1e300), (2, -1.17549e-38, -0.5, -2.5e-300), (3, 1.5, 0.125, 0.1e0 + 0.2e0),
 (4, 0.333333, 1.005, 1e0 / 3e0), (5, 16777217, 0, 0), (6, 1e0 / 3e0, 99999999.99, 5e-324), (7, NULL, NULL, NULL)`;

const TIMES_DDL = `CREATE TABLE times (
  id INT NOT NULL PRIMARY KEY, d DATE, dt DATETIME, dt3 DATETIME(3), dt6 DATETIME(6), ts TIMESTAMP NULL DEFAULT NULL, ts6 TIMESTAMP(6) NULL DEFAULT NULL,
  t TIME, t2 TIME(2), t6 TIME(6)
)`;
const TIMES_ROWS = `INSERT INTO times VALUES
 (1, '0001-01-01', '1000-01-01 00:00:00', '1582-10-04 23:59:59.999', '1699-12-31 23:59:59.999999', '1970-01-01 00:00:01', '1970-01-01 00:00:01.000001', '00:00:00', '00:00:00.01', '23:59:59.999999'),
 (2, '9999-12-31', '9999-12-31 23:59:59', '2000-01-01 00:00:00.000', '2000-02-29 12:00:00.5', '2038-01-19 03:14:07', '2038-01-19 03:14:07.999999', '23:59:59', '12:34:56.78', '01:02:03.000004'),
 (3, '2020-02-29', '1900-02-28 01:02:03', '1999-12-31 23:59:59.999', '2286-01-01 00:00:00.000001', '2000-01-01 00:00:00', '2001-09-09 01:46:40.5', '10:00:00', '10:00:00.5', '10:00:00.5'),
 (4, '0000-00-00', '0000-00-00 00:00:00', '2020-00-10 00:00:00', '2020-05-00 00:00:00', NULL, NULL, NULL, NULL, NULL),
 (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`;

const TEXTS_DDL = `CREATE TABLE texts (
  id INT NOT NULL PRIMARY KEY, v VARCHAR(50), c CHAR(5), t TEXT, j JSON, e ENUM('a','b b','c,d'), s SET('x','y"q','z\\\\w'),
  bn BINARY(4), vb VARBINARY(10), bl BLOB, b1 BIT(1), b5 BIT(5), b17 BIT(17), flag TINYINT(1)
) DEFAULT CHARSET=utf8mb4`;
const TEXTS_ROWS = `INSERT INTO texts VALUES
 (1, 'tab\\there', 'ab', 'line\\nbreak \\\\ backslash', '{"a": [1, "x"], "b": null}', 'b b', 'x,y"q,z\\\\w', X'00FF', X'', X'5C0A09', b'1', b'10101', b'10000000000000001', 1),
 (2, '', '', '', '[]', 'a', '', X'01020304', X'00', X'', b'0', b'00000', b'0', 0),
 (3, 'unicode ☃ 😀', 'é', CONCAT('replacement ', CHAR(0xEFBFBD USING utf8mb4)), '"s"', 'c,d', 'y"q', NULL, NULL, NULL, NULL, NULL, NULL, -5),
 (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`;

/** Values binary COPY does not carry exactly but COPY text loads (a NUL removed, 24:00:00): their chunk goes as text. */
const UNFIT_DDL = 'CREATE TABLE unfit (id INT NOT NULL PRIMARY KEY, v VARCHAR(20), d DATE, t TIME, dt DATETIME)';
const UNFIT_ROWS = `INSERT INTO unfit VALUES (1, 'ok', '2020-01-01', '01:00:00', '2020-01-01 00:00:00'),
 (2, CONCAT('nul', CHAR(0)), '0000-00-00', '24:00:00', '2020-00-00 00:00:00'), (3, 'x', NULL, '23:00:00', NULL)`;
/** A date PostgreSQL refuses: binary COPY must not load it as some other day, the text path rejects its row. */
const INVALID_DDL = 'CREATE TABLE invalid (id INT NOT NULL PRIMARY KEY, d DATE)';
const INVALID_ROWS = "INSERT INTO invalid VALUES (1, '2020-01-01'), (2, '2021-02-30'), (3, '2021-03-01')";

beforeAll(async () => {
  if (!live) return;
  my = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username) || 'root', password: decodeURIComponent(server.password), multipleStatements: true, charset: 'utf8mb4' });
  await my.query(`SET SESSION sql_mode = 'ALLOW_INVALID_DATES', SESSION time_zone = '+00:00'; DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB} CHARACTER SET utf8mb4; USE ${DB}`);
  await my.query(TYPE_MIX_DDL);
  await my.query(TYPE_MIX_ROWS);
  await my.query(typeMixBulk(3000));
  for (const sql of [NUMS_DDL, NUMS_ROWS, FLOATS_DDL, FLOATS_ROWS, TIMES_DDL, TIMES_ROWS, TEXTS_DDL, TEXTS_ROWS, UNFIT_DDL, UNFIT_ROWS, INVALID_DDL, INVALID_ROWS]) await my.query(sql);
  admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${PG_DB}`);
  const source = withDatabase(mysqlUrl, DB);
  const targetUrl = withDatabase(pgUrl, PG_DB);
  await runCopy({ source, target: targetUrl, schemaOnly: true, validate: false });
  const intro = await introspectSource(source);
  const converted = await convertCatalog(intro.source, { ...DEFAULT_OPTIONS, from: 'mysql' }, [intro.input]);
  plan = planTables(intro.source, converted.target, DEFAULT_OPTIONS);
  target = new pg.Client({ connectionString: targetUrl });
  await target.connect();
  src = await openMysqlSource(source);
});
afterAll(async () => {
  await src?.close();
  await target?.end();
  await admin?.end();
  await my?.end();
});

const table = (name: string): CopyTable => plan.find((t) => t.source.name === name)!;

/** Loads a table's rows into a copy of its target table, as text or as binary COPY when the source can: the format used and the warnings. */
async function load(t: CopyTable, into: string, binary: boolean): Promise<{ format: string; w: ValueWarnings }> {
  await target.query(`DROP TABLE IF EXISTS public.${into}; CREATE TABLE public.${into} (LIKE public.${t.target.name})`);
  const w = emptyWarnings();
  const types = binary ? await targetTypes(target, t) : undefined;
  const data = src.streamCopyText!(t, { table: t.name, no: 0 }, { warnings: w, count: { rows: 0, bytes: 0 }, onPiece: () => undefined, ...(types ? { binary: types } : {}) });
  const format = await data.format;
  await copyStream(target, copyStatement({ ...t, target: { schema: 'public', name: into } }, format), data);
  return { format, w };
}

async function rows(name: string): Promise<string[]> {
  return (await target.query<{ r: string }>(`SELECT x::text AS r FROM public.${name} x ORDER BY 1`)).rows.map((x) => x.r);
}

describe.skipIf(!live)('binary COPY from MySQL wire bytes', () => {
  it('loads the values COPY text loads, for integers, decimals, floats, dates, times, text, json, enum, set, bytes and bits', async () => {
    for (const name of ['nums', 'floats', 'times', 'texts', 'type_mix']) {
      const t = table(name);
      const text = await load(t, `${name}_as_text`, false);
      const bin = await load(t, `${name}_as_binary`, true);
      expect(text.format, name).toBe('text');
      expect(bin.format, name).toBe('binary');
      expect(await rows(`${name}_as_binary`), name).toEqual(await rows(`${name}_as_text`));
      expect(bin.w, name).toEqual(text.w);
    }
  });

  it('sends a chunk whose values binary cannot carry as text, counting its warnings once', async () => {
    const t = table('unfit');
    const text = await load(t, 'unfit_as_text', false);
    expect(text.w.nulChars).toBe(1);
    await expect(load(t, 'unfit_as_binary', true)).rejects.toThrow(/no exact binary COPY form/);
    const w = emptyWarnings();
    const rejectsDir = join(mkdtempSync(join(tmpdir(), 'pgshift-binary-')), 'rejects');
    const r = await copyChunk({ source: src, target, fingerprint: 'test', rejectsDir, warnings: w, onProgress: () => undefined }, t, { table: t.name, no: 0 });
    expect(r).toEqual({ rows: 3, bytes: expect.any(Number), rejected: 0 });
    expect(w).toEqual(text.w);
    expect(await rows(t.target.name)).toEqual(await rows('unfit_as_text'));
  });

  it('rejects the row of a date PostgreSQL refuses, as the text path does, and loads the rest', async () => {
    const t = table('invalid');
    const rejectsDir = join(mkdtempSync(join(tmpdir(), 'pgshift-binary-')), 'rejects');
    const r = await copyChunk({ source: src, target, fingerprint: 'test', rejectsDir, warnings: emptyWarnings(), onProgress: () => undefined }, t, { table: t.name, no: 0 });
    expect(r).toMatchObject({ rows: 2, rejected: 1 });
    expect(await rows(t.target.name)).toEqual(['(1,2020-01-01)', '(3,2021-03-01)']);
  });
});
