import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine } from './copy-text.js';
import type { Chunk, CopyTable } from './plan.js';
import type { TargetType } from './target-types.js';
import type { ValueWarnings } from './transforms.js';

/** Encoded text is handed to the socket in pieces of about this size (fewer, larger writes). */
const BATCH_BYTES = 64 * 1024;

export interface Counter {
  rows: number;
  bytes: number;
}

/** Where a source that encodes COPY text itself counts what it wrote. */
export interface CopyTextSink {
  warnings: ValueWarnings;
  count: Counter;
  /** Called after each piece of text is handed on (progress). */
  onPiece: () => void;
  /** The target's column types, in copy order: the source may then send binary COPY (undefined: text only). */
  binary?: (TargetType | undefined)[];
}

export type CopyFormat = 'text' | 'binary';

/** COPY data from a source that encodes it itself; its format is known once the source has described its columns. */
export type CopyDataStream = Readable & { format: Promise<CopyFormat> };

/** Rows as arrays (column order of the table) → COPY text lines; counts rows and bytes as they pass. */
export function copyEncoder(t: CopyTable, w: ValueWarnings, count: Counter, onBatch: () => void): Transform {
  const encoders = t.columns.map((c) => c.encode);
  let pending = '';
  return new Transform({
    writableObjectMode: true,
    writableHighWaterMark: 1000,
    transform(row: unknown[], _enc, done) {
      pending += encodeRow(encoders, row, w);
      count.rows++;
      if (pending.length >= BATCH_BYTES) {
        count.bytes += Buffer.byteLength(pending);
        this.push(pending);
        pending = '';
        onBatch();
      }
      done();
    },
    flush(done) {
      if (pending) {
        count.bytes += Buffer.byteLength(pending);
        this.push(pending);
        onBatch();
      }
      done();
    },
  });
}

export function encodeRow(encoders: CopyTable['columns'][number]['encode'][], row: unknown[], w: ValueWarnings): string {
  const fields = new Array<string>(encoders.length);
  for (let i = 0; i < encoders.length; i++) fields[i] = encoders[i]!(row[i], w);
  return copyLine(fields);
}

/**
 * One COPY ... FROM STDIN fed from a source stream with backpressure end to end (source pauses when PostgreSQL lags):
 * rows through the encoder, or COPY text as it comes when there is no encoder.
 */
export async function copyStream(client: pg.Client, sql: string, rows: Readable, encoder?: Transform): Promise<void> {
  if (encoder) await pipeline(rows, encoder, client.query(copyFrom(sql)));
  else await pipeline(rows, client.query(copyFrom(sql)));
}

/** COPY text pieces → one line at a time, newline included (values escape their newlines, so every 0x0A ends a row). */
export async function* copyTextLines(text: Readable): AsyncGenerator<string> {
  let rest: Buffer | undefined;
  for await (const piece of text as AsyncIterable<Buffer>) {
    const buf = rest ? Buffer.concat([rest, piece]) : piece;
    let a = 0;
    for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, a)) {
      yield buf.toString('utf8', a, nl + 1);
      a = nl + 1;
    }
    rest = a < buf.length ? buf.subarray(a) : undefined;
  }
  if (rest) yield rest.toString('utf8');
}

/** COPY of already-encoded lines (the retry path: one batch, or one row). */
export async function copyLines(client: pg.Client, sql: string, lines: string[]): Promise<void> {
  const sink = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
    sink.end(lines.join(''));
  });
}

export type { Chunk };
