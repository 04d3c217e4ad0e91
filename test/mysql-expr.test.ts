import { describe, expect, it } from 'vitest';
import type { Expr } from '../src/model/expr.js';
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
const e = (text: string): Expr => strip(parseMysqlExpr(text).expr);
const col = (n: string): Expr => ({ kind: 'column', parts: [n] });
const num = (v: string): Expr => ({ kind: 'number', value: v });

describe('MySQL expressions', () => {
  it('follows MySQL precedence: || is OR, XOR between AND and OR, unary minus above ^', () => {
    expect(e('a || b AND c')).toEqual({ kind: 'binary', op: 'or', left: col('a'), right: { kind: 'binary', op: 'and', left: col('b'), right: col('c') } });
    expect(e('a XOR b OR c')).toEqual({ kind: 'binary', op: 'or', left: { kind: 'binary', op: 'xor', left: col('a'), right: col('b') }, right: col('c') });
    expect(e('1 + 2 * 3 DIV 4 MOD 5')).toEqual({ kind: 'binary', op: '+', left: num('1'), right: {
      kind: 'binary', op: '%', left: { kind: 'binary', op: 'div', left: { kind: 'binary', op: '*', left: num('2'), right: num('3') }, right: num('4') }, right: num('5') } });
    expect(e('a | b & c << 1')).toEqual({ kind: 'binary', op: '|', left: col('a'), right: { kind: 'binary', op: '&', left: col('b'), right: { kind: 'binary', op: '<<', left: col('c'), right: num('1') } } });
    expect(e('NOT a = b')).toEqual({ kind: 'unary', op: 'not', operand: { kind: 'binary', op: '=', left: col('a'), right: col('b') } });
    expect(e('!a = b')).toEqual({ kind: 'binary', op: '=', left: { kind: 'unary', op: '!', operand: col('a') }, right: col('b') });
    expect(e('-x ^ 2')).toEqual({ kind: 'binary', op: '^', left: { kind: 'unary', op: '-', operand: col('x') }, right: num('2') });
    expect(e('@a := @b := 1')).toEqual({ kind: 'binary', op: ':=', left: { kind: 'variable', name: 'a' }, right: { kind: 'binary', op: ':=', left: { kind: 'variable', name: 'b' }, right: num('1') } });
    expect(e('a <=> b')).toEqual({ kind: 'binary', op: '<=>', left: col('a'), right: col('b') });
    expect(e("doc->>'$.name'")).toEqual({ kind: 'binary', op: '->>', left: col('doc'), right: { kind: 'string', value: '$.name' } });
  });

  it('reads predicates', () => {
    expect(e('a NOT IN (1, 2)')).toEqual({ kind: 'in', expr: col('a'), list: [num('1'), num('2')], not: true });
    expect(e('a BETWEEN 1 AND 2 AND b')).toEqual({ kind: 'binary', op: 'and', left: { kind: 'between', expr: col('a'), low: num('1'), high: num('2') }, right: col('b') });
    expect(e("a LIKE 'x!%' ESCAPE '!'")).toEqual({ kind: 'like', op: 'like', expr: col('a'), pattern: { kind: 'string', value: 'x!%' }, escape: { kind: 'string', value: '!' } });
    expect(e("a NOT REGEXP '^x'")).toEqual({ kind: 'like', op: 'rlike', expr: col('a'), pattern: { kind: 'string', value: '^x' }, not: true });
    expect(e('a IS NOT NULL')).toEqual({ kind: 'isnull', expr: col('a'), not: true });
    expect(e('a IS TRUE')).toEqual({ kind: 'binary', op: 'is', left: col('a'), right: { kind: 'bool', value: true } });
    const sel = (c: Expr) => ({ kind: 'select', columns: [{ expr: c }], from: [{ kind: 'table', name: ['t'] }], groupBy: [], orderBy: [] });
    expect(e('EXISTS (SELECT 1 FROM t)')).toEqual({ kind: 'exists', query: 'SELECT 1 FROM t', select: sel(num('1')) });
    expect(e('a IN (SELECT id FROM t)')).toEqual({ kind: 'in', expr: col('a'), list: [], select: sel(col('id')) });
  });

  it('reads calls, niladic functions, casts, CASE, INTERVAL, COLLATE and literals', () => {
    expect(e('CURRENT_TIMESTAMP')).toEqual({ kind: 'call', name: ['CURRENT_TIMESTAMP'], args: [], niladic: true });
    expect(e('utc_timestamp()')).toEqual({ kind: 'call', name: ['utc_timestamp'], args: [] });
    expect(e('COUNT(DISTINCT a)')).toEqual({ kind: 'call', name: ['COUNT'], args: [col('a')], distinct: true });
    expect(e('COUNT(*)')).toEqual({ kind: 'call', name: ['COUNT'], args: [], star: true });
    expect(e('IF(a, 1, 2)')).toEqual({ kind: 'call', name: ['IF'], args: [col('a'), num('1'), num('2')] });
    expect(e('CAST(a AS UNSIGNED)')).toEqual({ kind: 'cast', expr: col('a'), type: { name: 'bigint', args: [], unsigned: true, raw: 'UNSIGNED' }, form: 'cast' });
    expect(e('CONVERT(a, CHAR(10))')).toEqual({ kind: 'cast', expr: col('a'), type: { name: 'char', args: [10], raw: 'CHAR(10)' }, form: 'convert' });
    expect(e('CONVERT(a USING utf8mb4)')).toEqual({ kind: 'cast', expr: col('a'), type: { name: 'char', args: [], charset: 'utf8mb4', raw: 'USING utf8mb4' }, form: 'convert' });
    expect(e('BINARY a')).toEqual({ kind: 'cast', expr: col('a'), type: { name: 'binary', args: [], raw: 'BINARY' }, form: 'cast' });
    expect(e('CASE a WHEN 1 THEN 2 ELSE 3 END')).toEqual({ kind: 'case', operand: col('a'), whens: [{ when: num('1'), then: num('2') }], else: num('3') });
    expect(e('d + INTERVAL 1 DAY')).toEqual({ kind: 'binary', op: '+', left: col('d'), right: { kind: 'interval', value: num('1'), unit: 'day' } });
    expect(e('a COLLATE utf8mb4_bin')).toEqual({ kind: 'column', parts: ['a'], collate: 'utf8mb4_bin' });
    expect(e("_utf8mb4'x' 'y'")).toEqual({ kind: 'string', value: 'xy', charset: 'utf8mb4' });
    expect(e("N'x'")).toEqual({ kind: 'string', value: 'x', national: true });
    expect(e("X'0A' + 0b101")).toEqual({ kind: 'binary', op: '+', left: { kind: 'bytes', hex: '0a' }, right: { kind: 'bytes', hex: '5', bits: '101' } });
    expect(e('@@global.max_connections')).toEqual({ kind: 'variable', name: 'global.max_connections', system: true });
    expect(e('(a + 1) * 2')).toEqual({ kind: 'binary', op: '*', left: { kind: 'paren', expr: { kind: 'binary', op: '+', left: col('a'), right: num('1') } }, right: num('2') });
    expect(e('db.t.c')).toEqual({ kind: 'column', parts: ['db', 't', 'c'] });
    expect(e('1e10')).toEqual(num('1e10'));
  });

  it('keeps spans and turns unknown syntax into opaque nodes', () => {
    const r = parseMysqlExpr('a +\n  MATCH (b) AGAINST (\'x\')', 'x.sql');
    expect(r.diagnostics).toEqual([]);
    expect(r.expr.span).toEqual({ file: 'x.sql', line: 1, col: 1, endLine: 2, endCol: 25 });
    expect(strip(r.expr)).toMatchObject({ kind: 'binary', op: '+', right: { kind: 'opaque', text: "MATCH (b) AGAINST ('x')" } });
    expect(e('a b c')).toMatchObject({ kind: 'opaque', text: 'a b c' });
  });

  it('reports nesting deeper than the limit instead of overflowing', () => {
    const r = parseMysqlExpr(`${'('.repeat(10000)}1${')'.repeat(10000)}`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['PGS1005']);
    expect(r.expr.kind).toBe('opaque');
  });
});
