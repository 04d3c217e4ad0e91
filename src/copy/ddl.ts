import type pg from 'pg';
import type { Phase } from '../target/postgres/print.js';

/** Files before the data (schemas, types, sequences, tables) and after it (keys, indexes, FKs, views, routines, triggers, comments). */
export function splitPhases(phases: Phase[]): { pre: Phase[]; post: Phase[] } {
  return { pre: phases.filter((p) => p.file < '0040'), post: phases.filter((p) => p.file >= '0040') };
}

export interface DdlResult {
  applied: number;
  failed: { object: string; sql: string; error: string }[];
}

/**
 * Applies the statements in the open transaction, each under a savepoint so one refusal does not undo the rest;
 * the caller commits together with the phase's checkpoint.
 */
export async function applyInTransaction(client: pg.Client, phases: Phase[]): Promise<DdlResult> {
  const out: DdlResult = { applied: 0, failed: [] };
  for (const p of phases) {
    for (const s of p.up) {
      await client.query('SAVEPOINT pgshift_ddl');
      try {
        await client.query(s.sql);
        await client.query('RELEASE SAVEPOINT pgshift_ddl');
        out.applied++;
      } catch (e) {
        await client.query('ROLLBACK TO SAVEPOINT pgshift_ddl');
        out.failed.push({ object: s.object, sql: s.sql, error: (e as Error).message });
      }
    }
  }
  return out;
}
