import { execFileSync } from 'node:child_process';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { convertScripts, type ConvertResult } from '../../src/convert.js';
import type { Statement } from '../../src/target/postgres/statement.js';
import type { Catalog } from '../../src/model/catalog.js';
import { defaultOptions } from './convert.js';
import { mysqlUrl, pgUrl, withDatabase } from './servers.js';

/**
 * Differential harness: the same MySQL script (tables + views) runs on MariaDB as written, and on PostgreSQL through
 * pgshift's own pipeline (convertScripts); table rows are read back from MariaDB and inserted into PostgreSQL with
 * parameterised INSERTs; then every view is queried on both sides and the results compared (compareResults).
 */

export interface DiffView {
  /** View name as created on both sides. */
  name: string;
  /** True when the rows' order is part of the result (the view has ORDER BY). */
  ordered: boolean;
  /** Compare text values as parsed JSON. */
  json?: boolean;
}

export interface DiffOutcome {
  view: string;
  ok: boolean;
  /** Why it disagrees: MariaDB error, PostgreSQL conversion/apply/query error, or the first differing row. */
  reason?: string;
}

export interface DiffRun {
  outcomes: Map<string, DiffOutcome>;
  /** Diagnostics of the conversion, for reasons. */
  target: Catalog;
}

const server = new URL(mysqlUrl);

export async function connectMysql(database?: string): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username) || 'root',
    password: decodeURIComponent(server.password), dateStrings: true, supportBigNumbers: true, bigNumberStrings: true,
    ...(database ? { database } : {}), multipleStatements: true, charset: 'utf8mb4',
  });
}

/** Runs a script with the mariadb command-line client (DELIMITER and all), as a user would load it. */
export function runMysqlScript(script: string, database?: string): void {
  const args = ['-h', server.hostname, '-P', server.port || '3306', '-u', decodeURIComponent(server.username) || 'root', '--default-character-set=utf8mb4'];
  if (database) args.push(database);
  execFileSync('mariadb', args, { input: script, env: { ...process.env, MYSQL_PWD: decodeURIComponent(server.password) }, stdio: ['pipe', 'pipe', 'pipe'] });
}

// timestamps, dates and times come back as text so both sides are compared as written
for (const oid of [1082, 1083, 1114, 1184, 1266]) pg.types.setTypeParser(oid, (v: string) => v);

/**
 * Loads `tablesScript` (CREATE TABLEs and INSERTs, run in database `db` on MariaDB), creates `views` (CREATE VIEW
 * statements, one per entry) on both servers and compares every view. `schemaOf` names the PostgreSQL schema.
 */
export async function runDifferential(opts: {
  db: string;
  tablesScript: string;
  viewsScript: { name: string; sql: string }[];
  views: DiffView[];
  /** Set when the script creates its own database (CREATE DATABASE + USE). */
  ownDatabase?: boolean;
}): Promise<DiffRun> {
  const { db } = opts;
  const outcomes = new Map<string, DiffOutcome>();
  const fail = (view: string, reason: string): void => { if (!outcomes.has(view)) outcomes.set(view, { view, ok: false, reason }); };

  // MariaDB: tables and rows as written, then each view on its own so one bad case does not hide the others
  const admin = await connectMysql();
  await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
  if (!opts.ownDatabase) await admin.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4`);
  runMysqlScript(opts.tablesScript, opts.ownDatabase ? undefined : db);
  await admin.query(`USE \`${db}\``);
  for (const v of opts.viewsScript) {
    try { await admin.query(v.sql); } catch (e) { fail(v.name, `MariaDB rejects the view: ${(e as Error).message}`); }
  }
  const [tableRows] = await admin.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'`, [db]);
  const tables = (tableRows as { t: string }[]).map((r) => r.t);

  // PostgreSQL: the same script through pgshift
  const script = `${opts.ownDatabase ? '' : `USE \`${db}\`;\n`}${opts.tablesScript}\n${opts.viewsScript.map((v) => `${v.sql};`).join('\n')}\n`;
  const result = await convertResilient(script, opts.ownDatabase ? '' : `USE \`${db}\`;\n${opts.tablesScript}`, opts.viewsScript, db);
  const pgDb = db.toLowerCase();
  const adminPg = new pg.Client({ connectionString: pgUrl });
  await adminPg.connect();
  await adminPg.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await adminPg.query(`CREATE DATABASE ${pgDb}`);
  const client = new pg.Client({ connectionString: withDatabase(pgUrl, pgDb) });
  await client.connect();
  try {
    const applyErrors = new Map<string, string>();
    for (const phase of result.phases) {
      for (const st of phase.up) {
        try { await client.query(st.sql); } catch (e) { applyErrors.set(st.object.toLowerCase(), `${(e as Error).message} in: ${st.sql.slice(0, 300)}`); }
      }
    }
    await copyRows(admin, client, db, tables, result.target);

    for (const v of opts.views) {
      const sourceName = v.name.toLowerCase();
      const tv = result.target.schemas.flatMap((s) => s.views.map((x) => ({ s: s.name, x }))).find((o) => o.x.name.name.toLowerCase() === sourceName);
      const applyError = [...applyErrors].find(([obj]) => obj.endsWith(`.${sourceName}`) || obj.endsWith(` ${sourceName}`));
      const why = result.diagnostics.filter((d) => d.object?.toLowerCase().endsWith(sourceName) && d.severity !== 'info')
        .map((d) => `${d.code} ${d.message}`);
      if (!tv) { fail(v.name, `not converted: ${why.join('; ') || 'no PostgreSQL view'}`); continue; }
      if (applyError) { fail(v.name, `PostgreSQL rejects the view: ${applyError[1]}`); continue; }
      let mine: unknown[][];
      let theirs: unknown[][];
      try {
        const [rows] = await admin.query({ sql: `SELECT * FROM \`${v.name}\``, rowsAsArray: true });
        mine = rows as unknown[][];
      } catch (e) { fail(v.name, `MariaDB query: ${(e as Error).message}`); continue; }
      try {
        const r = await client.query({ text: `SELECT * FROM ${quotePg(tv.s)}.${quotePg(tv.x.name.name)}`, rowMode: 'array' });
        theirs = r.rows as unknown[][];
      } catch (e) { fail(v.name, `PostgreSQL query: ${(e as Error).message}`); continue; }
      const diff = compareResults(mine, theirs, v);
      if (diff) fail(v.name, diff);
      else outcomes.set(v.name, { view: v.name, ok: true });
    }
  } finally {
    await client.end();
    await adminPg.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`).catch(() => undefined);
    await adminPg.end();
    await admin.query(`DROP DATABASE IF EXISTS \`${db}\``).catch(() => undefined);
    await admin.end();
  }
  return { outcomes, target: result.target };
}

