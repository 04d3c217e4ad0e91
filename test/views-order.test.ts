import { beforeAll, describe, expect, test } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { Query } from '../src/model/query.js';
import { printMigration } from '../src/target/postgres/print.js';
import { printQuery } from '../src/target/postgres/print-query.js';
import { resetPglite, sharedPglite } from './helpers/pglite.js';
import { bin, c, fn, n, s } from './transpile-helpers.js';
import { convertViewsOf, join, sel, star, tbl, view } from './views-helpers.js';

const viewsSql = (r: ReturnType<typeof convertViewsOf>) => {
  const p = printMigration(r.out).phases.find((x) => x.file === '0070_views')!;
  return { up: p.up.map((x) => x.sql), down: p.down.map((x) => x.sql) };
};

describe('dependency order', () => {
  test('a view on a view comes after it; ties keep input order; down drops in reverse', () => {
    const r = convertViewsOf('tsql', [
      view('dbo', 'Top', sel([c('total')], [tbl('Mid')])),
      view('dbo', 'Alone', sel([c('Name')], [tbl('Customers')])),
      view('dbo', 'Mid', sel([[fn('SUM', c('q')), 'total']], [tbl('Base')])),
      view('dbo', 'Base', sel([[c('Qty'), 'q']], [tbl('Orders')])),
    ]);
    const { up, down } = viewsSql(r);
    expect(up.map((x) => x.split('\n')[0])).toEqual(['CREATE VIEW public.alone AS', 'CREATE VIEW public.base AS', 'CREATE VIEW public.mid AS', 'CREATE VIEW public.top AS']);
    expect(down).toEqual(['DROP VIEW public.top;', 'DROP VIEW public.mid;', 'DROP VIEW public.base;', 'DROP VIEW public.alone;']);
  });

  test('a view on a view sees its output types (string + → ||)', () => {
    const r = convertViewsOf('tsql', [
      view('dbo', 'B', sel([[bin('+', c('x'), s('!')), 'y']], [tbl('A')])),
      view('dbo', 'A', sel([[c('Code'), 'x']], [tbl('Orders')])),
    ]);
    expect(r.views.map((v) => v.name.name)).toEqual(['a', 'b']);
    expect(r.views[1]!.text).toContain("SELECT x || '!' AS y\nFROM public.a");
  });

  test('a view on a view that went to manual goes to manual too, with the reason', () => {
    const r = convertViewsOf('tsql', [
      view('dbo', 'Bad', sel([[{ kind: 'call', name: ['NOPE'], args: [] }, 'x']], [tbl('Orders')])),
      view('dbo', 'OnBad', sel([c('x')], [tbl('Bad')])),
    ]);
    expect(r.views).toEqual([]);
    expect(r.out.manual?.map((m) => m.object)).toEqual(['view dbo.Bad', 'view dbo.OnBad']);
    expect(r.out.diagnostics.find((d) => d.object === 'view dbo.OnBad')?.message).toBe('view dbo.OnBad is not converted: it reads view dbo.Bad, which is listed for manual conversion');
  });

  test('views without a parsed query keep PGS4001', () => {
    const r = convertViewsOf('tsql', [{ ...view('dbo', 'Raw', sel([star], [])), select: undefined }]);
    expect(r.codes).toContain('PGS4001');
    expect(r.out.manual?.map((m) => m.object)).toEqual(['view dbo.Raw']);
  });
});

