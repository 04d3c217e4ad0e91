import { describe, expect, test } from 'vitest';
import type { Expr } from '../src/model/expr.js';
import type { Query } from '../src/model/query.js';
import { bin, c, fn, n, s, span } from './transpile-helpers.js';
import { join, sel, star, tbl, viewText } from './views-helpers.js';

const O = tbl('Orders', 'o');
const where = (e: Expr): Query => sel([c('o', 'OrderID')], [O], { where: e });
const item = (e: Expr, alias = 'x'): Query => sel([[e, alias]], [O]);
/** The body after "AS\n" of a one-view conversion. */
const body = (t: string | undefined): string | undefined => t?.slice(t.indexOf(' AS\n') + 4);

describe('type-aware operators', () => {
  const CASES: [string, 'tsql' | 'mysql', Query, string][] = [
    ['tsql string + string → ||', 'tsql', item(bin('+', c('o', 'Code'), s('-'))), "SELECT o.code || '-' AS x\nFROM public.orders AS o"],
    ['tsql number + string → number', 'tsql', item(bin('+', c('o', 'Qty'), c('o', 'Code'))), 'SELECT o.qty + CAST(o.code AS integer) AS x\nFROM public.orders AS o'],
    ['tsql number + number stays +', 'tsql', item(bin('+', c('o', 'Qty'), n(1))), 'SELECT o.qty + 1 AS x\nFROM public.orders AS o'],
    ['tsql datetime + 1 → days', 'tsql', item(bin('+', c('o', 'OrderDate'), n(1))), "SELECT o.orderdate + INTERVAL '1 day' AS x\nFROM public.orders AS o"],
    ['tsql datetime - column → days', 'tsql', item(bin('-', c('o', 'OrderDate'), c('o', 'Qty'))), "SELECT o.orderdate - (o.qty) * INTERVAL '1 day' AS x\nFROM public.orders AS o"],
    ['tsql int / int unchanged', 'tsql', item(bin('/', c('o', 'Qty'), n(2))), 'SELECT o.qty / 2 AS x\nFROM public.orders AS o'],
    ['mysql int / int → numeric', 'mysql', item(bin('/', c('o', 'Qty'), n(2))), 'SELECT CAST(o.qty AS numeric) / 2 AS x\nFROM public.orders AS o'],
    ['mysql decimal / int unchanged', 'mysql', item(bin('/', c('o', 'Price'), n(2))), 'SELECT o.price / 2 AS x\nFROM public.orders AS o'],
    ['mysql string + number → numbers', 'mysql', item(bin('+', c('o', 'Code'), n(1))), 'SELECT CAST(o.code AS numeric) + 1 AS x\nFROM public.orders AS o'],
    ['mysql DIV → div()', 'mysql', item(bin('div', c('o', 'Qty'), n(2))), 'SELECT div(o.qty, 2) AS x\nFROM public.orders AS o'],
    ['tsql bit = 1 → TRUE', 'tsql', where(bin('=', c('o', 'Active'), n(1))), 'SELECT o.orderid\nFROM public.orders AS o\nWHERE o.active = TRUE'],
    ['mysql tinyint(1) = 0 → FALSE', 'mysql', where(bin('=', c('o', 'Active'), n(0))), 'SELECT o.orderid\nFROM public.orders AS o\nWHERE o.active = FALSE'],
    ['mysql WHERE flag (boolean) stays', 'mysql', where(c('o', 'Active')), 'SELECT o.orderid\nFROM public.orders AS o\nWHERE o.active'],
    ['mysql WHERE int → <> 0', 'mysql', where(c('o', 'Qty')), 'SELECT o.orderid\nFROM public.orders AS o\nWHERE o.qty <> 0'],
    ["mysql '1' = 1 → numbers", 'mysql', where(bin('=', s('1'), c('o', 'Qty'))), 'SELECT o.orderid\nFROM public.orders AS o\nWHERE 1 = o.qty'],
    ['mysql string column = number → numeric', 'mysql', where(bin('=', c('o', 'Code'), n(5))), 'SELECT o.orderid\nFROM public.orders AS o\nWHERE CAST(o.code AS numeric) = 5'],
    ['tsql string column = int → int', 'tsql', where(bin('=', c('o', 'Code'), n(5))), 'SELECT o.orderid\nFROM public.orders AS o\nWHERE CAST(o.code AS integer) = 5'],
    ['tsql = NULL kept', 'tsql', where(bin('=', c('o', 'Note'), { kind: 'null' })), 'SELECT o.orderid\nFROM public.orders AS o\nWHERE o.note = NULL'],
    ['CASE unifies to text for ||', 'tsql', item(bin('+', { kind: 'case', whens: [{ when: bin('>', c('o', 'Qty'), n(1)), then: c('o', 'Code') }], else: s('none') }, s('!'))),
      "SELECT CASE WHEN o.qty > 1 THEN o.code ELSE 'none' END || '!' AS x\nFROM public.orders AS o"],
    ['COALESCE of strings is a string', 'tsql', item(bin('+', fn('COALESCE', c('o', 'Note'), c('o', 'Code')), s('!'))), "SELECT coalesce(o.note, o.code) || '!' AS x\nFROM public.orders AS o"],
  ];
  test.each(CASES)('%s', (_name, dialect, q, expected) => {
    expect(body(viewText(dialect, q).text)).toBe(expected);
  });
});

