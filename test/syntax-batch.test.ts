import { describe, expect, test } from 'vitest';
import { loadPgParser, pgSyntaxErrors, pgSyntaxErrorText } from '../src/target/postgres/pg-parse.js';

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
});
