import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { convertToFiles, defaultOptions, upFiles } from './helpers/convert.js';
import { mysqlAvailable, mysqlUrl, pgUrl, postgresAvailable, withDatabase } from './helpers/servers.js';

// A real mariadb-dump with its defaults (no --hex-blob: BLOB and binary values written as raw bytes) of random
// binary data, latin1 text, BIT and POINT columns converts and loads into PostgreSQL with every byte as it was.
const live = (await mysqlAvailable()) && (await postgresAvailable());
const DB = 'pgshift_it_raw_dump';
const server = new URL(mysqlUrl);
const user = decodeURIComponent(server.username) || 'root';
const client = ['-h', server.hostname, '-P', server.port || '3306', '-u', user];
const env = { ...process.env, MYSQL_PWD: decodeURIComponent(server.password) };
const psql = (db: string, ...args: string[]) =>
  execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', withDatabase(pgUrl, db), ...args], { encoding: 'utf8' }).trim();

let admin: mysql.Connection | undefined;
afterAll(async () => {
  await admin?.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin?.end();
});

describe.skipIf(!live)('mariadb-dump without --hex-blob', () => {
  it('loads random binary values byte for byte, latin1 text as text', async () => {
    admin = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user, password: env.MYSQL_PWD, multipleStatements: true });
    await admin.query(`DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB}; USE ${DB};
      CREATE TABLE t (id int PRIMARY KEY, b varbinary(64), g longblob, u binary(16), name varchar(20) CHARACTER SET latin1, f bit(16), p point);
      INSERT INTO t SELECT seq, random_bytes(40), random_bytes(300), unhex(replace(uuid(), '-', '')), concat('Caf', char(233 using latin1), seq),
        (seq * 257) % 65536, point(seq, 2) FROM seq_1_to_300;`);
    const dump = execFileSync('mariadb-dump', [...client, DB], { env, maxBuffer: 1 << 26 });
    const dir = mkdtempSync(join(tmpdir(), 'pgshift-raw-dump-'));
    writeFileSync(join(dir, 'dump.sql'), dump);

    const { files, result } = await convertToFiles(join(dir, 'dump.sql'), defaultOptions('mysql'));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.map((d) => d.code), 'the dump holds raw bytes that are not UTF-8').toContain('PGS1020');
    psql('postgres', '-c', `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`, '-c', `CREATE DATABASE ${DB}`);
    try {
      for (const [name, sql] of upFiles(files)) {
        writeFileSync(join(dir, name), sql);
        psql(DB, '-f', join(dir, name));
      }
      const [results] = await admin.query(`SET SESSION group_concat_max_len = 100000000;
        SELECT md5(group_concat(concat_ws('|', id, lower(hex(b)), lower(hex(g)), lower(hex(u)), convert(name USING utf8mb4), lpad(bin(f), 16, '0'),
          lower(hex(st_asbinary(p)))) ORDER BY id SEPARATOR ',')) AS d FROM t`);
      const source = (results as unknown as [unknown, { d: string }[]])[1][0]!.d;
      const target = psql(DB, '-c', "SELECT md5(string_agg(concat_ws('|', id, encode(b, 'hex'), encode(g, 'hex'), encode(u, 'hex'), name, f::text, encode(p, 'hex')), ',' ORDER BY id)) FROM t");
      expect(target).toBe(source);
      expect(psql(DB, '-c', 'SELECT count(*) FROM t')).toBe('300');
    } finally {
      psql('postgres', '-c', `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    }
  }, 60_000);
});
