import {
  objectPath, schemaOf, type Catalog, type Check, type Column, type ForeignKey, type Index, type Key, type KeyPart, type RefAction,
  type Table,
} from '../../model/catalog.js';
import { diag } from '../../model/diagnostics.js';
import type { Expr } from '../../model/expr.js';
import { parseMysqlExpr } from './expr-parser.js';
import { parseMysql } from './parser.js';
import { withComment } from './table-parts.js';
import { parseColumnType, parsePartitionText, syntheticSpan } from './text-cursor.js';

/** One information_schema row as mysql2 returns it (upper-case column names). */
export type Row = Record<string, unknown>;

/** The rows of every catalog query plus the SHOW CREATE texts, keyed `schema.name` (routines `kind schema.name`). */
export interface CatalogRows {
  /** 'mariadb' reports defaults as expressions; 'mysql' (8) as raw values plus EXTRA DEFAULT_GENERATED. */
  flavor: 'mariadb' | 'mysql';
  /** Pseudo-file naming the server, e.g. mysql://127.0.0.1:3306 (never the user or password). */
  origin: string;
  schemas: string[];
  tables: Row[];
  columns: Row[];
  statistics: Row[];
  keyColumnUsage: Row[];
  referentialConstraints: Row[];
  tableConstraints: Row[];
  checkConstraints: Row[];
  views: Row[];
  routines: Row[];
  triggers: Row[];
  partitions: Row[];
  events: Row[];
  /** SHOW CREATE VIEW|PROCEDURE|FUNCTION|TRIGGER|EVENT|SEQUENCE text per object. */
  createText: Map<string, string>;
}

const str = (r: Row, k: string): string => (r[k] === null || r[k] === undefined ? '' : String(r[k]));
const opt = (r: Row, k: string): string | undefined => (r[k] === null || r[k] === undefined ? undefined : String(r[k]));
const key = (schema: string, name: string): string => `${schema}.${name}`;

/** Groups rows by `schema.table` in row order. */
function byTable(rows: Row[], schemaCol: string, tableCol: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(str(r, schemaCol), str(r, tableCol));
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}

/** Builds the same IR the script parser builds, from recorded catalog rows. Pure: no I/O. */
export function catalogFromRows(rows: CatalogRows): Catalog {
  const catalog: Catalog = { dialect: 'mysql', schemas: [], diagnostics: [] };
  for (const s of rows.schemas) {
    const schema = schemaOf(catalog, s);
    schema.declared = true;
    schema.span = syntheticSpan(`${rows.origin}/${s}`);
  }
  const columns = byTable(rows.columns, 'TABLE_SCHEMA', 'TABLE_NAME');
  const stats = byTable(rows.statistics, 'TABLE_SCHEMA', 'TABLE_NAME');
  const fkCols = byTable(rows.keyColumnUsage, 'TABLE_SCHEMA', 'TABLE_NAME');
  const rules = new Map(rows.referentialConstraints.map((r) => [`${key(str(r, 'CONSTRAINT_SCHEMA'), str(r, 'TABLE_NAME'))}.${str(r, 'CONSTRAINT_NAME')}`, r]));
  const checks = checksByTable(rows);
  const parts = byTable(rows.partitions, 'TABLE_SCHEMA', 'TABLE_NAME');

  for (const t of rows.tables) {
    const type = str(t, 'TABLE_TYPE');
    const schemaName = str(t, 'TABLE_SCHEMA');
    const name = str(t, 'TABLE_NAME');
    const k = key(schemaName, name);
    if (type === 'SEQUENCE') { addParsed(catalog, rows, `sequence ${k}`, schemaName); continue; }
    if (type !== 'BASE TABLE' && type !== 'SYSTEM VERSIONED') continue; // views come from VIEWS
    const file = `${rows.origin}/${k}`;
    const table = buildTable(catalog, rows, t, columns.get(k) ?? [], file);
    addKeys(table, stats.get(k) ?? [], file);
    table.foreignKeys = foreignKeys(fkCols.get(k) ?? [], rules, k, file);
    table.checks = (checks.get(k) ?? []).map((r) => check(r, file));
    const p = parts.get(k);
    if (p?.length) {
      const part = parsePartitionText(partitionText(p), file, catalog, objectPath('table', table.name));
      if (part) table.partition = part;
    }
    schemaOf(catalog, schemaName).tables.push(table);
  }
  for (const v of rows.views) addParsed(catalog, rows, `view ${key(str(v, 'TABLE_SCHEMA'), str(v, 'TABLE_NAME'))}`, str(v, 'TABLE_SCHEMA'));
  for (const r of rows.routines) {
    const kind = str(r, 'ROUTINE_TYPE').toLowerCase();
    addParsed(catalog, rows, `${kind} ${key(str(r, 'ROUTINE_SCHEMA'), str(r, 'ROUTINE_NAME'))}`, str(r, 'ROUTINE_SCHEMA'));
  }
  const seenTriggers = new Set<string>();
  for (const r of rows.triggers) {
    const k = key(str(r, 'TRIGGER_SCHEMA'), str(r, 'TRIGGER_NAME'));
    if (!seenTriggers.has(k)) addParsed(catalog, rows, `trigger ${k}`, str(r, 'TRIGGER_SCHEMA'));
    seenTriggers.add(k);
  }
  for (const e of rows.events) addParsed(catalog, rows, `event ${key(str(e, 'EVENT_SCHEMA'), str(e, 'EVENT_NAME'))}`, str(e, 'EVENT_SCHEMA'));
  return catalog;
}

