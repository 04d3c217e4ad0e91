import mysql from 'mysql2/promise';

/** One benchmark table: its columns (definition, generator over seq, export expression), key and share of the rows. */
export interface BenchTable {
  name: string;
  columns: { name: string; def: string; gen: string; raw?: string }[];
  key?: string;
  weight: number;
}

// seq is the row number; every type of the copy's type mix appears, with NULLs, '' and zero dates.
export const TABLES: BenchTable[] = [
  { name: 'orders', weight: 2, key: 'id', columns: [
    { name: 'id', def: 'INT UNSIGNED NOT NULL', gen: 'seq' },
    { name: 'customer_id', def: 'INT NOT NULL', gen: 'seq % 100000' },
    { name: 'status', def: "ENUM('new','paid','shipped','cancelled')", gen: "ELT(1 + seq % 4, 'new','paid','shipped','cancelled')" },
    { name: 'total', def: 'DECIMAL(12,2)', gen: '(seq % 100000) / 100' },
    { name: 'created', def: 'DATETIME(3)', gen: "TIMESTAMP('2020-01-01') + INTERVAL seq SECOND + INTERVAL (seq % 1000) * 1000 MICROSECOND" },
    { name: 'note', def: 'VARCHAR(200)', gen: "IF(seq % 7 = 0, NULL, IF(seq % 7 = 1, '', CONCAT('order note ', seq)))" },
  ] },
  { name: 'customers', weight: 1, key: 'id', columns: [
    { name: 'id', def: 'BIGINT NOT NULL', gen: 'seq' },
    { name: 'name', def: 'VARCHAR(100)', gen: "CONCAT('Customer ', seq)" },
    { name: 'email', def: 'VARCHAR(150)', gen: "CONCAT('c', seq, '@example.com')" },
    { name: 'active', def: 'TINYINT(1)', gen: 'seq % 2' },
    { name: 'born', def: 'DATE', gen: "IF(seq % 50 = 0, '0000-00-00', DATE('1950-01-01') + INTERVAL seq % 20000 DAY)", raw: 'IF(MONTH(born) = 0, NULL, born)' },
    { name: 'score', def: 'DOUBLE', gen: 'seq / 7' },
  ] },
  { name: 'events', weight: 1, key: 'id', columns: [
    { name: 'id', def: 'BIGINT UNSIGNED NOT NULL', gen: 'seq' },
    { name: 'kind', def: "SET('click','view','buy')", gen: "ELT(1 + seq % 4, '', 'click', 'view,buy', 'click,view,buy')", raw: "CONCAT('{', kind, '}')" },
    { name: 'payload', def: 'JSON', gen: "CONCAT('{\"n\": ', seq, ', \"tags\": [\"a\", \"b\"]}')" },
    { name: 'ts', def: 'TIMESTAMP NULL', gen: "IF(seq % 9 = 0, NULL, TIMESTAMP('2022-01-01') + INTERVAL seq SECOND)", raw: "CONCAT(ts, '+00')" },
  ] },
  { name: 'blobs', weight: 0.5, key: 'id', columns: [
    { name: 'id', def: 'INT NOT NULL', gen: 'seq' },
    { name: 'hash', def: 'BINARY(16)', gen: 'UNHEX(MD5(seq))', raw: "CONCAT('\\\\x', HEX(hash))" },
    { name: 'data', def: 'VARBINARY(255)', gen: 'IF(seq % 5 = 0, NULL, UNHEX(REPEAT(HEX(seq), 8)))', raw: "CONCAT('\\\\x', HEX(data))" },
  ] },
  { name: 'flags', weight: 0.5, key: 'id', columns: [
    { name: 'id', def: 'INT NOT NULL', gen: 'seq' },
    { name: 'b1', def: 'BIT(1)', gen: 'seq % 2', raw: 'b1 + 0' },
    { name: 'b8', def: 'BIT(8)', gen: 'seq % 256', raw: "LPAD(BIN(b8 + 0), 8, '0')" },
    { name: 't', def: 'TIME', gen: 'SEC_TO_TIME(seq % 86400)' },
    { name: 'y', def: 'YEAR', gen: '1901 + seq % 150', raw: 'y + 0' },
  ] },
  { name: 'texts', weight: 0.5, key: 'id', columns: [
    { name: 'id', def: 'INT NOT NULL', gen: 'seq' },
    { name: 'body', def: 'TEXT', gen: "CONCAT('line one ', seq, CHAR(10), 'line\ttwo \\\\ backslash ', REPEAT('x', seq % 200))" },
  ] },
  { name: 'metrics', weight: 1, key: 'id', columns: [
    { name: 'id', def: 'INT NOT NULL', gen: 'seq' },
    { name: 'f', def: 'FLOAT', gen: 'seq / 3' },
    { name: 'd', def: 'DOUBLE', gen: 'seq * 1.000001' },
    { name: 'm', def: 'DECIMAL(20,6)', gen: 'seq / 9' },
    { name: 'u', def: 'BIGINT UNSIGNED', gen: '18446744073709551615 - seq' },
  ] },
  { name: 'logs', weight: 1.5, columns: [
    { name: 'at', def: 'DATETIME', gen: "TIMESTAMP('2023-01-01') + INTERVAL seq SECOND" },
    { name: 'level', def: "ENUM('debug','info','warn','error')", gen: "ELT(1 + seq % 4, 'debug','info','warn','error')" },
    { name: 'msg', def: 'VARCHAR(255)', gen: "CONCAT('message ', seq, ' from the log')" },
  ] },
  { name: 'items', weight: 1, key: 'code, n', columns: [
    { name: 'code', def: 'VARCHAR(20) NOT NULL', gen: "CONCAT('SKU', seq % 1000)" },
    { name: 'n', def: 'INT NOT NULL', gen: 'seq' },
    { name: 'qty', def: 'SMALLINT', gen: 'seq % 30000' },
    { name: 'price', def: 'DECIMAL(8,2)', gen: '(seq % 99999) / 100' },
  ] },
  { name: 'mixed', weight: 1, key: 'id', columns: [
    { name: 'id', def: 'INT NOT NULL', gen: 'seq' },
    { name: 'a', def: 'TINYINT', gen: 'seq % 127' },
    { name: 'b', def: 'SMALLINT UNSIGNED', gen: 'seq % 65535' },
    { name: 'c', def: 'MEDIUMINT', gen: 'seq % 8000000' },
    { name: 'd', def: 'CHAR(10)', gen: "IF(seq % 3 = 0, '', LEFT(MD5(seq), 10))" },
    { name: 'e', def: 'VARCHAR(20)', gen: "IF(seq % 4 = 0, NULL, IF(seq % 4 = 1, '', 'v'))" },
  ] },
];

