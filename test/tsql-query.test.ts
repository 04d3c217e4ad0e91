import { describe, expect, it } from 'vitest';
import type { Expr } from '../src/model/expr.js';
import type { FromItem, Query, Select } from '../src/model/query.js';
import { parseTsqlQuery } from '../src/sources/tsql/query-parser.js';
import { bare, codes, parse, schema } from './tsql-helpers.js';

const q = (text: string): Query => {
  const r = parseTsqlQuery(text);
  if (!r.query) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return bare(r.query);
};
const col = (...parts: string[]): Expr => ({ kind: 'column', parts });
const num = (value: string): Expr => ({ kind: 'number', value });
const str = (value: string): Expr => ({ kind: 'string', value });
const tbl = (name: string[], alias?: string, hints?: string[]): FromItem => ({
  kind: 'table', name, ...(alias ? { alias } : {}), ...(hints ? { hints } : {}),
});
const sel = (extra: Partial<Select>): Select => ({ kind: 'select', columns: [], from: [], groupBy: [], orderBy: [], ...extra });

describe('tsql query parser: select list, TOP, DISTINCT', () => {
  it('parses the four alias spellings, t.* and *', () => {
    expect(q("SELECT *, t.*, a AS x, b y, z = c + 1, 'lbl' = d, e AS 'q' FROM t")).toEqual(sel({
      columns: [
        { expr: { kind: 'star' } },
        { expr: { kind: 'star', table: ['t'] } },
        { expr: col('a'), alias: 'x' },
        { expr: col('b'), alias: 'y' },
        { expr: { kind: 'binary', op: '+', left: col('c'), right: num('1') }, alias: 'z' },
        { expr: col('d'), alias: 'lbl' },
        { expr: col('e'), alias: 'q' },
      ],
      from: [tbl(['t'])],
    }));
  });

  it('parses DISTINCT and the TOP forms', () => {
    expect(q('SELECT DISTINCT TOP (10) PERCENT WITH TIES a FROM t ORDER BY a')).toEqual(sel({
      distinct: true, top: { count: num('10'), percent: true, withTies: true }, columns: [{ expr: col('a') }],
      from: [tbl(['t'])], orderBy: [{ expr: col('a') }],
    }));
    expect(q('SELECT TOP 5 a FROM t')).toMatchObject({ top: { count: num('5') } });
    expect(q('SELECT TOP (@n + 1) a FROM t')).toMatchObject({
      top: { count: { kind: 'binary', op: '+', left: { kind: 'variable', name: 'n' }, right: num('1') } },
    });
    expect(q('SELECT ALL a FROM t')).toEqual(sel({ columns: [{ expr: col('a') }], from: [tbl(['t'])] }));
  });

  it('parses WHERE, GROUP BY, HAVING, ORDER BY with directions, OFFSET/FETCH', () => {
    expect(q('SELECT a, COUNT(*) n FROM t WHERE b > 0 GROUP BY a HAVING COUNT(*) > 1 ORDER BY a DESC, n ASC OFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY')).toEqual(sel({
      columns: [{ expr: col('a') }, { expr: { kind: 'call', name: ['COUNT'], args: [], star: true }, alias: 'n' }],
      from: [tbl(['t'])],
      where: { kind: 'binary', op: '>', left: col('b'), right: num('0') },
      groupBy: [col('a')],
      having: { kind: 'binary', op: '>', left: { kind: 'call', name: ['COUNT'], args: [], star: true }, right: num('1') },
      orderBy: [{ expr: col('a'), desc: true }, { expr: col('n') }],
      offset: num('10'), fetch: { count: num('5') },
    }));
    expect(q('SELECT a FROM t ORDER BY a OFFSET 1 ROW')).toMatchObject({ offset: num('1') });
  });

  it('parses ROLLUP, CUBE and WITH ROLLUP / WITH CUBE', () => {
    expect(q('SELECT a, b FROM t GROUP BY ROLLUP (a, b)')).toMatchObject({ groupBy: [col('a'), col('b')], grouping: 'rollup' });
    expect(q('SELECT a FROM t GROUP BY CUBE(a)')).toMatchObject({ groupBy: [col('a')], grouping: 'cube' });
    expect(q('SELECT a, b FROM t GROUP BY a, b WITH ROLLUP')).toMatchObject({ groupBy: [col('a'), col('b')], grouping: 'rollup' });
    expect(q('SELECT a FROM t GROUP BY a WITH CUBE')).toMatchObject({ grouping: 'cube' });
  });
});

