import { introspectSource, sourceUrlDialect } from '../convert.js';
import { MSSQL_VALIDATE_REFUSAL } from './sources.js';
import { transpile } from '../transpile/index.js';
import { DEFAULT_OPTIONS, type ConvertOptions } from '../transpile/context.js';
import { openMysqlDb, openPgDb, POOL_SIZE, type ValidateDb } from './validate-db.js';
import { planValidation, type SplitMode, type ValidateTable } from './validate-plan.js';
import { bucketChecksumSql, checksumSql, countSql, extentSql, jsonColumns, randomKeysSql, type Slice } from './validate-sql.js';
import { compareFields, diffSlice, keyRecord, newSink, type DiffSink, type RowDiff, type FieldDiff } from './validate-diff.js';

export interface ValidateOptions {
  /** mysql:// or mariadb:// URL of the source database. */
  source: string;
  /** postgres:// URL of the copy. */
  target: string;
  /** Only these tables (source or target names, optionally schema-qualified). */
  tables?: string[];
  /** Rows per checksum chunk (default 50 000). */
  chunkRows?: number;
  /** Random source rows compared field by field per table (default 0). */
  sample?: number;
  /** A mismatching range with at most this many rows is compared row by row instead of bisected (default 2000). */
  leafRows?: number;
  /** Differing rows listed per table; all are counted (default 1000). */
  listLimit?: number;
  /** Naming options the schema was converted with (identifiers, schema map), so tables pair up as in the copy. */
  convert?: Partial<ConvertOptions>;
  onTable?: (r: TableResult) => void;
}

export interface SampleResult {
  checked: number;
  differences: { kind: 'missing' | 'extra' | 'different'; key: Record<string, string | null>; fields: FieldDiff[] }[];
}

export interface TableResult {
  table: string;
  source: string;
  mode: SplitMode;
  sourceRows: number;
  targetRows: number;
  chunks: number;
  mismatchedChunks: number;
  /** Whole-table checksum comparison (tables without a usable key only). */
  checksumMatches?: boolean;
  counts: DiffSink['counts'];
  rows: RowDiff[];
  sample?: SampleResult;
  notes: string[];
  ok: boolean;
  seconds: number;
}

export interface ValidateResult {
  ok: boolean;
  tables: TableResult[];
  seconds: number;
}

const DEFAULT_CHUNK_ROWS = 50_000;
/** Below this many rows a mismatching range is compared row by row instead of split again. */
const LEAF_ROWS = 2_000;

/** Compares a MySQL/MariaDB source with its PostgreSQL copy: counts, per-chunk checksums inside each database, the differing rows, and an optional sample. */
export async function runValidate(o: ValidateOptions): Promise<ValidateResult> {
  const started = Date.now();
  if (sourceUrlDialect(o.source) === 'tsql') throw new Error(MSSQL_VALIDATE_REFUSAL);
  const { source, from } = await introspectSource(o.source);
  if (from !== 'mysql') throw new Error('validate reads MySQL/MariaDB sources only (mysql:// or mariadb://)');
  const target = transpile(source, { ...DEFAULT_OPTIONS, ...o.convert });
  const plan = planValidation(source, target, o.tables, o.convert);
  if (o.tables?.length) {
    const missing = o.tables.filter((n) => !plan.some((t) => [t.name, t.target.name, t.source.name, `${t.source.schema}.${t.source.name}`].some((x) => x.toLowerCase() === n.toLowerCase())));
    if (missing.length) throw new Error(`no such table in the source: ${missing.join(', ')}`);
  }
  const src = await openMysqlDb(o.source);
  let tgt: ValidateDb | undefined;
  try {
    tgt = await openPgDb(o.target);
    const tables: TableResult[] = [];
    for (const t of plan) {
      const r = await validateTable(t, src, tgt, o);
      o.onTable?.(r);
      tables.push(r);
    }
    return { ok: tables.every((t) => t.ok), tables, seconds: (Date.now() - started) / 1000 };
  } finally {
    await Promise.all([src.close(), tgt?.close()]);
  }
}

