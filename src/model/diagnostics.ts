import { formatSpan, type SourceSpan } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * code: PGS1xxx parse, 2xxx type, 3xxx expression, 4xxx routine/view/trigger, 5xxx copy, 6xxx output/verify.
 * object: a path a person can read: 'table dbo.Orders', 'column dbo.Orders.Total', 'index IX_a on dbo.Orders'.
 * rule: the mapping rule id that fired, when one did.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  object?: string;
  span?: SourceSpan;
  suggestion?: string;
  rule?: string;
  /** Source text of the statement, for parse errors. */
  statement?: string;
}

/** Every code pgshift emits, with its default severity and a one-line title (docs/diagnostics.md is generated from this). */
export const DIAGNOSTIC_CODES = {
  // 1xxx: reading and parsing
  PGS1001: { severity: 'error', title: 'statement could not be parsed; skipped' },
  PGS1002: { severity: 'error', title: 'unterminated string, quoted identifier or comment' },
  PGS1003: { severity: 'error', title: 'input is not text (binary data or unknown encoding)' },
  PGS1004: { severity: 'warning', title: 'input is empty' },
  PGS1005: { severity: 'error', title: 'nesting too deep' },
  PGS1010: { severity: 'info', title: 'session or database statement skipped (USE, SET, PRINT, CREATE DATABASE, ...)' },
  PGS1011: { severity: 'info', title: 'storage or engine option has no PostgreSQL meaning; dropped' },
  PGS1012: { severity: 'warning', title: 'statement kind not supported; skipped' },
  PGS1013: { severity: 'info', title: 'DROP statement skipped (output targets an empty database)' },
  PGS1014: { severity: 'info', title: 'data-manipulation statement skipped' },
  PGS1015: { severity: 'warning', title: 'SQLCMD variable used but not defined' },
  PGS1016: { severity: 'warning', title: 'object defined twice; the later definition wins' },
  PGS1017: { severity: 'warning', title: 'ALTER refers to an object not defined in the input' },
  PGS1018: { severity: 'info', title: 'grants, users, roles and permissions are not converted' },
  PGS1019: { severity: 'info', title: 'the script drops an object it defined earlier; it is not in the output' },
  PGS1020: { severity: 'info', title: 'bytes that are not UTF-8: read as Windows-1252 in text, kept byte for byte in binary column data' },
  PGS1021: { severity: 'info', title: 'CREATE RULE / CREATE DEFAULT: carried over where sp_bindrule / sp_bindefault binds it (as a CHECK / DEFAULT)' },
  PGS1022: { severity: 'info', title: 'synonym for a table or view becomes a view over it' },
  PGS1023: { severity: 'info', title: 'MariaDB sequence written as a table (SEQUENCE=1) becomes a sequence; the row inserted into it is its state, not data' },
  // 2xxx: types, columns, keys
  PGS2001: { severity: 'error', title: 'no type rule matches this type' },
  PGS2002: { severity: 'warning', title: 'type mapped with a change of range or precision' },
  PGS2003: { severity: 'warning', title: 'zero-date default dropped (a NOT NULL zero-date column becomes nullable: zero dates load as NULL)' },
  PGS2004: { severity: 'warning', title: 'unique key changes meaning under the case-insensitivity policy' },
  PGS2005: { severity: 'info', title: 'identity or AUTO_INCREMENT option carried over with a change' },
  PGS2006: { severity: 'warning', title: 'collation not carried over' },
  PGS2007: { severity: 'warning', title: 'index kind has no PostgreSQL equivalent; index not created' },
  PGS2008: { severity: 'info', title: 'index converted to a PostgreSQL equivalent' },
  PGS2009: { severity: 'warning', title: 'partitioning not carried over' },
  PGS2010: { severity: 'warning', title: 'identifier collision after folding or truncation' },
  PGS2011: { severity: 'info', title: 'identifier truncated to 63 bytes' },
  PGS2012: { severity: 'warning', title: 'foreign key refers to a table not in the input' },
  PGS2013: { severity: 'info', title: 'column or table option dropped (SPARSE, ROWGUIDCOL, NOT FOR REPLICATION, ...)' },
  PGS2014: { severity: 'warning', title: 'constraint created NOT VALID (source had it unchecked)' },
  PGS2015: { severity: 'warning', title: 'index or key prefix length dropped' },
  PGS2016: { severity: 'info', title: 'system-versioned (temporal) table converted without history' },
  PGS2017: { severity: 'error', title: 'foreign key columns do not match a key of the referenced table' },
  PGS2018: { severity: 'info', title: 'CHECK made redundant by the target type (json_valid on a jsonb column); dropped' },
  PGS2019: { severity: 'warning', title: 'key, index or constraint over a column that went to manual/; moved to manual/ with it' },
  PGS2020: { severity: 'warning', title: 'unique key over a nullable column admits repeated NULLs (PostgreSQL before 15 has no NULLS NOT DISTINCT)' },
  PGS2021: { severity: 'info', title: 'hash partitioning places rows in other partitions than MySQL' },
  // 3xxx: expressions
  PGS3001: { severity: 'error', title: 'function has no PostgreSQL mapping' },
  PGS3002: { severity: 'error', title: 'expression syntax not understood' },
  PGS3003: { severity: 'warning', title: 'expression translated with a change of meaning' },
  PGS3004: { severity: 'warning', title: 'generated column expression is not immutable; stored as a plain column' },
  PGS3005: { severity: 'info', title: 'ON UPDATE CURRENT_TIMESTAMP converted to a trigger' },
  PGS3006: { severity: 'warning', title: 'default value is not valid for the target type; dropped' },
  PGS3007: { severity: 'warning', title: 'default reads another column, which a PostgreSQL DEFAULT cannot; computed by a BEFORE INSERT trigger' },
  // 4xxx: views, routines, triggers, events, data
  PGS4001: { severity: 'warning', title: 'view not converted yet' },
  PGS4002: { severity: 'warning', title: 'procedure or function not converted yet' },
  PGS4003: { severity: 'warning', title: 'trigger not converted yet' },
  PGS4004: { severity: 'warning', title: 'event not converted yet' },
  PGS4005: { severity: 'info', title: 'INSERT data written to 0040_data as COPY' },
  PGS4006: { severity: 'warning', title: 'INSERT statement not written to 0040_data (a value that is not a literal or that PostgreSQL cannot hold, or its table not converted); moved to manual/' },
  PGS4007: { severity: 'warning', title: 'view reads a table or column that is not in the output; moved to manual/' },
  PGS4008: { severity: 'warning', title: 'calls a function of the input that is not converted yet; moved to manual/ with it' },
  // 6xxx: output and verification
  PGS6001: { severity: 'error', title: 'emitted statement rejected by the PostgreSQL parser; moved to manual/' },
  PGS6002: { severity: 'error', title: 'emitted statement failed when applied to PostgreSQL' },
  PGS6003: { severity: 'warning', title: 'foreign-key cycle: keys created after all tables' },
  PGS6004: { severity: 'error', title: 'object could not be printed (unparsed syntax or no PostgreSQL form); moved to manual/' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Build a diagnostic with the code's default severity unless one is given. */
export function diag(
  code: DiagnosticCode,
  message: string,
  extra: Partial<Omit<Diagnostic, 'code' | 'message'>> = {},
): Diagnostic {
  return { code, message, ...extra, severity: extra.severity ?? DIAGNOSTIC_CODES[code].severity };
}

/** `file:line:col  severity  PGSnnnn  message` like tsc/eslint. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatSpan(d.span) || d.object || '-';
  const obj = d.span && d.object ? ` [${d.object}]` : '';
  return `${where}  ${d.severity}  ${d.code}  ${d.message}${obj}`;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: file, line, col, then severity (Array.prototype.sort is stable: ties keep input order). */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(compareDiagnostics);
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const sa = a.span, sb = b.span;
  if (sa && sb) {
    if (sa.file !== sb.file) return sa.file < sb.file ? -1 : 1;
    if (sa.line !== sb.line) return sa.line - sb.line;
    if (sa.col !== sb.col) return sa.col - sb.col;
  } else if (sa || sb) return sa ? -1 : 1;
  return severityRank[a.severity] - severityRank[b.severity];
}

/**
 * Sorted as sortDiagnostics, each one once: a diagnostic repeated (the same object, or one equal in code,
 * severity, message, object, span and rule) is kept where it first appears. Equal ones sort next to each other,
 * so each is compared only with those of its own place, by message: no key is built per diagnostic.
 */
export function uniqueSortedDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const sorted = sortDiagnostics([...new Set(ds)]);
  const out: Diagnostic[] = [];
  let place: Diagnostic | undefined;
  let atPlace = new Map<string, Diagnostic[]>();
  for (const d of sorted) {
    if (!place || compareDiagnostics(place, d) !== 0) {
      place = d;
      if (atPlace.size) atPlace = new Map();
    }
    const alike = atPlace.get(d.message);
    if (alike?.some((x) => sameDiagnostic(x, d))) continue;
    if (alike) alike.push(d);
    else atPlace.set(d.message, [d]);
    out.push(d);
  }
  return out;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  const sa = a.span, sb = b.span;
  return a.code === b.code && a.object === b.object && a.rule === b.rule &&
    (sa === sb || (!!sa && !!sb && sa.file === sb.file && sa.line === sb.line && sa.col === sb.col && sa.endLine === sb.endLine && sa.endCol === sb.endCol));
}
