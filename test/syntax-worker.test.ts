import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Phase } from '../src/target/postgres/statement.js';

// The worker thread runs compiled JavaScript: this suite drives the build in dist/ (npm test builds it first).
const compiled = fileURLToPath(new URL('../dist/src/target/postgres/verify.js', import.meta.url));

describe.skipIf(!existsSync(compiled))('libpg_query check in a worker thread', () => {
  test('gives the same result as the inline check', async () => {
    const { checkSyntax, startSyntaxCheck } = (await import(compiled)) as typeof import('../src/target/postgres/verify.js');
    startSyntaxCheck();
    const phases: Phase[] = [{
      file: '0030_tables', title: 'tables',
      up: [
        { sql: 'CREATE TABLE a (id integer);', object: 'table dbo.a', key: 'k1' },
        { sql: 'CREATE TABLE b (id integer,);', object: 'table dbo.b', key: 'k2' },
        { sql: '', object: 'table dbo.c' },
      ],
      down: [{ sql: 'DROP TABLE b;', object: 'table dbo.b', key: 'k2' }, { sql: 'DROP TABLEE a;', object: 'table dbo.a', key: 'k1' }],
    }];
    const inWorker = await checkSyntax(phases);
    const inline = await checkSyntax(phases, { inline: true });
    expect(inWorker).toEqual(inline);
    expect(inWorker.rejected.map((r) => [r.statement.sql, r.error])).toEqual([
      ['CREATE TABLE b (id integer,);', 'syntax error at or near ")" (at character 28)'],
      ['', 'Query cannot be empty'],
      ['DROP TABLEE a;', 'syntax error at or near "TABLEE" (at character 6)'],
    ]);
  });

  test('splits a long list between the worker and this thread and keeps every position', async () => {
    const { checkSyntax } = (await import(compiled)) as typeof import('../src/target/postgres/verify.js');
    // More statements than a spread call takes as arguments.
    const up = Array.from({ length: 200_000 }, (_, i) => ({
      sql: i === 7 || i === 199_999 ? `CREATE TABLE t${i} (id integer,);` : `CREATE TABLE t${i} (id integer);`, object: `table t${i}`,
    }));
    const phases: Phase[] = [{ file: '0030_tables', title: 'tables', up, down: [] }];
    const r = await checkSyntax(phases);
    expect(r.rejected.map((x) => x.statement.object)).toEqual(['table t7', 'table t199999']);
    expect(r.phases[0]!.up).toHaveLength(199_998);
    expect(r).toEqual(await checkSyntax(phases, { inline: true }));
  });
});