function buildTable(catalog: Catalog, rows: CatalogRows, t: Row, cols: Row[], file: string): Table {
  const name = { schema: str(t, 'TABLE_SCHEMA'), name: str(t, 'TABLE_NAME') };
  const collation = opt(t, 'TABLE_COLLATION');
  const options: Record<string, string> = {};
  if (opt(t, 'ENGINE')) options.engine = str(t, 'ENGINE');
  if (collation) {
    options.charset = charsetOf(collation);
    options.collate = collation;
  }
  for (const o of str(t, 'CREATE_OPTIONS').split(/\s+/)) {
    const m = /^([a-z_]+)=(.*)$/i.exec(o);
    if (m) options[m[1]!.toLowerCase()] = m[2]!.replace(/^"|"$/g, '');
  }
  const table: Table = {
    name, columns: [], uniques: [], checks: [], foreignKeys: [], indexes: [], options, span: syntheticSpan(file),
  };
  if (str(t, 'TABLE_COMMENT')) table.comment = str(t, 'TABLE_COMMENT');
  table.columns = cols.map((c) => column(catalog, rows.flavor, c, `${file}.${str(c, 'COLUMN_NAME')}`, options));
  // the counter is 1 on every fresh table; only a moved counter is worth a restart
  const next = opt(t, 'AUTO_INCREMENT');
  if (next && Number(next) > 1 && table.columns.some((c) => c.identity)) options.auto_increment = next;
  return table;
}

/** A collation name starts with its character set (utf8mb4_general_ci → utf8mb4); `binary` is both. */
function charsetOf(collation: string): string {
  return collation === 'binary' ? 'binary' : collation.split('_')[0]!;
}

function column(catalog: Catalog, flavor: CatalogRows['flavor'], r: Row, file: string, tableOptions: Record<string, string>): Column {
  const span = syntheticSpan(file);
  const parsed = parseColumnType(str(r, 'COLUMN_TYPE'), file, catalog.diagnostics);
  const col: Column = { name: str(r, 'COLUMN_NAME'), type: parsed.type, nullable: str(r, 'IS_NULLABLE') === 'YES', span };
  const extra = str(r, 'EXTRA');
  const generation = str(r, 'GENERATION_EXPRESSION');
  if (/\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.test(extra) && generation) {
    col.generated = { expr: expr(generation, file), raw: generation, stored: /\b(STORED|PERSISTENT) GENERATED\b/i.test(extra) };
  } else {
    const d = defaultOf(flavor, r, extra);
    if (d) {
      col.default = expr(d, file);
      col.defaultRaw = d;
    }
  }
  if (/\bauto_increment\b/i.test(extra)) col.identity = { start: 1n, increment: 1n, autoIncrement: true };
  const onUpdate = /\bon update (.+)$/i.exec(extra);
  if (onUpdate) col.onUpdate = expr(onUpdate[1]!.trim(), file);
  // only what differs from the table default, as a script writes it
  const charset = opt(r, 'CHARACTER_SET_NAME');
  if (charset && charset !== tableOptions.charset) col.charset = col.type.charset = charset;
  const collation = opt(r, 'COLLATION_NAME');
  if (collation && collation !== tableOptions.collate && (charset !== tableOptions.charset || !isDefaultCollation(collation))) {
    col.collation = collation;
  }
  if (str(r, 'COLUMN_COMMENT')) col.comment = str(r, 'COLUMN_COMMENT');
  const flags: string[] = [];
  if (/\bINVISIBLE\b/i.test(extra)) flags.push('invisible');
  if (flags.length) col.flags = flags;
  return col;
}

