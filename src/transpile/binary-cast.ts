import type { Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import type { ExprProblem } from './expr.js';
import { bin, cast, fn, num, str } from './functions-ast.js';
import { typeClass } from './infer.js';

/** The send function giving an integer's big-endian bytes, as SQL Server converts an integer to binary. */
const SEND: Record<string, string> = { smallint: 'int2send', int2: 'int2send', integer: 'int4send', int4: 'int4send', int: 'int4send', bigint: 'int8send', int8: 'int8send' };
/** The bit width PostgreSQL reads a big-endian byte string into, for the integers whose two's complement it can read back. */
const WIDTH: Record<string, number> = { integer: 32, int4: 32, int: 32, bigint: 64, int8: 64 };

const hex = (x: Expr): Expr => fn('encode', x, str('hex'));

/** binary(n) is padded or cut on the left to n bytes (SQL Server's rule for numbers); varbinary(n) is only cut. */
function fitLeft(bytes: Expr, srcType: DataType, width: number): Expr {
  const n = srcType.args[0];
  const fixed = srcType.name.toLowerCase() === 'binary';
  if (typeof n !== 'number' || n === width) return bytes;
  if (n < width) return fn('substr', bytes, num(width - n + 1));
  return fixed ? bin('||', fn('decode', str('00'.repeat(n - width)), str('hex')), bytes) : bytes;
}

/**
 * A T-SQL conversion between binary and another type that PostgreSQL has no cast for, or casts with another meaning:
 * an integer to binary is its big-endian bytes, binary to an integer reads the rightmost bytes back. undefined when a
 * plain CAST means the same.
 */
export function binaryCast(inner: Expr, from: DataType | undefined, to: DataType, srcType: DataType, out: ExprProblem[]): Expr | undefined {
  if (!from) return undefined;
  if (to.name === 'bytea' && SEND[from.name]) {
    const width = from.name.startsWith('small') || from.name === 'int2' ? 2 : WIDTH[from.name]! / 8;
    return fitLeft(fn(SEND[from.name]!, inner), srcType, width);
  }
  if (from.name === 'bytea' && WIDTH[to.name]) {
    const digits = WIDTH[to.name]! / 4;
    const text = fn('right', fn('lpad', hex(inner), num(digits), str('0')), num(digits));
    return cast(cast(bin('||', str('x'), text), dataType('bit', [WIDTH[to.name]!])), to);
  }
  // A string's bytes in SQL Server are its code page's (UTF-16 for nvarchar); PostgreSQL's CAST would read backslash escapes.
  const ascii = inner.kind === 'string' && /^[\x20-\x7e]*$/.test(inner.value);
  if (to.name === 'bytea' && typeClass(from) === 'string') {
    if (!ascii) out.push({ code: 'PGS3003', message: 'CAST of a string to binary gives its UTF-8 bytes; SQL Server gives its code page bytes (UTF-16 for nvarchar)' });
    return fn('convert_to', cast(inner, 'text'), str('UTF8'));
  }
  if (from.name === 'bytea' && typeClass(to) === 'string') {
    out.push({ code: 'PGS3003', message: 'CAST of binary to a string reads the bytes as UTF-8; SQL Server reads them in the column\'s code page (UTF-16 for nvarchar)' });
    const text = fn('convert_from', inner, str('UTF8'));
    return typeof srcType.args[0] === 'number' ? fn('left', text, num(srcType.args[0])) : text;
  }
  if ((to.name === 'bytea' && typeClass(from) !== 'string' && from.name !== 'bytea') || (from.name === 'bytea' && typeClass(to) !== 'string' && to.name !== 'bytea')) {
    out.push({ code: 'PGS3001', message: `CAST between binary and ${from.name === 'bytea' ? to.name : from.name}: PostgreSQL has no such cast and SQL Server's byte layout has no built-in equivalent` });
  }
  return undefined;
}

/**
 * CONVERT between binary and a string with binary style 1 (0x prefix) or 2 (hex digits only); undefined for other styles.
 * SQL Server writes upper-case hex digits; a string target shorter than the text keeps its start.
 */
export function binaryStyleConvert(inner: Expr, from: DataType | undefined, to: DataType, srcType: DataType, style: string): Expr | undefined {
  if (style !== '1' && style !== '2') return undefined;
  if (from?.name === 'bytea' && typeClass(to) === 'string') {
    const digits = fn('upper', hex(inner));
    const text = style === '1' ? bin('||', str('0x'), digits) : digits;
    const n = srcType.args[0];
    return typeof n === 'number' ? fn('left', text, num(n)) : text;
  }
  if (to.name === 'bytea' && typeClass(from) === 'string') {
    return fn('decode', style === '1' ? fn('substr', inner, num(3)) : inner, str('hex'));
  }
  return undefined;
}
