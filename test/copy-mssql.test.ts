import { EventEmitter } from 'node:events';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { convertCatalog, parseSource } from '../src/convert.js';
import { copyStatement, planTables, type CopyTable } from '../src/copy/plan.js';
import { mssqlChunkSelect, mssqlReadExpr, openMssqlSource, requestRows, type RowRequest } from '../src/copy/mssql-source.js';
import { copyEncoder, encodeRow, type Counter } from '../src/copy/stream.js';
import { emptyWarnings } from '../src/copy/transforms.js';
import { runValidate } from '../src/copy/validate.js';
import { DEFAULT_OPTIONS } from '../src/transpile/context.js';
import { dataType } from '../src/model/types.js';
import { MSSQL_DRIVER_VALUES, MSSQL_TYPES_SCRIPT } from './fixtures-copy/mssql-values.js';
import { resetPglite, sharedPglite } from './helpers/pglite.js';

async function typeMix(): Promise<{ table: CopyTable; ddl: string[] }> {
  const source = parseSource([{ file: 'type_mix.sql', text: MSSQL_TYPES_SCRIPT, diagnostics: [] }], 'tsql');
  const converted = await convertCatalog(source, { ...DEFAULT_OPTIONS, from: 'tsql' }, ['type_mix.sql']);
  const [table] = planTables(source, converted.target, DEFAULT_OPTIONS);
  // Tables only, no keys: the data phase of a copy.
  const ddl = converted.phases.filter((p) => /^00[123]0_/.test(p.file)).flatMap((p) => p.up.map((s) => s.sql));
  return { table: table!, ddl };
}

describe('SQL Server copy: what the SELECT reads', () => {
  it('reads exact text for decimals, money and every date/time type, and names every column', async () => {
    const { table } = await typeMix();
    const byColumn = new Map(table.columns.map((c) => [c.source, mssqlReadExpr(c.source, c.sourceType)]));
    for (const v of MSSQL_DRIVER_VALUES) {
      const expr = byColumn.get(v.column);
      if (v.read === 'CASE') expect(expr, v.column).toMatch(/^CASE WHEN \[anything\] IS NULL THEN NULL WHEN /);
      else expect(expr, v.column).toBe(v.read);
    }
    // An alias type is read as its base type.
    expect(byColumn.get('alias_amount')).toBe('CAST([alias_amount] AS varchar(40))');
  });

  it('one SELECT per chunk: bracket-quoted names, the key range as typed parameters', async () => {
    const { table } = await typeMix();
    expect(table.splitKey).toBe('id');
    const whole = mssqlChunkSelect(table, { table: table.name, no: 0 });
    expect(whole.params).toBeUndefined();
    expect(whole.sql).toMatch(/^SELECT \[id\] AS \[id\], \[flag\] AS \[flag\], .* FROM \[sales\]\.\[type_mix\]$/);
    expect(whole.sql).toContain('CONVERT(varchar(34), [dto], 121) AS [dto]');
    const range = mssqlChunkSelect(table, { table: table.name, no: 3, lo: 300001n, hi: 400000n });
    expect(range.sql).toBe(`${whole.sql} WHERE [id] BETWEEN @lo AND @hi`);
    expect(range.params).toEqual({ lo: 300001n, hi: 400000n });
  });

  it('quotes names holding ] and reads sql_variant by its base type', () => {
    const t: CopyTable = {
      source: { schema: 'odd]schema', name: 'a]b' }, target: { schema: 'x', name: 'y' }, name: 'x.y', identity: [], splitKey: 'k]ey',
      columns: [{ source: 'k]ey', target: 'k', sourceType: dataType('bigint'), encode: () => '' }, { source: 'v', target: 'v', sourceType: dataType('sql_variant'), encode: () => '' }],
    };
    const s = mssqlChunkSelect(t, { table: 'x.y', no: 0, lo: 1n, hi: 2n }).sql;
    expect(s).toMatch(/^SELECT \[k\]\]ey\] AS \[k\]\]ey\], CASE .* END AS \[v\] FROM \[odd\]\]schema\]\.\[a\]\]b\] WHERE \[k\]\]ey\] BETWEEN @lo AND @hi$/);
    const variant = mssqlReadExpr('v', dataType('sql_variant'));
    expect(variant).toContain("WHEN CAST(SQL_VARIANT_PROPERTY([v], 'BaseType') AS sysname) IN ('money', 'smallmoney') THEN CONVERT(nvarchar(32), CAST([v] AS money), 2)");
    expect(variant).toContain("THEN CONVERT(nvarchar(32), CAST([v] AS float), 3)");
    expect(variant).toMatch(/ELSE CAST\(\[v\] AS nvarchar\(max\)\) END$/);
  });
});