describe('query clauses', () => {
  const ordered = (extra: Partial<Extract<Query, { kind: 'select' }>>) => sel([c('o', 'OrderID')], [O], { orderBy: [{ expr: c('o', 'OrderID') }], ...extra });
  const CASES: [string, 'tsql' | 'mysql', Query, string][] = [
    ['TOP n → LIMIT', 'tsql', ordered({ top: { count: n(5) } }), 'SELECT o.orderid\nFROM public.orders AS o\nORDER BY o.orderid NULLS FIRST\nLIMIT 5'],
    ['TOP 100 PERCENT ORDER BY keeps ORDER BY', 'tsql', ordered({ top: { count: n(100), percent: true } }), 'SELECT o.orderid\nFROM public.orders AS o\nORDER BY o.orderid NULLS FIRST'],
    ['TOP 10 PERCENT → LIMIT over count', 'tsql', ordered({ top: { count: n(10), percent: true } }),
      'SELECT o.orderid\nFROM public.orders AS o\nORDER BY o.orderid NULLS FIRST\nLIMIT (SELECT ceil(count(*) * 10 / 100.0) FROM public.orders AS o)'],
    ['TOP WITH TIES → FETCH FIRST WITH TIES', 'tsql', ordered({ top: { count: n(3), withTies: true } }),
      'SELECT o.orderid\nFROM public.orders AS o\nORDER BY o.orderid NULLS FIRST\nFETCH FIRST 3 ROWS WITH TIES'],
    ['OFFSET / FETCH kept', 'tsql', ordered({ offset: n(10), fetch: { count: n(5) } }),
      'SELECT o.orderid\nFROM public.orders AS o\nORDER BY o.orderid NULLS FIRST\nOFFSET 10 ROWS\nFETCH FIRST 5 ROWS ONLY'],
    ['MySQL LIMIT a,b → LIMIT b OFFSET a', 'mysql', ordered({ limit: n(5), offset: n(10) }), 'SELECT o.orderid\nFROM public.orders AS o\nORDER BY o.orderid NULLS FIRST\nLIMIT 5\nOFFSET 10'],
    ['DESC → NULLS LAST', 'mysql', sel([c('o', 'OrderID')], [O], { orderBy: [{ expr: c('o', 'Qty'), desc: true }] }), 'SELECT o.orderid\nFROM public.orders AS o\nORDER BY o.qty DESC NULLS LAST'],
    ['CROSS APPLY → CROSS JOIN LATERAL', 'tsql',
      sel([c('c', 'Name'), c('x', 'Qty')], [join('cross apply', tbl('Customers', 'c'), { kind: 'derived', alias: 'x', query: sel([c('o', 'Qty')], [O], { top: { count: n(1) }, where: bin('=', c('o', 'CustomerID'), c('c', 'CustomerID')), orderBy: [{ expr: c('o', 'OrderDate'), desc: true }] }) })]),
      'SELECT\n  c.name,\n  x.qty\nFROM public.customers AS c\n  CROSS JOIN LATERAL (\n    SELECT o.qty\n    FROM public.orders AS o\n    WHERE o.customerid = c.customerid\n    ORDER BY o.orderdate DESC NULLS LAST\n    LIMIT 1\n  ) AS x'],
    ['OUTER APPLY → LEFT JOIN LATERAL ON TRUE', 'tsql',
      sel([c('c', 'Name')], [join('outer apply', tbl('Customers', 'c'), { kind: 'derived', alias: 'x', query: sel([c('o', 'Qty')], [O], { where: bin('=', c('o', 'CustomerID'), c('c', 'CustomerID')) }) })]),
      'SELECT c.name\nFROM public.customers AS c\n  LEFT JOIN LATERAL (\n    SELECT o.qty\n    FROM public.orders AS o\n    WHERE o.customerid = c.customerid\n  ) AS x ON TRUE'],
    ['table hints dropped, STRAIGHT_JOIN → JOIN', 'mysql',
      sel([c('o', 'OrderID')], [join('straight', tbl('Orders', 'o', { hints: ['USE INDEX (ix)'] }), tbl('Customers', 'c'), bin('=', c('o', 'CustomerID'), c('c', 'CustomerID')))]),
      'SELECT o.orderid\nFROM public.orders AS o\n  JOIN public.customers AS c ON o.customerid = c.customerid'],
    ['WITH ROLLUP → ROLLUP', 'mysql', sel([c('o', 'CustomerID'), [fn('SUM', c('o', 'Qty')), 'total']], [O], { groupBy: [c('o', 'CustomerID')], grouping: 'rollup' }),
      'SELECT\n  o.customerid,\n  sum(o.qty) AS total\nFROM public.orders AS o\nGROUP BY ROLLUP (o.customerid)'],
    ['MySQL loose column wrapped (PK not grouped)', 'mysql', sel([c('c', 'City'), [fn('COUNT', c('o', 'OrderID')), 'n']], [join('inner', O, tbl('Customers', 'c'), bin('=', c('o', 'CustomerID'), c('c', 'CustomerID')))], { groupBy: [c('o', 'CustomerID')] }),
      'SELECT\n  min(c.city) AS city,\n  count(o.orderid) AS n\nFROM public.orders AS o\n  JOIN public.customers AS c ON o.customerid = c.customerid\nGROUP BY o.customerid'],
    ['MySQL column dependent on grouped PK kept', 'mysql', sel([c('c', 'Name'), [fn('COUNT', c('o', 'OrderID')), 'n']], [join('inner', tbl('Customers', 'c'), O, bin('=', c('o', 'CustomerID'), c('c', 'CustomerID')))], { groupBy: [c('c', 'CustomerID')] }),
      'SELECT\n  c.name,\n  count(o.orderid) AS n\nFROM public.customers AS c\n  JOIN public.orders AS o ON o.customerid = c.customerid\nGROUP BY c.customerid'],
    ['3-part T-SQL name drops the database', 'tsql', sel([star], [tbl('Shop.dbo.Orders')]), 'SELECT *\nFROM public.orders'],
    ['MySQL db.table → target schema', 'mysql', sel([star], [tbl('shop.Orders')]), 'SELECT *\nFROM public.orders'],
    ['aliases fold, quoting kept where needed', 'tsql', sel([[c('o', 'Code'), 'Order Code'], [c('o', 'Qty'), 'Quantity']], [O]),
      'SELECT\n  o.code AS "order code",\n  o.qty AS quantity\nFROM public.orders AS o'],
    ['window function and string_agg ORDER BY', 'tsql',
      sel([[{ kind: 'call', name: ['ROW_NUMBER'], args: [], window: { partitionBy: [c('o', 'CustomerID')], orderBy: [{ expr: c('o', 'OrderDate'), desc: true }] } }, 'rn'],
        [{ kind: 'call', name: ['STRING_AGG'], args: [c('o', 'Code'), s(',')], orderBy: [{ expr: c('o', 'Code') }] }, 'codes']], [O]),
      "SELECT\n  row_number() OVER (PARTITION BY o.customerid ORDER BY o.orderdate DESC NULLS LAST) AS rn,\n  string_agg(o.code, ',' ORDER BY o.code NULLS FIRST) AS codes\nFROM public.orders AS o"],
    ['correlated scalar subquery and EXISTS', 'tsql',
      sel([c('c', 'Name'), [{ kind: 'subquery', query: '', select: sel([[fn('COUNT', c('o', 'OrderID')), 'n']], [O], { where: bin('=', c('o', 'CustomerID'), c('c', 'CustomerID')) }) }, 'orders']],
        [tbl('Customers', 'c')], { where: { kind: 'exists', query: '', select: sel([n(1)], [O], { where: bin('=', c('o', 'CustomerID'), c('c', 'CustomerID')) }) } }),
      'SELECT\n  c.name,\n  (SELECT count(o.orderid) AS n FROM public.orders AS o WHERE o.customerid = c.customerid) AS orders\nFROM public.customers AS c\nWHERE EXISTS (SELECT 1 FROM public.orders AS o WHERE o.customerid = c.customerid)'],
    ['CTE and UNION ALL', 'tsql',
      sel([star], [tbl('big')], { with: { ctes: [{ name: 'Big', query: { kind: 'setop', op: 'union', all: true, left: sel([c('OrderID')], [tbl('Orders')]), right: sel([c('CustomerID')], [tbl('Customers')]), orderBy: [] } }] } }),
      'WITH big AS (\n  SELECT orderid\n  FROM public.orders\n  UNION ALL\n  SELECT customerid\n  FROM public.customers\n)\nSELECT *\nFROM big'],
  ];
  test.each(CASES)('%s', (_name, dialect, q, expected) => {
    const r = viewText(dialect, q);
    expect(r.out.manual?.map((m) => m.object) ?? [], JSON.stringify(r.out.diagnostics.filter((d) => d.severity === 'error'))).toEqual([]);
    expect(body(r.text)).toBe(expected);
  });

  test('table hints, SCHEMABINDING and loose columns are reported', () => {
    const r = viewText('tsql', sel([star], [tbl('Orders', 'o', { hints: ['NOLOCK'] })]), {}, { options: { schemabinding: 'true' } });
    const msgs = r.out.diagnostics.filter((d) => d.object === 'view dbo.v').map((d) => `${d.code} ${d.severity} ${d.message}`);
    expect(msgs).toEqual(['PGS3003 info table hint NOLOCK dropped', 'PGS1011 info SCHEMABINDING dropped: PostgreSQL views always depend on the objects they read']);
  });
});