interface Checksum { n: string; x: string; s: string }

const checksumOf = (r: Record<string, unknown> | undefined): Checksum => ({
  n: String(r?.n ?? '0'),
  // An empty slice: MySQL BIT_XOR gives 0, PostgreSQL bit_xor NULL; a signed bigint and an unsigned one name the same 64 bits.
  x: BigInt.asUintN(64, BigInt(String(r?.x ?? '0'))).toString(),
  s: String(r?.s ?? '0'),
});
const sameChecksum = (a: Checksum, b: Checksum): boolean => a.n === b.n && a.x === b.x && a.s === b.s;

async function checksums(t: ValidateTable, s: Slice, src: ValidateDb, tgt: ValidateDb): Promise<[Checksum, Checksum]> {
  const [a, b] = await Promise.all([src.query(checksumSql(t, s, 'mysql')), tgt.query(checksumSql(t, s, 'postgres'))]);
  return [checksumOf(a[0]), checksumOf(b[0])];
}

export async function validateTable(t: ValidateTable, src: ValidateDb, tgt: ValidateDb, o: ValidateOptions): Promise<TableResult> {
  const started = Date.now();
  const chunkRows = Math.max(1, o.chunkRows ?? DEFAULT_CHUNK_ROWS);
  const sink = newSink(o.listLimit ?? 1000);
  const notes: string[] = [];
  const [na, nb] = await Promise.all([src.query(countSql(t, 'mysql')), tgt.query(countSql(t, 'postgres'))]);
  const sourceRows = Number(na[0]?.n ?? 0);
  const targetRows = Number(nb[0]?.n ?? 0);
  const hasJson = jsonColumns(t).length > 0;
  let chunks = 0;
  let mismatchedChunks = 0;
  let checksumMatches: boolean | undefined;

  if (t.mode === 'range') {
    const [ea, eb] = await Promise.all([src.query(extentSql(t, 'mysql')), tgt.query(extentSql(t, 'postgres'))]);
    const ends = [ea[0]?.lo, ea[0]?.hi, eb[0]?.lo, eb[0]?.hi].filter((v) => v !== null && v !== undefined).map((v) => BigInt(String(v)));
    if (ends.length) {
      // The union of both extents, so rows beyond the source's last key still fall in a chunk.
      const lo = ends.reduce((m, v) => (v < m ? v : m));
      const hi = ends.reduce((m, v) => (v > m ? v : m)) + 1n;
      const n = BigInt(Math.max(1, Math.ceil(Math.max(sourceRows, targetRows) / chunkRows)));
      const width = (hi - lo + n - 1n) / n;
      const slices: Slice[] = [];
      for (let a = lo; a < hi; a += width) slices.push({ kind: 'range', lo: a, hi: a + width < hi ? a + width : hi });
      chunks = slices.length;
      await mapLimit(slices, POOL_SIZE, async (s) => {
        if (hasJson) {
          // JSON is compared in the client, so these tables are compared row by row, chunk by chunk.
          if ((await diffSlice(t, s, src, tgt, sink)) > 0) mismatchedChunks++;
          return;
        }
        const [a, b] = await checksums(t, s, src, tgt);
        if (sameChecksum(a, b)) return;
        mismatchedChunks++;
        await narrowRange(t, s as Extract<Slice, { kind: 'range' }>, a, b, { src, tgt, sink, leafRows: o.leafRows ?? LEAF_ROWS });
      });
    }
  } else if (t.mode === 'bucket') {
    const of = Math.max(1, Math.ceil(Math.max(sourceRows, targetRows) / chunkRows));
    chunks = of;
    let bad: number[];
    if (hasJson) {
      bad = Array.from({ length: of }, (_, i) => i);
    } else {
      const [a, b] = await Promise.all([src.query(bucketChecksumSql(t, of, 'mysql')), tgt.query(bucketChecksumSql(t, of, 'postgres'))]);
      const left = new Map(a.map((r) => [Number(r.b), checksumOf(r)]));
      const right = new Map(b.map((r) => [Number(r.b), checksumOf(r)]));
      bad = [...new Set([...left.keys(), ...right.keys()])].filter((k) => !sameChecksum(left.get(k) ?? checksumOf(undefined), right.get(k) ?? checksumOf(undefined)));
      mismatchedChunks = bad.length;
    }
    const groups: number[][] = [];
    for (let i = 0; i < bad.length; i += 8) groups.push(bad.slice(i, i + 8));
    await mapLimit(groups, POOL_SIZE, async (g) => {
      const found = await diffSlice(t, { kind: 'buckets', of, buckets: g }, src, tgt, sink);
      if (hasJson && found > 0) mismatchedChunks++;
    });
  } else {
    chunks = 1;
    const [a, b] = await checksums(t, { kind: 'all' }, src, tgt);
    checksumMatches = sameChecksum(a, b);
    if (!checksumMatches) mismatchedChunks = 1;
    notes.push('no primary key or NOT NULL unique key: compared by count and whole-table checksum only');
    if (hasJson) notes.push(`JSON column(s) ${jsonColumns(t).map((c) => c.target).join(', ')} not compared (no key to pair rows)`);
  }

  const sample = o.sample && t.key.length ? await sampleRows(t, o.sample, src, tgt) : undefined;
  if (o.sample && !t.key.length) notes.push('no key: --sample skipped');
  const diffs = sink.counts.missing + sink.counts.extra + sink.counts.different;
  const ok = sourceRows === targetRows && diffs === 0 && mismatchedChunks === 0 && checksumMatches !== false && !sample?.differences.length;
  return {
    table: t.name, source: `${t.source.schema}.${t.source.name}`, mode: t.mode, sourceRows, targetRows, chunks, mismatchedChunks,
    ...(checksumMatches !== undefined ? { checksumMatches } : {}),
    counts: sink.counts, rows: sink.rows, ...(sample ? { sample } : {}), notes, ok, seconds: (Date.now() - started) / 1000,
  };
}

