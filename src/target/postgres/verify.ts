import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ManualItem } from '../../model/catalog.js';
import { diag, type Diagnostic } from '../../model/diagnostics.js';
import type { Phase, Statement } from './statement.js';
import { loadPgParser, pgSyntaxErrors } from './pg-parse.js';
import { pgliteFromTemplate } from './pglite-template.js';

export interface ApplyResult {
  applied: number;
  failed: { statement: Statement; error: string }[];
}

export interface Failure { statement: Statement; error: string }

/**
 * Parse every statement with PostgreSQL's own parser (libpg_query); rejected statements leave the phases.
 * (A worker thread taking half the statements was measured: no faster on two cores, 60-160 MB more memory.)
 */
export async function checkSyntax(phases: Phase[]): Promise<{ phases: Phase[]; rejected: Failure[] }> {
  const sql: string[] = [];
  for (const p of phases) for (const list of [p.up, p.down]) for (const s of list) sql.push(s.sql);
  const errors = new Map(pgSyntaxErrors(await loadPgParser(), sql));
  if (!errors.size) return { phases, rejected: [] };
  const rejected: Failure[] = [];
  let i = 0;
  const keep = (list: Statement[]) => {
    const out: Statement[] = [];
    for (const s of list) {
      const error = errors.get(i++);
      if (error === undefined) out.push(s);
      else rejected.push({ statement: s, error });
    }
    return out;
  };
  const out: Phase[] = [];
  for (const p of phases) {
    const up = keep(p.up);
    out.push({ ...p, up, down: keep(p.down) });
  }
  return { phases: out, rejected };
}

/** Start loading the check's parser now: V8 compiles its wasm module off the main thread while the input converts. */
export function startSyntaxCheck(): void {
  void loadPgParser();
}

export interface PgliteApplyOptions {
  /** Apply to this instance instead of a fresh one (tests reuse instances; it is not closed). */
  db?: PGlite;
}

/** Apply the up statements, in order, to an embedded PostgreSQL; a failing statement is recorded and skipped. */
export async function applyToPglite(phases: Phase[], opts: PgliteApplyOptions = {}): Promise<ApplyResult> {
  const db = opts.db ?? (await freshPglite());
  try {
    return await applyStatements(phases, async (sql, s) => {
      // COPY data goes through PGlite's /dev/blob device: its exec has no COPY FROM stdin.
      if (s.copyRows) await db.query(sql.replace(/FROM stdin;$/, "FROM '/dev/blob';"), [], { blob: new Blob([...s.copyRows()]) });
      else await db.exec(sql);
    });
  } finally {
    if (!opts.db) await db.close();
  }
}

/** A fresh in-memory PGlite with the contrib extensions the output may create. */
export async function freshPglite(): Promise<PGlite> {
  return pgliteFromTemplate(await pgliteExtensions());
}

/**
 * Every extension the transpiler may add to the output (ctx.extensions): citext for case-insensitive text,
 * fuzzystrmatch for SOUNDEX/DIFFERENCE, pgcrypto for digests and gen_random_uuid before PostgreSQL 13.
 */
export async function pgliteExtensions() {
  const [{ citext }, { fuzzystrmatch }, { pgcrypto }] = await Promise.all([
    import('@electric-sql/pglite/contrib/citext'),
    import('@electric-sql/pglite/contrib/fuzzystrmatch'),
    import('@electric-sql/pglite/contrib/pgcrypto'),
  ]);
  return { citext, fuzzystrmatch, pgcrypto };
}

async function applyStatements(phases: Phase[], run: (sql: string, s: Statement) => Promise<void>): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, failed: [] };
  for (const p of phases) {
    for (const s of p.up) {
      try {
        await run(s.sql, s);
        result.applied++;
      } catch (e) {
        result.failed.push({ statement: s, error: (e as Error).message });
      }
    }
  }
  return result;
}

/**
 * Apply to a real server: a scratch database pgshift_verify_<random> is created, used and dropped.
 * Connection errors are rewritten without the password.
 */
export async function applyToUrl(url: string, phases: Phase[]): Promise<ApplyResult> {
  const target = parseUrl(url);
  const { default: pg } = await import('pg'); // loaded only when a server is named: convert starts without it
  const admin = new pg.Client({ connectionString: url });
  await connect(admin, target);
  const dbName = `pgshift_verify_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${dbName}`);
    const scratchUrl = new URL(url);
    scratchUrl.pathname = `/${dbName}`;
    const client = new pg.Client({ connectionString: scratchUrl.toString() });
    await connect(client, target);
    try {
      return await applyStatements(phases, async (sql, s) => {
        if (s.copyRows) await copyIn(client, sql, s.copyRows());
        else await client.query(sql);
      });
    } finally {
      await client.end();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => admin.query(`DROP DATABASE IF EXISTS ${dbName}`));
    await admin.end();
  }
}

