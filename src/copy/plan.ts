import { pairTables } from './pairs.js';
import type { Catalog, Column, QName, Table } from '../model/catalog.js';
import { qnameText } from '../model/catalog.js';
import type { DataType } from '../model/types.js';
import type { ConvertOptions } from '../transpile/context.js';
import { quoteIdent, quoteQName } from '../target/postgres/quote.js';
import { fieldEncoder, type FieldEncoder } from './transforms.js';

/** One column copied: where it is read, where it goes, how its values are encoded. */
export interface CopyColumn {
  source: string;
  target: string;
  /** The source column's stored type (alias types resolved to their base): how a source reads it exactly. */
  sourceType: DataType;
  encode: FieldEncoder;
  /** The named value transform, for reports. */
  copy?: string;
}

/** One table of the copy: its source and target names, columns in copy order, and the key that splits it. */
export interface CopyTable {
  source: QName;
  target: QName;
  /** 'schema.table' of the target: the name in state, rejects and the summary. */
  name: string;
  columns: CopyColumn[];
  /** Single-column integer primary key (source spelling), when the table can be split into ranges. */
  splitKey?: string;
  /** Identity columns of the target (their declared start carries the source's next value), restarted after the copy. */
  identity: { name: string; start: bigint; increment: bigint }[];
}

/** A key range [lo, hi] (inclusive) of a table, or the whole table (lo/hi undefined). */
export interface Chunk {
  table: string;
  no: number;
  lo?: bigint;
  hi?: bigint;
}

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint']);

/** Every table to copy: its paired columns with their value encoders, the split key and identity columns. */
export function planTables(source: Catalog, target: Catalog, options: Partial<ConvertOptions> = {}): CopyTable[] {
  return pairTables(source, target, options).map(({ source: t, target: tt, targetName: tq, columns }) => {
    const key = splitKeyOf(t);
    return {
      source: t.name, target: tq, name: qnameText(tq),
      columns: columns.map(({ source: c, target: tc }) => ({
        source: c.name, target: tc.name, sourceType: storedType(source, c.type),
        encode: fieldEncoder({ source: c.type, target: tc.type, ...(tc.copy ? { copy: tc.copy } : {}) }),
        ...(tc.copy ? { copy: tc.copy } : {}),
      })),
      ...(key ? { splitKey: key } : {}),
      identity: tt.columns.filter((c: Column) => c.identity).map((c) => ({ name: c.name, start: c.identity!.start, increment: c.identity!.increment })),
    };
  });
}

/** An alias type (T-SQL CREATE TYPE Phone FROM varchar(20)) is stored and sent as its base type. */
function storedType(c: Catalog, type: DataType): DataType {
  if (!type.schema) return type;
  const alias = c.schemas.find((s) => s.name.toLowerCase() === type.schema!.toLowerCase())?.types
    .find((u) => u.kind === 'alias' && u.name.name.toLowerCase() === type.name.toLowerCase());
  return alias?.base ?? type;
}

function splitKeyOf(t: Table): string | undefined {
  const parts = t.primaryKey?.columns;
  if (parts?.length !== 1 || parts[0]!.expr) return undefined;
  const col = t.columns.find((c) => c.name.toLowerCase() === parts[0]!.column.toLowerCase());
  return col && INTEGER_TYPES.has(col.type.name.toLowerCase()) ? col.name : undefined;
}

/** Splits [min, max] into n ranges of near-equal width (the last ends at max). */
export function splitRange(table: string, min: bigint, max: bigint, n: number): Chunk[] {
  const span = max - min + 1n;
  const parts = BigInt(Math.max(1, Math.min(n, Number(span > 1_000_000_000n ? 1_000_000_000n : span))));
  const width = (span + parts - 1n) / parts;
  const out: Chunk[] = [];
  for (let lo = min, no = 0; lo <= max; lo += width, no++) {
    const hi = lo + width - 1n > max ? max : lo + width - 1n;
    out.push({ table, no, lo, hi });
  }
  return out;
}

/** The target COPY statement for a table's columns, in text format or binary. */
export function copyStatement(t: CopyTable, format: 'text' | 'binary' = 'text'): string {
  return `COPY ${quoteQName(t.target)} (${t.columns.map((c) => quoteIdent(c.target)).join(', ')}) FROM STDIN${format === 'binary' ? ' WITH (FORMAT binary)' : ''}`;
}