describe('failures go to manual with where and why', () => {
  test('FOR JSON → PGS3001, view to manual', () => {
    const r = viewText('tsql', sel([star], [O], { unsupported: ['FOR JSON PATH'], span: { ...span, line: 7, col: 3 } }));
    expect(r.text).toBeUndefined();
    expect(r.out.manual?.map((m) => [m.object, m.kind, m.codes])).toEqual([['view dbo.v', 'view', ['PGS3001', 'PGS4001']]]);
    expect(r.codes).toContain('PGS3001');
    expect(r.out.diagnostics.find((d) => d.code === 'PGS4001')?.message).toMatch(/FOR JSON PATH has no PostgreSQL equivalent .* at in\.sql:7:3/);
  });
  test('SELECT INTO → error', () => {
    expect(viewText('tsql', sel([star], [O], { unsupported: ['INTO #t'] })).codes).toContain('PGS3002');
  });
  test('unknown function: the failing call is named with its position', () => {
    const bad: Expr = { kind: 'call', name: ['NO_SUCH_FN'], args: [c('o', 'Qty')], span: { ...span, line: 4, col: 12 } };
    const r = viewText('mysql', item(bad));
    expect(r.text).toBeUndefined();
    const d = r.out.diagnostics.find((x) => x.code === 'PGS3001')!;
    expect([d.span?.line, d.span?.col]).toEqual([4, 12]);
    expect(r.out.manual?.[0]?.draft).toContain('"NO_SUCH_FN"(o.qty)');
  });
});