describe('printer', () => {
  const a = sel([c('a')], [tbl('t')]);
  const b = sel([c('b')], [tbl('u')]);
  test.each<[string, Query, string]>([
    ['left-deep union', { kind: 'setop', op: 'union', left: { kind: 'setop', op: 'union', left: a, right: b, orderBy: [] }, right: a, orderBy: [] }, 'SELECT a FROM t UNION SELECT b FROM u UNION SELECT a FROM t'],
    ['right operand parenthesised', { kind: 'setop', op: 'except', left: a, right: { kind: 'setop', op: 'union', left: a, right: b, orderBy: [] }, orderBy: [] }, 'SELECT a FROM t EXCEPT (SELECT a FROM t UNION SELECT b FROM u)'],
    ['union under intersect parenthesised', { kind: 'setop', op: 'intersect', left: { kind: 'setop', op: 'union', all: true, left: a, right: b, orderBy: [] }, right: a, orderBy: [] }, '(SELECT a FROM t UNION ALL SELECT b FROM u) INTERSECT SELECT a FROM t'],
    ['limited operand parenthesised', { kind: 'setop', op: 'union', left: { ...a, limit: n(1) }, right: b, orderBy: [{ expr: c('a'), nulls: 'first' }], limit: n(5) }, '(SELECT a FROM t LIMIT 1) UNION SELECT b FROM u ORDER BY a NULLS FIRST LIMIT 5'],
    ['aggregate FILTER, DISTINCT, GROUP BY CUBE, HAVING', sel([[{ kind: 'call', name: ['count'], args: [c('x')], distinct: true, filter: bin('>', c('y'), n(0)) }, 'n']], [tbl('t')], { groupBy: [c('g')], grouping: 'cube', having: bin('>', fn('count', c('x')), n(1)) }),
      'SELECT count(DISTINCT x) FILTER (WHERE y > 0) AS n FROM t GROUP BY CUBE (g) HAVING count(x) > 1'],
    ['VALUES and function in FROM, nested join parenthesised', sel([star], [join('inner', { kind: 'values', rows: [[n(1), s('a')]], alias: 'v', columns: ['id', 'name'] }, join('left', { kind: 'function', call: { kind: 'call', name: ['generate_series'], args: [n(1), n(3)] }, alias: 'g', columns: ['i'] }, tbl('t'), bin('=', c('t', 'id'), c('g', 'i'))), bin('=', c('v', 'id'), c('g', 'i')))]),
      "SELECT * FROM (VALUES (1, 'a')) AS v (id, name) JOIN (generate_series(1, 3) AS g (i) LEFT JOIN t ON t.id = g.i) ON v.id = g.i"],
  ])('%s', (_name, q, expected) => {
    expect(printQuery(q, { compact: true })).toBe(expected);
  });
});

describe('apply on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await sharedPglite();
  });
  test.each(['tsql', 'mysql'] as const)('%s views create and select', async (dialect) => {
    const sch = dialect === 'tsql' ? 'dbo' : 'shop';
    const O = tbl('Orders', 'o');
    const r = convertViewsOf(dialect, [
      view(sch, 'Summary', sel([[c('total'), 'Total'], c('Name')], [tbl('PerCustomer')], { orderBy: [{ expr: c('total'), desc: true }] })),
      view(sch, 'PerCustomer', sel([c('c', 'Name'), [fn('SUM', c('o', 'Qty')), 'total'], [fn('MAX', bin('+', c('o', 'OrderDate'), n(1))), 'nextday']],
        [join('left', tbl('Customers', 'c'), O, bin('=', c('o', 'CustomerID'), c('c', 'CustomerID')))], { groupBy: [c('c', 'CustomerID'), c('c', 'Name')], where: bin('=', c('o', 'Active'), n(1)) })),
      view(sch, 'Ratio', sel([[bin('/', c('o', 'Qty'), n(2)), 'half'], [dialect === 'tsql' ? bin('+', c('o', 'Code'), s('!')) : fn('CONCAT', c('o', 'Code'), s('!')), 'loud']], [O])),
    ]);
    expect(r.out.manual ?? []).toEqual([]);
    await resetPglite(db);
    for (const p of printMigration(r.out).phases) for (const st of p.up) await db.exec(st.sql);
    await db.exec(`INSERT INTO public.customers VALUES (1, 'Ann', 'Oslo'), (2, 'Bob', 'Rome');
      INSERT INTO public.orders (orderid, customerid, code, qty, price, active, orderdate) VALUES (1, 1, 'A', 3, 1.5, TRUE, '2020-01-01'), (2, 1, 'B', 4, 2, TRUE, '2020-01-02'), (3, 2, 'C', 5, 1, FALSE, '2020-01-03')`);
    expect((await db.query('SELECT * FROM public.summary')).rows).toEqual([{ total: 7, name: 'Ann' }]);
    const ratio = (await db.query<{ half: unknown; loud: string }>('SELECT half, loud FROM public.ratio ORDER BY loud')).rows;
    // MySQL 3 / 2 is 1.5; T-SQL integer division truncates.
    expect(ratio.map((x) => [String(x.half), x.loud])).toEqual(dialect === 'mysql' ? [['1.5000000000000000', 'A!'], ['2.0000000000000000', 'B!'], ['2.5000000000000000', 'C!']] : [['1', 'A!'], ['2', 'B!'], ['2', 'C!']]);
    for (const p of printMigration(r.out).phases.reverse()) for (const st of p.down) await db.exec(st.sql);
  });
});
