import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { convertScripts } from '../src/convert.js';
import { writeMigration } from '../src/emit/files.js';
import { readScripts } from '../src/sources/script.js';
import { convertToFiles, defaultOptions, upFiles } from './helpers/convert.js';
import { execScript } from './helpers/exec-copy.js';
import { resetPglite, sharedPglite } from './helpers/pglite.js';
import { pgUrl, postgresAvailable, withDatabase } from './helpers/servers.js';

let db: PGlite;
beforeAll(async () => {
  db = await sharedPglite();
});
afterAll(async () => {
  await resetPglite(db);
});

async function load(files: Map<string, string>): Promise<void> {
  await resetPglite(db);
  for (const [, sql] of upFiles(files)) await execScript(db, sql);
}

describe('data phase', () => {
  it('T-SQL literals of every kind become COPY text; non-literal rows go to manual/', async () => {
    const { files, result } = await convertToFiles('test/cases/data-phase/tsql.sql', defaultOptions('tsql'));
    expect(files.get('0040_data.sql')).toBe([
      '-- pgshift: data (INSERT statements of the source as COPY)',
      '',
      'COPY public.t (id, name, flag, amount, at, data, m, d) FROM stdin;',
      '1\tStraße \'q\' \\\\ tab\\tx\tt\t-1.50\t2021/1/1\t\\\\x0a0b\t12.50\t2020-02-29',
      '2\t\\N\tf\t3.5\t2020-01-02\t\\N\t1\t\\N',
      '\\.',
      '',
      'COPY public.t (id, name) FROM stdin;',
      '3\tline\\ntwo',
      '\\.',
      '',
    ].join('\n'));
    expect(files.get('0095_identity_restart.sql')).toContain("SELECT setval(pg_get_serial_sequence('public.t', 'id'), GREATEST(max(id), 1), max(id) >= 1) FROM public.t;");
    expect(files.get('down/0040_data.sql')).toContain('DELETE FROM public.t;');
    expect(result.diagnostics.filter((d) => d.code === 'PGS4006').map((d) => d.message)).toEqual([
      'INSERT into dbo.T not written to 0040_data (row 1: GETDATE is not a literal); moved to manual/',
    ]);
    await load(files);
    const rows = (await db.query<Record<string, unknown>>('SELECT id, name, flag, amount::text, at::text, encode(data, \'hex\') AS data, m::text, d::text FROM t ORDER BY id')).rows;
    expect(rows).toEqual([
      { id: 1, name: "Straße 'q' \\ tab\tx", flag: true, amount: '-1.50', at: '2021-01-01 00:00:00', data: '0a0b', m: '12.5000', d: '2020-02-29' },
      { id: 2, name: null, flag: false, amount: '3.50', at: '2020-01-02 00:00:00', data: null, m: '1.0000', d: null },
      { id: 3, name: 'line\ntwo', flag: null, amount: null, at: null, data: null, m: null, d: null },
    ]);
    await db.exec('INSERT INTO t (name) VALUES (\'next\')');
    expect((await db.query('SELECT max(id) AS id FROM t')).rows).toEqual([{ id: 4 }]);
  });

  it('MySQL literals: escapes, zero dates, tinyint(1), bit, enum, set, binary, unicode', async () => {
    const { files, result } = await convertToFiles('test/cases/data-phase/mysql.sql', defaultOptions('mysql'));
    expect(files.get('0040_data.sql')).toMatchSnapshot();
    expect(result.diagnostics.filter((d) => d.code === 'PGS4006')).toHaveLength(1);
    await load(files);
    const rows = (await db.query<Record<string, unknown>>('SELECT id, s, ok::text, b::text, e::text, st::text, encode(bin, \'hex\') AS bin, dt::text, dd::text FROM m ORDER BY id')).rows;
    expect(rows).toEqual([
      { id: 1, s: "it's \\ a\ttab\nnl", ok: 'true', b: '101', e: 'b', st: '{x,y}', bin: '00ff', dt: null, dd: null },
      { id: 2, s: null, ok: 'false', b: '000', e: 'a', st: '{}', bin: '41', dt: '2021-03-04 05:06:07', dd: '2021-03-04' },
      { id: 3, s: 'ü', ok: 'true', b: null, e: null, st: null, bin: null, dt: null, dd: null },
      // A BLOB written as a string literal keeps its bytes: NUL, tab, backslash and quote.
      { id: 5, s: null, ok: null, b: null, e: null, st: null, bin: '61006209635c6427', dt: null, dd: null },
    ]);
  });

  it('mysqldump without --hex-blob: raw bytes load byte for byte into binary columns, as Windows-1252 into text', async () => {
    // Bytes not UTF-8 (0x89, 0xff, 0xe9), a UTF-8 pair (c3 a9) and mysqldump's escapes (\0 \' \\ \n) in one value.
    const raw = [0x89, 0xc3, 0xa9, 0x5c, 0x30, 0x5c, 0x27, 0x5c, 0x5c, 0xff, 0x5c, 0x6e];
    const want = '89c3a900275cff0a';
    const bytes = Buffer.concat([
      Buffer.from('CREATE TABLE `t` (`id` int NOT NULL, `b` varbinary(16), `g` blob, `name` varchar(20), `f` bit(16), PRIMARY KEY (`id`));\nINSERT INTO `t` VALUES (1,\''),
      Buffer.from(raw), Buffer.from("',_binary '"), Buffer.from(raw), Buffer.from("','Caf"), Buffer.of(0xe9), Buffer.from("','"), Buffer.of(0xc3, 0xa9),
      Buffer.from("'),(2,_binary 'caf\xc3\xa9',NULL,'Caf\xc3\xa9',NULL);\n".replace(/\\x(..)/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1'),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'pgshift-raw-'));
    const file = join(dir, 'dump.sql');
    writeFileSync(file, bytes);
    const read = (segmentBytes?: number) => readScripts(file, segmentBytes ? { segmentBytes } : {});
    expect(read()[0]!.diagnostics.map((d) => d.code)).toEqual(['PGS1020']);
    // The whole file, and the file read in segments (the rows read again from it when written).
    for (const segmentBytes of [undefined, 64]) {
      const { files } = await convertToFiles(file, defaultOptions('mysql'), segmentBytes ? { segmentBytes } : {});
      await load(files);
      const rows = (await db.query<Record<string, unknown>>("SELECT id, encode(b, 'hex') AS b, encode(g, 'hex') AS g, name, f::text FROM t ORDER BY id")).rows;
      expect(rows, `segments of ${segmentBytes ?? 'all'} bytes`).toEqual([
        { id: 1, b: want, g: want, name: 'Café', f: '1100001110101001' },
        { id: 2, b: '636166c3a9', g: null, name: 'Café', f: null },
      ]);
    }
  });

  it('--verify with PGlite loads the data', async () => {
    const r = await convertScripts(readScripts('test/cases/data-phase/mysql.sql'), { ...defaultOptions('mysql'), verify: 'pglite' });
    expect(r.diagnostics.filter((d) => d.code === 'PGS6002')).toEqual([]);
    expect(r.phases.map((p) => p.file)).toContain('0040_data');
  });
});

const CHINOOK = '../shared/corpus/chinook';
const pgUp = await postgresAvailable();
if (!pgUp) {
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is not reachable at ${pgUrl} (required under CI)`);
  console.warn(`SKIPPED: Chinook data comparison needs PostgreSQL at ${pgUrl}`);
}

describe.skipIf(!pgUp)('Chinook data: T-SQL and MySQL conversions equal Chinook_PostgreSql.sql', () => {
  const psql = (dbName: string, ...args: string[]) =>
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', withDatabase(pgUrl, dbName), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const fresh = (name: string) => {
    psql('postgres', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, '-c', `CREATE DATABASE ${name}`);
    return name;
  };
  // Per table (name without underscores): row count and an md5 of its rows' text in order. Trailing blanks of a
  // quoted field are dropped: the reference's N'Edinburgh ' literals are bpchar in PostgreSQL and lose them, the sources keep them.
  const digests = (dbName: string, mysqlEscapes = false) => {
    const tables = psql(dbName, '-A', '-t', '-c', "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").trim().split('\n');
    return tables.map((t) => {
      const rows = psql(dbName, '-A', '-t', '-c', `SELECT t::text FROM public.${t} t`).split('\n').filter(Boolean)
        .map((r) => r.replace(/"([^",()\\ ]+) +"/g, '$1').replace(/ +"(?=[,)])/g, '"'))
        // MySQL reads '\ ' in a string as a space (a backslash before a non-escape character is dropped); the reference keeps it.
        .map((r) => (mysqlEscapes ? r.replaceAll('\\\\ ', ' ') : r)).sort();
      return `${t.replaceAll('_', '')} ${rows.length} ${createHash('md5').update(rows.join('\n')).digest('hex')}`;
    }).sort();
  };

  it('loads all three with psql and compares every table', async () => {
    const reference = fresh('pgshift_chinook_ref');
    // The reference script creates and connects to its own database "chinook": those lines are dropped.
    const refSql = readFileSync(join(CHINOOK, 'Chinook_PostgreSql.sql'), 'utf8').split('\n').filter((l) => !/^(DROP DATABASE|CREATE DATABASE|\\c )/.test(l)).join('\n');
    const refFile = join(mkdtempSync(join(tmpdir(), 'pgshift-chinook-ref-')), 'ref.sql');
    writeFileSync(refFile, refSql);
    psql(reference, '-f', refFile);
    const expected = { tsql: digests(reference), mysql: digests(reference, true) };
    expect(expected.tsql.length).toBe(11);
    for (const [dialect, file] of [['tsql', 'Chinook_SqlServer.sql'], ['mysql', 'Chinook_MySql.sql']] as const) {
      const out = mkdtempSync(join(tmpdir(), `pgshift-chinook-${dialect}-`));
      const r = await convertScripts(readScripts(join(CHINOOK, file)), defaultOptions(dialect));
      writeMigration(out, r.phases, r.manual);
      const name = fresh(`pgshift_chinook_${dialect}`);
      for (const f of readdirSync(out).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort()) psql(name, '-f', join(out, f));
      expect(readFileSync(join(out, '0040_data.sql'), 'utf8')).toMatch(/^COPY public\.invoiceline/m);
      expect(digests(name), dialect).toEqual(expected[dialect]);
    }
  }, 120_000);
});
