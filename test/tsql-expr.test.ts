import { describe, expect, it } from 'vitest';
import type { Expr } from '../src/model/expr.js';
import { parseTsqlExpr } from '../src/sources/tsql/expr-parser.js';

/** Drop spans so trees compare by shape. */
function bare(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(bare);
  if (e && typeof e === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) if (k !== 'span') out[k] = bare(v);
    return out;
  }
  return e;
}
const p = (text: string): unknown => bare(parseTsqlExpr(text).expr);
const col = (...parts: string[]): Expr => ({ kind: 'column', parts });
const num = (value: string): Expr => ({ kind: 'number', value });

describe('tsql expression parser', () => {
  it('parses SSMS-style defaults', () => {
    expect(p('((0))')).toEqual({ kind: 'paren', expr: { kind: 'paren', expr: num('0') } });
    expect(p('(getdate())')).toEqual({ kind: 'paren', expr: { kind: 'call', name: ['getdate'], args: [] } });
    expect(p("(N'abc')")).toEqual({ kind: 'paren', expr: { kind: 'string', value: 'abc', national: true } });
    expect(p("('19000101')")).toEqual({ kind: 'paren', expr: { kind: 'string', value: '19000101' } });
    expect(p('((-1))')).toEqual({ kind: 'paren', expr: { kind: 'paren', expr: num('-1') } });
    expect(p('0x00')).toEqual({ kind: 'bytes', hex: '00' });
    expect(p('$5.25')).toEqual(num('5.25'));
  });

  it('parses niladic functions and qualified calls', () => {
    expect(p('CURRENT_TIMESTAMP')).toEqual({ kind: 'call', name: ['CURRENT_TIMESTAMP'], args: [], niladic: true });
    expect(p('user')).toEqual({ kind: 'call', name: ['user'], args: [], niladic: true });
    expect(p('dbo.fn(1, @x)')).toEqual({ kind: 'call', name: ['dbo', 'fn'], args: [num('1'), { kind: 'variable', name: 'x' }] });
    expect(p('COUNT(*)')).toEqual({ kind: 'call', name: ['COUNT'], args: [], star: true });
    expect(p('@@SPID')).toEqual({ kind: 'variable', name: 'SPID', system: true });
  });

  it('applies T-SQL precedence from grammars/tsql.json', () => {
    expect(p('a + b * c')).toEqual({ kind: 'binary', op: '+', left: col('a'), right: { kind: 'binary', op: '*', left: col('b'), right: col('c') } });
    expect(p('a = 1 OR b = 2 AND NOT c = 3')).toEqual({
      kind: 'binary', op: 'or',
      left: { kind: 'binary', op: '=', left: col('a'), right: num('1') },
      right: {
        kind: 'binary', op: 'and',
        left: { kind: 'binary', op: '=', left: col('b'), right: num('2') },
        right: { kind: 'unary', op: 'not', operand: { kind: 'binary', op: '=', left: col('c'), right: num('3') } },
      },
    });
    expect(p('~a & b | c ^ d')).toEqual({
      kind: 'binary', op: '^',
      left: { kind: 'binary', op: '|', left: { kind: 'binary', op: '&', left: { kind: 'unary', op: '~', operand: col('a') }, right: col('b') }, right: col('c') },
      right: col('d'),
    });
    expect(p('a !< b')).toEqual({ kind: 'binary', op: '!<', left: col('a'), right: col('b') });
    expect(p('a - b - c')).toEqual({ kind: 'binary', op: '-', left: { kind: 'binary', op: '-', left: col('a'), right: col('b') }, right: col('c') });
  });

  it('parses CAST, CONVERT with style, TRY_ forms', () => {
    expect(p('CAST(x AS decimal(10,2))')).toEqual({ kind: 'cast', form: 'cast', expr: col('x'), type: { name: 'decimal', args: [10, 2], raw: 'decimal(10,2)' } });
    expect(p('CONVERT(varchar(10), d, 112)')).toEqual({ kind: 'cast', form: 'convert', expr: col('d'), type: { name: 'varchar', args: [10], raw: 'varchar(10)' }, style: num('112') });
    expect(p('TRY_CONVERT(int, s)')).toEqual({ kind: 'cast', form: 'try_convert', expr: col('s'), type: { name: 'int', args: [], raw: 'int' } });
    expect(p('TRY_CAST(s AS nvarchar(max))')).toEqual({ kind: 'cast', form: 'try_cast', expr: col('s'), type: { name: 'nvarchar', args: ['max'], raw: 'nvarchar(max)' } });
  });

  it('parses CASE, IN, BETWEEN, LIKE ESCAPE, IS NULL, EXISTS and subqueries', () => {
    expect(p("CASE WHEN a = 1 THEN 'x' ELSE 'y' END")).toEqual({
      kind: 'case', whens: [{ when: { kind: 'binary', op: '=', left: col('a'), right: num('1') }, then: { kind: 'string', value: 'x' } }],
      else: { kind: 'string', value: 'y' },
    });
    expect(p("s IN ('A', 'B')")).toEqual({ kind: 'in', expr: col('s'), list: [{ kind: 'string', value: 'A' }, { kind: 'string', value: 'B' }] });
    expect(p('s NOT IN (SELECT id FROM t)')).toEqual({
      kind: 'in', expr: col('s'), list: [], not: true,
      select: { kind: 'select', columns: [{ expr: col('id') }], from: [{ kind: 'table', name: ['t'] }], groupBy: [], orderBy: [] },
    });
    expect(p('a BETWEEN 1 AND 2 AND b = 3')).toEqual({
      kind: 'binary', op: 'and',
      left: { kind: 'between', expr: col('a'), low: num('1'), high: num('2') },
      right: { kind: 'binary', op: '=', left: col('b'), right: num('3') },
    });
    expect(p("a NOT LIKE '%!_%' ESCAPE '!'")).toEqual({ kind: 'like', op: 'like', expr: col('a'), pattern: { kind: 'string', value: '%!_%' }, escape: { kind: 'string', value: '!' }, not: true });
    expect(p('a IS NOT NULL')).toEqual({ kind: 'isnull', expr: col('a'), not: true });
    expect(p('NOT EXISTS (SELECT 1 FROM t)')).toEqual({ kind: 'unary', op: 'not', operand: {
      kind: 'exists', query: 'SELECT 1 FROM t',
      select: { kind: 'select', columns: [{ expr: { kind: 'number', value: '1' } }], from: [{ kind: 'table', name: ['t'] }], groupBy: [], orderBy: [] },
    } });
  });

  it('keeps COLLATE as a field on the node', () => {
    expect(p("name COLLATE Latin1_General_CS_AS = 'x'")).toEqual({
      kind: 'binary', op: '=', left: { kind: 'column', parts: ['name'], collate: 'Latin1_General_CS_AS' }, right: { kind: 'string', value: 'x' },
    });
  });

  it('turns unknown syntax into an opaque node with the exact text', () => {
    const r = parseTsqlExpr('{xx NOW()}');
    expect(r.diagnostics).toEqual([]);
    expect(bare(r.expr)).toMatchObject({ kind: 'opaque', text: '{xx NOW()}' });
    expect(r.expr.span).toEqual({ file: '<expr>', line: 1, col: 1, endLine: 1, endCol: 10 });
  });

  it('keeps spans on nodes', () => {
    const e = parseTsqlExpr('a +\n  fn(1)').expr;
    expect(e.span).toEqual({ file: '<expr>', line: 1, col: 1, endLine: 2, endCol: 7 });
  });

  it('reports nesting deeper than the limit (PGS1005) without overflowing the stack', () => {
    const deep = `${'('.repeat(10_000)}1${')'.repeat(10_000)}`;
    const r = parseTsqlExpr(deep);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['PGS1005']);
    expect(r.expr.kind).toBe('opaque');
    const ok = `${'('.repeat(100)}1${')'.repeat(100)}`;
    expect(parseTsqlExpr(ok).diagnostics).toEqual([]);
  });
});