type Converted = Pick<ConvertResult, 'phases' | 'target' | 'diagnostics'>;

/**
 * The whole script through convertScripts; when the pipeline throws (a bug in a stage, itself a finding), the tables
 * convert alone and each view with them, so one view cannot hide the others. A view whose conversion throws is
 * reported with the exception as its reason.
 */
async function convertResilient(script: string, tablesScript: string, views: { name: string; sql: string }[], db: string): Promise<Converted> {
  const convert = (text: string) => convertScripts([{ file: `${db}.sql`, text, diagnostics: [] }], defaultOptions('mysql'));
  try {
    return await convert(script);
  } catch (e) {
    if (!views.length) throw e;
  }
  const base = await convert(tablesScript);
  const viewPhase: Statement[] = [];
  for (const v of views) {
    try {
      const r = await convert(`${tablesScript}\n${v.sql};\n`);
      const tv = r.target.schemas.flatMap((s) => s.views);
      for (const ph of r.phases) for (const st of ph.up) if (st.object.toLowerCase().endsWith(v.name.toLowerCase())) viewPhase.push(st);
      base.target.schemas[0]?.views.push(...tv);
      base.diagnostics.push(...r.diagnostics.filter((d) => d.object?.toLowerCase().endsWith(v.name.toLowerCase())));
    } catch (e) {
      base.diagnostics.push({ code: 'PGS6004', severity: 'error', message: `pipeline threw: ${(e as Error).message}`, object: `view ${v.name}` });
    }
  }
  return { ...base, phases: [...base.phases, { file: 'views', title: 'views', up: viewPhase, down: [] }] };
}