describe('tsql query parser: FROM', () => {
  it('parses comma lists, 2-/3-/4-part names and db..t', () => {
    expect((q('SELECT 1 FROM a, s.b, db.s.c x, srv.db.s.d AS y, db..e') as Select).from).toEqual([
      tbl(['a']), tbl(['s', 'b']), tbl(['db', 's', 'c'], 'x'), tbl(['srv', 'db', 's', 'd'], 'y'), tbl(['db', '', 'e']),
    ]);
  });

  it('parses every join type, nested ON and APPLY', () => {
    const from = (q(`SELECT 1 FROM a
      JOIN b ON a.x = b.x
      INNER JOIN c ON 1 = 1
      LEFT OUTER JOIN d ON 1 = 1
      RIGHT JOIN e ON 1 = 1
      FULL OUTER JOIN f ON 1 = 1
      CROSS JOIN g
      CROSS APPLY dbo.fn(a.x) h
      OUTER APPLY (SELECT TOP 1 y FROM i WHERE i.x = a.x) j`) as Select).from;
    const one: Expr = { kind: 'binary', op: '=', left: num('1'), right: num('1') };
    expect(from).toEqual([{
      kind: 'join', type: 'outer apply',
      left: {
        kind: 'join', type: 'cross apply',
        left: {
          kind: 'join', type: 'cross',
          left: {
            kind: 'join', type: 'full',
            left: {
              kind: 'join', type: 'right',
              left: {
                kind: 'join', type: 'left',
                left: {
                  kind: 'join', type: 'inner',
                  left: { kind: 'join', type: 'inner', left: tbl(['a']), right: tbl(['b']), on: { kind: 'binary', op: '=', left: col('a', 'x'), right: col('b', 'x') } },
                  right: tbl(['c']), on: one,
                },
                right: tbl(['d']), on: one,
              },
              right: tbl(['e']), on: one,
            },
            right: tbl(['f']), on: one,
          },
          right: tbl(['g']),
        },
        right: { kind: 'function', call: { kind: 'call', name: ['dbo', 'fn'], args: [col('a', 'x')] }, alias: 'h' },
      },
      right: {
        kind: 'derived', alias: 'j',
        query: sel({
          top: { count: num('1') }, columns: [{ expr: col('y') }], from: [tbl(['i'])],
          where: { kind: 'binary', op: '=', left: col('i', 'x'), right: col('a', 'x') },
        }),
      },
    }]);
  });

  it("parses T-SQL's nested join form a JOIN b JOIN c ON .. ON ..", () => {
    expect((q('SELECT 1 FROM a LEFT JOIN b JOIN c ON b.k = c.k ON a.k = b.k') as Select).from).toEqual([{
      kind: 'join', type: 'left', left: tbl(['a']),
      right: { kind: 'join', type: 'inner', left: tbl(['b']), right: tbl(['c']), on: { kind: 'binary', op: '=', left: col('b', 'k'), right: col('c', 'k') } },
      on: { kind: 'binary', op: '=', left: col('a', 'k'), right: col('b', 'k') },
    }]);
  });

  it('parses parenthesised joins, derived tables with column lists, VALUES and table-valued functions', () => {
    expect((q('SELECT 1 FROM (a JOIN b ON 1 = 1)') as Select).from[0]).toMatchObject({ kind: 'join', type: 'inner' });
    expect((q('SELECT 1 FROM (SELECT 1, 2) AS d (x, y)') as Select).from).toEqual([{
      kind: 'derived', alias: 'd', columns: ['x', 'y'], query: sel({ columns: [{ expr: num('1') }, { expr: num('2') }] }),
    }]);
    expect((q("SELECT v.n FROM (VALUES (1, 'a'), (2, 'b')) AS v (n, s)") as Select).from).toEqual([{
      kind: 'values', rows: [[num('1'), str('a')], [num('2'), str('b')]], alias: 'v', columns: ['n', 's'],
    }]);
    expect((q('SELECT * FROM STRING_SPLIT(@s, \',\') AS p') as Select).from).toEqual([{
      kind: 'function', call: { kind: 'call', name: ['STRING_SPLIT'], args: [{ kind: 'variable', name: 's' }, str(',')] }, alias: 'p',
    }]);
    expect((q('SELECT 1 FROM ((SELECT 1 AS k) a JOIN b ON a.k = b.k)') as Select).from[0]).toMatchObject({
      kind: 'join', left: { kind: 'derived', alias: 'a' }, right: tbl(['b']),
    });
  });

  it('keeps table hints: WITH (...) and the legacy (NOLOCK)', () => {
    expect((q('SELECT 1 FROM t WITH (NOLOCK, INDEX(ix_a)) JOIN u AS x WITH (READPAST) ON 1 = 1, v (NOLOCK), w z (HOLDLOCK)') as Select).from).toEqual([
      {
        kind: 'join', type: 'inner', left: tbl(['t'], undefined, ['NOLOCK', 'INDEX(ix_a)']), right: tbl(['u'], 'x', ['READPAST']),
        on: { kind: 'binary', op: '=', left: num('1'), right: num('1') },
      },
      tbl(['v'], undefined, ['NOLOCK']),
      tbl(['w'], 'z', ['HOLDLOCK']),
    ]);
  });
});

