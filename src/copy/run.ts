import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { convertCatalog, introspectSource, sourceUrlDialect } from '../convert.js';
import type { Catalog } from '../model/catalog.js';
import { downPhases } from '../target/postgres/print.js';
import type { Phase } from '../target/postgres/statement.js';
import { DEFAULT_OPTIONS, type ConvertOptions } from '../transpile/context.js';
import { quoteIdent, quoteQName } from '../target/postgres/quote.js';
import { copyChunk } from './chunk.js';
import { applyInTransaction, splitPhases } from './ddl.js';
import type { CopyEvent, CopyStats, TableStats } from './events.js';
import type { SourceConnection } from './mysql-source.js';
import { planTables, splitRange, type Chunk, type CopyTable } from './plan.js';
import { MSSQL_VALIDATE_REFUSAL, sourceDriver, type SourceDriver } from './sources.js';
import {
  donePhases, ensureState, forgetRuns, markPhase, phaseDone, recordPlan, recordedFingerprints, runFingerprint, storedChunks,
} from './state.js';
import {
  applyUnit, applyUnits, planPostData, POST_DATA_SETTINGS, signal, unitQueue, type PostDataUnit, type UnitOutcome,
} from './post-data.js';
import { openTarget } from './target-db.js';
import { emptyWarnings } from './transforms.js';

export type { CopyEvent, CopyStats, TableStats } from './events.js';

export interface CopyOptions {
  /** mysql://, mariadb:// or mssql:// URL of the source database. */
  source: string;
  /** postgres:// URL of the target database. */
  target: string;
  schemaOnly?: boolean;
  dataOnly?: boolean;
  /** Source table names to copy (case-insensitive); default all. */
  tables?: string[];
  /** Parallel workers, each with one source and one target connection; default: CPU cores. */
  jobs?: number;
  /** Rows per chunk when a table splits on its integer primary key (default 100000). */
  chunkRows?: number;
  /** Plan only: nothing is written to the target. */
  dryRun?: boolean;
  /** Drop what an earlier run created and its checkpoints, then start over. */
  restart?: boolean;
  /** Where rejected rows go (<dir>/<table>.tsv); default ./pgshift-out/rejects. */
  rejectsDir?: string;
  /** Conversion options (identifiers, schema map, target version, mappings file). */
  convert?: Partial<ConvertOptions>;
  /** Run src/copy/validate.ts after the copy when it is there (default true). */
  validate?: boolean;
  onEvent?: (e: CopyEvent) => void;
}

const DEFAULT_CHUNK_ROWS = 100_000;

