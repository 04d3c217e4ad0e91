import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Chunk } from './plan.js';

/** Checkpoints live in the target, so a chunk's rows and its "done" mark commit in one transaction. */
export const STATE_DDL = [
  'CREATE SCHEMA IF NOT EXISTS pgshift',
  `CREATE TABLE IF NOT EXISTS pgshift.copy_state (
    run_fingerprint text NOT NULL, table_name text NOT NULL, chunk_no integer NOT NULL,
    chunk_lo numeric, chunk_hi numeric, rows bigint, done_at timestamptz,
    PRIMARY KEY (run_fingerprint, table_name, chunk_no))`,
  `CREATE TABLE IF NOT EXISTS pgshift.copy_phase (
    run_fingerprint text NOT NULL, phase text NOT NULL, done_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_fingerprint, phase))`,
];

export async function ensureState(client: pg.Client): Promise<void> {
  for (const sql of STATE_DDL) await client.query(sql);
}

/** Source schema + the options that change what lands in the target: a different one means a different run. */
export function runFingerprint(parts: unknown): string {
  const json = JSON.stringify(parts, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return createHash('sha256').update(json).digest('hex').slice(0, 32);
}

/** Fingerprints of earlier runs recorded in the target. */
export async function recordedFingerprints(client: pg.Client): Promise<string[]> {
  const r = await client.query<{ f: string }>('SELECT run_fingerprint AS f FROM pgshift.copy_phase UNION SELECT run_fingerprint FROM pgshift.copy_state');
  return r.rows.map((x) => x.f);
}

export async function forgetRuns(client: pg.Client): Promise<void> {
  await client.query('DELETE FROM pgshift.copy_state');
  await client.query('DELETE FROM pgshift.copy_phase');
}

export async function phaseDone(client: pg.Client, fp: string, phase: string): Promise<boolean> {
  const r = await client.query('SELECT 1 FROM pgshift.copy_phase WHERE run_fingerprint = $1 AND phase = $2', [fp, phase]);
  return (r.rowCount ?? 0) > 0;
}

export async function markPhase(client: pg.Client, fp: string, phase: string): Promise<void> {
  await client.query('INSERT INTO pgshift.copy_phase (run_fingerprint, phase) VALUES ($1, $2) ON CONFLICT DO NOTHING', [fp, phase]);
}

/** The phases and units (checkpoint names starting with `prefix`) an earlier run of this fingerprint committed. */
export async function donePhases(client: pg.Client, fp: string, prefix: string): Promise<Set<string>> {
  const r = await client.query<{ phase: string }>('SELECT phase FROM pgshift.copy_phase WHERE run_fingerprint = $1 AND starts_with(phase, $2)', [fp, prefix]);
  return new Set(r.rows.map((x) => x.phase));
}

export interface StoredChunk extends Chunk {
  done: boolean;
  rows: number;
}

/** The chunks planned for a table by an earlier run (so a resumed run keeps the same ranges). */
export async function storedChunks(client: pg.Client, fp: string, table: string): Promise<StoredChunk[]> {
  const r = await client.query<{ chunk_no: number; chunk_lo: string | null; chunk_hi: string | null; rows: string | null; done_at: Date | null }>(
    'SELECT chunk_no, chunk_lo, chunk_hi, rows, done_at FROM pgshift.copy_state WHERE run_fingerprint = $1 AND table_name = $2 ORDER BY chunk_no',
    [fp, table],
  );
  return r.rows.map((x) => ({
    table, no: x.chunk_no,
    ...(x.chunk_lo !== null ? { lo: BigInt(x.chunk_lo) } : {}),
    ...(x.chunk_hi !== null ? { hi: BigInt(x.chunk_hi) } : {}),
    done: x.done_at !== null, rows: Number(x.rows ?? 0),
  }));
}

export async function recordPlan(client: pg.Client, fp: string, chunks: Chunk[]): Promise<void> {
  for (const c of chunks) {
    await client.query(
      'INSERT INTO pgshift.copy_state (run_fingerprint, table_name, chunk_no, chunk_lo, chunk_hi) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [fp, c.table, c.no, c.lo?.toString() ?? null, c.hi?.toString() ?? null],
    );
  }
}

/** Called inside the chunk's transaction, after its COPY. */
export async function markChunkDone(client: pg.Client, fp: string, c: Chunk, rows: number): Promise<void> {
  await client.query('UPDATE pgshift.copy_state SET rows = $4, done_at = now() WHERE run_fingerprint = $1 AND table_name = $2 AND chunk_no = $3', [fp, c.table, c.no, rows]);
}
