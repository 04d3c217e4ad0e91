import { objectPath, type Check, type Column, type ForeignKey, type Index, type Key, type KeyPart, type Table } from '../model/catalog.js';
import { walkExpr, type Expr } from '../model/expr.js';
import type { SourceSpan } from '../model/source.js';
import { dataType, type DataType } from '../model/types.js';
import { jsonValidColumn, mapColumnType, type MappedColumn } from './columns.js';
import { columnDefaultsTrigger, columnsRead, type ColumnDefault } from './column-defaults.js';
import { convertChecks, convertForeignKeys, convertKey } from './constraints.js';
import type { TranspileContext } from './context.js';
import { translateDefault } from './defaults.js';
import { exprText, quoteIdent, quoteQName, typeText } from './draft.js';
import { flatten } from '../collections.js';
import { isImmutable, pgTypeOf, translateExpr } from './expr.js';
import { convertIdentity } from './identity.js';
import { convertIndexes } from './indexes.js';
import { onUpdateTrigger, type OnUpdateColumn } from './on-update.js';
import { rowversionValue } from './rowversion.js';
import { convertPartitioning } from './partition.js';
import { keepSqlServerNullUniqueness } from './null-keys.js';
import { addManual, problemCodes, report, reportProblems, type TableScope } from './scope.js';

export function tableScope(ctx: TranspileContext, src: Table): TableScope {
  const target = ctx.names.relation(src.name)!;
  const columnTypes = new Map<string, DataType>();
  return {
    ctx, src, target, object: flatten(objectPath('table', src.name)),
    env: { ctx, table: src.name, columnTypes },
    columnTypes, ciColumns: new Map(), newTypes: [], newCollations: [], newRoutines: [], newTriggers: [], newSequences: [],
  };
}

/** A computed column's type when the source did not write one (T-SQL `c AS expr`). */
function inferredType(e: Expr, s: TableScope): DataType | undefined {
  const t = pgTypeOf(e, s.env);
  if (t) return t;
  switch (e.kind) {
    case 'number': return /^[-+]?\d+$/.test(e.value) ? dataType('integer') : dataType('numeric');
    case 'bool': case 'between': case 'in': case 'like': case 'isnull': return dataType('boolean');
    case 'paren': return inferredType(e.expr, s);
    case 'binary':
      if (['=', '<>', '<', '>', '<=', '>=', 'and', 'or'].includes(e.op)) return dataType('boolean');
      return arithmeticType(e.op, inferredType(e.left, s), inferredType(e.right, s));
    case 'case': return e.whens[0] && inferredType(e.whens[0].then, s);
    case 'call': {
      const n = e.name[e.name.length - 1]!.toLowerCase();
      if (['coalesce', 'nullif', 'abs', 'round', 'greatest', 'least'].includes(n)) return e.args[0] && inferredType(e.args[0], s);
      if (['length', 'char_length', 'octet_length', 'strpos'].includes(n)) return dataType('integer');
      return undefined;
    }
    default: return undefined;
  }
}

const NUMERIC_RANK = ['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'];

const STRING_TYPES = new Set(['text', 'varchar', 'char', 'citext']);
const DATETIME_TYPES = new Set(['date', 'time', 'timestamp', 'timestamptz']);
const typeGroup = (t: DataType): string =>
  NUMERIC_RANK.includes(t.name) ? 'number' : STRING_TYPES.has(t.name) ? 'string' : DATETIME_TYPES.has(t.name) ? 'datetime' : t.name;

/**
 * A generated column's expression as its declared type: MySQL converts the value to the column type (a JSON_EXTRACT
 * text into a bigint column, a comparison into an int), PostgreSQL casts on assignment only within a type group and
 * into strings, so other mixes get an explicit CAST.
 */
function assignedTo(e: Expr, from: DataType | undefined, to: DataType): Expr {
  if (!from || to.schema || to.array || to.base || from.array) return e;
  const [a, b] = [typeGroup(from), typeGroup(to)];
  return a === b || b === 'string' ? e : { kind: 'cast', expr: e, type: to, form: 'cast' };
}

