import type { Collation, Column, Table } from '../model/catalog.js';
import type { Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import type { SourceDialect, TranspileContext } from './context.js';

/** How a source column compares strings. */
export interface SourceCollation {
  caseInsensitive: boolean;
  accentInsensitive: boolean;
  /** The collation written on the column, if any (reported when not carried). */
  explicit?: string;
  /** A binary collation (_BIN, _BIN2): compares code points, as PostgreSQL's "C" does. */
  binary?: boolean;
}

const isBinaryCollation = (c: string): boolean => /(^binary$|_bin2?$|_bin_)/i.test(c);

/**
 * Case and accent sensitivity from a collation's name. SQL Server names always say _AS or _AI; a MySQL name that
 * says neither takes it from its case: _ci implies _ai (utf8mb4_general_ci, utf8mb4_unicode_520_ci and
 * latin1_swedish_ci compare 'é' = 'e'), _cs implies _as.
 */
function classify(dialect: SourceDialect, collation: string): { ci: boolean; ai: boolean } {
  const c = collation.toLowerCase();
  if (isBinaryCollation(c)) return { ci: false, ai: false };
  const ci = !c.includes('_cs');
  const ai = c.includes('_ai') || (dialect === 'mysql' && ci && !c.includes('_as'));
  // A collation naming neither (rare) compares as its charset's default: case-insensitive.
  return { ci, ai };
}

/** A MySQL charset's default collation is a _ci one (utf8mb4_general_ci, utf8mb4_0900_ai_ci): accent-insensitive too. */
const MYSQL_DEFAULT = { ci: true, ai: true };

/**
 * T-SQL: no COLLATE → the server default (SQL_Latin1_General_CP1_CI_AS, case-insensitive, accent-sensitive).
 * MySQL: column collation, column charset, table collate, table charset; the defaults are *_ci.
 */
export function sourceCollation(dialect: SourceDialect, col: Column, table: Table): SourceCollation {
  if (col.collation) return { ...toFlags(classify(dialect, col.collation)), explicit: col.collation, ...(isBinaryCollation(col.collation) ? { binary: true } : {}) };
  if (dialect === 'tsql') return { caseInsensitive: true, accentInsensitive: false };
  const charset = col.charset ?? col.type.charset;
  if (charset) return toFlags(charset.toLowerCase() === 'binary' ? { ci: false, ai: false } : MYSQL_DEFAULT);
  const tableCollate = table.options['collate'] ?? table.options['collation'] ?? table.options['default collate'];
  if (tableCollate) return toFlags(classify(dialect, tableCollate));
  const tableCharset = table.options['charset'] ?? table.options['character set'] ?? table.options['default charset'];
  if (tableCharset?.toLowerCase() === 'binary') return toFlags({ ci: false, ai: false });
  return toFlags(MYSQL_DEFAULT);
}

const toFlags = (x: { ci: boolean; ai: boolean }): SourceCollation => ({ caseInsensitive: x.ci, accentInsensitive: x.ai });

/** Types are never changed once made, so columns share this one. */
const CITEXT = dataType('citext');

/** ICU nondeterministic collations: level2 ignores case, level1 ignores case and accents. */
export function nondeterministicCollation(accentInsensitive: boolean): Collation {
  return accentInsensitive
    ? { name: 'case_accent_insensitive', provider: 'icu', locale: 'und-u-ks-level1', deterministic: false }
    : { name: 'case_insensitive', provider: 'icu', locale: 'und-u-ks-level2', deterministic: false };
}

export interface CiType {
  type: DataType;
  /** Schema-qualified PostgreSQL collation name. */
  collation?: string;
  /** Over `subject`: citext keeps the source length as char_length(subject) <= n. */
  checks: Expr[];
  newCollation?: Collation;
}

/**
 * The --case-insensitive policy for one case-insensitive string type (a column's or a domain's):
 * citext plus a length CHECK, an ICU nondeterministic collation in `schema`, or the type unchanged.
 */
export function caseInsensitiveType(ctx: TranspileContext, type: DataType, accentInsensitive: boolean, subject: Expr, schema: string): CiType {
  switch (ctx.ciPolicy) {
    case 'ignore':
      return { type, checks: [] };
    case 'citext': {
      ctx.extensions.add('citext');
      const len = type.args[0];
      const checks: Expr[] = typeof len === 'number'
        ? [{ kind: 'binary', op: '<=', left: { kind: 'call', name: ['char_length'], args: [subject] }, right: { kind: 'number', value: String(len) } }]
        : [];
      return { type: CITEXT, checks };
    }
    case 'collation': {
      const coll = nondeterministicCollation(accentInsensitive);
      return { type, collation: `${schema}.${coll.name}`, checks: [], newCollation: coll };
    }
    default:
      return ctx.ciPolicy satisfies never;
  }
}
