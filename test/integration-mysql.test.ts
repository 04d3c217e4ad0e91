import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { analyzeCatalog } from '../src/analyze.js';
import { convertCatalog } from '../src/convert.js';
import { renderAssessmentCsv } from '../src/emit/assessment-csv.js';
import { renderAssessmentHtml } from '../src/emit/assessment-html.js';
import { renderAssessmentMarkdown } from '../src/emit/assessment-md.js';
import { renderAssessmentText } from '../src/emit/assessment-text.js';
import type { Catalog, ForeignKey, Key, KeyPart, Table } from '../src/model/catalog.js';
import type { Expr } from '../src/model/expr.js';
import type { DataType } from '../src/model/types.js';
import { introspectMysql } from '../src/sources/mysql/introspect.js';
import { parseMysql } from '../src/sources/mysql/parser.js';
import { defaultOptions } from './helpers/convert.js';
import { corpusPresent, corpusScripts } from './helpers/corpus.js';
import { mysqlAvailable, mysqlUrl, pgUrl, postgresAvailable, withDatabase } from './helpers/servers.js';

// Differential test: each MySQL corpus script runs as-is on the real MariaDB, is introspected, and the live IR
// must equal the IR the script parser builds from the same text — up to the differences MariaDB itself
// introduces, listed one by one in NORMALISATIONS. The live IR then converts and applies to PostgreSQL 15.
const live = await mysqlAvailable();
const pg = live && (await postgresAvailable());

const server = new URL(mysqlUrl);
let admin: mysql.Connection;
beforeAll(async () => {
  if (!live) return;
  admin = await mysql.createConnection({
    host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username) || 'root',
    password: decodeURIComponent(server.password),
  });
});
afterAll(async () => {
  await admin?.end();
});

/** Runs a script with the mariadb command-line client, exactly as a user would load it. */
function runScript(file: string, database?: string): void {
  const args = ['-h', server.hostname, '-P', server.port || '3306', '-u', decodeURIComponent(server.username) || 'root'];
  if (database) args.push(database);
  execFileSync('mariadb', args, {
    input: readFileSync(file), env: { ...process.env, MYSQL_PWD: decodeURIComponent(server.password) }, stdio: ['pipe', 'pipe', 'pipe'],
  });
}

const mysqlScripts = corpusScripts.filter((c) => c.dialect === 'mysql');

