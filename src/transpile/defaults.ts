import type { Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import { asDatetimeoffset, pgTypeOf, translateExpr, type ExprEnv, type ExprProblem } from './expr.js';
import { typeClass } from './infer.js';
import { isNextValueFor, translateNextValueFor } from './next-value.js';
import { isTimeOfDay } from '../data/time-of-day.js';
import { fitFractionDigits } from './datetime-literal.js';

export interface DefaultResult {
  /** Undefined when the default is dropped. */
  expr?: Expr;
  problems: ExprProblem[];
  failed: boolean;
}

const NUMERIC = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']);
const DATETIME = new Set(['date', 'time', 'timestamp', 'timestamptz', 'interval']);
const STRINGS = new Set(['varchar', 'char', 'text', 'citext']);

function unwrap(e: Expr): Expr {
  return e.kind === 'paren' ? unwrap(e.expr) : e;
}

const literalText = (e: Expr): string | undefined =>
  e.kind === 'string' || e.kind === 'number' ? e.value : undefined;

const castTo = (value: string, type: DataType): Expr => ({ kind: 'cast', expr: { kind: 'string', value }, type, form: 'cast' });

function bitsOf(e: Expr): string | undefined {
  if (e.kind !== 'bytes') return undefined;
  return e.bits ?? BigInt(`0x${e.hex || '0'}`).toString(2);
}

/**
 * The hex digits of a default on a bytea column: a binary literal's, or a string's bytes (UTF-8, as the copy
 * stage writes a string into bytea). A fixed-width source binary(n) stores its values right-padded with zero
 * bytes to n, in MySQL and SQL Server alike, so its default is too.
 */
function byteaHex(e: Expr, source: DataType | undefined): string | undefined {
  const hex = e.kind === 'bytes' ? e.hex : e.kind === 'string' ? Buffer.from(e.value, 'utf8').toString('hex') : undefined;
  const width = source?.name.toLowerCase() === 'binary' ? source.args[0] : undefined;
  return hex !== undefined && typeof width === 'number' ? hex.padEnd(width * 2, '0') : hex;
}

/**
 * A column default for the column's PostgreSQL type: source literals coerced to what the type accepts
 * (bit 0/1 → false/true, '5' → 5 on numbers, typed literals on dates, bytes on bytea), everything else through
 * translateExpr. `source` is the column's source type, for what its width means to a value.
 */
export function translateDefault(def: Expr, type: DataType, env: ExprEnv, source?: DataType): DefaultResult {
  // A domain's default is coerced like its base type's (a bit alias type's DEFAULT (1) is true).
  if (type.base) return translateDefault(def, type.base, env, source);
  const e = unwrap(def);
  const bad = (why: string): DefaultResult => ({ problems: [{ code: 'PGS3006', message: why }], failed: false });
  const lit = literalText(e);
  // DEFAULT NULL is what a column has anyway; PostgreSQL would not even record it.
  if (e.kind === 'null') return { problems: [], failed: false };
  if (!type.schema && !type.array) {
    if (type.name === 'boolean') {
      const v = lit ?? bitsOf(e);
      if (v !== undefined) {
        const s = v.trim().toLowerCase().replace(/^0+(?=\d)/, '');
        if (['1', 'true', 't', 'y', 'yes'].includes(s)) return { expr: { kind: 'bool', value: true }, problems: [], failed: false };
        if (['0', 'false', 'f', 'n', 'no', ''].includes(s)) return { expr: { kind: 'bool', value: false }, problems: [], failed: false };
        return bad(`default ${v} is not a boolean value; dropped`);
      }
    } else if (NUMERIC.has(type.name)) {
      if (e.kind === 'string') {
        const v = e.value.trim();
        if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v)) return { expr: { kind: 'number', value: v }, problems: [], failed: false };
        return bad(`default '${e.value}' is not a number; dropped`);
      }
      if (e.kind === 'bytes') return { expr: { kind: 'number', value: BigInt(`0x${e.hex || '0'}`).toString() }, problems: [], failed: false };
    } else if (DATETIME.has(type.name)) {
      if (e.kind === 'string') {
        if (/^0000-00-00/.test(e.value)) return { problems: [{ code: 'PGS2003', message: `zero-date default '${e.value}' dropped` }], failed: false };
        if (type.name === 'time' && !isTimeOfDay(e.value)) return bad(`default '${e.value}' is outside PostgreSQL time's range (00:00:00 to 24:00:00); dropped`);
        return { expr: castTo(fitFractionDigits(e.value), dataType(type.name)), problems: [], failed: false };
      }
      if (e.kind === 'number' && env.ctx.dialect === 'tsql' && /^(timestamp|date)/.test(type.name)) {
        // SQL Server reads a number as days since 1900-01-01.
        if (/^-?\d+$/.test(e.value)) {
          const d = new Date(Date.UTC(1900, 0, 1) + Number(e.value) * 86400000).toISOString().slice(0, 10);
          return { expr: castTo(type.name === 'date' ? d : `${d} 00:00:00`, dataType(type.name)), problems: [], failed: false };
        }
        return bad(`default ${e.value} on a date/time column is not carried; dropped`);
      }
    } else if (STRINGS.has(type.name)) {
      if (e.kind === 'number') return { expr: { kind: 'string', value: e.value }, problems: [], failed: false };
    } else if (type.name === 'bytea') {
      // A string default's text would carry a NUL byte ('\\0' in a dump) PostgreSQL text cannot hold.
      const hex = byteaHex(e, source);
      if (hex !== undefined) return { expr: castTo(`\\x${hex}`, dataType('bytea')), problems: [], failed: false };
    } else if (type.name === 'varbit' || type.name === 'bit') {
      const bits = bitsOf(e) ?? (e.kind === 'number' && /^\d+$/.test(e.value) ? BigInt(e.value).toString(2) : undefined);
      // MySQL BIT(n) values are n bits wide: b'101' in a BIT(8) column is 00000101.
      const width = type.args[0];
      const padded = bits !== undefined && typeof width === 'number' ? bits.padStart(width, '0') : bits;
      if (padded !== undefined) return { expr: castTo(padded, dataType(type.name)), problems: [], failed: false };
    } else if (type.name === 'jsonb' || type.name === 'json') {
      if (e.kind === 'string') return { expr: castTo(e.value, dataType(type.name)), problems: [], failed: false };
    } else if (type.name === 'uuid' && e.kind === 'string') {
      return { expr: castTo(e.value, dataType('uuid')), problems: [], failed: false };
    }
  }
  if (type.array && e.kind === 'string') {
    // MySQL SET default 'a,b' → '{a,b}'::text[].
    const members = e.value === '' ? [] : e.value.split(',');
    return { expr: castTo(`{${members.map((m) => `"${m.replaceAll('"', '\\"')}"`).join(',')}}`, { ...type }), problems: [], failed: false };
  }
  if (e.kind === 'call' && isNextValueFor(e)) {
    const problems: ExprProblem[] = [];
    const expr = translateNextValueFor(e, env, problems);
    return { expr, problems, failed: problems.length > 0 };
  }
  const r = translateExpr(e, env);
  // A datetimeoffset column: SQL Server reads a datetime2 default (SYSUTCDATETIME()) as UTC.
  if (type.name === 'timestamptz') r.expr = asDatetimeoffset(r.expr, env);
  // SQL Server converts a string-typed default to the column's type; PostgreSQL assigns text only to strings (and
  // a string to uuid, a number or a date only by an explicit cast).
  const from = typeClass(pgTypeOf(r.expr, env)), to = typeClass(type);
  const expr = from === 'string' && to !== 'string' && !type.array && !type.values && !isNullish(r.expr) ? { kind: 'cast' as const, expr: r.expr, type, form: 'cast' as const } : r.expr;
  return { expr, problems: r.problems, failed: r.failed };
}

const isNullish = (e: Expr): boolean => e.kind === 'null' || (e.kind === 'cast' && e.expr.kind === 'null');