/** A column given only a character set gets that set's default collation; a script does not write it. */
function isDefaultCollation(collation: string): boolean {
  return /_general_ci$|^latin1_swedish_ci$|^utf8mb4_0900_ai_ci$|^binary$|^ascii_general_ci$/.test(collation);
}

/**
 * The default as expression text. MariaDB gives an expression ('abc' quoted, NULL, current_timestamp(), 1+2);
 * MySQL 8 gives the raw value, and an expression only when EXTRA says DEFAULT_GENERATED.
 * DEFAULT NULL is no default (the parser's IR has none unless written; both servers report it for every nullable column).
 */
function defaultOf(flavor: CatalogRows['flavor'], r: Row, extra: string): string | undefined {
  const v = opt(r, 'COLUMN_DEFAULT');
  if (v === undefined) return undefined;
  if (flavor === 'mariadb') return v === 'NULL' ? undefined : v;
  if (/\bDEFAULT_GENERATED\b/i.test(extra)) return v;
  const dataType = str(r, 'DATA_TYPE').toLowerCase();
  if (/^(tinyint|smallint|mediumint|int|bigint|decimal|float|double)$/.test(dataType)) return v;
  if (dataType === 'bit') return /^b'/.test(v) ? v : `b'${v}'`;
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function expr(text: string, file: string): Expr {
  return parseMysqlExpr(text, file).expr;
}

/** STATISTICS rows → primary key, unique keys (MySQL's one notion of unique key) and indexes, in index order. */
function addKeys(table: Table, rows: Row[], file: string): void {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const n = str(r, 'INDEX_NAME');
    let g = groups.get(n);
    if (!g) groups.set(n, (g = []));
    g.push(r);
  }
  for (const [name, g] of groups) {
    g.sort((a, b) => Number(a.SEQ_IN_INDEX) - Number(b.SEQ_IN_INDEX));
    const span = syntheticSpan(`${file}#${name}`);
    const columns = g.map((r) => keyPart(r, file));
    const first = g[0]!;
    const type = str(first, 'INDEX_TYPE').toUpperCase();
    // COMMENT ON INDEX / CONSTRAINT in PostgreSQL, as a script's COMMENT option
    const comment = { comment: str(first, 'INDEX_COMMENT') };
    if (name === 'PRIMARY') { table.primaryKey = withComment<Key>({ columns, span }, comment); continue; }
    if (str(first, 'NON_UNIQUE') === '0' && type !== 'HASH') {
      table.uniques.push(withComment<Key>({ name, columns, span }, comment));
      continue;
    }
    const kind: Index['kind'] = type === 'FULLTEXT' ? 'fulltext' : type === 'SPATIAL' || type === 'RTREE' ? 'spatial' : 'plain';
    const index: Index = { name, unique: str(first, 'NON_UNIQUE') === '0', kind, columns, include: [], span };
    if (type === 'HASH') index.using = 'hash'; // BTREE is the default and a script rarely says it
    table.indexes.push(withComment(index, comment));
  }
}

function keyPart(r: Row, file: string): KeyPart {
  const column = opt(r, 'COLUMN_NAME');
  const expression = opt(r, 'EXPRESSION');
  const part: KeyPart = column ? { column } : { column: '', expr: expr(expression ?? '', file) };
  if (r.SUB_PART !== null && r.SUB_PART !== undefined) part.length = Number(r.SUB_PART);
  if (str(r, 'COLLATION') === 'D') part.desc = true;
  return part;
}

const RULES: Record<string, RefAction> = {
  'NO ACTION': 'no action', RESTRICT: 'restrict', CASCADE: 'cascade', 'SET NULL': 'set null', 'SET DEFAULT': 'set default',
};

function foreignKeys(rows: Row[], rules: Map<string, Row>, tableKey: string, file: string): ForeignKey[] {
  const out = new Map<string, ForeignKey>();
  for (const r of rows) {
    const name = str(r, 'CONSTRAINT_NAME');
    let fk = out.get(name);
    if (!fk) {
      fk = {
        name, columns: [], ref: { schema: str(r, 'REFERENCED_TABLE_SCHEMA'), name: str(r, 'REFERENCED_TABLE_NAME') }, refColumns: [],
        span: syntheticSpan(`${file}#${name}`),
      };
      const rule = rules.get(`${tableKey}.${name}`);
      if (rule) {
        const onDelete = RULES[str(rule, 'DELETE_RULE')];
        const onUpdate = RULES[str(rule, 'UPDATE_RULE')];
        if (onDelete) fk.onDelete = onDelete;
        if (onUpdate) fk.onUpdate = onUpdate;
        const match = str(rule, 'MATCH_OPTION').toLowerCase();
        if (match === 'full' || match === 'partial') fk.match = match;
      }
      out.set(name, fk);
    }
    fk.columns.push(str(r, 'COLUMN_NAME'));
    fk.refColumns.push(str(r, 'REFERENCED_COLUMN_NAME'));
  }
  return [...out.values()];
}

