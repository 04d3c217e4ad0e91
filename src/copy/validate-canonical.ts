import { quoteIdent, quoteLiteral } from '../target/postgres/quote.js';
import type { ValidateColumn } from './validate-plan.js';

export type Dialect = 'mysql' | 'postgres';

export const quoteMysqlIdent = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

/** Field separator and NULL marker of the canonical row text: control characters, so '' and NULL and 'a|b' stay distinct. */
export const FIELD_SEP = 31;
export const NULL_MARK = 30;

/**
 * The canonical text of one column as a SQL expression of the given database. Both sides produce the
 * same text for a value and its copy: decimals at the column scale, floats at 14 significant digits (FLOAT at 6),
 * dates 'YYYY-MM-DD HH:MM:SS[.ffffff]' (zero dates NULL, timestamps in UTC), booleans 1/0, bits as
 * 0/1 text, sets in definition order, binary as lower-case hex. NULL stays NULL here (the row text marks it).
 */
export function canonicalExpr(c: ValidateColumn, d: Dialect): string {
  return d === 'mysql' ? mysqlCanonical(c) : pgCanonical(c);
}

function mysqlCanonical(c: ValidateColumn): string {
  const x = quoteMysqlIdent(c.source);
  const frac = c.fsp > 0 ? '.%f' : '';
  switch (c.kind) {
    case 'int': case 'decimal': return `CAST(${x} AS CHAR)`;
    case 'year': return `CAST(${x} + 0 AS CHAR)`;
    case 'bool': return `CAST((${x} <> 0) AS CHAR)`;
    case 'bits': return `LPAD(BIN(${x} + 0), ${c.bits}, '0')`;
    case 'float': return floatText(`CAST(${x} AS DOUBLE)`, c.digits, 'mysql');
    // The copy drops NUL characters (PostgreSQL text cannot hold them).
    case 'text': case 'json': return `REPLACE(CONVERT(${x} USING utf8mb4), CHAR(0), '')`;
    case 'set': return `CONVERT(${x} USING utf8mb4)`;
    case 'binary': return `LOWER(HEX(${x}))`;
    // MySQL geometry is a 4-byte SRID then WKB; the copy keeps the WKB.
    case 'spatial': return `LOWER(HEX(SUBSTRING(${x}, 5)))`;
    case 'date': return zeroDateNull(x, `DATE_FORMAT(${x}, '%Y-%m-%d')`);
    case 'datetime': case 'timestamp': return zeroDateNull(x, `DATE_FORMAT(${x}, '%Y-%m-%d %H:%i:%s${frac}')`);
    case 'time': return `TIME_FORMAT(${x}, '%H:%i:%s${frac}')`;
    default: return assertNever(c.kind);
  }
}

/** Zero and partial-zero dates (year, month or day 0) are NULL after the copy. */
function zeroDateNull(x: string, text: string): string {
  return `IF(YEAR(${x}) = 0 OR MONTH(${x}) = 0 OR DAYOFMONTH(${x}) = 0, NULL, ${text})`;
}

function pgCanonical(c: ValidateColumn): string {
  const x = quoteIdent(c.target);
  const frac = c.fsp > 0 ? '.US' : '';
  switch (c.kind) {
    case 'int': case 'decimal': case 'year': return `${x}::text`;
    case 'bool': return `${x}::int::text`;
    case 'bits': return `${x}::text`;
    case 'float': return floatText(`${x}::float8`, c.digits, 'postgres');
    case 'text': case 'json': return `${x}::text`;
    case 'set': {
      const order = `ARRAY[${c.members.map(quoteLiteral).join(', ') || "''"}]::text[]`;
      return `array_to_string(ARRAY(SELECT m::text FROM unnest(${x}) m ORDER BY array_position(${order}, m::text)), ',')`;
    }
    case 'binary': case 'spatial': return `encode(${x}, 'hex')`;
    case 'date': return `to_char(${x}, 'YYYY-MM-DD')`;
    case 'datetime': case 'timestamp': return `to_char(${x}, 'YYYY-MM-DD HH24:MI:SS${frac}')`;
    case 'time': return `to_char(${x}, 'HH24:MI:SS${frac}')`;
    default: return assertNever(c.kind);
  }
}

/**
 * A float as '<n-digit integer>e<exponent>', computed with the same IEEE operations on both sides,
 * because MariaDB and PostgreSQL print floats differently (1e15 vs 1e+15, 0.00000015 vs 1.5e-07).
 */
function floatText(v: string, digits: number, d: Dialect): string {
  if (d === 'mysql') {
    const e = `(FLOOR(LOG10(ABS(${v}))) - ${digits - 1})`;
    return `IF(${v} = 0, '0', CONCAT(CAST(ROUND(${v} / POW(10, ${e})) AS SIGNED), 'e', ${e}))`;
  }
  const e = `(floor(log(abs(${v}))) - ${digits - 1})`;
  return `CASE WHEN ${v} = 0 THEN '0' ELSE round(${v} / power(10::float8, ${e}))::bigint::text || 'e' || ${e}::int::text END`;
}

/** The canonical row text: fields joined by FIELD_SEP, NULL as NULL_MARK. */
export function rowText(columns: ValidateColumn[], d: Dialect): string {
  const fields = columns.map((c) => `COALESCE(${canonicalExpr(c, d)}, ${charExpr(NULL_MARK, d)})`);
  return d === 'mysql' ? `CONCAT_WS(${charExpr(FIELD_SEP, d)}, ${fields.join(', ')})` : `concat_ws(${charExpr(FIELD_SEP, d)}, ${fields.join(', ')})`;
}

export function charExpr(code: number, d: Dialect): string {
  return d === 'mysql' ? `CHAR(${code} USING utf8mb4)` : `chr(${code})`;
}

/** MD5 of the canonical row text as 32 hex digits (the same function, over the same UTF-8 bytes, on both sides). */
export function rowHash(columns: ValidateColumn[], d: Dialect): string {
  return d === 'mysql' ? `MD5(${rowText(columns, d)})` : `md5(${rowText(columns, d)})`;
}

function assertNever(x: never): never {
  throw new Error(`unhandled canonical kind ${String(x)}`);
}