/** Result type of + - * / %: numbers widen (an unknown side takes the other's); date − date counts days; other mixes are not guessed. */
function arithmeticType(op: string, a: DataType | undefined, b: DataType | undefined): DataType | undefined {
  const isNum = (t: DataType | undefined): boolean => !!t && NUMERIC_RANK.includes(t.name);
  if ((isNum(a) || !a) && (isNum(b) || !b)) return widerNumeric(a, b);
  if (op === '-' && a?.name === 'date' && b?.name === 'date') return dataType('integer');
  if ((op === '+' || op === '-') && a?.name === 'date' && isNum(b)) return a;
  return undefined;
}

/** Arithmetic result type: the wider operand; mixed numeric precision gives unconstrained numeric. */
function widerNumeric(a: DataType | undefined, b: DataType | undefined): DataType | undefined {
  if (!a || !b) return a ?? b;
  const ra = NUMERIC_RANK.indexOf(a.name), rb = NUMERIC_RANK.indexOf(b.name);
  if (ra < 0 || rb < 0) return ra < 0 ? b : a;
  const wide = ra >= rb ? a : b;
  return wide.name === 'numeric' && (a.name !== b.name || a.raw !== b.raw) ? dataType('numeric') : wide;
}

/**
 * SQL Server and MariaDB fill GENERATED ALWAYS AS ROW START|END themselves, so inserts omit them: the row start defaults to the
 * UTC time as SQL Server records it, the row end to the largest timestamp of the column's precision.
 */
function periodDefault(role: 'start' | 'end', type: DataType): Expr {
  // a timestamptz column (MariaDB TIMESTAMP) holds the instant itself
  const zoned = type.name === 'timestamptz';
  if (role === 'start') {
    const now: Expr = { kind: 'call', name: ['now'], args: [] };
    return zoned ? now : { kind: 'call', name: ['timezone'], args: [{ kind: 'string', value: 'UTC' }, now] };
  }
  const digits = typeof type.args[0] === 'number' ? type.args[0] : 6;
  return { kind: 'cast', expr: { kind: 'string', value: `9999-12-31 23:59:59${digits > 0 ? `.${'9'.repeat(digits)}` : ''}` }, type: dataType(zoned ? 'timestamptz' : 'timestamp'), form: 'cast' };
}

const FLAG_TEXT: Record<string, string> = {
  rowguidcol: 'ROWGUIDCOL', sparse: 'SPARSE', filestream: 'FILESTREAM', hidden: 'HIDDEN', invisible: 'INVISIBLE', masked: 'MASKED',
};

