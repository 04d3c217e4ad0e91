import { describe, expect, it, beforeAll } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { convertToFiles, defaultOptions, upFiles } from './helpers/convert.js';
import { resetPglite, sharedPglite } from './helpers/pglite.js';
import { execScript } from './helpers/exec-copy.js';
import { corpusPresent, corpusScripts } from './helpers/corpus.js';
import { irTables, tableFactsFromIr, tableFactsFromPg } from './helpers/catalog-check.js';
import { objectPath, type Table } from '../src/model/catalog.js';

// Real public scripts from ../shared/corpus: each converts, applies to PostgreSQL (PGlite here; the real
// server in integration-pg.test.ts), and PostgreSQL's catalog holds exactly what the IR says.
let db: PGlite;
beforeAll(async () => {
  db = await sharedPglite();
});

describe.skipIf(!corpusPresent).each(corpusScripts)('corpus $file', ({ dialect, file }) => {
  it('converts, applies cleanly, and pg_catalog matches the IR', async () => {
    const { result, files } = await convertToFiles(file, defaultOptions(dialect));
    const ds = result.diagnostics;
    expect(ds.filter((d) => d.code === 'PGS1001').map((d) => `${d.span?.line}: ${d.message}`), 'parse errors').toEqual([]);
    expect(ds.filter((d) => d.code === 'PGS6001' || d.code === 'PGS6002').map((d) => d.message), 'rejected by PostgreSQL').toEqual([]);

    // Every source table reaches the output (none dropped silently).
    const sourceTables = result.source.schemas.flatMap((s) => s.tables);
    const targetTables = irTables(result.target);
    expect(targetTables.length).toBe(sourceTables.length);

    await resetPglite(db);
    for (const [p, sql] of upFiles(files)) await expect(execScript(db, sql).then(() => p), p).resolves.toBe(p);

    const query = async (sql: string, params?: unknown[]) => (await db.query<Record<string, unknown>>(sql, params)).rows;
    for (const { schema, table } of targetTables) {
      expect(await tableFactsFromPg(query, schema, table.name.name), `${schema}.${table.name.name}`).toEqual(tableFactsFromIr(table));
    }

    // Source constructs missing from the target are each accounted for by a diagnostic on that table.
    for (const src of sourceTables) {
      const path = objectPath('table', src.name);
      const dst = targetTables.find((t) => t.table.source === path)?.table;
      if (!dst) throw new Error(`${path} has no target table`);
      const accounted = ds.filter((d) => d.object === path && d.severity !== 'info').length;
      const missing = lostParts(src, dst);
      if (missing > 0) expect(accounted, `${path} lost ${missing} part(s) without a diagnostic`).toBeGreaterThan(0);
      expect(dst.columns.length, `${path} columns`).toBe(src.columns.length);
    }
  });
});

function lostParts(src: Table, dst: Table): number {
  const lost = (a: number, b: number) => Math.max(0, a - b);
  return (
    lost(src.foreignKeys.length, dst.foreignKeys.length) +
    lost(src.uniques.length, dst.uniques.length) +
    lost(src.indexes.length, dst.indexes.length) +
    lost(src.checks.length, dst.checks.length) +
    lost(src.primaryKey ? 1 : 0, dst.primaryKey ? 1 : 0) +
    lost(src.columns.filter((c) => c.default && c.default.kind !== 'null').length, dst.columns.filter((c) => c.default).length)
  );
}

it('corpus is present (it lives in ../shared/corpus)', () => {
  if (!corpusPresent) console.warn('\n!!! ../shared/corpus not found: corpus tests SKIPPED\n');
  expect(corpusPresent || process.env.CI !== 'true').toBe(true);
});