function quotePg(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** Rows as MariaDB returns them → PostgreSQL, adapting only the spelling of values to the converted column types. */
async function copyRows(my: mysql.Connection, client: pg.Client, db: string, tables: string[], target: Catalog): Promise<void> {
  // foreign keys and user triggers stay off while copying, as pg_dump/pgloader do
  await client.query('SET session_replication_role = replica');
  for (const t of tables) {
    const tt = target.schemas.flatMap((s) => s.tables.map((x) => ({ s: s.name, x }))).find((o) => o.x.name.name.toLowerCase() === t.toLowerCase());
    if (!tt) continue;
    const [rows, fields] = await my.query(`SELECT * FROM \`${db}\`.\`${t}\``);
    const names = (fields as { name: string }[]).map((f) => f.name);
    const types = await client.query(
      `SELECT column_name, data_type, udt_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`, [tt.s, tt.x.name.name]);
    const typeOf = new Map(types.rows.map((r: { column_name: string; data_type: string; udt_name: string }) => [r.column_name.toLowerCase(), r]));
    for (const row of rows as Record<string, unknown>[]) {
      const cols = names.filter((n) => typeOf.has(n.toLowerCase()));
      const values = cols.map((n) => pgValue(row[n], typeOf.get(n.toLowerCase())!));
      const sql = `INSERT INTO ${quotePg(tt.s)}.${quotePg(tt.x.name.name)} (${cols.map((n) => quotePg(n.toLowerCase())).join(', ')}) `
        + `OVERRIDING SYSTEM VALUE VALUES (${cols.map((_, k) => `$${k + 1}`).join(', ')})`;
      try { await client.query(sql, values); } catch (e) { throw new Error(`copy ${t}: ${(e as Error).message} for ${JSON.stringify(values)}`); }
    }
  }
  await client.query('SET session_replication_role = origin');
}

function isJson(s: string): boolean {
  try { JSON.parse(s); return true; } catch { return false; }
}

function pgValue(v: unknown, t: { data_type: string; udt_name: string }): unknown {
  if (v === null || v === undefined) return null;
  if (t.data_type === 'ARRAY') return String(v) === '' ? [] : String(v).split(',');
  if (t.udt_name === 'bool') return String(v) !== '0';
  // node-postgres sends JS arrays as PostgreSQL arrays; a JSON document must go as its text
  if (t.udt_name === 'json' || t.udt_name === 'jsonb') return typeof v === 'string' && isJson(v) ? v : JSON.stringify(v);
  if (t.udt_name === 'bytea') return Buffer.isBuffer(v) ? v : Buffer.from(String(v));
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

/**
 * Comparison rules (both sides normalised, then compared row by row; rows sorted unless the view is ordered):
 * - NULL equals only NULL; booleans are 1/0 (MySQL has no boolean type);
 * - numbers (and numeric text) compare numerically at the scale MariaDB shows: |a - b| < half a unit in its last
 *   decimal place, or a relative 1e-9 for floating values printed in exponent form;
 * - dates/times compare as text, with a trailing `.000…` fraction dropped, at millisecond precision;
 * - `json` views compare values parsed, objects with their keys sorted;
 * - everything else compares as exact text (so case, trailing spaces and collation effects count).
 */
export function compareResults(mine: unknown[][], theirs: unknown[][], v: DiffView): string | undefined {
  if (mine.length !== theirs.length) return `row count ${mine.length} (MariaDB) vs ${theirs.length} (PostgreSQL)`;
  const a = mine.map((r) => r.map((x) => normalise(x, v)));
  const b = theirs.map((r) => r.map((x) => normalise(x, v)));
  if (!v.ordered) {
    const key = (r: Norm[]): string => JSON.stringify(r.map((x) => (x.kind === 'num' ? Math.round(x.n * 1e6) / 1e6 : x)));
    a.sort((x, y) => key(x).localeCompare(key(y)));
    b.sort((x, y) => key(x).localeCompare(key(y)));
  }
  for (let i = 0; i < a.length; i++) {
    const ra = a[i]!, rb = b[i]!;
    if (ra.length !== rb.length) return `column count ${ra.length} vs ${rb.length}`;
    for (let k = 0; k < ra.length; k++) {
      if (!sameValue(ra[k]!, rb[k]!)) return `row ${i + 1} col ${k + 1}: MariaDB ${show(mine[i]![k])} vs PostgreSQL ${show(theirs[i]![k])}`;
    }
  }
  return undefined;
}

type Norm = { kind: 'null' } | { kind: 'num'; n: number; scale: number; exp: boolean } | { kind: 'text'; s: string };

const NUMERIC = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const DATETIME = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}:\d{2}(\.\d+)?)?$|^-?\d{2,3}:\d{2}:\d{2}(\.\d+)?$/;

function normalise(x: unknown, v: DiffView): Norm {
  if (x === null || x === undefined) return { kind: 'null' };
  if (typeof x === 'boolean') return { kind: 'num', n: x ? 1 : 0, scale: 0, exp: false };
  if (typeof x === 'number' || typeof x === 'bigint') return numeric(String(x));
  if (Buffer.isBuffer(x)) return { kind: 'text', s: x.toString('utf8') };
  if (typeof x === 'object') return { kind: 'text', s: canonicalJson(x) };
  const s = String(x);
  if (v.json) {
    try { return { kind: 'text', s: canonicalJson(JSON.parse(s)) }; } catch { /* not JSON: plain text */ }
  }
  if (DATETIME.test(s)) return { kind: 'text', s: s.replace('T', ' ').replace(/(\.\d{3})\d*$/, '$1').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') };
  if (NUMERIC.test(s)) return numeric(s);
  return { kind: 'text', s };
}

function numeric(s: string): Norm {
  const exp = /e/i.test(s);
  const scale = exp ? 0 : (s.split('.')[1]?.length ?? 0);
  return { kind: 'num', n: Number(s), scale, exp };
}

function sameValue(a: Norm, b: Norm): boolean {
  if (a.kind === 'num' && b.kind === 'num') {
    if (a.exp || b.exp) return Math.abs(a.n - b.n) <= 1e-9 * Math.max(1, Math.abs(a.n));
    const scale = Math.min(a.scale, b.scale);
    return Math.abs(a.n - b.n) < 0.5 * 10 ** -scale + 1e-9 * Math.max(1, Math.abs(a.n));
  }
  if (a.kind === 'text' && b.kind === 'text') return a.s === b.s;
  return a.kind === b.kind;
}

function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  if (x && typeof x === 'object') {
    return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((x as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

function show(x: unknown): string {
  if (Buffer.isBuffer(x)) return `0x${x.toString('hex')}`;
  return JSON.stringify(x) ?? String(x);
}