/** COPY FROM STDIN through pg-copy-streams, rows written as they are produced. */
async function copyIn(client: pg.Client, sql: string, lines: Iterable<string>): Promise<void> {
  const { from: copyFrom } = await import('pg-copy-streams');
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from(lines), stream);
}

function parseUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('pgshift: the verify URL is not a valid postgres:// URL');
  }
  if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error(`pgshift: the verify URL must start with postgres:// (got ${u.protocol}//)`);
  return u;
}

/** host:port/db and user for messages; never the password. */
export function redactUrl(u: URL): string {
  return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
}

async function connect(client: pg.Client, u: URL): Promise<void> {
  try {
    await client.connect();
  } catch (e) {
    const err = e as Error & { code?: string };
    const where = redactUrl(u);
    const why =
      err.code === 'ECONNREFUSED' ? 'connection refused (is the server running and listening?)'
      : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? 'host not found'
      : err.code === 'ETIMEDOUT' ? 'connection timed out'
      : err.code === '28P01' ? 'password authentication failed'
      : err.code === '28000' ? 'authentication rejected (no pg_hba.conf entry or role does not exist)'
      : err.code === '3D000' ? 'database does not exist'
      : scrub(err.message, u);
    throw new Error(`pgshift: cannot connect to PostgreSQL at ${where}: ${why}`);
  }
}

function scrub(message: string, u: URL): string {
  return u.password ? message.replaceAll(decodeURIComponent(u.password), '***').replaceAll(u.password, '***') : message;
}

/**
 * Move rejected or failed statements (and their down counterparts) out of the phases into manual
 * items with an error diagnostic each, so the remaining files apply cleanly. Pushes onto `manual`
 * and `diagnostics`; returns the pruned phases (empty phases are dropped).
 */
export function pruneFailures(
  phases: Phase[], failures: Failure[], code: 'PGS6001' | 'PGS6002', manual: ManualItem[], diagnostics: Diagnostic[],
): Phase[] {
  if (!failures.length) return phases;
  const gone = new Set<Statement>(failures.map((f) => f.statement));
  const verb = code === 'PGS6001' ? 'rejected by the PostgreSQL parser' : 'failed when applied to PostgreSQL';
  const toManual = (s: Statement, message: string): void => {
    manual.push({ object: s.object, kind: s.kind ?? kindOfPath(s.object), original: s.sql, codes: [code], ...(s.span ? { span: s.span } : {}) });
    diagnostics.push(diag(code, message, { object: s.object, statement: s.sql, ...(s.span ? { span: s.span } : {}) }));
  };
  for (const f of failures) toManual(f.statement, `statement ${verb}: ${f.error}`);
  // An object whose creating statement is gone takes along what cannot apply without it: its own keys, indexes,
  // comments and data, and the statements of other objects that need it (foreign keys to it, views over it,
  // triggers on it), and so on; so the ordered files still apply cleanly.
  const ups = phases.flatMap((p) => p.up);
  const lost = new Set<string>();
  for (let grew = true; grew;) {
    grew = false;
    for (const s of gone) if (s.kind !== undefined && CREATES.has(s.kind) && !lost.has(s.object)) { lost.add(s.object); grew = true; }
    for (const s of ups) {
      if (gone.has(s)) continue;
      const need = lost.has(s.object) ? s.object : s.needs?.find((n) => lost.has(n));
      if (need === undefined) continue;
      gone.add(s);
      grew = true;
      toManual(s, `statement not applied: ${need === s.object ? 'its object' : need} did not convert (a statement ${verb}); moved to manual/ with it`);
    }
  }
  const goneKeys = new Set([...gone].map((s) => s.key).filter((k): k is string | number => k !== undefined));
  const keep = (s: Statement) => !gone.has(s) && !(s.key !== undefined && goneKeys.has(s.key));
  return phases
    .map((p) => ({ ...p, up: p.up.filter(keep), down: p.down.filter(keep) }))
    .filter((p) => p.up.length > 0);
}

/** Kinds of statement that create their object: without it, the object's other statements cannot apply. */
const CREATES = new Set<ManualItem['kind']>(['table', 'view', 'type', 'sequence']);

/** 'table dbo.Orders' → 'table'; paths of other kinds map to the nearest ManualItem kind. */
function kindOfPath(path: string): ManualItem['kind'] {
  const word = path.split(' ')[0] ?? '';
  switch (word) {
    case 'table': case 'view': case 'trigger': case 'type': case 'sequence': case 'index': case 'column': case 'constraint':
      return word;
    case 'procedure': case 'function': case 'event':
      return 'routine';
    default:
      return 'statement';
  }
}