describe('tsql query parser: set operations and CTEs', () => {
  const s = (n: string): Select => sel({ columns: [{ expr: num(n) }] });

  it('binds INTERSECT tighter than UNION/EXCEPT, which associate left', () => {
    expect(q('SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4')).toEqual({
      kind: 'setop', op: 'except', orderBy: [],
      left: { kind: 'setop', op: 'union', orderBy: [], left: s('1'), right: { kind: 'setop', op: 'intersect', left: s('2'), right: s('3'), orderBy: [] } },
      right: s('4'),
    });
  });

  it('honours parentheses and puts a trailing ORDER BY/OFFSET on the set operation', () => {
    expect(q('(SELECT 1 UNION ALL SELECT 2) INTERSECT (SELECT 3) ORDER BY 1 OFFSET 0 ROWS')).toEqual({
      kind: 'setop', op: 'intersect', orderBy: [{ expr: num('1') }], offset: num('0'),
      left: { kind: 'setop', op: 'union', all: true, left: s('1'), right: s('2'), orderBy: [] },
      right: s('3'),
    });
  });

  it('parses CTEs with column lists and marks a self-referencing one recursive', () => {
    expect(q('WITH a (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM a WHERE n < 5), b AS (SELECT n FROM a) SELECT n FROM b')).toEqual(sel({
      with: {
        recursive: true,
        ctes: [
          {
            name: 'a', columns: ['n'],
            query: {
              kind: 'setop', op: 'union', all: true, orderBy: [], left: s('1'),
              right: sel({
                columns: [{ expr: { kind: 'binary', op: '+', left: col('n'), right: num('1') } }], from: [tbl(['a'])],
                where: { kind: 'binary', op: '<', left: col('n'), right: num('5') },
              }),
            },
          },
          { name: 'b', query: sel({ columns: [{ expr: col('n') }], from: [tbl(['a'])] }) },
        ],
      },
      columns: [{ expr: col('n') }], from: [tbl(['b'])],
    }));
  });

  it('carries WITH over a set operation by wrapping it, with the ORDER BY outside', () => {
    expect(q('WITH c AS (SELECT 1 AS k) SELECT k FROM c UNION SELECT 2 ORDER BY k')).toEqual(sel({
      with: { ctes: [{ name: 'c', query: sel({ columns: [{ expr: num('1'), alias: 'k' }] }) }] },
      columns: [{ expr: { kind: 'star' } }],
      from: [{
        kind: 'derived', alias: '_cte_scope',
        query: { kind: 'setop', op: 'union', orderBy: [], left: sel({ columns: [{ expr: col('k') }], from: [tbl(['c'])] }), right: s('2') },
      }],
      orderBy: [{ expr: col('k') }],
    }));
  });
});

describe('tsql query parser: clauses PostgreSQL cannot say', () => {
  it('keeps INTO, FOR XML/JSON/BROWSE and OPTION as unsupported text', () => {
    expect(q('SELECT a INTO #tmp FROM t')).toMatchObject({ unsupported: ['INTO #tmp'], from: [tbl(['t'])] });
    expect(q("SELECT a FROM t FOR XML PATH(''), TYPE")).toMatchObject({ unsupported: ["FOR XML PATH(''), TYPE"] });
    expect(q('SELECT a FROM t FOR JSON AUTO OPTION (MAXDOP 1)')).toMatchObject({ unsupported: ['FOR JSON AUTO', 'OPTION (MAXDOP 1)'] });
    expect(q('SELECT 1 UNION SELECT 2 OPTION (RECOMPILE)')).toMatchObject({ kind: 'setop', left: { unsupported: ['OPTION (RECOMPILE)'] } });
  });
});

