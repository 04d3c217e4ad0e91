import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { loadPgParser, pgSyntaxErrors, pgSyntaxErrorText } from '../src/target/postgres/pg-parse.js';
import { grammarKeywords, ShapeCache } from '../src/target/postgres/statement-shape.js';

const wasmBytes = readFileSync(createRequire(import.meta.url).resolve('libpg-query/wasm/libpg-query.wasm'));

// Pairs and groups whose members look alike but that PostgreSQL's scanner reads differently: the shared-shape check
// must give exactly the one-by-one answers for them.
const tricky: string[] = [
  'CREATE TABLE "a" (id int);', 'CREATE TABLE "" (id int);', 'CREATE TABLE """" (id int);',
  "SELECT 'a';", "SELECT '';", "SELECT 'it''s';", "SELECT 'a'\n'b';", "SELECT 'a' 'b';",
  "SELECT E'\\x41';", "SELECT E'\\u00zz';", "SELECT U&'\\0041';", "SELECT U&'\\zzzz';", 'SELECT U&"\\zz";',
  "SELECT x'0f';", "SELECT x'zz';", "SELECT b'01';", "SELECT b'02';", "SELECT n'a';", "SELECT t'a';",
  'ALTER TABLE t ALTER c SET STATISTICS 100;', 'ALTER TABLE t ALTER c SET STATISTICS 99999999999;',
  'ALTER TABLE t ALTER c SET STATISTICS 1.5;', 'SELECT 123abc;', 'SELECT 0x1f;', 'SELECT 1_000;', 'SELECT .5;', 'SELECT 1.;',
  'CREATE TABLE t (a int);', 'CREATE TABLE user (a int);', 'CREATE TABLE "user" (a int);', 'CREATE TABLE USER (a int);',
  'CREATE TABLE select (a int);', 'CREATE TABLE café (a int);', 'CREATE TABLE t$x (a int);', 'CREATE TABLE _t (a int);',
  'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ not sql at all $$;', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $b$ $$ $b$;',
  'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $b$ open;', 'SELECT $1;', 'SELECT $2x;', 'PREPARE p AS SELECT $1;',
  "SELECT 'a\0b';", 'SELECT 1 -- a comment\n;', 'SELECT /* a */ 1;', 'SELECT 1 /* open;',
  'CREATE TABLE a (id int,);', 'CREATE TABLE bbbbbb (id int,);', 'DROP TABLE a;', 'DROP TABLE a.b;', 'DROP TABLEE a;',
  'CREATE INDEX i ON t (a);', 'CREATE INDEX ON t (a);', 'CREATE INDEX concurrently ON t (a);',
];

/** A little generator of statements of a few shapes, with contents that are and are not harmless. */
function generated(seed: number, count: number): string[] {
  let x = seed;
  const rnd = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const names = ['a', 'order', 'Order', 'ab$c', 'é', 'x1', 'table', 'select', 'zone', 'year', 'public', 'not_a_keyword', '_'];
  const name = () => (rnd(4) === 0 ? `"${['', 'a b', 'x""y', 'user', ';', "'"][rnd(6)]}"` : names[rnd(names.length)]!);
  const literal = () => ["'x'", "''", "'a''b'", "E'\\n'", "'\\'", '42', '2147483648', '1.5', "x'ab'", "'a'\n'b'", "'a' 'b'"][rnd(11)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    switch (rnd(5)) {
      case 0: out.push(`CREATE TABLE ${name()}.${name()} (${name()} integer DEFAULT ${literal()}, ${name()} text);`); break;
      case 1: out.push(`DROP TABLE ${name()}.${name()};`); break;
      case 2: out.push(`ALTER TABLE ${name()} ADD CONSTRAINT ${name()} CHECK (${name()} > ${literal()});`); break;
      case 3: out.push(`COMMENT ON COLUMN ${name()}.${name()} IS ${literal()};`); break;
      default: out.push(`CREATE INDEX ${name()} ON ${name()} (${name()}${rnd(3) === 0 ? ',' : ''});`);
    }
  }
  return out;
}

function oneByOne(m: Awaited<ReturnType<typeof loadPgParser>>, statements: string[]): [number, string][] {
  const out: [number, string][] = [];
  statements.forEach((s, i) => {
    const e = pgSyntaxErrorText(m, s);
    if (e !== undefined) out.push([i, e]);
  });
  return out;
}

describe('statement shapes', () => {
  test('the keyword list is read from the parser module', () => {
    const words = grammarKeywords(wasmBytes)!;
    expect(words.length).toBeGreaterThan(450);
    for (const w of ['abort', 'select', 'user', 'concurrently', 'statistics', 'zone']) expect(words).toContain(w);
    for (const w of ['public', 'integer_x', 'citext']) expect(words).not.toContain(w);
    expect(grammarKeywords(new Uint8Array(100))).toBeUndefined();
  });

  test('statements alike but for names, strings and small integers share a shape; others do not', () => {
    const c = new ShapeCache(grammarKeywords(wasmBytes)!);
    const id = (s: string) => c.shapeOf(s);
    expect(id('DROP TABLE public.a;')).toBe(id('DROP TABLE "Odd ""x""".b_c$1;'));
    expect(id("CREATE TABLE t (a int DEFAULT 'x', b varchar(10));")).toBe(id("CREATE TABLE u (z int DEFAULT 'it''s', y varchar(255));"));
    expect(id('CREATE TABLE user (a int);')).not.toBe(id('CREATE TABLE t (a int);'));
    expect(id('CREATE TABLE t (a int);')).not.toBe(id('create table t (a int);'));
    expect(id('SELECT 1;')).not.toBe(id('SELECT 1.5;'));
    expect(id('SELECT 1;')).not.toBe(id('SELECT 9999999999;'));
    expect(id("SELECT 'a'\n'b';")).not.toBe(id("SELECT 'a' 'b';"));
    expect(id('CREATE FUNCTION f() AS $$ a $$;')).toBe(id('CREATE FUNCTION g() AS $t$ b $$ c $t$;'));
    for (const none of ['CREATE TABLE "" (a int);', "SELECT E'a';", "SELECT U&'a';", 'SELECT $1;', 'SELECT 1 -- c', 'SELECT /* c */ 1;', "SELECT 'a\0';", 'SELECT $$ open;']) {
      expect(id(none)).toBe(-1);
    }
  });

  test('the check gives exactly the one-by-one answers', async () => {
    const m = await loadPgParser();
    const statements = [...tricky, ...generated(7, 3000), ...tricky.slice().reverse()];
    const expected = oneByOne(m, statements);
    expect(expected.length).toBeGreaterThan(300);
    expect(expected.length).toBeLessThan(statements.length - 1000);
    expect(pgSyntaxErrors(m, statements)).toEqual(expected);
    // Again, now that the shapes are known, and in another order.
    const again = [...generated(11, 2000), ...tricky];
    expect(pgSyntaxErrors(m, again)).toEqual(oneByOne(m, again));
  });
});
