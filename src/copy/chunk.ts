import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { escapeCopyText } from './copy-text.js';
import type { SourceConnection } from './mysql-source.js';
import { copyStatement, type Chunk, type CopyTable } from './plan.js';
import { BinaryUnfit } from './mysql-copy-binary.js';
import { markChunkDone } from './state.js';
import { targetTypes } from './target-types.js';
import { whenIdle } from './target-db.js';
import { copyEncoder, copyLines, copyStream, copyTextLines, encodeRow, type Counter } from './stream.js';
import type { ValueWarnings } from './transforms.js';

export interface ChunkContext {
  source: SourceConnection;
  target: pg.Client;
  fingerprint: string;
  rejectsDir: string;
  warnings: ValueWarnings;
  /** Called as rows flow (rows and bytes since the last call). */
  onProgress: (rows: number, bytes: number) => void;
}

export interface ChunkResult {
  rows: number;
  bytes: number;
  rejected: number;
}

/** Rows per retry batch once a chunk's COPY failed: a failing batch is then retried row by row. */
const RETRY_BATCH = 500;

/**
 * Copies one chunk in one transaction with its checkpoint: after a kill either both are there or neither.
 * When PostgreSQL rejects a value, the chunk is redone in batches and the bad rows go to the reject file.
 */
export async function copyChunk(ctx: ChunkContext, t: CopyTable, c: Chunk, textOnly = false): Promise<ChunkResult> {
  const count: Counter = { rows: 0, bytes: 0 };
  let reported: Counter = { rows: 0, bytes: 0 };
  const report = () => {
    ctx.onProgress(count.rows - reported.rows, count.bytes - reported.bytes);
    reported = { ...count };
  };
  const binary = ctx.source.streamCopyText && !textOnly ? await targetTypes(ctx.target, t) : undefined;
  await ctx.target.query('BEGIN');
  try {
    if (ctx.source.streamCopyText) {
      const data = ctx.source.streamCopyText(t, c, { warnings: ctx.warnings, count, onPiece: report, ...(binary ? { binary } : {}) });
      await copyStream(ctx.target, copyStatement(t, await data.format), data);
    } else {
      await copyStream(ctx.target, copyStatement(t), ctx.source.streamChunk(t, c), copyEncoder(t, ctx.warnings, count, report));
    }
    await markChunkDone(ctx.target, ctx.fingerprint, c, count.rows);
    await ctx.target.query('COMMIT');
    return { rows: count.rows, bytes: count.bytes, rejected: 0 };
  } catch (e) {
    await whenIdle(ctx.target);
    await ctx.target.query('ROLLBACK').catch(() => undefined);
    const unfit = e instanceof BinaryUnfit;
    if (!unfit && !isDataError(e)) throw e;
    ctx.onProgress(-reported.rows, -reported.bytes);
    // A value binary COPY cannot carry exactly: the chunk again, as text.
    return unfit ? copyChunk(ctx, t, c, true) : copyChunkCarefully(ctx, t, c);
  }
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity): the row is bad, not the connection. */
function isDataError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|23)/.test(code);
}

/** The retry path: batches under savepoints, a failing batch row by row; rejected rows are written with the reason. */
async function copyChunkCarefully(ctx: ChunkContext, t: CopyTable, c: Chunk): Promise<ChunkResult> {
  const sql = copyStatement(t);
  const result: ChunkResult = { rows: 0, bytes: 0, rejected: 0 };
  const db = ctx.target;
  let batch: string[] = [];
  const loadBatch = async () => {
    if (!batch.length) return;
    const lines = batch;
    batch = [];
    if (await tryLines(db, sql, lines)) return done(lines);
    for (const line of lines) {
      const error = await tryLines(db, sql, [line], true);
      if (error === true) done([line]);
      else reject(ctx, t, line, error);
    }
  };
  const done = (lines: string[]) => {
    const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
    result.rows += lines.length;
    result.bytes += bytes;
    ctx.onProgress(lines.length, bytes);
  };
  const reject = (ctx: ChunkContext, t: CopyTable, line: string, error: string) => {
    result.rejected++;
    writeReject(ctx.rejectsDir, t.name, line, error);
  };
  await db.query('BEGIN');
  try {
    for await (const line of chunkLines(ctx, t, c)) {
      batch.push(line);
      if (batch.length >= RETRY_BATCH) await loadBatch();
    }
    await loadBatch();
    await markChunkDone(db, ctx.fingerprint, c, result.rows);
    await db.query('COMMIT');
    return result;
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** A chunk's rows as COPY lines, encoded as the first attempt encoded them. */
async function* chunkLines(ctx: ChunkContext, t: CopyTable, c: Chunk): AsyncGenerator<string> {
  if (ctx.source.streamCopyText) {
    yield* copyTextLines(ctx.source.streamCopyText(t, c, { warnings: ctx.warnings, count: { rows: 0, bytes: 0 }, onPiece: () => undefined }));
    return;
  }
  const encoders = t.columns.map((x) => x.encode);
  for await (const row of ctx.source.streamChunk(t, c)) yield encodeRow(encoders, row as unknown[], ctx.warnings);
}

/** COPY some lines under a savepoint: true when they loaded; the error text when `why` is asked for. */
async function tryLines(db: pg.Client, sql: string, lines: string[], why?: true): Promise<true | string> {
  await db.query('SAVEPOINT pgshift_batch');
  try {
    await copyLines(db, sql, lines);
    await db.query('RELEASE SAVEPOINT pgshift_batch');
    return true;
  } catch (e) {
    await whenIdle(db);
    await db.query('ROLLBACK TO SAVEPOINT pgshift_batch');
    if (!isDataError(e)) throw e;
    return why ? (e as Error).message : '';
  }
}

/** <rejects>/<table>.tsv: the reason, a tab, then the row as COPY text (so it can be fixed and loaded by hand). */
function writeReject(dir: string, table: string, line: string, error: string): void {
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${table}.tsv`), `${escapeCopyText(error)}\t${line}`);
}
