import type { ValidateDb, Row } from './validate-db.js';
import type { ValidateTable } from './validate-plan.js';
import { jsonColumns, rowFieldsSql, rowHashesSql, type Slice } from './validate-sql.js';

/** A row that differs: missing from the target, extra in the target, or present on both with other values. */
export interface RowDiff {
  kind: 'missing' | 'extra' | 'different';
  /** Target key column → canonical value. */
  key: Record<string, string | null>;
  /** For 'different': the target columns whose canonical values differ, with both values. */
  fields?: FieldDiff[];
}

export interface FieldDiff {
  column: string;
  source: string | null;
  target: string | null;
}

/** Differences of one table, counted in full and listed up to a limit. */
export interface DiffSink {
  counts: { missing: number; extra: number; different: number };
  rows: RowDiff[];
  limit: number;
}

export function newSink(limit: number): DiffSink {
  return { counts: { missing: 0, extra: 0, different: 0 }, rows: [], limit };
}

const keyOf = (r: Row, n: number): string[] => Array.from({ length: n }, (_, i) => str(r[`k${i}`]) ?? '\u0000NULL');
const str = (v: unknown): string | null => (v === null || v === undefined ? null : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

export function keyRecord(t: ValidateTable, key: string[]): Record<string, string | null> {
  return Object.fromEntries(t.key.map((c, i) => [c.target, key[i] === '\u0000NULL' ? null : key[i]!]));
}

/**
 * Compares one slice row by row: canonical keys and row hashes (plus JSON documents, parsed) from both
 * sides; rows that differ are then read field by field so the report names the columns.
 */
export async function diffSlice(t: ValidateTable, slice: Slice, src: ValidateDb, tgt: ValidateDb, sink: DiffSink): Promise<number> {
  const [a, b] = await Promise.all([src.query(rowHashesSql(t, slice, 'mysql')), tgt.query(rowHashesSql(t, slice, 'postgres'))]);
  const nk = t.key.length;
  const nj = jsonColumns(t).length;
  const left = new Map(a.map((r) => [JSON.stringify(keyOf(r, nk)), r]));
  const right = new Map(b.map((r) => [JSON.stringify(keyOf(r, nk)), r]));
  const different: string[][] = [];
  let found = 0;
  for (const [k, r] of left) {
    const o = right.get(k);
    if (!o) {
      found++;
      record(sink, { kind: 'missing', key: keyRecord(t, JSON.parse(k) as string[]) });
      continue;
    }
    const same = str(r.h) === str(o.h) && Array.from({ length: nj }, (_, i) => sameJson(str(r[`j${i}`]), str(o[`j${i}`]))).every(Boolean);
    if (!same) {
      found++;
      different.push(JSON.parse(k) as string[]);
    }
  }
  for (const k of right.keys()) {
    if (left.has(k)) continue;
    found++;
    record(sink, { kind: 'extra', key: keyRecord(t, JSON.parse(k) as string[]) });
  }
  const room = Math.max(0, sink.limit - sink.rows.length);
  const detailed = different.slice(0, room);
  const fields = detailed.length ? await compareFields(t, detailed, src, tgt) : [];
  for (const f of fields) record(sink, { kind: 'different', key: keyRecord(t, f.key), fields: f.fields });
  for (let i = detailed.length; i < different.length; i++) record(sink, { kind: 'different', key: keyRecord(t, different[i]!) });
  return found;
}

function record(sink: DiffSink, d: RowDiff): void {
  sink.counts[d.kind]++;
  if (sink.rows.length < sink.limit) sink.rows.push(d);
}

/** Reads the listed keys on both sides and compares every column's canonical value. Keys absent on a side come back as missing/extra. */
export async function compareFields(
  t: ValidateTable, keys: string[][], src: ValidateDb, tgt: ValidateDb,
): Promise<{ key: string[]; kind: 'missing' | 'extra' | 'different' | 'same'; fields: FieldDiff[] }[]> {
  const slice: Slice = { kind: 'keys', keys };
  const [a, b] = await Promise.all([src.query(rowFieldsSql(t, slice, 'mysql')), tgt.query(rowFieldsSql(t, slice, 'postgres'))]);
  const nk = t.key.length;
  const left = new Map(a.map((r) => [JSON.stringify(keyOf(r, nk)), r]));
  const right = new Map(b.map((r) => [JSON.stringify(keyOf(r, nk)), r]));
  return keys.map((key) => {
    const k = JSON.stringify(key);
    const l = left.get(k);
    const r = right.get(k);
    if (!l || !r) return { key, kind: l ? 'missing' : 'extra', fields: [] };
    const fields: FieldDiff[] = [];
    t.columns.forEach((c, i) => {
      const x = str(l[`c${i}`]);
      const y = str(r[`c${i}`]);
      const same = c.kind === 'json' ? sameJson(x, y) : x === y;
      if (!same) fields.push({ column: c.target, source: x, target: y });
    });
    return { key, kind: fields.length ? 'different' : 'same', fields };
  });
}

/** JSON documents compare by value: key order, whitespace and number spelling do not matter. */
export function sameJson(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  try {
    return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
  } catch {
    return false;
  }
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