/** CHECK rows per table: MariaDB names the table in CHECK_CONSTRAINTS, MySQL 8 only in TABLE_CONSTRAINTS. */
function checksByTable(rows: CatalogRows): Map<string, Row[]> {
  const owner = new Map<string, Row>();
  for (const r of rows.tableConstraints) {
    if (str(r, 'CONSTRAINT_TYPE') === 'CHECK') owner.set(key(str(r, 'CONSTRAINT_SCHEMA'), str(r, 'CONSTRAINT_NAME')), r);
  }
  const out = new Map<string, Row[]>();
  for (const c of rows.checkConstraints) {
    const schema = str(c, 'CONSTRAINT_SCHEMA');
    const tc = owner.get(key(schema, str(c, 'CONSTRAINT_NAME')));
    const table = opt(c, 'TABLE_NAME') ?? (tc ? str(tc, 'TABLE_NAME') : undefined);
    if (table === undefined) continue;
    const row: Row = { ...c, ENFORCED: tc?.ENFORCED ?? 'YES' };
    const k = key(schema, table);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(row);
  }
  return out;
}

function check(r: Row, file: string): Check {
  const raw = str(r, 'CHECK_CLAUSE');
  const name = str(r, 'CONSTRAINT_NAME');
  const c: Check = { name, expr: expr(raw, file), raw, span: syntheticSpan(`${file}#${name}`) };
  if (str(r, 'ENFORCED') === 'NO') c.enforced = false;
  return c;
}

/** PARTITIONS rows → the PARTITION BY clause a script would have (subpartitions are not rebuilt). */
function partitionText(rows: Row[]): string {
  const first = rows[0]!;
  const method = str(first, 'PARTITION_METHOD').toUpperCase();
  const expression = str(first, 'PARTITION_EXPRESSION');
  const head = `PARTITION BY ${method} (${expression})`;
  const seen = new Set<string>();
  const defs: string[] = [];
  for (const r of rows) {
    const name = str(r, 'PARTITION_NAME');
    if (seen.has(name)) continue;
    seen.add(name);
    const desc = opt(r, 'PARTITION_DESCRIPTION');
    if (method.startsWith('RANGE')) defs.push(`PARTITION \`${name}\` VALUES LESS THAN ${desc === 'MAXVALUE' ? 'MAXVALUE' : `(${desc})`}`);
    else if (method.startsWith('LIST')) defs.push(`PARTITION \`${name}\` VALUES IN (${desc})`);
    else defs.push(`PARTITION \`${name}\``);
  }
  if (/HASH|KEY/.test(method)) return `${head} PARTITIONS ${defs.length}`;
  return `${head} (${defs.join(', ')})`;
}

/**
 * Views, routines, triggers, events and sequences: their SHOW CREATE text read by the script parser, so both
 * inputs give one IR; the span names the live object.
 */
function addParsed(catalog: Catalog, rows: CatalogRows, id: string, schemaName: string): void {
  const text = rows.createText.get(id);
  const [kind, qualified] = id.split(' ') as [string, string];
  const file = `${rows.origin}/${qualified}`;
  if (text === undefined) {
    catalog.diagnostics.push(diag('PGS1001', `${kind} ${qualified}: SHOW CREATE returned no text (missing privilege?); skipped`, {
      span: syntheticSpan(file), object: objectPath(kind as 'view', qualified),
    }));
    return;
  }
  // a custom delimiter keeps routine bodies (with their own semicolons) in one statement
  const parsed = parseMysql([{ file, text: `DELIMITER $$pgshift$$\n${text}\n$$pgshift$$\n` }], { defaultSchema: schemaName });
  catalog.diagnostics.push(...parsed.diagnostics.filter((d) => d.severity !== 'info'));
  const from = parsed.schemas.find((s) => s.name === schemaName) ?? parsed.schemas[0];
  if (!from) return;
  const into = schemaOf(catalog, schemaName);
  const span = syntheticSpan(file);
  for (const v of from.views) into.views.push({ ...v, span });
  for (const r of from.routines) into.routines.push({ ...r, span });
  for (const t of from.triggers) into.triggers.push({ ...t, span });
  for (const s of from.sequences) into.sequences.push({ ...s, span });
}