describe('tsql query parser: expressions inside queries', () => {
  const item = (text: string): Expr => (q(`SELECT ${text} FROM t`) as Select).columns[0]!.expr;

  it('fills select on scalar subqueries, EXISTS and IN, keeping the text', () => {
    const inner = sel({ columns: [{ expr: { kind: 'call', name: ['MAX'], args: [col('b')] } }], from: [tbl(['u'])] });
    expect(item('(SELECT MAX(b) FROM u)')).toEqual({ kind: 'subquery', query: 'SELECT MAX(b) FROM u', select: inner });
    expect((q('SELECT 1 FROM t WHERE NOT EXISTS (SELECT MAX(b) FROM u) AND a IN (SELECT MAX(b) FROM u)') as Select).where).toEqual({
      kind: 'binary', op: 'and',
      left: { kind: 'unary', op: 'not', operand: { kind: 'exists', query: 'SELECT MAX(b) FROM u', select: inner } },
      right: { kind: 'in', expr: col('a'), list: [], select: inner },
    });
  });

  it('fills window on OVER and orderBy on WITHIN GROUP', () => {
    expect(item('ROW_NUMBER() OVER (PARTITION BY a, b ORDER BY c DESC)')).toEqual({
      kind: 'call', name: ['ROW_NUMBER'], args: [], over: 'OVER (PARTITION BY a, b ORDER BY c DESC)',
      window: { partitionBy: [col('a'), col('b')], orderBy: [{ expr: col('c'), desc: true }] },
    });
    expect(item('SUM(x) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)')).toMatchObject({
      window: { partitionBy: [], orderBy: [{ expr: col('d') }], frame: 'ROWS BETWEEN 2 PRECEDING AND CURRENT ROW' },
    });
    expect(item("STRING_AGG(name, ', ') WITHIN GROUP (ORDER BY name DESC)")).toEqual({
      kind: 'call', name: ['STRING_AGG'], args: [col('name'), str(', ')], orderBy: [{ expr: col('name'), desc: true }],
    });
    expect(item('COUNT(*) OVER ()')).toMatchObject({ window: { partitionBy: [], orderBy: [] } });
  });

  it('parses CAST, CONVERT with style, TRY_CONVERT, PARSE, TRIM ... FROM, IIF, CHOOSE', () => {
    expect(item('CAST(a AS decimal(10, 2))')).toEqual({ kind: 'cast', expr: col('a'), type: { name: 'decimal', args: [10, 2], raw: 'decimal(10, 2)' }, form: 'cast' });
    expect(item('CONVERT(varchar(8), d, 112)')).toEqual({
      kind: 'cast', expr: col('d'), type: { name: 'varchar', args: [8], raw: 'varchar(8)' }, style: num('112'), form: 'convert',
    });
    expect(item("TRY_CONVERT(int, '1')")).toMatchObject({ kind: 'cast', form: 'try_convert' });
    expect(item("PARSE('1/2/2020' AS date USING 'en-US')")).toEqual({
      kind: 'call', name: ['PARSE'], args: [str('1/2/2020'), str('date'), str('en-US')],
    });
    expect(item("IIF(a > 1, 'x', 'y')")).toEqual({
      kind: 'call', name: ['IIF'], args: [{ kind: 'binary', op: '>', left: col('a'), right: num('1') }, str('x'), str('y')],
    });
    expect(item("TRIM('x' FROM a)")).toEqual({ kind: 'call', name: ['TRIM'], args: [col('a'), str('x')] });
    expect(item("TRIM(LEADING '0' FROM a)")).toEqual({ kind: 'call', name: ['LTRIM'], args: [col('a'), str('0')] });
    expect(item('TRIM(TRAILING FROM a)')).toEqual({ kind: 'call', name: ['RTRIM'], args: [col('a')] });
    expect(item('TRIM(a)')).toEqual({ kind: 'call', name: ['TRIM'], args: [col('a')] });
    expect(item("CHOOSE(2, 'a', 'b')")).toEqual({ kind: 'call', name: ['CHOOSE'], args: [num('2'), str('a'), str('b')] });
  });

  it('parses ODBC escapes, N strings, COLLATE, money and variables', () => {
    expect(item("{d '2020-01-01'}")).toEqual({ kind: 'cast', expr: str('2020-01-01'), type: { name: 'date', args: [], raw: 'date' }, form: 'cast' });
    expect(item("{ts '2020-01-01 10:00:00'}")).toMatchObject({ kind: 'cast', type: { name: 'datetime' } });
    expect(item("{t '10:00:00'}")).toMatchObject({ kind: 'cast', type: { name: 'time' } });
    expect(item('{fn UCASE(a)}')).toEqual({ kind: 'call', name: ['UCASE'], args: [col('a')] });
    expect(item("N'ü'")).toEqual({ kind: 'string', value: 'ü', national: true });
    expect(item('a COLLATE Latin1_General_CI_AS')).toEqual({ ...col('a'), collate: 'Latin1_General_CI_AS' });
    expect(item('$12.50')).toEqual(num('12.50'));
    expect(item('@x + @@ROWCOUNT')).toEqual({
      kind: 'binary', op: '+', left: { kind: 'variable', name: 'x' }, right: { kind: 'variable', name: 'ROWCOUNT', system: true },
    });
  });
});

