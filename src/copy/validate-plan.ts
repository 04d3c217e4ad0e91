import { pairTables } from './pairs.js';
import type { Catalog, QName, Table } from '../model/catalog.js';
import { qnameText } from '../model/catalog.js';
import type { DataType } from '../model/types.js';
import type { ConvertOptions } from '../transpile/context.js';

/** How a column's value is written in the canonical row text both databases compute. */
export type CanonKind =
  | 'int' | 'bool' | 'bits' | 'decimal' | 'float' | 'text' | 'set' | 'binary' | 'json'
  | 'date' | 'datetime' | 'timestamp' | 'time' | 'year' | 'spatial';

export interface ValidateColumn {
  source: string;
  target: string;
  kind: CanonKind;
  /** Fractional seconds digits shown (datetime, timestamp, time). */
  fsp: number;
  /** BIT(n) width (bits). */
  bits: number;
  /** SET members in definition order (the canonical order of a set value). */
  members: string[];
  /** Significant digits a float compares at: 6 for single precision (what MySQL prints and the copy reads), 14 for double. */
  digits: number;
}

/** How a table is split for checksums: integer key ranges, hash buckets of any key, or one whole-table checksum. */
export type SplitMode = 'range' | 'bucket' | 'whole';

export interface ValidateTable {
  source: QName;
  target: QName;
  /** 'schema.table' of the target, the name reports use. */
  name: string;
  columns: ValidateColumn[];
  /** Primary key columns (a subset of `columns`), empty without a usable key. */
  key: ValidateColumn[];
  mode: SplitMode;
}

const INTS = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'serial']);
const DECIMALS = new Set(['decimal', 'numeric', 'dec', 'fixed']);
const FLOATS = new Set(['float', 'double', 'double precision', 'real']);
const TEXTS = new Set(['char', 'character', 'nchar', 'national char', 'varchar', 'character varying', 'nvarchar', 'national varchar',
  'tinytext', 'text', 'mediumtext', 'longtext', 'long', 'long varchar', 'enum']);
const BINARIES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob', 'long varbinary']);
const SPATIAL = new Set(['geometry', 'point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon', 'geometrycollection', 'geomcollection']);

/** The canonical kind of a MySQL column, given what the converter made of it (boolean targets compare as 1/0). */
export function canonKind(source: DataType, target: DataType): CanonKind {
  const s = source.name.toLowerCase();
  const t = target.name.toLowerCase();
  if (t === 'boolean' || t === 'bool') return 'bool';
  // MariaDB JSON is LONGTEXT with a json_valid check; the converter makes it jsonb.
  if (t === 'jsonb' || t === 'json' || s === 'json') return 'json';
  if (INTS.has(s)) return 'int';
  if (s === 'bit') return 'bits';
  if (DECIMALS.has(s)) return 'decimal';
  if (FLOATS.has(s)) return 'float';
  if (s === 'set') return 'set';
  if (BINARIES.has(s)) return 'binary';
  if (SPATIAL.has(s)) return 'spatial';
  if (s === 'date') return 'date';
  if (s === 'datetime') return 'datetime';
  if (s === 'timestamp') return 'timestamp';
  if (s === 'time') return 'time';
  if (s === 'year') return 'year';
  if (TEXTS.has(s)) return 'text';
  return 'text';
}

/**
 * Pairs every MySQL source table with its converted PostgreSQL table, column by column, through the
 * name map the transpiler used. `only` keeps tables whose source or target name (optionally schema-qualified) is listed.
 */
export function planValidation(source: Catalog, target: Catalog, only?: string[], options: Partial<ConvertOptions> = {}): ValidateTable[] {
  const wanted = only?.length ? new Set(only.map((n) => n.toLowerCase())) : undefined;
  const out: ValidateTable[] = [];
  for (const { source: t, targetName: tq, columns: pairs } of pairTables(source, target, options)) {
    const labels = [t.name.name, qnameText(t.name), tq.name, qnameText(tq)].map((x) => x.toLowerCase());
    if (wanted && !labels.some((l) => wanted.has(l))) continue;
    const columns: ValidateColumn[] = pairs.map(({ source: c, target: tc }) => {
      const arg0 = typeof c.type.args[0] === 'number' ? c.type.args[0] : undefined;
      return {
        source: c.name, target: tc.name, kind: canonKind(c.type, tc.type),
        fsp: ['datetime', 'timestamp', 'time'].includes(c.type.name.toLowerCase()) ? arg0 ?? 0 : 0,
        bits: c.type.name.toLowerCase() === 'bit' ? arg0 ?? 1 : 0,
        members: c.type.values ?? [],
        digits: isSingleFloat(c.type) ? 6 : 14,
      };
    });
    const key = keyColumns(t, columns);
    out.push({ source: t.name, target: tq, name: qnameText(tq), columns, key, mode: splitMode(key) });
  }
  return out;
}

function isSingleFloat(t: DataType): boolean {
  const p = t.args[0];
  return t.name.toLowerCase() === 'float' && (t.args.length !== 1 || (typeof p === 'number' && p <= 24));
}

/** The primary key's columns, or the first unique key whose columns are all NOT NULL; prefix or expression parts make a key unusable. */
function keyColumns(t: Table, columns: ValidateColumn[]): ValidateColumn[] {
  const candidates = [t.primaryKey, ...t.uniques.filter((u) => u.columns.every((p) => t.columns.find((c) => c.name.toLowerCase() === p.column.toLowerCase())?.nullable === false))];
  for (const k of candidates) {
    if (!k || k.columns.some((p) => p.expr || p.length)) continue;
    const cols = k.columns.map((p) => columns.find((c) => c.source.toLowerCase() === p.column.toLowerCase()));
    // JSON and float keys cannot be compared exactly in SQL on both sides.
    if (cols.every((c): c is ValidateColumn => c !== undefined && c.kind !== 'json' && c.kind !== 'float')) return cols;
  }
  return [];
}

/** Integer single-column keys order identically on both sides, so they split into ranges; other keys into hash buckets. */
function splitMode(key: ValidateColumn[]): SplitMode {
  if (!key.length) return 'whole';
  return key.length === 1 && key[0]!.kind === 'int' ? 'range' : 'bucket';
}
