import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { convertCatalog, introspectSource } from '../src/convert.js';
import { openMysqlSource, type SourceConnection } from '../src/copy/mysql-source.js';
import { PIECE_BYTES } from '../src/copy/mysql-copy-text.js';
import { planTables, type CopyTable } from '../src/copy/plan.js';
import { copyTextLines, encodeRow } from '../src/copy/stream.js';
import { emptyWarnings } from '../src/copy/transforms.js';
import { DEFAULT_OPTIONS } from '../src/transpile/context.js';
import { TYPE_MIX_DDL, TYPE_MIX_ROWS, typeMixBulk } from './helpers/copy-data.js';
import { mysqlAvailable, mysqlUrl, withDatabase } from './helpers/servers.js';

// The copy reads MySQL rows as wire bytes and writes COPY text from them (mysql-copy-text.ts). Here the same
// chunks are read both ways, through mysql2's row decoding and the column encoders, and as bytes: the lines must
// be the same, byte for byte, with the same warnings counted. One deliberate difference: FLOAT and DOUBLE keep
// the text the server sent, where mysql2 parsed it to a number first (same value, other spelling; and mysql2's
// digit-by-digit parse rounds some 16-digit values wrongly, e.g. 9.999999999999998 became 10).
const live = await mysqlAvailable();
const DB = 'pgshift_copy_bytes';
const server = new URL(mysqlUrl);
let my: mysql.Connection;
let src: SourceConnection;
let plan: CopyTable[];

const EDGES_DDL = `CREATE TABLE edges (
  id INT NOT NULL PRIMARY KEY,
  zf INT(6) UNSIGNED ZEROFILL, neg SMALLINT, y YEAR, flag TINYINT(1),
  b1 BIT(1), b3 BIT(3), b17 BIT(17), b64 BIT(64),
  tags SET('plain','with"quote','back\\\\slash','tab\tin'),
  txt TEXT, bin VARBINARY(20), ch CHAR(5), dec0 DECIMAL(10,0), dbl DOUBLE, flt FLOAT, big BIGINT, dbl16 DOUBLE,
  d DATE, dt DATETIME(6), ts TIMESTAMP(3) NULL DEFAULT NULL, tm TIME(2)
) DEFAULT CHARSET=utf8mb4`;

const EDGES_ROWS = `INSERT INTO edges VALUES
 (1, 42, -1, 0, 2, b'1', b'101', b'10000000000000001', b'1111111111111111111111111111111111111111111111111111111111111111',
  'plain,with"quote,back\\\\slash,tab\tin', CONCAT('nul', CHAR(0), 'inside \\\\ and \\t'), X'00FF5C0A', 'ab', -12, 1e300, 1.5, -9223372036854775808, 9.999999999999998,
  '2020-00-10', '2020-05-00 00:00:00', '2038-01-19 03:14:07.499', '-838:59:59.99'),
 (2, 0, 0, 1901, -1, b'0', b'000', b'0', b'0', '', CONCAT('replacement ', CHAR(0xEFBFBD USING utf8mb4), ' BOM ', CHAR(0xEFBBBF USING utf8mb4)), X'', '', 0, -2.5e-300, -0.000123, 9223372036854775807, 0.1,
  '0000-00-00', '0000-00-00 00:00:00', NULL, '00:00:00'),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, REPEAT('long text \\n ', 3000), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`;

beforeAll(async () => {
  if (!live) return;
  my = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username) || 'root', password: decodeURIComponent(server.password), multipleStatements: true, charset: 'utf8mb4' });
  await my.query(`SET SESSION sql_mode = ''; DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB} CHARACTER SET utf8mb4; USE ${DB}`);
  await my.query(TYPE_MIX_DDL);
  await my.query(TYPE_MIX_ROWS);
  await my.query(typeMixBulk(4000));
  await my.query(EDGES_DDL);
  await my.query(EDGES_ROWS);
  // Rows of every size across socket reads, and one over 16 MB (sent as several protocol packets).
  await my.query("CREATE TABLE wide (id INT PRIMARY KEY, body LONGTEXT)");
  await my.query("INSERT INTO wide SELECT seq, REPEAT(CONCAT(seq % 10, '\\t'), (seq * 7919) % 40000) FROM seq_1_to_400");
  await my.query("INSERT INTO wide VALUES (1000, REPEAT('z', 16777210)), (1001, 'after the big one')");
  await my.query('CREATE TABLE shapes (id INT PRIMARY KEY, g GEOMETRY, p POINT)');
  await my.query("INSERT INTO shapes VALUES (1, ST_GeomFromText('LINESTRING(0 0, 1 1, 2 5)'), ST_GeomFromText('POINT(1.5 -2)', 4326)), (2, NULL, NULL)");
  const url = withDatabase(mysqlUrl, DB);
  const intro = await introspectSource(url);
  const converted = await convertCatalog(intro.source, { ...DEFAULT_OPTIONS, from: 'mysql' }, [intro.input]);
  plan = planTables(intro.source, converted.target, DEFAULT_OPTIONS);
  src = await openMysqlSource(url);
});
afterAll(async () => {
  await src?.close();
  await my?.end();
});