function convertColumn(s: TableScope, m: MappedColumn, onUpdate: OnUpdateColumn[], columnDefaults: ColumnDefault[]): Column | undefined {
  const { ctx } = s;
  const c = m.src;
  const col: Column = { name: m.name, type: m.type, nullable: c.nullable || !!m.dropNotNull, span: c.span };
  if (c.flags) for (const f of c.flags) {
    // A column set is the sparse columns seen as one xml value; as a plain column nothing fills or reads through it.
    if (f.toLowerCase() === 'column_set') {
      report(s, 'PGS2013', `column ${c.name}: COLUMN_SET FOR ALL_SPARSE_COLUMNS dropped; it becomes a plain xml column that neither shows nor sets the sparse columns`, { span: c.span, severity: 'warning' });
      continue;
    }
    report(s, 'PGS2013', `column ${c.name}: ${FLAG_TEXT[f.toLowerCase()] ?? f.toUpperCase().replaceAll('_', ' ')} dropped`, { span: c.span });
  }
  if (c.identity) {
    const id = convertIdentity(c, s.src, m.type);
    if (id.problems.length) reportProblems(s, `column ${c.name}`, id.problems.map((p) => ({ ...p, message: p.message.replace(`column ${c.name}: `, '') })), c.span);
    col.type = id.type;
    if (id.identity) col.identity = id.identity;
  }
  if (c.generated) {
    const r = translateExpr(c.generated.expr, s.env);
    reportProblems(s, `computed column ${c.name}`, r.problems, c.span);
    const type = c.type.name ? col.type : inferredType(r.expr, s);
    const original = `${c.name} AS (${c.generated.raw})${c.generated.stored ? ' STORED' : ''}`;
    if (r.failed || !type) {
      if (!type && !r.failed) report(s, 'PGS3002', `computed column ${c.name}: its type cannot be inferred from ${c.generated.raw}; moved to manual`, { span: c.span });
      addManual(s, {
        kind: 'column', original,
        draft: `ALTER TABLE ${quoteQName(s.target)} ADD COLUMN ${quoteIdent(m.name)} ${type ? typeText(type) : 'text'} GENERATED ALWAYS AS (${exprText(r.expr)}) STORED;`,
        codes: r.failed ? problemCodes(r.problems) : ['PGS3002'], span: c.span,
      });
      return undefined;
    }
    col.type = type;
    const expr = c.type.name ? assignedTo(r.expr, inferredType(r.expr, s), type) : r.expr;
    if (!isImmutable(expr, s.env)) {
      report(s, 'PGS3004', `computed column ${c.name}: ${c.generated.raw} is not immutable; created as a plain ${typeText(type)} column`, { span: c.span });
      addManual(s, {
        kind: 'column', original,
        draft: `-- ${quoteQName(s.target)}.${quoteIdent(m.name)} is a plain column: compute ${exprText(expr)} in a view or a BEFORE INSERT OR UPDATE trigger`,
        codes: ['PGS3004'], span: c.span,
      });
    } else {
      // PostgreSQL 18 has virtual generated columns; earlier versions only STORED.
      const stored = ctx.options.targetVersion < 18 || c.generated.stored;
      if (stored && !c.generated.stored) {
        report(s, 'PGS2013', `computed column ${c.name}: VIRTUAL becomes STORED (PostgreSQL ${ctx.options.targetVersion} has no virtual generated columns)`, { span: c.span });
      }
      col.generated = { expr, raw: exprText(expr), stored };
    }
  }
  if (c.default && !m.dropDefault && !col.identity) {
    const d = translateDefault(c.default, col.type, s.env, c.type);
    reportProblems(s, `column ${c.name} default`, d.problems, c.span);
    if (d.failed) {
      addManual(s, {
        kind: 'column',
        original: `${c.name} DEFAULT ${c.defaultRaw ?? exprText(c.default)}`,
        draft: `ALTER TABLE ${quoteQName(s.target)} ALTER COLUMN ${quoteIdent(m.name)} SET DEFAULT ${d.expr ? exprText(d.expr) : 'NULL'};`,
        codes: problemCodes(d.problems), span: c.span,
      });
    } else if (d.expr) {
      const reads = columnsRead(d.expr, s.columnTypes);
      if (reads.length) columnDefaults.push({ name: m.name, expr: d.expr, raw: c.defaultRaw ?? exprText(c.default), reads, span: c.span });
      else {
        col.default = d.expr;
        col.defaultRaw = exprText(d.expr);
      }
    }
  }
  if (c.periodRole && !col.default) col.default = periodDefault(c.periodRole, col.type);
  if (c.onUpdate) onUpdate.push({ name: m.name, expr: c.onUpdate, span: c.span });
  const rv = !col.default ? rowversionValue(s, c.type, col.type) : undefined;
  if (rv) {
    col.default = rv.expr;
    col.defaultRaw = exprText(rv.expr);
    if (!s.newSequences.length) s.newSequences.push(rv.sequence);
    onUpdate.push({ name: m.name, expr: rv.expr, span: c.span, rowversion: true });
  }
  if (m.collation) col.collation = m.collation;
  if (m.copy) col.copy = m.copy;
  if (c.comment !== undefined) col.comment = c.comment;
  return col;
}

const exprColumns = (e: Expr): string[] => {
  const out: string[] = [];
  walkExpr(e, (x) => { if (x.kind === 'column') out.push(x.parts[x.parts.length - 1]!); });
  return out;
};

const keyColumns = (parts: KeyPart[]): string[] => parts.flatMap((p) => (p.expr ? exprColumns(p.expr) : [p.column]));

/**
 * A key, index or constraint over a column that went to manual/ cannot be created either: it follows the column
 * there (PGS2019) instead of failing when the ordered files are applied.
 */
