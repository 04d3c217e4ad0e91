import { RowError, type LiteralToken, type RowValue } from './literal-token.js';
import { TSQL_BINARY_DATE_TYPES, tsqlBinaryDate } from './tsql-binary-dates.js';

/**
 * Reads `(lit, ...), (lit, ...)` from the tokens of one VALUES list, calling `onRow` per row.
 * A literal is a string, number (signed), binary, bits, NULL, or CAST/CONVERT of one; anything else throws
 * RowError naming the row. `tsqlConvert`: CONVERT(type, value[, style]) rather than MySQL's CONVERT(value, type).
 */
export function readRows(toks: LiteralToken[], width: number, tsqlConvert: boolean, onRow: (values: RowValue[]) => void): number {
  // A trailing end token: every lookahead below stays inside the array.
  if (toks[toks.length - 1]?.k !== 'end') toks.push({ k: 'end', v: '' });
  let i = 0;
  let row = 0;
  const fail = (why: string): never => {
    throw new RowError(`row ${row + 1}: ${why}`);
  };
  const isOp = (op: string) => toks[i]!.k === 'op' && toks[i]!.v === op;
  const expectOp = (op: string) => {
    if (!isOp(op)) fail(`expected '${op}' near ${describe(toks[i]!)}`);
    i++;
  };
  // Skips a type name up to the top-level ',' or ')' (CAST ... AS type, CONVERT(type, ...)); returns its first word.
  const skipType = (): string => {
    const first = toks[i]!.v;
    let depth = 0;
    while (toks[i]!.k !== 'end' && (depth > 0 || !(isOp(',') || isOp(')')))) {
      if (isOp('(')) depth++;
      else if (isOp(')')) depth--;
      i++;
    }
    return first;
  };
  // T-SQL CAST(0x… AS DateTime): a date or time value written as its binary form (tsql-binary-dates.ts).
  const typed = (v: RowValue, type: string): RowValue => {
    if (!tsqlConvert || !Buffer.isBuffer(v) || !TSQL_BINARY_DATE_TYPES.has(type.toUpperCase())) return v;
    const text = tsqlBinaryDate(type, v);
    return text ?? fail(`${type} from binary 0x${v.toString('hex')} is not a valid ${type}`);
  };
  const value = (): RowValue => {
    const t = toks[i]!;
    if (t.k === 'op' && (t.v === '-' || t.v === '+') && toks[i + 1]!.k === 'num') {
      i += 2;
      return t.v === '-' ? `-${toks[i - 1]!.v}` : toks[i - 1]!.v;
    }
    i++;
    switch (t.k) {
      case 'str': case 'num': return t.v;
      case 'null': return null;
      case 'bin': return Buffer.from(t.v.length % 2 ? `0${t.v}` : t.v, 'hex');
      case 'bits': return bitsBuffer(t.v);
      case 'word':
        if (t.v === 'CAST' && isOp('(')) {
          i++;
          const v = value();
          if (toks[i]!.k !== 'word' || toks[i]!.v !== 'AS') fail('CAST without AS');
          i++;
          const type = skipType();
          expectOp(')');
          return typed(v, type);
        }
        if (t.v === 'CONVERT' && isOp('(')) {
          i++;
          let type = '';
          if (tsqlConvert) {
            type = skipType();
            expectOp(',');
          }
          const v = typed(value(), type);
          // MySQL: CONVERT(v, type) / CONVERT(v USING cs); T-SQL: an optional style number.
          if (isOp(',') || (toks[i]!.k === 'word' && toks[i]!.v === 'USING')) {
            i++;
            skipType();
          }
          expectOp(')');
          return v;
        }
        return fail(`${t.v} is not a literal`);
      default:
        return fail(`${describe(t)} is not a literal`);
    }
  };
  for (;;) {
    if (toks[i]!.k === 'word' && toks[i]!.v === 'ROW') i++;
    expectOp('(');
    const values: RowValue[] = [];
    if (!isOp(')')) {
      values.push(value());
      while (isOp(',')) {
        i++;
        values.push(value());
      }
    }
    expectOp(')');
    if (values.length !== width) fail(`${values.length} value(s) for ${width} column(s)`);
    onRow(values);
    row++;
    if (!isOp(',')) break;
    i++;
  }
  return row;
}

function describe(t: LiteralToken): string {
  return t.k === 'end' ? 'the end of the statement' : `'${t.v.slice(0, 40)}'`;
}

/** b'101' → big-endian bytes, as the MySQL driver hands BIT values to the copy transforms. */
function bitsBuffer(bits: string): Buffer {
  const padded = bits.padStart(Math.ceil(bits.length / 8) * 8 || 8, '0');
  const out = Buffer.alloc(padded.length / 8);
  for (let b = 0; b < out.length; b++) out[b] = parseInt(padded.slice(b * 8, b * 8 + 8), 2);
  return out;
}