export function mysqlConnect(url: string, database?: string): Promise<mysql.Connection> {
  const u = new URL(url);
  return mysql.createConnection({
    host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password) || process.env.PGSHIFT_SOURCE_PASSWORD || '', ...(database ? { database } : {}),
  });
}

/** Rows per table for a total: by weight, at least 1. */
export function rowsPerTable(total: number): Map<string, number> {
  const sum = TABLES.reduce((s, t) => s + t.weight, 0);
  return new Map(TABLES.map((t) => [t.name, Math.max(1, Math.round((total * t.weight) / sum))]));
}

/** Creates the database and fills every table inside MariaDB (INSERT … SELECT from the Sequence engine), no rows cross the network. */
export async function generateDataset(url: string, db: string, total: number): Promise<void> {
  const conn = await mysqlConnect(url);
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${db}`);
    await conn.query(`CREATE DATABASE ${db} CHARACTER SET utf8mb4`);
    await conn.query(`USE ${db}`);
    await conn.query("SET SESSION sql_mode = '', SESSION time_zone = '+00:00'");
    const rows = rowsPerTable(total);
    for (const t of TABLES) {
      const cols = [...t.columns.map((c) => `\`${c.name}\` ${c.def}`), ...(t.key ? [`PRIMARY KEY (${t.key})`] : [])];
      await conn.query(`CREATE TABLE ${t.name} (${cols.join(', ')}) ENGINE=InnoDB`);
      await conn.query(`INSERT INTO ${t.name} SELECT ${t.columns.map((c) => c.gen).join(', ')} FROM seq_1_to_${rows.get(t.name)!}`);
    }
  } finally {
    await conn.end();
  }
}

/**
 * Waits until InnoDB has written the generated rows' dirty pages (at most `timeoutSeconds`): left to its background
 * flushing, that disk work would fall on whichever tool runs first (pgshift) and not on the ones after it.
 */
export async function flushSource(url: string, timeoutSeconds = 120): Promise<void> {
  const conn = await mysqlConnect(url);
  const dirty = async (): Promise<number> => {
    const [rows] = await conn.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'");
    return Number((rows as { Value: string }[])[0]?.Value ?? 0);
  };
  try {
    const [rows] = await conn.query('SELECT @@GLOBAL.innodb_max_dirty_pages_pct AS pct, @@GLOBAL.innodb_max_dirty_pages_pct_lwm AS lwm');
    const old = (rows as { pct: number; lwm: number }[])[0]!;
    await conn.query('SET GLOBAL innodb_max_dirty_pages_pct_lwm = 0, GLOBAL innodb_max_dirty_pages_pct = 0');
    try {
      const until = Date.now() + timeoutSeconds * 1000;
      while ((await dirty()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    } finally {
      await conn.query('SET GLOBAL innodb_max_dirty_pages_pct = ?, GLOBAL innodb_max_dirty_pages_pct_lwm = ?', [old.pct, old.lwm]);
    }
  } finally {
    await conn.end();
  }
}

/** Writes each table as PostgreSQL COPY text (SELECT … INTO OUTFILE: \N for NULL, backslash escapes), ready for COPY FROM. */
export async function exportTables(url: string, db: string, dir: string): Promise<string[]> {
  const conn = await mysqlConnect(url, db);
  const files: string[] = [];
  try {
    await conn.query("SET SESSION time_zone = '+00:00'");
    for (const t of TABLES) {
      const file = `${dir}/${t.name}.tsv`;
      await conn.query(`SELECT ${t.columns.map((c) => c.raw ?? `\`${c.name}\``).join(', ')} INTO OUTFILE '${file}' FROM ${t.name}`);
      files.push(file);
    }
  } finally {
    await conn.end();
  }
  return files;
}