describe('view options', () => {
  test('WITH CHECK OPTION → CASCADED; SQL SECURITY INVOKER → security_invoker on 15+', () => {
    const q = sel([star], [O]);
    expect(viewText('tsql', q, {}, { options: { check_option: 'cascaded' } }).text).toBe('CREATE VIEW public.v AS\nSELECT *\nFROM public.orders AS o\nWITH CASCADED CHECK OPTION');
    expect(viewText('mysql', q, {}, { options: { sql_security: 'invoker', check_option: 'local', algorithm: 'merge' } }).text)
      .toBe('CREATE VIEW public.v WITH (security_invoker = true) AS\nSELECT *\nFROM public.orders AS o\nWITH LOCAL CHECK OPTION');
    const old = viewText('mysql', q, { targetVersion: 14 }, { options: { sql_security: 'invoker' } });
    expect(old.text).toBe('CREATE VIEW public.v AS\nSELECT *\nFROM public.orders AS o');
    expect(old.codes).toContain('PGS3003');
  });
  test('declared column list folds; --identifiers preserve keeps case', () => {
    const q = sel([c('o', 'OrderID'), c('o', 'Code')], [O]);
    expect(viewText('tsql', q, {}, { columns: ['Id', 'Code'] }).text?.split('\n')[0]).toBe('CREATE VIEW public.v (id, code) AS');
    expect(viewText('tsql', q, { identifiers: 'preserve' }, { columns: ['Id', 'Code'] }).text)
      .toBe('CREATE VIEW public.v ("Id", "Code") AS\nSELECT\n  o."OrderID",\n  o."Code"\nFROM public."Orders" AS o');
  });
});
