import type { Sequence } from '../model/catalog.js';
import { dataType, type DataType } from '../model/types.js';

/** Value ranges of the integer types a sequence can have. */
const RANGES: Record<string, [bigint, bigint]> = {
  tinyint: [0n, 255n],
  smallint: [-32768n, 32767n],
  int: [-2147483648n, 2147483647n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** decimal(p, 0) holds ±(10^p − 1); PostgreSQL sequences stop at bigint. */
function decimalRange(t: DataType): { range: [bigint, bigint]; cut: boolean } {
  const p = typeof t.args[0] === 'number' ? t.args[0] : 18;
  const top = 10n ** BigInt(p) - 1n;
  const [lo, hi] = RANGES.bigint!;
  return top > hi ? { range: [lo, hi], cut: true } : { range: [-top, top], cut: false };
}

/** The PostgreSQL type of a sequence and the source type's range; undefined for types that are not integers. */
function sourceRange(t: DataType | undefined): { type: DataType; range: [bigint, bigint]; cut: boolean } | undefined {
  const n = (t?.name ?? 'bigint').toLowerCase();
  if (n === 'decimal' || n === 'numeric' || n === 'dec') return { type: dataType('bigint'), ...decimalRange(t!) };
  const range = RANGES[n];
  if (!range) return undefined;
  return { type: dataType(n === 'tinyint' || n === 'smallint' ? 'smallint' : n === 'bigint' ? 'bigint' : 'integer'), range, cut: false };
}

/**
 * SQL Server's sequence defaults differ from PostgreSQL's: MINVALUE and MAXVALUE are the type's range and an
 * ascending sequence starts at MINVALUE. State every bound PostgreSQL would otherwise choose differently;
 * with the bounds stated, PostgreSQL's default start is SQL Server's.
 */
export function withTsqlSequenceDefaults(q: Sequence, pgType: DataType | undefined): { sequence: Sequence; note?: string } {
  const src = sourceRange(q.type);
  if (!src) return { sequence: pgType ? { ...q, type: pgType } : q };
  const inc = q.increment ?? 1n;
  const [typeMin, typeMax] = RANGES[src.type.name]!;
  const min = q.min ?? src.range[0];
  const max = q.max ?? src.range[1];
  const sequence = { ...q, type: src.type, ...(min !== (inc > 0n ? 1n : typeMin) ? { min } : {}), ...(max !== (inc > 0n ? typeMax : -1n) ? { max } : {}) };
  return { sequence, ...(src.cut ? { note: `sequence type ${q.type!.name}(${q.type!.args.join(',')}) becomes bigint; its range is cut to bigint's` } : {}) };
}
