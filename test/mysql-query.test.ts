import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../src/model/expr.js';
import type { FromItem, Query, Select } from '../src/model/query.js';
import { parseMysql } from '../src/sources/mysql/parser.js';
import { parseMysqlQuery } from '../src/sources/mysql/query-text.js';
import { parseMysqlExpr } from '../src/sources/mysql/expr-parser.js';

function strip<T>(x: T): T {
  if (Array.isArray(x)) return x.map(strip) as T;
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'span') out[k] = strip(v);
    return out as T;
  }
  return x;
}
const q = (text: string): Query => {
  const r = parseMysqlQuery(text);
  if (!r.query) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return strip(r.query);
};
const e = (text: string): Expr => strip(parseMysqlExpr(text).expr);
const col = (...parts: string[]): Expr => ({ kind: 'column', parts });
const num = (v: string): Expr => ({ kind: 'number', value: v });
const str = (value: string): Expr => ({ kind: 'string', value });
const tbl = (name: string, alias?: string): FromItem => ({ kind: 'table', name: [name], ...(alias ? { alias } : {}) });
const sel = (over: Partial<Select>): Select => ({ kind: 'select', columns: [], from: [], groupBy: [], orderBy: [], ...over });
const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });

describe('MySQL queries: select list, modifiers, clauses', () => {
  it('reads items with and without AS, *, t.*, string aliases and modifiers', () => {
    expect(q("SELECT DISTINCTROW STRAIGHT_JOIN SQL_NO_CACHE *, t.*, a AS x, b y, c `z`, d 'w' FROM t")).toEqual(sel({
      distinct: true,
      columns: [
        { expr: { kind: 'star' } }, { expr: { kind: 'star', table: ['t'] } }, { expr: col('a'), alias: 'x' },
        { expr: col('b'), alias: 'y' }, { expr: col('c'), alias: 'z' }, { expr: col('d'), alias: 'w' },
      ],
      from: [tbl('t')],
    }));
    expect(q('SELECT ALL 1')).toEqual(sel({ columns: [{ expr: num('1') }] }));
    expect(q('SELECT 1 FROM DUAL')).toEqual(sel({ columns: [{ expr: num('1') }] }));
  });

  it('reads WHERE, GROUP BY ... WITH ROLLUP, HAVING, ORDER BY, LIMIT forms', () => {
    expect(q('SELECT a, COUNT(*) n FROM t WHERE b > 1 GROUP BY a WITH ROLLUP HAVING n > 2 ORDER BY a DESC, n LIMIT 5')).toEqual(sel({
      columns: [{ expr: col('a') }, { expr: { kind: 'call', name: ['COUNT'], args: [], star: true }, alias: 'n' }],
      from: [tbl('t')], where: bin('>', col('b'), num('1')), groupBy: [col('a')], grouping: 'rollup',
      having: bin('>', col('n'), num('2')), orderBy: [{ expr: col('a'), desc: true }, { expr: col('n') }], limit: num('5'),
    }));
    expect(q('SELECT a FROM t LIMIT 10, 20')).toMatchObject({ limit: num('20'), offset: num('10') });
    expect(q('SELECT a FROM t LIMIT 20 OFFSET 10')).toMatchObject({ limit: num('20'), offset: num('10') });
  });

  it('keeps INTO and locking clauses as unsupported', () => {
    expect(q('SELECT a INTO @x FROM t FOR UPDATE')).toEqual(sel({
      columns: [{ expr: col('a') }], from: [tbl('t')], unsupported: ['INTO @x', 'FOR UPDATE'],
    }));
    expect(q('SELECT a FROM t LOCK IN SHARE MODE')).toMatchObject({ unsupported: ['LOCK IN SHARE MODE'] });
    expect(q('SELECT a FROM t FOR UPDATE SKIP LOCKED')).toMatchObject({ unsupported: ['FOR UPDATE SKIP LOCKED'] });
  });
});