function keepWithColumns(s: TableScope, lost: Set<string>) {
  return <T extends { name?: string; span: SourceSpan }>(items: T[], kind: 'constraint' | 'index', what: string, columnsOf: (x: T) => string[], draft: (x: T) => string): T[] => {
    return items.filter((x) => {
      const missing = [...new Set(columnsOf(x).filter((c) => lost.has(c.toLowerCase())))];
      if (!missing.length) return true;
      const label = `${what}${x.name ? ` ${x.name}` : ''}`;
      report(s, 'PGS2019', `${label}: column ${missing.join(', ')} went to manual/; the ${what} is not created either`, { span: x.span });
      addManual(s, { kind, original: `${label} over ${missing.join(', ')} (see the column's own item)`, draft: draft(x), codes: ['PGS2019'], span: x.span });
      return false;
    });
  };
}

/** The filters of keepWithColumns for each kind of item a table has; only made when some column went to manual/. */
function lostColumnFilters(s: TableScope, lost: Set<string>) {
  const keep = keepWithColumns(s, lost);
  const t = quoteQName(s.target);
  const named = (x: { name?: string }): string => (x.name ? `CONSTRAINT ${quoteIdent(x.name)} ` : '');
  const list = (cols: string[]): string => cols.map(quoteIdent).join(', ');
  const keyList = (parts: KeyPart[]): string => parts.map((p) => (p.expr ? `(${exprText(p.expr)})` : quoteIdent(p.column))).join(', ');
  return {
    checks: (items: Check[]) => keep(items, 'constraint', 'check constraint', (c) => exprColumns(c.expr),
      (c) => `ALTER TABLE ${t} ADD ${named(c)}CHECK (${exprText(c.expr)});`),
    foreignKeys: (items: ForeignKey[]) => keep(items, 'constraint', 'foreign key', (f) => f.columns,
      (f) => `ALTER TABLE ${t} ADD ${named(f)}FOREIGN KEY (${list(f.columns)}) REFERENCES ${quoteQName(f.ref)}${f.refColumns.length ? ` (${list(f.refColumns)})` : ''};`),
    indexes: (items: Index[]) => keep(items, 'index', 'index', (i) => [...keyColumns(i.columns), ...i.include, ...(i.where ? exprColumns(i.where) : [])],
      (i) => `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${i.name ? `${quoteIdent(i.name)} ` : ''}ON ${t}${i.using ? ` USING ${i.using}` : ''} (${keyList(i.columns)})${i.include.length ? ` INCLUDE (${list(i.include)})` : ''}${i.where ? ` WHERE ${exprText(i.where)}` : ''};`),
    keys: (items: Key[], what: 'primary key' | 'unique constraint') => keep(items, 'constraint', what, (k) => keyColumns(k.columns),
      (k) => `ALTER TABLE ${t} ADD ${named(k)}${what === 'primary key' ? 'PRIMARY KEY' : 'UNIQUE'} (${keyList(k.columns)});`),
  };
}

const isSchemaOnly = (t: Table): boolean => t.options.memory_optimized === 'on' && t.options.durability === 'schema_only';

/**
 * SQL Server table kinds PostgreSQL has no form for are reported, never dropped in silence. A SCHEMA_ONLY
 * memory-optimized table keeps no rows across a restart: an UNLOGGED table does the same, unless a logged table
 * has a foreign key to it (PostgreSQL refuses that). Returns 'unlogged' when the table becomes one.
 */
