import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { convertToFiles, defaultOptions, upFiles } from './helpers/convert.js';
import { corpusPresent, corpusScripts } from './helpers/corpus.js';
import { irTables, tableFactsFromIr, tableFactsFromPg } from './helpers/catalog-check.js';
import { pgUrl, postgresAvailable, withDatabase } from './helpers/servers.js';

// The same corpus applied to the real PostgreSQL 15 with psql -v ON_ERROR_STOP=1, file by file.
const available = await postgresAvailable();

describe.skipIf(!available || !corpusPresent).each(corpusScripts.map((c, i) => ({ ...c, i })))('PostgreSQL 15: $file', ({ dialect, file, i }) => {
  it('applies with psql ON_ERROR_STOP and pg_catalog matches the IR', async () => {
    const { result, files } = await convertToFiles(file, defaultOptions(dialect));
    const dbName = `pgshift_it_${process.pid}_${i}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    const dir = mkdtempSync(join(tmpdir(), 'pgshift-it-'));
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.query(`CREATE DATABASE ${dbName}`);
      const url = withDatabase(pgUrl, dbName);
      for (const [p, sql] of upFiles(files)) {
        const f = join(dir, p);
        writeFileSync(f, sql);
        expect(() => execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', f], { stdio: 'pipe' }), p).not.toThrow();
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const query = async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows;
        for (const { schema, table } of irTables(result.target))
          expect(await tableFactsFromPg(query, schema, table.name.name), `${schema}.${table.name.name}`).toEqual(tableFactsFromIr(table));
      } finally {
        await client.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it('integration prerequisites', () => {
  expect(available || process.env.CI !== 'true').toBe(true);
});
