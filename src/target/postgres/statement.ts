import { objectPath, type ManualItem, type Table } from '../../model/catalog.js';
import type { SourceSpan } from '../../model/source.js';

/** One SQL statement of the output, tied to the source object it came from. */
export interface Statement {
  sql: string;
  /** Diagnostic-style path of the SOURCE object: 'table dbo.Orders'. */
  object: string;
  span?: SourceSpan;
  /** What the statement creates, so a failure becomes a ManualItem of the right kind. */
  kind?: ManualItem['kind'];
  /** Shared by an up statement and its down counterpart, so pruning one prunes both. */
  key?: string | number;
  /**
   * Source paths of the other objects it cannot apply without (the table a foreign key or COPY names, the tables
   * and views a view reads, a trigger's table): when the statement creating one of them is rejected, this goes too.
   */
  needs?: string[];
  /** COPY ... FROM stdin: the data lines (COPY text, newline-terminated), produced lazily so files stream them. */
  copyRows?: () => Iterable<string>;
}

/** The source path a target table's statements carry (the one its diagnostics name). */
export function tablePath(t: Table): string {
  return t.source ?? objectPath('table', t.name);
}

/** One numbered migration file: up statements in apply order, down statements in apply order. */
export interface Phase {
  file: string;
  title: string;
  up: Statement[];
  down: Statement[];
}

/** File names and titles, in apply order. */
export const PHASES = [
  { file: '0010_schemas_types', title: 'schemas, extensions, collations and types' },
  { file: '0020_sequences', title: 'sequences' },
  { file: '0030_tables', title: 'tables' },
  { file: '0040_data', title: 'data (INSERT statements of the source as COPY)' },
  { file: '0050_keys_indexes', title: 'primary keys, unique keys and indexes' },
  { file: '0060_foreign_keys', title: 'foreign keys and unchecked constraints' },
  { file: '0070_views', title: 'views' },
  { file: '0080_routines', title: 'functions and procedures' },
  { file: '0090_triggers', title: 'triggers' },
  { file: '0095_identity_restart', title: 'identity sequences restarted past the loaded data' },
  { file: '0100_comments', title: 'comments' },
] as const;

export type PhaseFile = (typeof PHASES)[number]['file'];

/** Down migration as phases: files in descending order, each one's down statements as its up. */
export function downPhases(phases: Phase[]): Phase[] {
  return [...phases]
    .sort((a, b) => (a.file < b.file ? 1 : a.file > b.file ? -1 : 0))
    .map((p) => ({ file: p.file, title: p.title, up: p.down, down: [] }));
}

/** The statement text ends with exactly one semicolon. */
export function terminate(sql: string): string {
  const t = sql.trim();
  // Already ending in one ';' (a routine's or trigger's text mostly): the same string, not a copy of a long body.
  if (t.endsWith(';') && !t.endsWith(';;')) return t;
  return `${t.replace(/;+\s*$/, '')};`;
}
