import type pg from 'pg';
import { objectPath, qnameText, type Catalog } from '../model/catalog.js';
import type { Phase, Statement } from '../target/postgres/statement.js';
import { applyInTransaction, type DdlResult } from './ddl.js';

/**
 * One piece of post-data work that commits with its own checkpoint: the keys and indexes of one table, the
 * foreign keys of one table, or one later file (views, routines, triggers, comments) as a whole.
 */
export interface PostDataUnit {
  /** The checkpoint's name in pgshift.copy_phase; the same for the same DDL, so a resumed run finds it. */
  id: string;
  phases: Phase[];
  /** Units that must have committed first (an FK needs the referenced table's key). */
  after: string[];
  /** Tables whose locks the unit takes; two units sharing one never run at once. '*' runs alone. */
  locks: string[];
  /** Rows of the table it scans: the largest go first, so the tail is short. */
  weight: number;
}

const KEYS_FILE = '0050_keys_indexes';
const FKS_FILE = '0060_foreign_keys';
const ALONE = '*';

/** The checkpoint name of a post-data unit. */
export function unitId(file: string, object?: string): string {
  return object === undefined ? `post-data ${file}` : `post-data ${file} ${object}`;
}

/**
 * Splits the post-data phases into units: per table its keys and indexes (0050), per table its foreign keys and
 * unchecked constraints (0060) after the key units of every table they name, and every other file as one unit
 * that runs alone (files before 0050 before all table units, later files after them, in file order).
 * `rows` gives each target table's row count ('schema.table') for the order.
 */
export function planPostData(post: Phase[], target: Catalog, rows: ReadonlyMap<string, number>): PostDataUnit[] {
  const tables = target.schemas.flatMap((s) => s.tables);
  // Post-data statements name their table by its source path (the printer's tablePath).
  const objectOf = new Map(tables.map((t) => [qnameText(t.name).toLowerCase(), t.source ?? objectPath('table', t.name)]));
  const info = new Map(tables.map((t) => [t.source ?? objectPath('table', t.name), {
    rows: rows.get(qnameText(t.name)) ?? 0,
    refs: t.foreignKeys.map((fk) => objectOf.get(qnameText(fk.ref).toLowerCase())).filter((o): o is string => o !== undefined),
  }]));

  const grouped = (p: Phase): Map<string, Statement[]> => {
    const by = new Map<string, Statement[]>();
    for (const s of p.up) by.set(s.object, [...(by.get(s.object) ?? []), s]);
    return by;
  };
  const keyUnits: PostDataUnit[] = [];
  const fkUnits: PostDataUnit[] = [];
  const before: Phase[] = [];
  const later: Phase[] = [];
  for (const p of post) {
    if (!p.up.length) continue;
    if (p.file === KEYS_FILE) {
      for (const [object, up] of grouped(p)) {
        keyUnits.push({ id: unitId(p.file, object), phases: [{ ...p, up, down: [] }], after: [], locks: [object], weight: info.get(object)?.rows ?? 0 });
      }
    } else if (p.file === FKS_FILE) {
      for (const [object, up] of grouped(p)) {
        const refs = info.get(object)?.refs ?? [];
        fkUnits.push({ id: unitId(p.file, object), phases: [{ ...p, up, down: [] }], after: [object, ...refs], locks: [...new Set([object, ...refs])], weight: info.get(object)?.rows ?? 0 });
      }
    } else {
      (p.file < KEYS_FILE ? before : later).push(p);
    }
  }
  const keyIds = new Map(keyUnits.map((u) => [u.locks[0]!, u.id]));
  for (const u of fkUnits) u.after = [...new Set(u.after.map((o) => keyIds.get(o)).filter((id): id is string => id !== undefined))];

  const alone = (p: Phase, after: string[]): PostDataUnit => ({ id: unitId(p.file), phases: [{ ...p, down: [] }], after, locks: [ALONE], weight: 0 });
  const first = before.reduce<PostDataUnit[]>((out, p) => [...out, alone(p, out.map((u) => u.id))], []);
  for (const u of [...keyUnits, ...fkUnits]) u.after.push(...first.map((f) => f.id));
  const tableIds = [...first, ...keyUnits, ...fkUnits].map((u) => u.id);
  const last = later.reduce<PostDataUnit[]>((out, p) => [...out, alone(p, [...tableIds, ...out.map((u) => u.id)])], []);
  return [...first, ...keyUnits, ...fkUnits, ...last];
}

