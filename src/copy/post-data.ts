import type pg from 'pg';
import { groupBy } from '../collections.js';
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
  /** Target tables ('schema.table') whose rows must all be in before it starts (none: after all the rows). */
  tables: string[];
  /** Rows of the table it scans: the largest go first, so the tail is short. */
  weight: number;
}

/**
 * Session settings of the post-data connections. Index builds sort in maintenance_work_mem (PostgreSQL's 64MB
 * spills a sort of some ten million keys to disk). No parallel index-build workers: with a session per core they
 * only compete (measured on two cores, the bench's keys over two sessions: 3.1 s with two workers each, 2.4 s
 * without). A lost commit after a server crash is redone like a chunk.
 */
export const POST_DATA_SETTINGS: Readonly<Record<string, string>> = {
  maintenance_work_mem: '512MB',
  max_parallel_maintenance_workers: '0',
  synchronous_commit: 'off',
};

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
    name: qnameText(t.name),
    rows: rows.get(qnameText(t.name)) ?? 0,
    refs: t.foreignKeys.map((fk) => objectOf.get(qnameText(fk.ref).toLowerCase())).filter((o): o is string => o !== undefined),
  }]));

  const grouped = (p: Phase): Map<string, Statement[]> => groupBy(p.up, (s) => s.object);
  const keyUnits: PostDataUnit[] = [];
  const fkUnits: PostDataUnit[] = [];
  const before: Phase[] = [];
  const later: Phase[] = [];
  for (const p of post) {
    if (!p.up.length) continue;
    if (p.file === KEYS_FILE) {
      for (const [object, up] of grouped(p)) {
        const t = info.get(object);
        keyUnits.push({ id: unitId(p.file, object), phases: [{ ...p, up, down: [] }], after: [], locks: [object], tables: t ? [t.name] : [], weight: t?.rows ?? 0 });
      }
    } else if (p.file === FKS_FILE) {
      for (const [object, up] of grouped(p)) {
        const refs = info.get(object)?.refs ?? [];
        const locks = [...new Set([object, ...refs])];
        const names = locks.map((o) => info.get(o)?.name).filter((n): n is string => n !== undefined);
        fkUnits.push({ id: unitId(p.file, object), phases: [{ ...p, up, down: [] }], after: [object, ...refs], locks, tables: names, weight: info.get(object)?.rows ?? 0 });
      }
    } else {
      (p.file < KEYS_FILE ? before : later).push(p);
    }
  }
  const keyIds = new Map(keyUnits.map((u) => [u.locks[0]!, u.id]));
  for (const u of fkUnits) u.after = [...new Set(u.after.map((o) => keyIds.get(o)).filter((id): id is string => id !== undefined))];

  const alone = (p: Phase, after: string[]): PostDataUnit => ({ id: unitId(p.file), phases: [{ ...p, down: [] }], after, locks: [ALONE], tables: [], weight: 0 });
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

/** The units left to apply and the tables held by those running: what may start next. */
export interface UnitQueue {
  /** The heaviest unit whose units before it have committed, that shares no table with a running one and passes `gate`. */
  take(gate?: (u: PostDataUnit) => boolean): PostDataUnit | undefined;
  /** A taken unit ended (committed when `ok`). */
  finish(u: PostDataUnit, ok: boolean): void;
  /** Units not yet finished, running ones included. */
  readonly left: number;
  readonly running: number;
  /** Orders the units not yet taken by weight again (after weights changed). */
  reorder(): void;
  readonly pending: readonly PostDataUnit[];
}

export function unitQueue(units: PostDataUnit[], alreadyDone: ReadonlySet<string>): UnitQueue {
  const done = new Set(alreadyDone);
  const order = new Map(units.map((u, i) => [u, i]));
  const pending = units.filter((u) => !done.has(u.id));
  const known = new Set(units.map((u) => u.id));
  const held = new Set<string>();
  let running = 0;
  const reorder = () => void pending.sort((a, b) => b.weight - a.weight || order.get(a)! - order.get(b)!);
  reorder();
  const ready = (u: PostDataUnit) => u.after.every((id) => done.has(id) || !known.has(id))
    && (u.locks.includes(ALONE) ? running === 0 : !held.has(ALONE) && u.locks.every((t) => !held.has(t)));
  return {
    take(gate) {
      const i = pending.findIndex((u) => ready(u) && (!gate || gate(u)));
      if (i < 0) return undefined;
      const u = pending.splice(i, 1)[0]!;
      running++;
      for (const t of u.locks) held.add(t);
      return u;
    },
    finish(u, ok) {
      running--;
      for (const t of u.locks) held.delete(t);
      if (ok) done.add(u.id);
    },
    get left() {
      return pending.length + running;
    },
    get running() {
      return running;
    },
    reorder,
    pending,
  };
}

/** One unit in one transaction with its checkpoint (each statement under a savepoint: a refusal is reported, not fatal). */
export async function applyUnit(client: pg.Client, u: PostDataUnit, mark: (client: pg.Client, unit: PostDataUnit) => Promise<void>): Promise<UnitOutcome> {
  const t0 = performance.now();
  await client.query('BEGIN');
  try {
    const result = await applyInTransaction(client, u.phases);
    await mark(client, u);
    await client.query('COMMIT');
    return { unit: u, statements: u.phases.reduce((n, p) => n + p.up.length, 0), result, seconds: (performance.now() - t0) / 1000 };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Wakes the workers waiting for something to change (a unit or a chunk ended). */
export function signal(): { changed: () => Promise<void>; wake: () => void } {
  let waiters: (() => void)[] = [];
  return {
    changed: () => new Promise<void>((r) => waiters.push(r)),
    wake: () => {
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    },
  };
}

export interface ApplyUnitsOptions {
  /** Connections at most (never more than the units left). */
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
  const queue = unitQueue(units, options.done);
  const { changed, wake } = signal();
  const outcomes: UnitOutcome[] = [];
  let failure: { error: unknown } | undefined;

  const worker = async (client: pg.Client): Promise<void> => {
    while (!failure && queue.left) {
      const u = queue.take();
      if (!u) {
        if (queue.running === 0) {
          failure = { error: new Error(`post-data units wait on each other: ${queue.pending.map((p) => p.id).join(', ')}`) };
          wake();
          return;
        }
        await changed();
        continue;
      }
      let ok = false;
      try {
        const o = await applyUnit(client, u, options.mark);
        ok = true;
        outcomes.push(o);
        options.onUnit?.(o);
      } catch (e) {
        failure ??= { error: e };
      } finally {
        queue.finish(u, ok);
        wake();
      }
    }
  };

  const sessions = Math.max(1, Math.min(options.jobs, queue.left));
  if (queue.left) {
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
