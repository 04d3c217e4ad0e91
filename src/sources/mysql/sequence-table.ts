import { indexOfExactName, objectPath, schemaOf, type Sequence, type Table } from '../../model/catalog.js';
import { diag } from '../../model/diagnostics.js';
import type { SourceSpan } from '../../model/source.js';
import { insertStatements } from '../../data/dialect-tokens.js';
import { RowError, type RowValue } from '../../data/literal-token.js';
import { readRows } from '../../data/read-rows.js';
import { spanOf, type Cursor } from './cursor.js';
import { report, type Session } from './session.js';

/**
 * MariaDB keeps a sequence as a one-row table, and `SHOW CREATE TABLE` (what mysqldump-style tools and MariaDB 10.3's
 * own dumps write) shows it as that table with the SEQUENCE=1 option, followed by `INSERT INTO seq VALUES (...)`:
 * the row is the sequence's whole state. Such a table becomes a sequence; its INSERT sets the state and is not data.
 */
const COLUMNS = [
  'next_not_cached_value', 'minimum_value', 'maximum_value', 'start_value', 'increment', 'cache_size', 'cycle_option', 'cycle_count',
] as const;
type StateColumn = (typeof COLUMNS)[number];

/** What MariaDB gives a sequence table created without a row (SELECT * FROM it right after CREATE TABLE ... SEQUENCE=1). */
const MARIADB_DEFAULTS = { start: 1n, min: 1n, max: 9223372036854775806n, increment: 1n, cache: 1000n };

/** PGS1023 as a warning, located at the whole statement. */
function warning(c: Cursor, s: Session, message: string, object: string): void {
  s.catalog.diagnostics.push(diag('PGS1023', message, { span: spanOf(c, 0, c.toks.length - 1), object, severity: 'warning' }));
}

/** A sequence made from a SEQUENCE=1 table, until the end of the input: whether a row (or SETVAL) gave its state. */
export interface SequenceTable {
  object: string;
  span: SourceSpan;
  /** Line of the INSERT whose row set the state. */
  rowLine?: number;
  /** An INSERT into it had a row that is not a sequence state (said at the INSERT). */
  badRow?: boolean;
}

/**
 * CREATE TABLE ... SEQUENCE=1: the table becomes a sequence with MariaDB's defaults (its INSERT row, read later, sets
 * the state). Returns false when the table is not one (no SEQUENCE=1, or not a sequence table's columns: kept as a table).
 */
export function sequenceFromTable(c: Cursor, s: Session, table: Table, ifNotExists: boolean): boolean {
  const option = table.options.sequence;
  if (option === undefined) return false;
  const object = objectPath('table', table.name);
  if (option !== '1' && option.toUpperCase() !== 'YES') {
    delete table.options.sequence;
    return false;
  }
  const names = table.columns.map((col) => col.name.toLowerCase());
  if (names.length !== COLUMNS.length || COLUMNS.some((n, i) => names[i] !== n)) {
    warning(c, s, `table ${table.name.name} has SEQUENCE=1 but not a MariaDB sequence table's columns (${COLUMNS.join(', ')}): kept as a table`, object);
    delete table.options.sequence;
    return false;
  }
  const schema = schemaOf(s.catalog, table.name.schema);
  const seqObject = objectPath('sequence', table.name);
  const seq: Sequence = { name: table.name, ...MARIADB_DEFAULTS, span: table.span };
  const i = indexOfExactName(schema.sequences, table.name.name);
  const asTable = indexOfExactName(schema.tables, table.name.name);
  if (i >= 0 || asTable >= 0) {
    if (ifNotExists) {
      report(c, s, 'PGS1016', `${seqObject} already defined; CREATE TABLE IF NOT EXISTS keeps the earlier definition`, 0, c.toks.length - 1, seqObject);
      return true;
    }
    report(c, s, 'PGS1016', `${seqObject} defined twice; the later definition wins`, 0, c.toks.length - 1, seqObject);
    if (asTable >= 0) schema.tables.splice(asTable, 1);
  }
  if (i >= 0) schema.sequences[i] = seq;
  else schema.sequences.push(seq);
  (s.sequenceTables ??= new Map()).set(seq, { object: seqObject, span: spanOf(c, 0, c.toks.length - 1) });
  return true;
}

/**
 * The sequence an INSERT writes into, when its table is not a table of the input but a sequence (MariaDB accepts
 * INSERT into a sequence: the row replaces its state).
 */
export function insertTargetSequence(s: Session, table: { schema: string; name: string }): Sequence | undefined {
  const schema = s.catalog.schemas.find((x) => x.name === table.schema);
  if (!schema?.sequences.length || indexOfExactName(schema.tables, table.name) >= 0) return undefined;
  const i = indexOfExactName(schema.sequences, table.name);
  return i >= 0 ? schema.sequences[i] : undefined;
}

/**
 * INSERT INTO seq [(cols)] VALUES (...): the (last) row is the sequence's state. The rows are read with the data
 * phase's row reader (the statement's VALUES were only skimmed). A row that is not a sequence state is a warning
 * and leaves the state as it was.
 */