export interface UnitOutcome {
  unit: PostDataUnit;
  statements: number;
  result: DdlResult;
  seconds: number;
}

export interface ApplyUnitsOptions {
  /** Connections at most (never more than the units that can run). */
  jobs: number;
  /** Opens one session for a worker (with its settings made). */
  open: () => Promise<pg.Client>;
  /** Commits the unit's checkpoint inside its transaction. */
  mark: (client: pg.Client, unit: PostDataUnit) => Promise<void>;
  /** Units an earlier run committed: not applied again. */
  done: ReadonlySet<string>;
  onUnit?: (o: UnitOutcome) => void;
}

/**
 * Applies the units over up to `jobs` sessions: each unit in one transaction with its checkpoint, a unit once
 * the units it needs have committed and no running unit holds one of its tables. The first error stops new
 * units from starting; those running finish (commit or roll back) and the error is thrown.
 */
export async function applyUnits(units: PostDataUnit[], options: ApplyUnitsOptions): Promise<UnitOutcome[]> {
  const done = new Set(options.done);
  const pending = units.filter((u) => !done.has(u.id)).map((u, i) => ({ u, i }))
    .sort((a, b) => b.u.weight - a.u.weight || a.i - b.i).map((x) => x.u);
  const known = new Set(units.map((u) => u.id));
  const held = new Set<string>();
  const outcomes: UnitOutcome[] = [];
  let running = 0;
  let failure: { error: unknown } | undefined;
  let waiters: (() => void)[] = [];
  const changed = () => new Promise<void>((r) => waiters.push(r));
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const ready = (u: PostDataUnit) => u.after.every((id) => done.has(id) || !known.has(id))
    && (u.locks.includes(ALONE) ? running === 0 : !held.has(ALONE) && u.locks.every((t) => !held.has(t)));
  const take = (): PostDataUnit | undefined => {
    const i = pending.findIndex(ready);
    return i < 0 ? undefined : pending.splice(i, 1)[0];
  };

  const worker = async (client: pg.Client): Promise<void> => {
    while (!failure && pending.length) {
      const u = take();
      if (!u) {
        if (running === 0) {
          failure = { error: new Error(`post-data units wait on each other: ${pending.map((p) => p.id).join(', ')}`) };
          wake();
          return;
        }
        await changed();
        continue;
      }
      running++;
      for (const t of u.locks) held.add(t);
      const t0 = performance.now();
      try {
        await client.query('BEGIN');
        try {
          const result = await applyInTransaction(client, u.phases);
          await options.mark(client, u);
          await client.query('COMMIT');
          done.add(u.id);
          const o = { unit: u, statements: u.phases.reduce((n, p) => n + p.up.length, 0), result, seconds: (performance.now() - t0) / 1000 };
          outcomes.push(o);
          options.onUnit?.(o);
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw e;
        }
      } catch (e) {
        failure ??= { error: e };
      } finally {
        running--;
        for (const t of u.locks) held.delete(t);
        wake();
      }
    }
  };

  const sessions = Math.max(1, Math.min(options.jobs, pending.length));
  if (pending.length) {
    await Promise.all(Array.from({ length: sessions }, async () => {
      let client: pg.Client;
      try {
        client = await options.open();
      } catch (e) {
        failure ??= { error: e };
        wake();
        return;
      }
      try {
        await worker(client);
      } finally {
        await client.end().catch(() => undefined);
      }
    }));
  }
  if (failure) throw failure.error;
  return outcomes;
}