function convertSourceTableOptions(s: TableScope): 'unlogged' | undefined {
  const o = s.src.options;
  const at = { span: s.src.span };
  let persistence: 'unlogged' | undefined;
  if (o.memory_optimized === 'on') {
    const name = (q: { schema?: string; name: string }): string => `${q.schema ?? ''}.${q.name}`.toLowerCase();
    const self = name(s.src.name);
    const referrer = isSchemaOnly(s.src) ? s.ctx.source.schemas.flatMap((x) => x.tables)
      .find((t) => !isSchemaOnly(t) && t.foreignKeys.some((f) => name({ schema: f.ref.schema ?? s.src.name.schema, name: f.ref.name }) === self)) : undefined;
    if (isSchemaOnly(s.src) && !referrer) persistence = 'unlogged';
    const how = persistence ? 'an UNLOGGED table (its rows, like SCHEMA_ONLY ones, do not survive a crash)'
      : `an ordinary table${referrer ? ` (not UNLOGGED: ${referrer.name.name} has a foreign key to it)` : ''}`;
    report(s, 'PGS1011', `MEMORY_OPTIMIZED = ON${o.durability ? `, DURABILITY = ${o.durability.toUpperCase()}` : ''} dropped: the table is ${how}`, { ...at, severity: 'info' });
  }
  if (o.graph) {
    const lost = o.graph === 'node' ? '$node_id' : '$edge_id, $from_id and $to_id';
    report(s, 'PGS1012', `graph table AS ${o.graph.toUpperCase()}: its pseudo-columns ${lost} and MATCH queries have no PostgreSQL form; created as a plain table without them`, { ...at, severity: 'warning' });
  }
  if (o.filetable === 'on') report(s, 'PGS1012', 'FileTable has no PostgreSQL form; created as a plain table without its file columns', { ...at, severity: 'warning' });
  if (o.ledger === 'on') report(s, 'PGS1011', 'LEDGER = ON dropped: the table keeps no tamper-evidence history', { ...at, severity: 'warning' });
  if (o.remote_data_archive) report(s, 'PGS1011', `REMOTE_DATA_ARCHIVE = ${o.remote_data_archive.toUpperCase()} (Stretch Database) dropped`, { ...at, severity: 'info' });
  if (s.ctx.dialect === 'mysql') reportMysqlTableOptions(s);
  return persistence;
}

/**
 * MySQL table options that carry over elsewhere: the engine (reported by the parser where it changes what the
 * table does), character set and collation (the collation policy), AUTO_INCREMENT (the identity's start), UNION
 * (the MERGE engine's report). Every other one (physical storage mostly) is dropped and said so; encryption as a warning,
 * since the database no longer encrypts the rows at rest.
 */
const CARRIED_TABLE_OPTIONS = new Set([
  'engine', 'type', 'charset', 'character set', 'default charset', 'collate', 'collation', 'default collate', 'auto_increment', 'union',
]);

function reportMysqlTableOptions(s: TableScope): void {
  const dropped = Object.entries(s.src.options).filter(([k]) => !CARRIED_TABLE_OPTIONS.has(k));
  if (!dropped.length) return;
  const encrypted = dropped.some(([k, v]) => (k === 'encryption' || k === 'encrypted') && /^(y|yes|1|on)$/i.test(v));
  // A FEDERATED CONNECTION URL may hold a password: never printed.
  const shown = (v: string): string => v.replace(/(\/\/[^:/@\s]*):[^@\s]*@/, '$1:***@');
  const list = dropped.map(([k, v]) => `${k.toUpperCase().replace(/_DIRECTORY$/, ' DIRECTORY')}=${shown(v)}`).join(', ');
  report(s, 'PGS1011', `table options dropped (no PostgreSQL meaning): ${list}${encrypted ? '; the rows are not encrypted by PostgreSQL (use disk or file-system encryption)' : ''}`, {
    span: s.src.span, severity: encrypted ? 'warning' : 'info',
  });
}

/** CHECK (json_valid(col)) columns: MariaDB's JSON columns. */
function jsonValidColumns(src: Table): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (const c of src.checks) {
    const json = jsonValidColumn(c.expr);
    if (json !== undefined) (out ??= new Set()).add(json);
  }
  return out;
}

function firstClustered(src: Table): Key | Index | undefined {
  for (const k of src.uniques) if (k.clustered) return k;
  for (const k of src.indexes) if (k.clustered) return k;
  return undefined;
}

const NO_COLUMNS: ReadonlySet<string> = new Set();

/**
 * One source table → its PostgreSQL table (plus the enum types, collations, functions and triggers it needs).
 * Loops, not map/filter/spread chains, and the lost-column filters only when a column went to manual/: this runs
 * for every table.
 */