/** The copy stage: convert the live schema, apply pre-data DDL, copy chunks in parallel with checkpoints, apply post-data DDL. */
export async function runCopy(options: CopyOptions): Promise<CopyStats> {
  const started = performance.now();
  const emit = options.onEvent ?? (() => undefined);
  if (options.schemaOnly && options.dataOnly) throw new Error('--schema-only and --data-only exclude each other');
  const dialect = sourceUrlDialect(options.source);
  if (!dialect) throw new Error('--source must be a mysql://, mariadb:// or mssql:// URL');
  const driver = await sourceDriver(options.source);

  const live = await introspectSource(options.source);
  const source = onlyTables(live.source, options.tables);
  const convertOptions: ConvertOptions = { ...DEFAULT_OPTIONS, ...options.convert };
  const converted = await convertCatalog(source, { ...convertOptions, from: dialect }, [live.input]);
  const plan = planTables(source, converted.target, convertOptions);
  const { pre, post } = splitPhases(converted.phases);
  const fingerprint = runFingerprint({
    tables: source.schemas.flatMap((s) => s.tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => [c.name, c.type.raw, c.nullable]), pk: t.primaryKey?.columns.map((k) => k.column) }))),
    ddl: converted.phases.map((p) => p.up.map((s) => s.sql)),
    options: { schemaOnly: !!options.schemaOnly, dataOnly: !!options.dataOnly, tables: options.tables ?? null, convert: convertOptions },
  });
  const stats: CopyStats = {
    tables: [], rows: 0, bytes: 0, seconds: 0, rejected: 0, warnings: emptyWarnings(), fingerprint,
    resumed: false, ddlFailures: [], dryRun: !!options.dryRun,
  };
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;

  if (options.dryRun) {
    const src = await driver.open();
    try {
      const planned = [];
      for (const t of plan) {
        const chunks = options.schemaOnly ? { rows: 0, list: [] } : await planChunks(driver, src, t, chunkRows);
        planned.push({ table: t.name, estimatedRows: chunks.rows, chunks: chunks.list.length, pending: chunks.list.length, ...(t.splitKey ? { splitKey: t.splitKey } : {}) });
      }
      emit({ event: 'plan', tables: planned });
    } finally {
      await src.close();
    }
    stats.seconds = (performance.now() - started) / 1000;
    emit({ event: 'done', stats });
    return stats;
  }

  const admin = await openTarget(options.target);
  try {
    await ensureState(admin);
    const others = (await recordedFingerprints(admin)).filter((f) => f !== fingerprint);
    if (options.restart) {
      await dropEarlierRun(admin, converted.phases);
      await forgetRuns(admin);
    } else if (others.length) {
      throw new Error('the target holds an earlier copy run of a different source schema or options; rerun with --restart to drop it and start over');
    }
    stats.resumed = (await recordedFingerprints(admin)).includes(fingerprint);

    if (!options.dataOnly) await applyPhase(admin, fingerprint, 'pre-data', pre, stats, emit);
    // A table's keys and indexes are built as soon as its rows are in, beside the other tables' chunks.
    const postData = options.dataOnly ? undefined : await startPostData(admin, fingerprint, post, converted.target, stats, emit);
    if (!options.schemaOnly) await copyData(admin, driver, options, plan, fingerprint, chunkRows, stats, emit, postData);
    else if (postData) await applyUnits(postData.units, { jobs: options.jobs ?? availableParallelism(), open: () => openPostDataSession(options.target), mark: postData.mark, done: postData.done, onUnit: postData.onUnit });
    if (postData) await finishPostData(admin, fingerprint, postData, emit);
    if (!options.schemaOnly) await restartIdentities(admin, plan, emit);
    if (options.validate !== false && !options.schemaOnly) {
      if (dialect === 'tsql') emit({ event: 'warning', message: `validation skipped: ${MSSQL_VALIDATE_REFUSAL}` });
      else stats.validation = await runValidateWhenPresent(options, plan);
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
  stats.seconds = (performance.now() - started) / 1000;
  emit({ event: 'done', stats });
  return stats;
}

/** --tables: keep the named source tables (views and routines stay; those that need a missing table fail and are reported). */
function onlyTables(c: Catalog, names: string[] | undefined): Catalog {
  if (!names?.length) return c;
  const want = new Set(names.map((n) => n.toLowerCase()));
  const schemas = c.schemas.map((s) => ({ ...s, tables: s.tables.filter((t) => want.has(t.name.name.toLowerCase()) || want.has(`${t.name.schema}.${t.name.name}`.toLowerCase())) }));
  const found = new Set(schemas.flatMap((s) => s.tables.map((t) => t.name.name.toLowerCase())));
  const missing = names.filter((n) => !found.has(n.toLowerCase().split('.').pop()!));
  if (missing.length) throw new Error(`--tables: no such table in the source: ${missing.join(', ')}`);
  return { ...c, schemas };
}

/** Pre-data DDL in one transaction with its checkpoint, so a kill leaves it all applied or not at all. */
async function applyPhase(admin: pg.Client, fp: string, phase: 'pre-data', phases: Parameters<typeof applyInTransaction>[1], stats: CopyStats, emit: (e: CopyEvent) => void): Promise<void> {
  const statements = phases.reduce((n, p) => n + p.up.length, 0);
  if (await phaseDone(admin, fp, phase)) {
    emit({ event: 'phase', phase, status: 'skipped', statements, failed: 0 });
    return;
  }
  await admin.query('BEGIN');
  try {
    const r = await applyInTransaction(admin, phases);
    await markPhase(admin, fp, phase);
    await admin.query('COMMIT');
    stats.ddlFailures.push(...r.failed);
    for (const f of r.failed) emit({ event: 'warning', message: `${phase} DDL failed for ${f.object}: ${f.error}` });
    emit({ event: 'phase', phase, status: 'applied', statements, failed: r.failed.length });
  } catch (e) {
    await admin.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** The post-data units of a run and what it reports as they commit. */
interface PostDataRun {
  units: PostDataUnit[];
  /** Units an earlier run committed. */
  done: Set<string>;
  statements: number;
  failed: number;
  started: number;
  mark: (client: pg.Client, u: PostDataUnit) => Promise<void>;
  onUnit: (o: UnitOutcome) => void;
}

/**
 * Post-data DDL in units (a table's keys and indexes, a table's foreign keys once the keys they reference exist,
 * then views, routines, triggers, comments); each unit commits with its checkpoint, so a resumed run applies only
 * the units that had not committed. Undefined when an earlier run finished the phase.
 */
async function startPostData(
  admin: pg.Client, fp: string, post: Phase[], target: Catalog, stats: CopyStats, emit: (e: CopyEvent) => void,
): Promise<PostDataRun | undefined> {
  const statements = post.reduce((n, p) => n + p.up.length, 0);
  if (await phaseDone(admin, fp, 'post-data')) {
    emit({ event: 'phase', phase: 'post-data', status: 'skipped', statements, failed: 0 });
    return undefined;
  }
  const units = planPostData(post, target, new Map());
  const done = await donePhases(admin, fp, 'post-data ');
  const count = (u: PostDataUnit) => u.phases.reduce((n, p) => n + p.up.length, 0);
  for (const u of units.filter((x) => done.has(x.id))) emit({ event: 'unit', phase: 'post-data', unit: u.id, status: 'skipped', statements: count(u), failed: 0, seconds: 0 });
  const run: PostDataRun = {
    units, done, statements, failed: 0, started: performance.now(),
    mark: (c, u) => markPhase(c, fp, u.id),
    onUnit: (o) => {
      run.failed += o.result.failed.length;
      stats.ddlFailures.push(...o.result.failed);
      for (const f of o.result.failed) emit({ event: 'warning', message: `post-data DDL failed for ${f.object}: ${f.error}` });
      emit({ event: 'unit', phase: 'post-data', unit: o.unit.id, status: 'applied', statements: o.statements, failed: o.result.failed.length, seconds: o.seconds });
    },
  };
  return run;
}

async function finishPostData(admin: pg.Client, fp: string, run: PostDataRun, emit: (e: CopyEvent) => void): Promise<void> {
  await markPhase(admin, fp, 'post-data');
  const skipped = run.units.filter((u) => run.done.has(u.id)).length;
  emit({
    event: 'phase', phase: 'post-data', status: skipped === run.units.length && run.units.length ? 'skipped' : 'applied', statements: run.statements,
    failed: run.failed, units: run.units.length, skippedUnits: skipped, seconds: (performance.now() - run.started) / 1000,
  });
}

/** A target session for post-data units, with the settings index builds want. */
async function openPostDataSession(url: string): Promise<pg.Client> {
  const c = await openTarget(url);
  await setPostDataSettings(c);
  return c;
}

async function setPostDataSettings(c: pg.Client): Promise<void> {
  for (const [name, value] of Object.entries(POST_DATA_SETTINGS)) await c.query(`SET ${name} = '${value}'`);
}

/** --restart: the down statements of this conversion (drops), each allowed to fail when the object is not there. */
async function dropEarlierRun(admin: pg.Client, phases: Parameters<typeof downPhases>[0]): Promise<void> {
  for (const p of downPhases(phases)) {
    for (const s of p.up) await admin.query(s.sql).catch(() => undefined);
  }
}

async function planChunks(driver: SourceDriver, src: SourceConnection, t: CopyTable, chunkRows: number): Promise<{ rows: number; list: Chunk[] }> {
  const ext = await driver.extent(src, t);
  if (ext.min === undefined || ext.max === undefined || ext.rows <= chunkRows) return { rows: ext.rows, list: [{ table: t.name, no: 0 }] };
  return { rows: ext.rows, list: splitRange(t.name, ext.min, ext.max, Math.ceil(ext.rows / chunkRows)) };
}

interface Job {
  table: CopyTable;
  chunk: Chunk;
}

async function copyData(
  admin: pg.Client, driver: SourceDriver, options: CopyOptions, plan: CopyTable[], fp: string, chunkRows: number, stats: CopyStats, emit: (e: CopyEvent) => void,
  postData?: PostDataRun,
): Promise<void> {
  const planSource = await driver.open();
  const jobs: Job[] = [];
  const perTable = new Map<string, TableStats & { first?: number; last?: number; pending: number }>();
  const summary: Extract<CopyEvent, { event: 'plan' }>['tables'] = [];
  try {
    for (const t of plan) {
      const exists = await admin.query('SELECT to_regclass($1) AS r', [quoteQName(t.target)]);
      if (!exists.rows[0]?.r) {
        emit({ event: 'warning', message: `table ${t.name} is not in the target (its CREATE failed); not copied` });
        continue;
      }
      let stored = await storedChunks(admin, fp, t.name);
      let estimated = stored.reduce((n, c) => n + c.rows, 0);
      if (!stored.length) {
        const planned = await planChunks(driver, planSource, t, chunkRows);
        await recordPlan(admin, fp, planned.list);
        stored = planned.list.map((c) => ({ ...c, done: false, rows: 0 }));
        estimated = planned.rows;
      } else {
        estimated = Math.max(estimated, (await driver.extent(planSource, t)).rows);
      }
      const pending = stored.filter((c) => !c.done);
      const doneRows = stored.filter((c) => c.done).reduce((n, c) => n + c.rows, 0);
      perTable.set(t.name, { table: t.name, rows: doneRows, bytes: 0, seconds: 0, rejected: 0, chunks: stored.length, skippedChunks: stored.length - pending.length, pending: pending.length });
      summary.push({ table: t.name, estimatedRows: estimated, chunks: stored.length, pending: pending.length, ...(t.splitKey ? { splitKey: t.splitKey } : {}) });
      for (const c of pending) jobs.push({ table: t, chunk: c });
    }
  } finally {
    await planSource.close();
  }
  emit({ event: 'plan', tables: summary });
  // Largest tables first, so the long tail is made of small chunks.
  const size = new Map(summary.map((s) => [s.table, s.estimatedRows]));
  jobs.sort((a, b) => (size.get(b.table.name) ?? 0) - (size.get(a.table.name) ?? 0) || a.chunk.no - b.chunk.no);

  // Post-data units take a worker once the rows of every table they name are in (views and the like: all rows).
  const units = postData ? unitQueue(postData.units, postData.done) : undefined;
  if (postData) {
    for (const u of postData.units) u.weight = Math.max(0, ...u.tables.map((t) => size.get(t) ?? 0));
    units!.reorder();
  }
  const rowsIn = (table: string) => (perTable.get(table)?.pending ?? 0) === 0;
  let copying = 0;
  const gate = (u: PostDataUnit) => (u.tables.length ? u.tables.every(rowsIn) : next >= jobs.length && copying === 0);
  const { changed, wake } = signal();
  let failure: { error: unknown } | undefined;

  const parallel = options.jobs ?? availableParallelism();
  const workers = Math.max(1, Math.min(parallel, jobs.length + (units?.left ?? 0) || 1));
  const rejectsDir = options.rejectsDir ?? join('pgshift-out', 'rejects');
  let next = 0;
  const copyJob = async (source: SourceConnection, target: pg.Client, job: Job): Promise<void> => {
    const ts = perTable.get(job.table.name)!;
    const t0 = performance.now();
    ts.first ??= t0;
    const r = await copyChunk({
      source, target, fingerprint: fp, rejectsDir, warnings: stats.warnings,
      onProgress: (rows, bytes) => emit({ event: 'progress', table: job.table.name, rows, bytes }),
    }, job.table, job.chunk);
    const t1 = performance.now();
    ts.last = t1;
    ts.rows += r.rows;
    ts.bytes += r.bytes;
    ts.rejected += r.rejected;
    stats.rows += r.rows;
    stats.bytes += r.bytes;
    stats.rejected += r.rejected;
    emit({ event: 'chunk', table: job.table.name, chunk: job.chunk.no, rows: r.rows, bytes: r.bytes, rejected: r.rejected, seconds: (t1 - t0) / 1000 });
    if (--ts.pending === 0) emit({ event: 'table', stats: tableStats(ts) });
  };
  const worker = async (): Promise<void> => {
    const source = await driver.open();
    const target = await openTarget(options.target);
    try {
      // Chunk and checkpoint commit together, so a lost commit after a server crash is simply redone.
      await target.query('SET synchronous_commit = off');
      if (units) await setPostDataSettings(target);
      while (!failure) {
        const u = units?.take(gate);
        if (u) {
          let ok = false;
          try {
            const o = await applyUnit(target, u, postData!.mark);
            ok = true;
            postData!.onUnit(o);
          } finally {
            units!.finish(u, ok);
            wake();
          }
          continue;
        }
        if (next < jobs.length) {
          const job = jobs[next++]!;
          copying++;
          try {
            await copyJob(source, target, job);
          } finally {
            copying--;
            wake();
          }
          continue;
        }
        if (!units?.left) break;
        if (units.running === 0 && copying === 0) throw new Error(`post-data units wait on each other: ${units.pending.map((p) => p.id).join(', ')}`);
        await changed();
      }
    } catch (e) {
      failure ??= { error: e };
      wake();
    } finally {
      await source.close();
      await target.end().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure) throw failure.error;
  stats.tables = [...perTable.values()].map(tableStats);
  const w = stats.warnings;
  if (w.zeroDates) emit({ event: 'warning', message: `${w.zeroDates} zero date(s) loaded as NULL` });
  if (w.invalidText) emit({ event: 'warning', message: `${w.invalidText} value(s) held bytes invalid in their character set (replaced by U+FFFD)` });
  if (w.nulChars) emit({ event: 'warning', message: `${w.nulChars} value(s) held NUL characters (removed)` });
  if (w.otherIntsAsTrue) emit({ event: 'warning', message: `${w.otherIntsAsTrue} value(s) other than 0 and 1 loaded into boolean columns as true` });
}

function tableStats(t: TableStats & { first?: number; last?: number }): TableStats {
  const seconds = t.first !== undefined && t.last !== undefined ? (t.last - t.first) / 1000 : 0;
  return { table: t.table, rows: t.rows, bytes: t.bytes, seconds, rejected: t.rejected, chunks: t.chunks, skippedChunks: t.skippedChunks };
}

/**
 * Identity columns continue after the last value copied, never before their declared start: the source's next
 * AUTO_INCREMENT, which goes on past rows deleted at the end (an empty table starts there too).
 */
async function restartIdentities(admin: pg.Client, plan: CopyTable[], emit: (e: CopyEvent) => void): Promise<void> {
  let n = 0;
  for (const t of plan) {
    for (const { name: col, start, increment } of t.identity) {
      const table = quoteQName(t.target);
      const [last, pick, past] = increment < 0n ? ['min', 'LEAST', '<='] : ['max', 'GREATEST', '>='];
      // One aggregate (PostgreSQL computes a repeated one once); over no rows it is NULL and the start stands.
      const loaded = `${last}(${quoteIdent(col)})`;
      await admin.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), ${pick}(${loaded}, ${start}), COALESCE(${loaded} ${past} ${start}, false)) FROM ${table}`,
        [table, col],
      ).then(() => n++, (e: Error) => emit({ event: 'warning', message: `identity ${t.name}.${col} not restarted: ${e.message}` }));
    }
  }
  emit({ event: 'phase', phase: 'identity', status: 'applied', statements: n, failed: 0 });
}

/** Runs `pgshift validate` (owned by src/copy/validate.ts) when it exists, so the summary can prove nothing was lost. */
async function runValidateWhenPresent(options: CopyOptions, plan: CopyTable[]): Promise<unknown> {
  const here = dirname(fileURLToPath(import.meta.url));
  if (!existsSync(join(here, 'validate.js'))) return undefined;
  const path = './validate.js';
  const mod = (await import(path)) as Record<string, unknown>;
  const fn = mod.runValidate;
  if (typeof fn !== 'function') return undefined;
  return (fn as (o: unknown) => Promise<unknown>)({
    source: options.source, target: options.target, tables: plan.map((t) => `${t.source.schema}.${t.source.name}`), ...(options.convert ? { convert: options.convert } : {}),
  });
}