describe.skipIf(!live || !corpusPresent).each(mysqlScripts)('live MariaDB $file', ({ file }) => {
  it('introspects to the IR the script parser builds, and converts cleanly to PostgreSQL 15', async () => {
    const parsed = parseMysql([{ file, text: readFileSync(file, 'utf8') }]);
    // scripts that CREATE DATABASE + USE run in their own database; the others in a fresh one of ours
    const own = parsed.schemas.find((s) => s.declared)?.name;
    const db = own ?? `pgshift_it_${basename(file, '.sql').replace(/\W/g, '_').toLowerCase()}`;
    await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    try {
      if (!own) await admin.query(`CREATE DATABASE \`${db}\``);
      runScript(file, own ? undefined : db);
      const introspected = await introspectMysql(withDatabase(mysqlUrl, db));

      expect(introspected.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      expect(comparable(introspected, parsed)).toEqual(comparable(parsed, parsed));
      expect(objectNames(introspected)).toEqual(objectNames(parsed));
      expect(writtenOptions(introspected, parsed)).toEqual(writtenOptions(parsed, parsed));

      if (!pg) return;
      const result = await convertCatalog(introspected, { ...defaultOptions('mysql'), verify: pgUrl }, [db]);
      expect(result.diagnostics.filter((d) => d.code === 'PGS6001' || d.code === 'PGS6002').map((d) => d.message), 'rejected by PostgreSQL').toEqual([]);
      expect(result.target.schemas.flatMap((s) => s.tables).length).toBe(introspected.schemas.flatMap((s) => s.tables).length);

      // The assessment of the live schema, in every format: one object per catalog object, located by it.
      const a = await analyzeCatalog(introspected, { ...defaultOptions('mysql'), live: true }, [db]);
      expect(a.objects.length).toBe(result.report.objects.length);
      for (const render of [renderAssessmentText, renderAssessmentMarkdown, renderAssessmentCsv, renderAssessmentHtml]) expect(render(a).length).toBeGreaterThan(0);
      expect(renderAssessmentCsv(a).split('\r\n').length).toBe(a.items.length + 2);
      expect(JSON.parse(JSON.stringify(a)).inputs).toEqual([db]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    }
  });
});

/**
 * Differences MariaDB introduces between the script as written and what its catalog reports.
 * Each is applied to both sides (where it can be) by the functions below; the why is the comment.
 */
export const NORMALISATIONS = [
  ['integer display width', 'MariaDB reports a display width on every integer (int(11), smallint(5) unsigned); only tinyint(1) means something (boolean)'],
  ['year(4)', 'MariaDB spells YEAR as year(4)'],
  ['default precision', 'the server fills in defaults the script leaves out: decimal → decimal(10,0), char → char(1), bit → bit(1)'],
  ['DEFAULT NULL', 'a script may write DEFAULT NULL; the server reports NULL for every nullable column, so both mean no default'],
  ['FK rules', 'a rule the script leaves out is reported as RESTRICT, the server default'],
  ['FK index', 'InnoDB adds an index named after a foreign key when no index starts with its columns'],
  ['constraint names', 'the server names unnamed keys (after the first column), FKs (<table>_ibfk_n) and CHECKs (CONSTRAINT_n, or the column); names are compared only where the script wrote one'],
  ['charset utf8', 'MariaDB spells utf8 as utf8mb3; a column collation equal to the table default is implicit'],
  ['table options', 'the server reports engine/charset/collate for every table and counts AUTO_INCREMENT past the loaded rows; only options the script wrote are compared'],
  ['expression spelling', 'the server prints expressions back in its own spelling: current_timestamp() for CURRENT_TIMESTAMP, lower-case function names'],
  ['TRUE/FALSE', 'MariaDB stores BOOLEAN literals as 1/0'],
  ['object order', 'information_schema lists indexes, keys and objects by name, not by creation order'],
] as const;

const INTEGERS = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);
const DEFAULT_ARGS: Record<string, number[]> = { decimal: [10, 0], char: [1], binary: [1], bit: [1] };

function normType(t: DataType): string {
  let args = t.args.filter((a): a is number => a !== 'max');
  if (INTEGERS.has(t.name) && !(t.name === 'tinyint' && args[0] === 1)) args = [];
  if (t.name === 'year') args = [];
  if (!args.length && DEFAULT_ARGS[t.name]) args = DEFAULT_ARGS[t.name]!;
  if (t.name === 'decimal' && args.length === 1) args = [args[0]!, 0];
  const values = t.values ? `(${t.values.map((v) => `'${v}'`).join(',')})` : '';
  return `${t.name}${args.length ? `(${args.join(',')})` : ''}${values}${t.unsigned ? ' unsigned' : ''}${t.zerofill ? ' zerofill' : ''}`;
}

/** Expression text independent of spans and the server's spelling of names. */
function normExpr(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  return JSON.stringify(e, (k, v: unknown) => {
    if (k === 'span' || k === 'niladic') return undefined;
    if (v && typeof v === 'object' && (v as Expr).kind === 'bool') return { kind: 'number', value: (v as { value: boolean }).value ? '1' : '0' };
    if (k === 'name' && Array.isArray(v)) return v.map((x) => String(x).toLowerCase());
    return v;
  });
}

const charset = (c: string | undefined) => (c === 'utf8' ? 'utf8mb3' : c);
const parts = (ps: KeyPart[]) => ps.map((p) => `${p.column}${p.length ? `(${p.length})` : ''}${p.desc ? ' desc' : ''}`).join(',');

/** Tables in a shape both sides can meet; `script` is the parsed catalog (it decides which server additions to drop). */
function comparable(c: Catalog, script: Catalog) {
  const all = c.schemas.flatMap((s) => s.tables);
  const written = script.schemas.flatMap((s) => s.tables);
  return all
    .map((t) => comparableTable(t, all, written.find((w) => w.name.name.toLowerCase() === t.name.name.toLowerCase())))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function comparableTable(t: Table, all: Table[], script: Table | undefined) {
  const fks = t.foreignKeys.map((fk) => comparableFk(fk, all, script));
  const scriptIndexes = new Set(script?.indexes.map((i) => parts(i.columns)));
  const fkColumns = new Set(t.foreignKeys.map((fk) => fk.columns.join(',')));
  const indexes = t.indexes
    .filter((i) => scriptIndexes.has(parts(i.columns)) || !fkColumns.has(parts(i.columns)))
    .map((i) => `${i.unique ? 'unique ' : ''}${i.kind}${i.using ? ` using ${i.using}` : ''} (${parts(i.columns)})`)
    .sort();
  return {
    name: t.name.name.toLowerCase(),
    columns: t.columns.map((col) => ({
      name: col.name,
      type: normType(col.type),
      nullable: col.nullable,
      default: col.default?.kind === 'null' ? undefined : normExpr(col.default),
      identity: !!col.identity,
      generated: col.generated ? `${col.generated.stored ? 'stored' : 'virtual'} ${normExpr(col.generated.expr)}` : undefined,
      onUpdate: normExpr(col.onUpdate),
      comment: col.comment,
    })),
    primaryKey: t.primaryKey ? parts(t.primaryKey.columns) : undefined,
    uniques: t.uniques.map((k: Key) => parts(k.columns)).sort(),
    indexes,
    foreignKeys: fks.sort(),
    checks: t.checks.map((ch) => normExpr(ch.expr)).sort(),
    comment: t.comment,
  };
}

function comparableFk(fk: ForeignKey, all: Table[], script: Table | undefined): string {
  const named = fk.name !== undefined && script?.foreignKeys.some((f) => f.name === fk.name);
  const target = all.find((t) => t.name.name.toLowerCase() === fk.ref.name.toLowerCase());
  const refColumns = fk.refColumns.length ? fk.refColumns : target?.primaryKey?.columns.map((p) => p.column) ?? [];
  return `${named ? fk.name ?? '' : ''} (${fk.columns.join(',')}) → ${fk.ref.name.toLowerCase()}(${refColumns.join(',')}) on delete ${fk.onDelete ?? 'restrict'} on update ${fk.onUpdate ?? 'restrict'}`;
}

/** The table options the script wrote (not the AUTO_INCREMENT counter), as `side` has them. */
function writtenOptions(side: Catalog, script: Catalog): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of script.schemas.flatMap((s) => s.tables)) {
    const other = side.schemas.flatMap((s) => s.tables).find((x) => x.name.name.toLowerCase() === t.name.name.toLowerCase());
    for (const k of Object.keys(t.options)) {
      if (k !== 'auto_increment') out[`${t.name.name.toLowerCase()}.${k}`] = (charset(other?.options[k]) ?? '').toLowerCase();
    }
  }
  return out;
}

function objectNames(c: Catalog) {
  const names = (xs: { name: { name: string } }[]) => xs.map((x) => x.name.name.toLowerCase()).sort();
  return {
    views: names(c.schemas.flatMap((s) => s.views)),
    routines: c.schemas.flatMap((s) => s.routines.map((r) => `${r.kind} ${r.name.name.toLowerCase()}`)).sort(),
    triggers: names(c.schemas.flatMap((s) => s.triggers)),
    sequences: names(c.schemas.flatMap((s) => s.sequences)),
  };
}
