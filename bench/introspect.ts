import mysql from 'mysql2/promise';
import { introspectMysql } from '../src/sources/mysql/introspect.js';

// npm run bench:introspect: build a MariaDB database of 2,000 tables × 20 columns with indexes and FKs
// (PGSHIFT_BENCH_TABLES overrides the count), introspect it, print the time (target ≤ 10 s), drop it.
const url = process.env.PGSHIFT_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306/test';
const tables = Number(process.env.PGSHIFT_BENCH_TABLES ?? 2000);
const columns = 20;
const db = 'pgshift_bench_introspect';
const BATCH = 50;
/** CREATE TABLE is bound by InnoDB file creation, so a few sessions in parallel cut the setup time. */
const SESSIONS = 4;

function createTable(i: number): string {
  const cols = ['id int unsigned NOT NULL AUTO_INCREMENT'];
  for (let c = 1; c < columns; c++) {
    if (c === 1) cols.push('parent_id int unsigned NULL');
    else if (c % 4 === 0) cols.push(`c${c} varchar(${20 + c}) NOT NULL DEFAULT 'x${c}'`);
    else if (c % 4 === 1) cols.push(`c${c} decimal(12,2) NULL`);
    else if (c % 4 === 2) cols.push(`c${c} datetime NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP`);
    else cols.push(`c${c} enum('a','b','c') NOT NULL DEFAULT 'a' COMMENT 'col ${c}'`);
  }
  const parts = [...cols, 'PRIMARY KEY (id)', 'UNIQUE KEY uq_c4 (c4)', 'KEY ix_c5_c6 (c5, c6)', 'KEY ix_c8 (c8(10))'];
  // each table but the first refers to its predecessor, so FKs span the whole schema
  if (i > 0) parts.push(`CONSTRAINT fk_t${i}_parent FOREIGN KEY (parent_id) REFERENCES t${i - 1} (id) ON DELETE SET NULL`);
  return `CREATE TABLE t${i} (\n  ${parts.join(',\n  ')}\n) ENGINE=InnoDB COMMENT='bench table ${i}'`;
}

const u = new URL(url);
const connect = () => mysql.createConnection({
  host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username) || 'root',
  password: decodeURIComponent(u.password) || process.env.PGSHIFT_SOURCE_PASSWORD || '', multipleStatements: true,
});
const conn = await connect();
try {
  await conn.query(`DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db}; USE ${db}`);
  const t0 = performance.now();
  const sessions = await Promise.all(Array.from({ length: SESSIONS }, connect));
  let next = 0;
  await Promise.all(sessions.map(async (s) => {
    // FK checks off: a table may refer to one another session has not created yet
    await s.query(`USE ${db}; SET foreign_key_checks = 0`);
    for (let i = (next += BATCH) - BATCH; i < tables; i = (next += BATCH) - BATCH) {
      const batch: string[] = [];
      for (let j = i; j < Math.min(tables, i + BATCH); j++) batch.push(createTable(j));
      await s.query(batch.join(';\n'));
    }
    await s.end();
  }));
  const createMs = performance.now() - t0;
  u.pathname = `/${db}`;
  const t1 = performance.now();
  const catalog = await introspectMysql(u.toString());
  const introspectMs = performance.now() - t1;
  const ts = catalog.schemas.flatMap((s) => s.tables);
  console.log(JSON.stringify({
    tables: ts.length,
    columns: ts.reduce((n, t) => n + t.columns.length, 0),
    indexes: ts.reduce((n, t) => n + t.indexes.length + t.uniques.length + (t.primaryKey ? 1 : 0), 0),
    foreignKeys: ts.reduce((n, t) => n + t.foreignKeys.length, 0),
    createSeconds: +(createMs / 1000).toFixed(1),
    introspectSeconds: +(introspectMs / 1000).toFixed(2),
    targetSeconds: 10,
    withinTarget: introspectMs <= 10_000,
  }));
} finally {
  await conn.query(`DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
  await conn.end();
}