describe('MySQL queries: FROM', () => {
  it('reads comma lists, qualified backticked names, aliases and index hints', () => {
    expect(q('SELECT 1 FROM `db`.`t` AS a USE INDEX (i1, i2), u b FORCE INDEX FOR JOIN (pk) IGNORE KEY (k)')).toEqual(sel({
      columns: [{ expr: num('1') }],
      from: [
        { kind: 'table', name: ['db', 't'], alias: 'a', hints: ['USE INDEX (i1, i2)'] },
        { kind: 'table', name: ['u'], alias: 'b', hints: ['FORCE INDEX FOR JOIN (pk)', 'IGNORE KEY (k)'] },
      ],
    }));
  });

  it('reads every join form', () => {
    const from = (text: string) => (q(`SELECT 1 FROM ${text}`) as Select).from;
    expect(from('a JOIN b ON a.id = b.id')).toEqual([{ kind: 'join', type: 'inner', left: tbl('a'), right: tbl('b'), on: bin('=', col('a', 'id'), col('b', 'id')) }]);
    expect(from('a INNER JOIN b USING (id, k)')).toEqual([{ kind: 'join', type: 'inner', left: tbl('a'), right: tbl('b'), using: ['id', 'k'] }]);
    expect(from('a CROSS JOIN b')).toEqual([{ kind: 'join', type: 'cross', left: tbl('a'), right: tbl('b') }]);
    expect(from('a JOIN b')).toEqual([{ kind: 'join', type: 'cross', left: tbl('a'), right: tbl('b') }]);
    expect(from('a LEFT OUTER JOIN b ON x RIGHT JOIN c USING (id)')).toEqual([{
      kind: 'join', type: 'right', using: ['id'], right: tbl('c'),
      left: { kind: 'join', type: 'left', left: tbl('a'), right: tbl('b'), on: col('x') },
    }]);
    expect(from('a NATURAL JOIN b')).toEqual([{ kind: 'join', type: 'inner', natural: true, left: tbl('a'), right: tbl('b') }]);
    expect(from('a NATURAL LEFT JOIN b')).toEqual([{ kind: 'join', type: 'left', natural: true, left: tbl('a'), right: tbl('b') }]);
    expect(from('a STRAIGHT_JOIN b ON x')).toEqual([{ kind: 'join', type: 'straight', left: tbl('a'), right: tbl('b'), on: col('x') }]);
    expect(from('(a, b) JOIN c ON x')).toEqual([{
      kind: 'join', type: 'inner', on: col('x'), right: tbl('c'), left: { kind: 'join', type: 'cross', left: tbl('a'), right: tbl('b') },
    }]);
    expect(from('(a JOIN b ON x)')).toEqual([{ kind: 'join', type: 'inner', left: tbl('a'), right: tbl('b'), on: col('x') }]);
  });

  it('reads derived tables, LATERAL and column lists', () => {
    expect((q('SELECT d.x FROM (SELECT 1 AS x) AS d (x), LATERAL (SELECT d.x) e') as Select).from).toEqual([
      { kind: 'derived', alias: 'd', columns: ['x'], query: sel({ columns: [{ expr: num('1'), alias: 'x' }] }) },
      { kind: 'derived', alias: 'e', lateral: true, query: sel({ columns: [{ expr: col('d', 'x') }] }) },
    ]);
    expect((q('SELECT * FROM ((SELECT 1) UNION (SELECT 2)) u') as Select).from[0]).toMatchObject({ kind: 'derived', alias: 'u', query: { kind: 'setop' } });
  });
});

describe('MySQL queries: CTEs and set operations', () => {
  it('reads WITH [RECURSIVE] with column lists', () => {
    expect(q('WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3) SELECT n FROM c')).toEqual(sel({
      with: { recursive: true, ctes: [{ name: 'c', columns: ['n'], query: {
        kind: 'setop', op: 'union', all: true, orderBy: [],
        left: sel({ columns: [{ expr: num('1') }] }),
        right: sel({ columns: [{ expr: bin('+', col('n'), num('1')) }], from: [tbl('c')], where: bin('<', col('n'), num('3')) }),
      } }] },
      columns: [{ expr: col('n') }], from: [tbl('c')],
    }));
  });

  it('binds INTERSECT tighter, puts a trailing ORDER BY / LIMIT on the whole set operation', () => {
    const s = (n: string) => sel({ columns: [{ expr: num(n) }] });
    expect(q('SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT DISTINCT SELECT 4 ORDER BY 1 LIMIT 2')).toEqual({
      kind: 'setop', op: 'except', orderBy: [{ expr: num('1') }], limit: num('2'),
      left: { kind: 'setop', op: 'union', orderBy: [], left: s('1'), right: { kind: 'setop', op: 'intersect', orderBy: [], left: s('2'), right: s('3') } },
      right: s('4'),
    });
    expect(q('(SELECT 1 ORDER BY 1 LIMIT 1) UNION ALL (SELECT 2)')).toEqual({
      kind: 'setop', op: 'union', all: true, orderBy: [],
      left: sel({ columns: [{ expr: num('1') }], orderBy: [{ expr: num('1') }], limit: num('1') }), right: s('2'),
    });
  });

  it('wraps a set operation that carries CTEs', () => {
    expect(q('WITH c AS (SELECT 1 x) SELECT x FROM c UNION SELECT 2')).toMatchObject({
      kind: 'select', with: { ctes: [{ name: 'c' }] }, columns: [{ expr: { kind: 'star' } }],
      from: [{ kind: 'derived', alias: '_cte_scope', query: { kind: 'setop', op: 'union' } }],
    });
  });
});

