import mysql from 'mysql2';
import type { Readable } from 'node:stream';
import { connectionMessage, parseMysqlUrl } from '../sources/mysql/introspect.js';
import { copyTextQuery } from './mysql-copy-text.js';
import type { Chunk, CopyTable } from './plan.js';
import { binaryRowWriter } from './mysql-copy-binary.js';
import type { CopyDataStream, CopyTextSink } from './stream.js';

/** One source connection of a copy worker. */
export interface SourceConnection {
  /** Streams a chunk's rows as arrays in column order, with backpressure (the socket pauses when the consumer lags). */
  streamChunk(t: CopyTable, c: Chunk): Readable;
  /**
   * Optional, faster: a chunk's rows already encoded as COPY text (the columns' encoders applied), or as binary COPY
   * when the sink names the target types and every column has an exact binary form, as Buffers of whole rows, with
   * the same backpressure; rows and bytes are counted into the sink. Used instead of streamChunk when present.
   */
  streamCopyText?(t: CopyTable, c: Chunk, sink: CopyTextSink): CopyDataStream;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Rows in flight per stream: enough to keep COPY busy, small enough to keep memory flat. */
const HIGH_WATER_MARK = 2000;

export const quoteMysqlId = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

/** A connection that reads values exactly: dates as text, big numbers and decimals as strings, JSON as text, binary as Buffer. */
export async function openMysqlSource(url: string): Promise<SourceConnection> {
  const src = parseMysqlUrl(url);
  const conn = mysql.createConnection({
    host: src.host, port: src.port, user: src.user, password: src.password ?? '', database: src.database,
    charset: 'utf8mb4', connectTimeout: 10_000,
    dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, decimalNumbers: false, jsonStrings: true,
  });
  const query = (sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> =>
    new Promise((resolve, reject) => {
      conn.query(sql, params, (err, rows) => (err ? reject(new Error(connectionMessage(err, src))) : resolve(rows as Record<string, unknown>[])));
    });
  // TIMESTAMP values are read in UTC so the +00 the copy appends is true; long timeouts let backpressure stall the socket.
  await query("SET SESSION time_zone = '+00:00', SESSION net_write_timeout = 3600, SESSION net_read_timeout = 3600");
  return {
    query,
    streamChunk(t, c) {
      const { sql, params } = chunkSelect(t, c);
      return conn.query({ sql, values: params, rowsAsArray: true }).stream({ highWaterMark: HIGH_WATER_MARK });
    },
    streamCopyText(t, c, sink) {
      const { sql, params } = chunkSelect(t, c);
      const targets = sink.binary;
      return copyTextQuery(conn, sql, params, t, sink, targets && ((fields, encoders, w) => binaryRowWriter(fields, encoders, targets, w)));
    },
    close: () => new Promise((resolve) => conn.end(() => resolve())),
  };
}

/** SELECT of one chunk: columns named explicitly, a key range when the table is split. */
export function chunkSelect(t: CopyTable, c: Chunk): { sql: string; params: string[] } {
  const cols = t.columns.map((x) => quoteMysqlId(x.source)).join(', ');
  const from = `${quoteMysqlId(t.source.schema)}.${quoteMysqlId(t.source.name)}`;
  if (c.lo === undefined || c.hi === undefined || !t.splitKey) return { sql: `SELECT ${cols} FROM ${from}`, params: [] };
  const k = quoteMysqlId(t.splitKey);
  return { sql: `SELECT ${cols} FROM ${from} WHERE ${k} BETWEEN ? AND ?`, params: [c.lo.toString(), c.hi.toString()] };
}

/** Row estimate (information_schema, no scan) and the key's MIN/MAX, for chunking and ETAs. */
export async function tableExtent(conn: SourceConnection, t: CopyTable): Promise<{ rows: number; min?: bigint; max?: bigint }> {
  const est = await conn.query('SELECT TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [t.source.schema, t.source.name]);
  const rows = Number(est[0]?.n ?? 0);
  if (!t.splitKey) return { rows };
  const k = quoteMysqlId(t.splitKey);
  const r = await conn.query(`SELECT CAST(MIN(${k}) AS CHAR) AS lo, CAST(MAX(${k}) AS CHAR) AS hi FROM ${quoteMysqlId(t.source.schema)}.${quoteMysqlId(t.source.name)}`);
  const lo = r[0]?.lo;
  const hi = r[0]?.hi;
  return lo === null || lo === undefined || hi === null || hi === undefined ? { rows } : { rows, min: BigInt(String(lo)), max: BigInt(String(hi)) };
}