/** Bisects a mismatching key range until its halves are small enough to compare row by row. */
async function narrowRange(
  t: ValidateTable, s: Extract<Slice, { kind: 'range' }>, a: Checksum, b: Checksum,
  ctx: { src: ValidateDb; tgt: ValidateDb; sink: DiffSink; leafRows: number },
): Promise<void> {
  const { src, tgt, sink } = ctx;
  if (Math.max(Number(a.n), Number(b.n)) <= ctx.leafRows || s.hi - s.lo <= 1n) {
    await diffSlice(t, s, src, tgt, sink);
    return;
  }
  const mid = s.lo + (s.hi - s.lo) / 2n;
  for (const half of [{ kind: 'range' as const, lo: s.lo, hi: mid }, { kind: 'range' as const, lo: mid, hi: s.hi }]) {
    const [x, y] = await checksums(t, half, src, tgt);
    if (!sameChecksum(x, y)) await narrowRange(t, half, x, y, ctx);
  }
}

/** N random source rows (and their copies) compared column by column. */
async function sampleRows(t: ValidateTable, n: number, src: ValidateDb, tgt: ValidateDb): Promise<SampleResult> {
  const rows = await src.query(randomKeysSql(t, n));
  const keys = rows.map((r) => t.key.map((_, i) => String(r[`k${i}`])));
  const out: SampleResult = { checked: keys.length, differences: [] };
  for (let i = 0; i < keys.length; i += 500) {
    for (const r of await compareFields(t, keys.slice(i, i + 500), src, tgt)) {
      if (r.kind !== 'same') out.differences.push({ kind: r.kind, key: keyRecord(t, r.key), fields: r.fields });
    }
  }
  return out;
}

async function mapLimit<T>(items: T[], limit: number, f: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await f(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