export function convertTable(s: TableScope): Table {
  const { src } = s;
  const jsonColumns = jsonValidColumns(src) ?? NO_COLUMNS;
  const mapped: MappedColumn[] = [];
  for (const c of src.columns) {
    const m = mapColumnType(s, c, jsonColumns);
    mapped.push(m);
    s.columnTypes.set(m.name, m.type);
  }
  const onUpdate: OnUpdateColumn[] = [];
  const columnDefaults: ColumnDefault[] = [];
  const columns: Column[] = [];
  for (const m of mapped) {
    const col = convertColumn(s, m, onUpdate, columnDefaults);
    if (!col) continue;
    columns.push(col);
    s.columnTypes.set(col.name, col.type);
  }
  // Columns that went to manual/ (lower-cased), and the type CHECKs of the columns kept.
  let lost: Set<string> | undefined;
  const typeChecks: Check[] = [];
  const kept = columns.length === mapped.length ? undefined : new Set(columns.map((c) => c.name));
  for (const m of mapped) {
    if (kept && !kept.has(m.name)) (lost ??= new Set()).add(m.name.toLowerCase());
    else if (m.checks) for (const c of m.checks) typeChecks.push(c);
  }
  const primaryKey = src.primaryKey && convertKey(s, src.primaryKey, 'primary key');
  // A PostgreSQL UNIQUE constraint holds columns only: a unique key over an expression (MySQL 8 `UNIQUE KEY ((lower(x)))`)
  // is a unique index.
  const uniques: Key[] = [];
  const uniqueIndexes: Index[] = [];
  for (const key of src.uniques) {
    const u = convertKey(s, key, `unique constraint${key.name ? ` ${key.name}` : ''}`);
    if (!u.columns.some((p) => p.expr)) uniques.push(u);
    else uniqueIndexes.push({ ...(u.name !== undefined ? { name: u.name } : {}), unique: true, kind: 'plain', columns: u.columns, include: [], span: u.span, ...(u.comment !== undefined ? { comment: u.comment } : {}) });
  }
  const clustered = firstClustered(src);
  if (clustered) {
    report(s, 'PGS2013', `CLUSTERED ${'unique' in clustered ? 'index' : 'unique constraint'} ${clustered.name ?? '(unnamed)'}: PostgreSQL tables are heaps; CLUSTER orders a table once, not on later writes`, { span: clustered.span, severity: 'info' });
  }
  const drop = lost && lostColumnFilters(s, lost);
  const allChecks = convertChecks(s);
  let checks = typeChecks.length ? typeChecks.concat(allChecks) : allChecks;
  if (drop) checks = drop.checks(checks);
  let foreignKeys = convertForeignKeys(s);
  if (drop) foreignKeys = drop.foreignKeys(foreignKeys);
  const allIndexes = convertIndexes(s);
  let indexes = uniqueIndexes.length ? uniqueIndexes.concat(allIndexes) : allIndexes;
  if (drop) indexes = drop.indexes(indexes);
  const keptPrimary = primaryKey && drop ? drop.keys([primaryKey], 'primary key')[0] : primaryKey;
  const keptUniques = drop ? drop.keys(uniques, 'unique constraint') : uniques;
  keepSqlServerNullUniqueness(s, columns, keptUniques, indexes);
  const partition = src.partition && convertPartitioning(s, [
    ...(keptPrimary ? [keptPrimary] : []), ...keptUniques, ...indexes.filter((i) => i.unique).map((i) => ({ name: i.name, columns: i.columns, span: i.span })),
  ]);
  if (src.temporal) {
    report(s, 'PGS2016', `system-versioned table: PERIOD FOR SYSTEM_TIME (${src.temporal.start}, ${src.temporal.end}) dropped; the period columns are plain columns (defaults: the ${s.ctx.dialect === 'mysql' ? '' : 'UTC '}insert time and 9999-12-31, not changed by updates)${src.temporal.history ? ` and history table ${src.temporal.history.name} is not maintained` : ''}`, { span: src.span });
  }
  const persistence = convertSourceTableOptions(s);
  const defaultsTrig = columnDefaults.length ? columnDefaultsTrigger(s, columnDefaults, new Set(columns.map((c) => c.name))) : undefined;
  for (const trig of [onUpdateTrigger(s, onUpdate), defaultsTrig]) {
    if (!trig) continue;
    s.newRoutines.push(trig.routine);
    s.newTriggers.push(trig.trigger);
  }
  return {
    name: s.target,
    columns,
    ...(keptPrimary ? { primaryKey: keptPrimary } : {}),
    uniques: keptUniques,
    checks,
    foreignKeys,
    indexes,
    ...(src.comment !== undefined ? { comment: src.comment } : {}),
    options: persistence ? { persistence } : {},
    ...(partition ? { partition } : {}),
    span: src.span,
    source: s.object,
  };
}
