import type { DataChunk, DataSet, QName, Schema } from '../model/catalog.js';
import type { SourceSpan } from '../model/source.js';

/** Where the previous INSERT's statement ended, and its chunk (a session keeps one). */
export interface LastRun {
  chunk: DataChunk;
  after: number;
}

/** Longest gap (blanks, `;`) between two INSERTs of one run: anything longer holds another statement. */
const MAX_GAP = 256;
const BLANK_GAP = /^[\s;]*$/;

const sameColumns = (a?: string[], b?: string[]): boolean => (a ?? []).join('\u0000') === (b ?? []).join('\u0000') && !a === !b;

/**
 * Adds one INSERT statement's rows to its table's data set. A statement that directly follows the previous one
 * into the same table with the same columns extends that run (one chunk for thousands of one-row INSERTs, so a
 * big data script costs memory per run, not per statement). Returns the session's new last run.
 */
export function addInsertData(
  data: Map<string, DataSet>, schemaOf: (name: string) => Schema, insert: { table: QName; columns?: string[]; rows: number; span: SourceSpan },
  chunk: DataChunk | undefined, text: string, last: LastRun | undefined, after: number, caseSensitive = false,
): LastRun | undefined {
  const { table, columns, rows, span } = insert;
  // MySQL table names are case-sensitive (Users and users are two tables); T-SQL's are not.
  const key = caseSensitive ? `${table.schema.toLowerCase()}\u0000${table.name}` : `${table.schema}\u0000${table.name}`.toLowerCase();
  let ds = data.get(key);
  if (!ds) {
    ds = { table, ...(columns ? { columns } : {}), statements: 0, rows: 0, span };
    schemaOf(table.schema).data.push(ds);
    data.set(key, ds);
  }
  ds.statements++;
  ds.rows += rows;
  if (!chunk) return undefined;
  const prev = ds.chunks?.[ds.chunks.length - 1];
  if (
    prev && last?.chunk === prev && prev.source === chunk.source && last.after <= chunk.start && chunk.start - last.after <= MAX_GAP &&
    sameColumns(prev.columns, chunk.columns) && BLANK_GAP.test(text.slice(last.after, chunk.start))
  ) {
    prev.end = chunk.end;
    prev.statements++;
    return { chunk: prev, after };
  }
  (ds.chunks ??= []).push(chunk);
  return { chunk, after };
}
