import type { ValueWarnings } from './transforms.js';

/** Per-table result of a copy: what the benchmark and the summary read. */
export interface TableStats {
  /** Target name, schema.table. */
  table: string;
  rows: number;
  bytes: number;
  /** Wall time from the table's first chunk start to its last chunk end (0 when nothing was copied). */
  seconds: number;
  rejected: number;
  chunks: number;
  /** Chunks an earlier (killed) run had already committed. */
  skippedChunks: number;
}

export interface CopyStats {
  tables: TableStats[];
  rows: number;
  bytes: number;
  seconds: number;
  rejected: number;
  warnings: ValueWarnings;
  fingerprint: string;
  /** True when an earlier run with the same fingerprint had committed part of the work. */
  resumed: boolean;
  /** DDL statements that PostgreSQL refused (the rest of the run went on without them). */
  ddlFailures: { object: string; sql: string; error: string }[];
  /** Result of src/copy/validate.ts when present (shape owned by validate). */
  validation?: unknown;
  dryRun: boolean;
}

/** What a run reports as it goes: the CLI turns these into bars, lines or JSON. */
export type CopyEvent =
  | { event: 'plan'; tables: { table: string; estimatedRows: number; chunks: number; pending: number; splitKey?: string }[] }
  | { event: 'phase'; phase: 'pre-data' | 'post-data' | 'identity'; status: 'applied' | 'skipped'; statements: number; failed: number; units?: number; skippedUnits?: number; seconds?: number }
  /** One post-data unit (a table's keys and indexes, a table's foreign keys, a later file) committed with its checkpoint, or found done by an earlier run. */
  | { event: 'unit'; phase: 'post-data'; unit: string; status: 'applied' | 'skipped'; statements: number; failed: number; seconds: number }
  | { event: 'progress'; table: string; rows: number; bytes: number }
  | { event: 'chunk'; table: string; chunk: number; rows: number; bytes: number; rejected: number; seconds: number }
  | { event: 'table'; stats: TableStats }
  | { event: 'warning'; message: string }
  | { event: 'done'; stats: CopyStats };
