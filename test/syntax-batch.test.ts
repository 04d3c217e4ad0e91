import { describe, expect, test } from 'vitest';
import { loadPgParser, pgSyntaxErrors, pgSyntaxErrorText } from '../src/target/postgres/pg-parse.js';
import type { Phase } from '../src/target/postgres/statement.js';
import { checkSyntax } from '../src/target/postgres/verify.js';

// The batched libpg_query check must say exactly what one call per statement says, also for pairs of broken
// statements that parse when joined (a quote, dollar quote or comment opened in one and closed in the next).
const ok = (i: number): string => `CREATE TABLE t${i} (id integer DEFAULT 0, note text DEFAULT 'it''s', "Quoted ""x""" int);`;
// Each group is checked among valid statements only, so no other error in its batch sends it down the slow path.
const groups: string[][] = [
  ["SELECT 'a;", "';"],
  ['CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1;', '$$;'],
  ['CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $q$ SELECT 1;', '$q$;'],
  ["SELECT E'a\\';", "';"],
  ['SELECT 1; /*', '*/ SELECT 2;'],
  ['CREATE TABLE "a;', '" (id int);'],
  ['SELECT 1 -- no newline;', 'SELECT 2;'],
  ['SELECT 1; -- trailing', 'CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1 $body$;', 'CREATE TABLE a$b (id int);', 'SELECT $1;'],
  ['', 'CREATE TABLE b (id integer,);', 'DROP TABLEE a;', 'SELECT 1'],
];

describe('batched libpg_query check', () => {
  test('reports the same errors at the same positions as one call per statement', async () => {
    const m = await loadPgParser();
    const statements = groups.flatMap((g, k) => [...g, ...Array.from({ length: 40 }, (_, i) => ok(100 * k + i))]);
    const oneByOne: [number, string][] = [];
    statements.forEach((s, i) => {
      const e = pgSyntaxErrorText(m, s);
      if (e !== undefined) oneByOne.push([i, e]);
    });
    expect(oneByOne.length).toBeGreaterThan(12);
    expect(pgSyntaxErrors(m, statements)).toEqual(oneByOne);
  });

  test('checkSyntax takes rejected statements out of their phases and keeps every position', async () => {
    const phases: Phase[] = [{
      file: '0030_tables', title: 'tables',
      up: [
        { sql: 'CREATE TABLE a (id integer);', object: 'table dbo.a', key: 'k1' },
        { sql: 'CREATE TABLE b (id integer,);', object: 'table dbo.b', key: 'k2' },
        { sql: '', object: 'table dbo.c' },
      ],
      down: [{ sql: 'DROP TABLE b;', object: 'table dbo.b', key: 'k2' }, { sql: 'DROP TABLEE a;', object: 'table dbo.a', key: 'k1' }],
    }, {
      // More statements than a spread call takes as arguments.
      file: '0040_data', title: 'many', down: [],
      up: Array.from({ length: 200_000 }, (_, i) => ({ sql: i === 7 || i === 199_999 ? `CREATE TABLE t${i} (id integer,);` : `CREATE TABLE t${i} (id integer);`, object: `table t${i}` })),
    }];
    const r = await checkSyntax(phases);
    expect(r.rejected.map((x) => [x.statement.object, x.error])).toEqual([
      ['table dbo.b', 'syntax error at or near ")" (at character 28)'],
      ['table dbo.c', 'Query cannot be empty'],
      ['table dbo.a', 'syntax error at or near "TABLEE" (at character 6)'],
      ['table t7', 'syntax error at or near ")" (at character 29)'],
      ['table t199999', 'syntax error at or near ")" (at character 34)'],
    ]);
    expect(r.phases.map((p) => [p.up.length, p.down.length])).toEqual([[1, 1], [199_998, 0]]);
    expect(r.phases[0]!.down[0]!.sql).toBe('DROP TABLE b;');
  });
});