describe('SQL Server copy: driver values → COPY text → PostgreSQL', () => {
  it('encodes each documented driver value through the copy: rules of mappings/tsql.types.yaml', async () => {
    const { table } = await typeMix();
    const w = emptyWarnings();
    for (const v of MSSQL_DRIVER_VALUES) {
      const col = table.columns.find((c) => c.source === v.column)!;
      expect(col.encode(v.value, w), v.column).toBe(v.copy);
    }
    expect(table.columns.find((c) => c.source === 'flag')!.copy).toBe('bit-to-bool');
    expect(table.columns.find((c) => c.source === 'shape')!.copy).toBe('spatial-to-wkb');
    expect(w.nulChars).toBe(1);
    expect(w.zeroDates).toBe(0);
  });

  it('PostgreSQL loads the row with COPY and holds the exact values', async () => {
    const { table, ddl } = await typeMix();
    const db = await sharedPglite();
    await resetPglite(db);
    await db.exec("SET TimeZone = 'UTC'");
    for (const s of ddl) await db.exec(s);
    const row = table.columns.map((c) => MSSQL_DRIVER_VALUES.find((v) => v.column === c.source)?.value ?? null);
    const line = encodeRow(table.columns.map((c) => c.encode), row, emptyWarnings());
    await db.query(copyStatement(table).replace(/FROM STDIN$/, "FROM '/dev/blob'"), [], { blob: new Blob([line]) });
    const cols = table.columns.map((c) => `${JSON.stringify(c.target)}::text AS ${JSON.stringify(c.source)}`).join(', ');
    const stored = (await db.query<Record<string, string | null>>(`SELECT ${cols} FROM sales.type_mix`)).rows;
    expect(stored).toHaveLength(1);
    for (const v of MSSQL_DRIVER_VALUES) expect(stored[0]![v.column], v.column).toBe(v.stored);
  });
});

/**
 * A stand-in for an mssql Request in stream mode, shaped as mssql documents it: 'row' events while not paused,
 * then 'done' (after 'error' when the query fails); pause()/resume() stop and restart the rows, cancel() ends them.
 */
class FakeRequest extends EventEmitter implements RowRequest {
  stream: boolean | null = null;
  arrayRowMode: boolean | null = null;
  paused = false;
  pauses = 0;
  cancelled = false;
  command = '';
  sent = 0;
  constructor(private rows: number, private failAt?: number) {
    super();
  }
  pause(): boolean {
    if (!this.paused) this.pauses++;
    this.paused = true;
    return true;
  }
  resume(): boolean {
    this.paused = false;
    setImmediate(() => this.pump());
    return true;
  }
  cancel(): boolean {
    this.cancelled = true;
    return true;
  }
  query(command: string, callback: (err?: unknown) => void): this {
    this.command = command;
    setImmediate(() => this.pump());
    this.once('done', () => callback());
    return this;
  }
  /** Emits rows in packets of 50 (as a TDS packet would bring them) until paused, cancelled, failed or done. */
  private pump(): void {
    for (let i = 0; i < 50; i++) {
      if (this.paused || this.listenerCount('done') === 0) return;
      if (this.cancelled) return this.finish(Object.assign(new Error('Canceled.'), { code: 'ECANCEL' }));
      if (this.sent === this.failAt) {
        return this.finish(Object.assign(new Error("Conversion failed when converting date and/or time. (password Secr3t)"), { code: 'EREQUEST' }));
      }
      if (this.sent === this.rows) return this.finish();
      this.emit('row', [this.sent++, `row ${this.sent}`]);
    }
    setImmediate(() => this.pump());
  }
  private finish(err?: Error): void {
    if (err) this.emit('error', err);
    this.emit('done');
  }
}

const describeErr = (e: unknown) => new Error(`cannot read SQL Server at mssql://db1:1433/Shop: ${String((e as Error).message).replaceAll('Secr3t', '***')}`);

/** A consumer that takes `delayMs` per row, recording how far the producer ran ahead of it. */
function slowSink(req: FakeRequest, delayMs: number, seen: unknown[][], ahead: { max: number }): Writable {
  return new Writable({
    objectMode: true,
    highWaterMark: 4,
    write(row: unknown[], _enc, done) {
      seen.push(row);
      ahead.max = Math.max(ahead.max, req.sent - seen.length);
      setTimeout(done, delayMs);
    },
  });
}

