import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMysql } from '../src/sources/mysql/parser.js';
import { CASES, TABLES_SCRIPT, type DiffCase } from './cases/mysql-expressions.js';
import { KNOWN_FAILURES } from './cases/mysql-known-failures.js';
import { generateInserts } from './helpers/differential-rows.js';
import { runDifferential, type DiffOutcome, type DiffView } from './helpers/differential.js';
import { mysqlAvailable, postgresAvailable } from './helpers/servers.js';

// MariaDB vs PostgreSQL on the same data: each case's source expression runs on MariaDB, its translation through the
// real pipeline (CREATE VIEW in the script → convertScripts → applied to PostgreSQL) runs on PostgreSQL.
const live = (await mysqlAvailable()) && (await postgresAvailable());
const SAKILA = '../shared/corpus/sakila/mysql-sakila-schema.sql';

const viewName = (k: number): string => `dx_${String(k + 1).padStart(3, '0')}`;
function viewSql(c: DiffCase, name: string): string {
  if (c.expr !== undefined) return `CREATE VIEW ${name} AS SELECT id, ${c.expr} AS v FROM t`;
  if (c.agg !== undefined) return `CREATE VIEW ${name} AS SELECT g, ${c.agg} AS v FROM t GROUP BY g`;
  return `CREATE VIEW ${name} AS ${c.query}`;
}
const title = (c: DiffCase): string => c.expr ?? c.agg ?? c.query ?? '';

const results = new Map<string, DiffOutcome>();
const sakilaViews: string[] = [];

beforeAll(async () => {
  if (!live) return;
  const views: DiffView[] = CASES.map((c, k) => ({ name: viewName(k), ordered: !!c.ordered, ...(c.json ? { json: true } : {}) }));
  const run = await runDifferential({
    db: `pgshift_diff_${process.pid}`, tablesScript: TABLES_SCRIPT,
    viewsScript: CASES.map((c, k) => ({ name: viewName(k), sql: viewSql(c, viewName(k)) })), views,
  });
  for (const [k, v] of run.outcomes) results.set(k, v);

  // sakila as shipped (its own database, renamed so parallel runs do not collide) with generated rows
  const db = `pgshift_diff_sakila_${process.pid}`;
  const script = readFileSync(SAKILA, 'utf8').replace(/\bsakila\b/g, db);
  const parsed = parseMysql([{ file: SAKILA, text: script }]);
  const tables = parsed.schemas.flatMap((s) => s.tables);
  for (const v of parsed.schemas.flatMap((s) => s.views)) sakilaViews.push(v.name.name);
  const sak = await runDifferential({
    db, ownDatabase: true, viewsScript: [],
    tablesScript: `${script}\nUSE \`${db}\`;\nSET FOREIGN_KEY_CHECKS=0;\n${generateInserts(tables)}\n`,
    views: sakilaViews.map((name) => ({ name, ordered: false })),
  });
  for (const [k, v] of sak.outcomes) results.set(`sakila:${k}`, v);
}, 110_000);

afterAll(() => {
  if (!live) return;
  const all = [...results.values()];
  const bad = all.filter((o) => !o.ok);
  console.log(`\ndifferential MariaDB → PostgreSQL: ${all.length - bad.length} of ${all.length} agree`);
  for (const o of bad) console.log(`  ${o.view}: ${o.reason?.slice(0, 300)}`);
});

describe.skipIf(!live)('differential: MySQL expressions on MariaDB vs their translation on PostgreSQL', () => {
  CASES.forEach((c, k) => {
    const known = c.knownFail ?? KNOWN_FAILURES[viewName(k)];
    // known disagreements stay visible: it.fails turns red the day the case starts to agree
    const test = known ? it.fails : it;
    test(`${viewName(k)} ${title(c)}${known ? ` (known: ${known})` : ''}`, () => {
      const o = results.get(viewName(k));
      expect(o?.reason ?? 'agrees').toBe('agrees');
    });
  });
});

describe.skipIf(!live)('differential: sakila views with generated rows', () => {
  it('agree on every view', () => {
    expect(sakilaViews.length).toBeGreaterThan(0);
    expect(sakilaViews.map((v) => [v, results.get(`sakila:${v}`)?.reason ?? 'agrees'])).toEqual(sakilaViews.map((v) => [v, 'agrees']));
  });
});