describe('tsql query parser: failures', () => {
  it('reports PGS1001 at the exact token and never throws', () => {
    const r = parseTsqlQuery('SELECT a\nFROM t\nTABLESAMPLE (10 PERCENT)');
    expect(r.query).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.span?.line, d.span?.col])).toEqual([['PGS1001', 3, 1]]);
  });

  it('fails a query whose subquery does not parse (no half-parsed select)', () => {
    const r = parseTsqlQuery('SELECT (SELECT a FROM t GROUP BY GROUPING SETS ((a))) FROM u');
    expect(r.query).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'PGS1001', span: { line: 1, col: 34 } });
  });

  it('reads PIVOT after a table source', () => {
    const r = parseTsqlQuery('SELECT * FROM t PIVOT (SUM(x) FOR y IN ([1], [b])) AS p');
    expect(r.diagnostics).toEqual([]);
    const from = r.query?.kind === 'select' ? r.query.from[0] : undefined;
    expect(from && bare(from)).toMatchObject({ kind: 'pivot', source: { kind: 'table', name: ['t'] }, column: col('y'), values: ['1', 'b'], alias: 'p' });
  });

  it('rejects assignments, table variables and trailing text', () => {
    for (const text of ['SELECT @a = 1', 'SELECT * FROM @t', 'SELECT 1 FROM t t2 t3', 'SELECT a FROM t GROUP BY a, ROLLUP(b)']) {
      expect(parseTsqlQuery(text).diagnostics.map((d) => d.code), text).toEqual(['PGS1001']);
    }
  });
});

describe('CREATE VIEW fills View.select', () => {
  it('parses the view body, trailing ; and WITH CHECK OPTION', () => {
    const cat = parse('CREATE VIEW v AS SELECT a FROM t WITH (NOLOCK) WHERE a > 0\nWITH CHECK OPTION;\nGO\nCREATE VIEW w AS SELECT 1 AS one;');
    expect(codes(cat)).toEqual([]);
    const [v, w] = schema(cat).views;
    expect(bare(v!.select)).toEqual(sel({
      columns: [{ expr: col('a') }], from: [tbl(['t'], undefined, ['NOLOCK'])], where: { kind: 'binary', op: '>', left: col('a'), right: num('0') },
    }));
    expect(bare(w!.select)).toEqual(sel({ columns: [{ expr: num('1'), alias: 'one' }] }));
  });

  it('keeps select undefined and reports PGS1001 with the view path at line:col', () => {
    const cat = parse('CREATE VIEW dbo.v AS\nSELECT a\n  FROM t TABLESAMPLE (10 PERCENT)');
    const v = schema(cat).views[0]!;
    expect(v.select).toBeUndefined();
    expect(v.query).toBe('SELECT a\n  FROM t TABLESAMPLE (10 PERCENT)');
    expect(cat.diagnostics.map((d) => [d.code, d.object, d.span?.line, d.span?.col])).toEqual([['PGS1001', 'view dbo.v', 3, 10]]);
  });
});