describe('SQL Server copy: the row stream', () => {
  it('sets stream and array-row mode, delivers every row in order, and pauses the request while the consumer lags', async () => {
    const req = new FakeRequest(3000);
    const seen: unknown[][] = [];
    const ahead = { max: 0 };
    let slow = 0;
    const sink = new Writable({
      objectMode: true, highWaterMark: 4,
      write(row: unknown[], _enc, done) {
        seen.push(row);
        ahead.max = Math.max(ahead.max, req.sent - seen.length);
        // Every 500th row the consumer stalls, as PostgreSQL does when its COPY buffer is full.
        if (seen.length % 500 === 0) {
          slow++;
          setTimeout(done, 20);
        } else done();
      },
    });
    await pipeline(requestRows(req, 'SELECT 1', describeErr, 100), sink);
    expect(req.stream).toBe(true);
    expect(req.arrayRowMode).toBe(true);
    expect(seen).toHaveLength(3000);
    expect(seen.every((r, i) => r[0] === i)).toBe(true);
    expect(slow).toBeGreaterThan(0);
    expect(req.pauses).toBeGreaterThan(0);
    // In flight: the stream's buffer (100), the sink's (4) and at most one packet of rows that arrived after the pause.
    expect(ahead.max).toBeLessThanOrEqual(100 + 4 + 50);
    expect(req.cancelled).toBe(false);
  });

  it('keeps memory flat end to end: rows → COPY encoder → a slow COPY sink', async () => {
    const req = new FakeRequest(30_000);
    const t: CopyTable = {
      source: { schema: 'dbo', name: 't' }, target: { schema: 'public', name: 't' }, name: 'public.t', identity: [],
      columns: [
        { source: 'id', target: 'id', sourceType: dataType('int'), encode: (v) => String(v) },
        { source: 'v', target: 'v', sourceType: dataType('nvarchar', [20]), encode: (v) => String(v) },
      ],
    };
    const count: Counter = { rows: 0, bytes: 0 };
    let maxAhead = 0;
    let text = '';
    const sink = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        maxAhead = Math.max(maxAhead, req.sent - count.rows);
        setTimeout(done, 2);
      },
    });
    await pipeline(requestRows(req, 'SELECT', describeErr, 50), copyEncoder(t, emptyWarnings(), count, () => undefined), sink);
    expect(count.rows).toBe(30_000);
    expect(text.split('\n')).toHaveLength(30_001);
    expect(text.startsWith('0\trow 1\n1\trow 2\n')).toBe(true);
    expect(req.pauses).toBeGreaterThan(0);
    // Bounded by the buffers between source and sink (the encoder's 1000 rows and 64 KB batches), not by the table size.
    expect(maxAhead).toBeLessThan(15_000);
  });

  it('a query error ends the stream with a message naming the server, not the password', async () => {
    const req = new FakeRequest(1000, 120);
    const seen: unknown[][] = [];
    const err = await pipeline(requestRows(req, 'SELECT', describeErr, 20), slowSink(req, 0, seen, { max: 0 })).then(() => undefined, (e: Error) => e);
    expect(err?.message).toBe('cannot read SQL Server at mssql://db1:1433/Shop: Conversion failed when converting date and/or time. (password ***)');
    expect(seen.length).toBeLessThanOrEqual(120);
    expect(req.cancelled).toBe(false);
  });

  it('a consumer that fails first cancels the request, which is resumed so its connection is released', async () => {
    const req = new FakeRequest(100_000);
    const sink = new Writable({
      objectMode: true,
      write(row: unknown[], _enc, done) {
        done((row[0] as number) === 300 ? Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }) : undefined);
      },
    });
    const err = await pipeline(requestRows(req, 'SELECT', describeErr, 20), sink).then(() => undefined, (e: Error) => e);
    expect((err as { code?: string }).code).toBe('22P02');
    expect(req.cancelled).toBe(true);
    expect(req.paused).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(req.sent).toBeLessThan(1000);
  });

  it('an empty result ends at once', async () => {
    const req = new FakeRequest(0);
    const seen: unknown[] = [];
    for await (const row of requestRows(req, 'SELECT', describeErr)) seen.push(row);
    expect(seen).toEqual([]);
  });
});

describe('SQL Server copy: connection errors', () => {
  it('a closed port is a clear error without the password (a real connection attempt)', async () => {
    const password = 'Hunter2!pw';
    const err = await openMssqlSource(`mssql://sa:${encodeURIComponent(password)}@127.0.0.1:1/Shop?encrypt=false`).then(() => undefined, (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toMatch(/^cannot reach SQL Server at mssql:\/\/127\.0\.0\.1:1\/Shop: the server is not running, not listening on TCP, or a firewall blocks it \(/);
    expect(err!.message).not.toContain(password);
  });

  it('validate refuses a SQL Server source before connecting, and says why', async () => {
    await expect(runValidate({ source: 'mssql://sa:pw@127.0.0.1:1/Shop', target: 'postgres://u@127.0.0.1:1/db' })).rejects.toThrow(
      /^pgshift validate does not read SQL Server sources: .*MD5.*compare row counts by hand$/,
    );
  });
});

// The built CLI (npm test builds dist/ first).
const bin = join('dist', 'src', 'cli', 'main.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, PGSHIFT_SOURCE_PASSWORD: '' } });

describe.skipIf(!existsSync(bin))('SQL Server copy: the CLI', () => {
  it('pgshift copy from an unreachable SQL Server: exit 1, one clean line, no password, no stack trace', () => {
    const r = cli('copy', '--source', 'mssql://sa:S3cret!x@127.0.0.1:1/Shop?encrypt=false', '--target', 'postgres://u:pgpw@127.0.0.1:1/db', '--format', 'json');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^pgshift: cannot reach SQL Server at mssql:\/\/127\.0\.0\.1:1\/Shop: .*\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr + r.stdout).not.toContain('S3cret');
  });

  it('pgshift validate with an mssql:// source: exit 2 with the reason', () => {
    const r = cli('validate', '--source', 'mssql://sa:S3cret!x@127.0.0.1:1/Shop', '--target', 'postgres://u@127.0.0.1:1/db');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^pgshift: pgshift validate does not read SQL Server sources: /);
    expect(r.stderr).not.toContain('S3cret');
  });
});
