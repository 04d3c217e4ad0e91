import type { LastRun } from '../data-runs.js';
import type { SequenceTable } from './sequence-table.js';
import { flatten } from '../../collections.js';
import type { Catalog, DataSet, QName, Sequence } from '../../model/catalog.js';
import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode } from '../../model/diagnostics.js';
import { acceptOp, identifier, peek, peekOp, spanOf, type Cursor } from './cursor.js';

/** State carried across statements and scripts: the script runs top to bottom as one client session. */
export interface Session {
  catalog: Catalog;
  /** Current database (USE); '' when the script never names one. */
  current: string;
  /** INSERT data aggregated per table, keyed by lower-case schema.table. */
  data: Map<string, DataSet>;
  /** The last INSERT's data chunk and where its statement ended: the next INSERT right after it extends the run. */
  lastRun?: LastRun;
  /** One diagnostic per kind of skipped info-level statement and script, with how many and the last line (see parser.ts skip). */
  skipped: Map<string, SkippedNote>;
  /** sql_mode ANSI_QUOTES (or ANSI) is in force: "x" is an identifier, not a string. */
  ansiQuotes?: boolean;
  /** Sequences made from MariaDB SEQUENCE=1 tables, and whether a row gave their state (see sequence-table.ts). */
  sequenceTables?: Map<Sequence, SequenceTable>;
}

export interface SkippedNote {
  diag: Diagnostic;
  message: string;
  count: number;
  lastLine: number;
}

/** [db.]name — unqualified names resolve to the current database. */
export function qualifiedName(c: Cursor, s: Session, what = 'name'): QName {
  const first = identifier(c, what);
  if (peekOp(c, '.') && (peek(c, 1).kind === 'word' || peek(c, 1).kind === 'qid')) {
    acceptOp(c, '.');
    return { schema: first, name: identifier(c, what) };
  }
  return { schema: s.current, name: first };
}

/**
 * Report a diagnostic located at tokens [a, b] of the current statement. Dumps give several per table (DROP TABLE IF
 * EXISTS, skipped options) and the catalog keeps them all: the diagnostic is one literal of diag()'s shape (diag's
 * spread of `extra` leaves it a second object for its last fields), its message and object each one string.
 */
export function report(
  c: Cursor, s: Session, code: DiagnosticCode, message: string, a: number, b = a, object?: string,
): void {
  const span = spanOf(c, a, b);
  const severity = DIAGNOSTIC_CODES[code].severity;
  s.catalog.diagnostics.push(object
    ? { code, message: flatten(message), span, object: flatten(object), severity }
    : { code, message: flatten(message), span, severity });
}