export function applySequenceRow(c: Cursor, s: Session, seq: Sequence, columns: string[] | undefined): void {
  const object = objectPath('sequence', seq.name);
  const warn = (why: string): void => {
    const pending = s.sequenceTables?.get(seq);
    if (pending) pending.badRow = true;
    warning(c, s, `INSERT INTO sequence ${seq.name.name}: ${why}; the row does not set the sequence's state`, object);
  };
  const order: StateColumn[] = [];
  for (const name of columns ?? COLUMNS) {
    const col = COLUMNS.find((n) => n === name.toLowerCase());
    if (!col) return warn(`${name} is not a column of a sequence`);
    order.push(col);
  }
  const missing = COLUMNS.filter((n) => n !== 'cycle_count' && !order.includes(n));
  if (missing.length) return warn(`no value for ${missing.join(', ')}`);
  let row: RowValue[] | undefined;
  let rows = 0;
  try {
    for (const st of insertStatements('mysql', c.text, c.toks[0]!.start, c.end.start)) {
      rows += readRows(st.toks, order.length, false, (values) => { row = values; });
    }
  } catch (e) {
    if (e instanceof RowError) return warn(e.message);
    throw e;
  }
  if (!row) return warn('no row read');
  const state = new Map<StateColumn, bigint>();
  for (let k = 0; k < order.length; k++) {
    const v = row[k];
    const text = typeof v === 'string' ? v.trim() : undefined;
    if (text === undefined || !/^[-+]?\d+$/.test(text)) {
      return warn(`${order[k]} is ${v === null ? 'NULL' : Buffer.isBuffer(v) ? 'a binary value' : `'${String(v).slice(0, 40)}'`}, not an integer`);
    }
    state.set(order[k]!, BigInt(text));
  }
  const next = state.get('next_not_cached_value')!;
  const min = state.get('minimum_value')!;
  const max = state.get('maximum_value')!;
  const increment = state.get('increment')!;
  const cache = state.get('cache_size')!;
  const cycle = state.get('cycle_option')!;
  const startValue = state.get('start_value')!;
  if (increment === 0n || min >= max || startValue < min || startValue > max || cache < 0n || (cycle !== 0n && cycle !== 1n)) {
    return warn(`(${order.map((n) => `${n} ${state.get(n)}`).join(', ')}) is not a valid sequence state (MariaDB rejects it)`);
  }
  // next_not_cached_value is what MariaDB hands out next (the values it had cached are lost when it restarts too).
  let start = next;
  const past = increment > 0n ? next > max : next < min;
  if (past && cycle === 1n) start = increment > 0n ? min : max;
  else if (past || next < min || next > max) {
    start = next < min ? min : max;
    warning(c, s, `sequence ${seq.name.name} has run out in MariaDB (its next value ${next} is outside ${min}..${max}); the PostgreSQL sequence starts at ${start}`, object);
  }
  Object.assign(seq, { start, min, max, increment, cache: cache === 0n ? 1n : cache, cycle: cycle === 1n });
  if (cycle !== 1n) delete seq.cycle;
  if (rows > 1) {
    warning(c, s, `INSERT INTO sequence ${seq.name.name} has ${rows} rows; the last one is the sequence's state, as in MariaDB`, object);
  }
  const pending = s.sequenceTables?.get(seq);
  if (pending) pending.rowLine = spanOf(c, 0, 0).line;
}

/** A SETVAL on a sequence made from a table states where it stands (its other options stay MariaDB's defaults). */
export function sequenceStateSet(s: Session, seq: Sequence, line: number): void {
  const pending = s.sequenceTables?.get(seq);
  if (pending && pending.rowLine === undefined) pending.rowLine = line;
}

/** At the end of the input: one diagnostic per sequence made from a table, saying where its state came from. */
export function finishSequenceTables(s: Session): void {
  if (!s.sequenceTables) return;
  for (const [seq, t] of s.sequenceTables) {
    const schema = s.catalog.schemas.find((x) => x.name === seq.name.schema);
    if (!schema?.sequences.includes(seq)) continue;
    const name = seq.name.name;
    s.catalog.diagnostics.push(t.rowLine !== undefined
      ? diag('PGS1023', `table ${name} is a MariaDB sequence (SEQUENCE=1): it becomes sequence ${name}, its state the row inserted at line ${t.rowLine} (not loaded as data; cycle_count is not carried over)`, { object: t.object, span: t.span })
      : diag('PGS1023', `table ${name} is a MariaDB sequence (SEQUENCE=1), but ${t.badRow ? 'no row the input inserts into it is a sequence state' : 'the input inserts no row into it (a --no-data dump)'}: it becomes sequence ${name} with MariaDB's defaults (START 1, INCREMENT 1, MINVALUE 1, MAXVALUE ${MARIADB_DEFAULTS.max}, CACHE ${MARIADB_DEFAULTS.cache}, NOCYCLE), not the options nor the position of the sequence dumped`, { object: t.object, span: t.span, severity: 'warning' }));
  }
}