const table = (name: string): CopyTable => plan.find((t) => t.source.name === name)!;

/** Lines equal field by field; FLOAT and DOUBLE fields equal as numbers. */
async function expectSameLines(name: string, bytes: string[], rows: string[]): Promise<void> {
  const [cols] = (await my.query('SELECT DATA_TYPE AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION', [DB, name])) as unknown as [{ t: string }[]];
  const floats = cols.map((c) => c.t === 'float' || c.t === 'double');
  const asNumbers = (line: string) => line.split('\t').map((f, i) => (floats[i] && f !== '\\N' ? Number(f) : f));
  expect(bytes.length, name).toBe(rows.length);
  expect(bytes.map(asNumbers), name).toEqual(rows.map(asNumbers));
}

async function viaRows(t: CopyTable, c = { table: t.name, no: 0 } as Parameters<SourceConnection['streamChunk']>[1]) {
  const w = emptyWarnings();
  const lines: string[] = [];
  const encoders = t.columns.map((x) => x.encode);
  for await (const row of src.streamChunk(t, c)) lines.push(encodeRow(encoders, row as unknown[], w));
  return { lines, w };
}

async function viaBytes(t: CopyTable, c = { table: t.name, no: 0 } as Parameters<SourceConnection['streamChunk']>[1]) {
  const w = emptyWarnings();
  const count = { rows: 0, bytes: 0 };
  const lines: string[] = [];
  for await (const line of copyTextLines(src.streamCopyText!(t, c, { warnings: w, count, onPiece: () => undefined }))) lines.push(line);
  return { lines, w, count };
}

describe.skipIf(!live)('MySQL rows as COPY text bytes', () => {
  it('writes the lines the row encoders write, for the whole type mix and its edges', async () => {
    for (const name of ['type_mix', 'edges', 'wide']) {
      const t = table(name);
      const rows = await viaRows(t);
      const bytes = await viaBytes(t);
      await expectSameLines(name, bytes.lines, rows.lines);
      expect(bytes.w, name).toEqual(rows.w);
      expect(bytes.count.rows).toBe(rows.lines.length);
      expect(bytes.count.bytes).toBe(Buffer.byteLength(bytes.lines.join('')));
    }
    // The edges did reach the transforms: a NUL removed, a zero date nulled, a U+FFFD counted.
    const edges = await viaBytes(table('edges'));
    expect(edges.w.nulChars).toBe(1);
    expect(edges.w.zeroDates).toBeGreaterThanOrEqual(3);
    expect(edges.w.invalidText).toBe(1);
    // DOUBLE as the server wrote it.
    const [dbl] = (await my.query(`SELECT CAST(dbl16 AS CHAR) AS v FROM ${DB}.edges WHERE id = 1`)) as unknown as [{ v: string }[]];
    expect(dbl[0]!.v).toBe('9.999999999999998');
    expect(edges.lines[0]!.split('\t')[17]).toBe(dbl[0]!.v);
  });

  it('reads a key range as the rows path does, in many pieces, while the consumer is slow', async () => {
    const t = table('type_mix');
    const c = { table: t.name, no: 1, lo: 100n, hi: 3500n };
    const rows = await viaRows(t, c);
    expect(rows.lines.length).toBe(3401);
    const count = { rows: 0, bytes: 0 };
    const pieces: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1,
      write(piece: Buffer, _enc, done) {
        pieces.push(piece);
        setTimeout(done, 5);
      },
    });
    await pipeline(src.streamCopyText!(t, c, { warnings: emptyWarnings(), count, onPiece: () => undefined }), slow);
    const text = Buffer.concat(pieces).toString('utf8');
    await expectSameLines('type_mix', text.split(/(?<=\n)/), rows.lines);
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(2 * PIECE_BYTES);
    expect(count.rows).toBe(3401);
  });

  it('leaves the connection usable after the consumer gives up half way', async () => {
    const t = table('type_mix');
    const stream = src.streamCopyText!(t, { table: t.name, no: 0 }, { warnings: emptyWarnings(), count: { rows: 0, bytes: 0 }, onPiece: () => undefined });
    for await (const piece of stream) {
      expect((piece as Buffer).length).toBeGreaterThan(0);
      break;
    }
    const again = await viaBytes(table('edges'));
    expect(again.lines.length).toBe(3);
  });

  it('loads spatial values as their WKB (the 4-byte SRID dropped)', async () => {
    const t = table('shapes');
    const bytes = await viaBytes(t);
    const [wkb] = (await my.query(`SELECT HEX(ST_AsBinary(g)) AS g, HEX(ST_AsBinary(p)) AS p FROM ${DB}.shapes WHERE id = 1`)) as unknown as [{ g: string; p: string }[]];
    expect(bytes.lines).toEqual([`1\t\\\\x${wkb[0]!.g.toLowerCase()}\t\\\\x${wkb[0]!.p.toLowerCase()}\n`, '2\t\\N\t\\N\n']);
  });
});