describe('MySQL queries: windows and aggregates', () => {
  it('fills window from OVER (...), OVER w and the WINDOW clause', () => {
    const s = q('SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) r, '
      + 'SUM(x) OVER w, AVG(x) OVER (w ORDER BY c) FROM t WINDOW w AS (PARTITION BY a) ORDER BY RANK() OVER w') as Select;
    expect(s.columns.map((c) => (c.expr as { window?: unknown }).window)).toEqual([
      { partitionBy: [col('a')], orderBy: [{ expr: col('b'), desc: true }], frame: 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW' },
      { partitionBy: [col('a')], orderBy: [] },
      { partitionBy: [col('a')], orderBy: [{ expr: col('c') }] },
    ]);
    expect(s.columns[0]!.expr).toMatchObject({ over: '(PARTITION BY a ORDER BY b DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)' });
    expect(s.orderBy[0]!.expr).toMatchObject({ window: { partitionBy: [col('a')], orderBy: [] } });
  });

  it('reads GROUP_CONCAT with DISTINCT, ORDER BY and SEPARATOR (always the last argument)', () => {
    expect(e("GROUP_CONCAT(DISTINCT a, b ORDER BY c DESC SEPARATOR '; ')")).toEqual({
      kind: 'call', name: ['GROUP_CONCAT'], distinct: true, args: [col('a'), col('b'), str('; ')], orderBy: [{ expr: col('c'), desc: true }],
    });
    expect(e('group_concat(a)')).toEqual({ kind: 'call', name: ['group_concat'], args: [col('a'), str(',')] });
  });
});

describe('MySQL queries: expressions inside', () => {
  it('fills select for scalar subqueries, EXISTS and IN (SELECT ...), keeping the text', () => {
    const inner = sel({ columns: [{ expr: { kind: 'call', name: ['MAX'], args: [col('id')] } }], from: [tbl('u')] });
    expect(e('(SELECT MAX(id) FROM u)')).toEqual({ kind: 'subquery', query: 'SELECT MAX(id) FROM u', select: inner });
    expect(e('NOT EXISTS (SELECT MAX(id) FROM u)')).toEqual({ kind: 'unary', op: 'not', operand: { kind: 'exists', query: 'SELECT MAX(id) FROM u', select: inner } });
    expect(e('a NOT IN (SELECT MAX(id) FROM u)')).toEqual({ kind: 'in', expr: col('a'), list: [], select: inner, not: true });
  });

  it('normalises EXTRACT, TRIM, POSITION and SUBSTRING ... FROM to plain calls', () => {
    expect(e('EXTRACT(YEAR_MONTH FROM d)')).toEqual({ kind: 'call', name: ['EXTRACT'], args: [str('year_month'), col('d')] });
    expect(e("TRIM(LEADING 'x' FROM s)")).toEqual({ kind: 'call', name: ['TRIM'], args: [col('s'), str('x'), str('leading')] });
    expect(e('TRIM(TRAILING FROM s)')).toEqual({ kind: 'call', name: ['TRIM'], args: [col('s'), str(' '), str('trailing')] });
    expect(e("TRIM('x' FROM s)")).toEqual({ kind: 'call', name: ['TRIM'], args: [col('s'), str('x'), str('both')] });
    expect(e('TRIM(s)')).toEqual({ kind: 'call', name: ['TRIM'], args: [col('s')] });
    expect(e("POSITION('a' IN s)")).toEqual({ kind: 'call', name: ['POSITION'], args: [str('a'), col('s')] });
    expect(e('SUBSTRING(s FROM 2 FOR 3)')).toEqual({ kind: 'call', name: ['SUBSTRING'], args: [col('s'), num('2'), num('3')] });
    expect(e('SUBSTRING(s, 2)')).toEqual({ kind: 'call', name: ['SUBSTRING'], args: [col('s'), num('2')] });
  });

  it('reads CASE, IF, INTERVAL, introducers, COLLATE, JSON arrows, CONVERT USING and CASTs', () => {
    expect(e('CASE a WHEN 1 THEN 2 ELSE 3 END')).toEqual({ kind: 'case', operand: col('a'), whens: [{ when: num('1'), then: num('2') }], else: num('3') });
    expect(e('IF(a, 1, 2)')).toEqual({ kind: 'call', name: ['IF'], args: [col('a'), num('1'), num('2')] });
    expect(e('d + INTERVAL 1 DAY')).toEqual(bin('+', col('d'), { kind: 'interval', value: num('1'), unit: 'day' }));
    expect(e("_utf8mb4'x' COLLATE utf8mb4_bin")).toEqual({ kind: 'string', value: 'x', charset: 'utf8mb4', collate: 'utf8mb4_bin' });
    expect(e("j->'$.a'")).toEqual(bin('->', col('j'), str('$.a')));
    expect(e('CONVERT(s USING utf8mb4)')).toMatchObject({ kind: 'cast', form: 'convert', type: { name: 'char', charset: 'utf8mb4' } });
    for (const [t, name, args] of [['CHAR(3)', 'char', [3]], ['SIGNED', 'bigint', []], ['UNSIGNED', 'bigint', []],
      ['DECIMAL(10,2)', 'decimal', [10, 2]], ['DATE', 'date', []], ['DATETIME', 'datetime', []], ['JSON', 'json', []]] as const) {
      expect(e(`CAST(x AS ${t})`)).toMatchObject({ kind: 'cast', form: 'cast', expr: col('x'), type: { name, args } });
    }
  });

  it('expands simple row comparisons and keeps other row constructors opaque', () => {
    expect(e('(a, b) = (1, 2)')).toEqual({ kind: 'paren', expr: bin('and', bin('=', col('a'), num('1')), bin('=', col('b'), num('2'))) });
    expect(e('(a, b) <> (1, 2)')).toEqual({ kind: 'paren', expr: bin('or', bin('<>', col('a'), num('1')), bin('<>', col('b'), num('2'))) });
    expect(e('(a, b) < (1, 2)')).toMatchObject({ kind: 'binary', op: '<', left: { kind: 'opaque', reason: 'row constructor' } });
  });
});

describe('MySQL queries: failures and views', () => {
  it('reports the exact line:col and never throws', () => {
    const r = parseMysqlQuery('SELECT a\nFROM t\nWHERE ) x');
    expect(r.query).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'PGS3002', span: { line: 3, col: 7 } }]);
    const cat = parseMysql([{ file: 'v.sql', text: 'CREATE VIEW v AS\nSELECT a FROM t\nFOO BAR;\nCREATE VIEW w AS SELECT 1;' }]);
    const [v, w] = cat.schemas[0]!.views;
    expect(v!.select).toBeUndefined();
    expect(cat.diagnostics).toMatchObject([{ code: 'PGS3002', object: 'view v', span: { file: 'v.sql', line: 3, col: 5 } }]);
    expect(w!.select).toBeDefined();
  });

  it('parses the SHOW CREATE VIEW / mysqldump form', () => {
    const text = 'CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `shop`.`v` AS '
      + 'select `shop`.`t`.`id` AS `id`,`shop`.`t`.`name` AS `name` from (`shop`.`t` join `shop`.`u` on(`shop`.`t`.`id` = `shop`.`u`.`tid`)) '
      + "where `shop`.`t`.`name` like _utf8mb4'a%' collate utf8mb4_general_ci limit 2,3";
    const v = parseMysql([{ file: 'v.sql', text }]).schemas[0]!.views[0]!;
    expect(strip(v.select)).toEqual(sel({
      columns: [{ expr: col('shop', 't', 'id'), alias: 'id' }, { expr: col('shop', 't', 'name'), alias: 'name' }],
      from: [{ kind: 'join', type: 'inner', left: { kind: 'table', name: ['shop', 't'] }, right: { kind: 'table', name: ['shop', 'u'] },
        on: { kind: 'paren', expr: bin('=', col('shop', 't', 'id'), col('shop', 'u', 'tid')) } }],
      where: { kind: 'like', op: 'like', expr: col('shop', 't', 'name'), pattern: { kind: 'string', value: 'a%', charset: 'utf8mb4', collate: 'utf8mb4_general_ci' } },
      limit: num('3'), offset: num('2'),
    }));
  });

  it('fills select for every sakila view', () => {
    const file = '../shared/corpus/sakila/mysql-sakila-schema.sql';
    const cat = parseMysql([{ file, text: readFileSync(file, 'utf8') }]);
    const views = cat.schemas.flatMap((s) => s.views);
    expect(views.length).toBeGreaterThan(0);
    expect(views.filter((v) => !v.select).map((v) => v.name.name)).toEqual([]);
    expect(cat.diagnostics.filter((d) => d.code === 'PGS3002')).toEqual([]);
  });
});
