import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { exportTables, flushSource, generateDataset, rowsPerTable, TABLES } from './copy-dataset.js';
import { ensurePgloader, serverCpuSeconds, timed, timedAll, writePgloaderCommand, type Timed } from './copy-tools.js';
import { POST_DATA_SETTINGS } from '../src/copy/post-data.js';

// npm run bench:copy: a MariaDB dataset of PGSHIFT_BENCH_ROWS rows (default 5 million) over 10 tables with the
// full type mix, copied by pgshift, by pgloader and by a raw COPY FROM of the same rows exported once (alone, and
// followed by the same keys and indexes pgshift builds, with the same parallelism); rows/s,
// MB/s and peak RSS of each, at that size and at a quarter of it (RSS should stay flat as rows grow); the load
// average at each start marks runs disturbed by other work on the machine.
const mysqlUrl = process.env.PGSHIFT_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306/test';
const pgUrl = process.env.PGSHIFT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const full = Number(process.env.PGSHIFT_BENCH_ROWS ?? 5_000_000);
const jobs = Number(process.env.PGSHIFT_BENCH_JOBS ?? availableParallelism());
const rounds = Math.max(1, Number(process.env.PGSHIFT_BENCH_ROUNDS ?? 3));
const SRC_DB = 'pgshift_bench_copy';
const DIR = '/tmp/pgshift-bench-copy';

const withDb = (url: string, db: string): string => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

/**
 * A fresh database; then a CHECKPOINT and a sync, so no tool pays for flushing what was written before it (the one
 * before it, the exported files).
 */
async function freshPgDatabase(db: string): Promise<string> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${db}`);
    await c.query(`CREATE DATABASE ${db}`);
    await c.query('CHECKPOINT');
  } finally {
    await c.end();
  }
  spawnSync('sync');
  return withDb(pgUrl, db);
}

async function pgRows(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    let n = 0;
    for (const t of TABLES) n += Number((await c.query(`SELECT count(*) AS n FROM public.${t.name}`)).rows[0].n);
    return n;
  } catch {
    return -1;
  } finally {
    await c.end();
  }
}

/** Indexes and foreign keys in the public schema: the keys and indexes a load built. */
async function keyCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query("SELECT (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public') + (SELECT count(*) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype = 'f') AS n");
    return Number(r.rows[0].n);
  } finally {
    await c.end();
  }
}

/** pgshift's keys, uniques and indexes per table (in that order), and its FKs, as SQL read back from its database. */
async function postDataByTable(url: string): Promise<{ byTable: Map<string, string[]>; fks: string[] }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ t: string; kind: string; sql: string }>(`
      SELECT c.relname AS t, k.contype::text AS kind, format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid)) AS sql
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE k.connamespace = 'public'::regnamespace AND k.contype IN ('p', 'u', 'x', 'f')
      UNION ALL
      SELECT c.relname, 'i', pg_get_indexdef(i.indexrelid)
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
      WHERE x.relnamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
      ORDER BY 1, 2 DESC, 3`);
    const byTable = new Map<string, string[]>();
    const fks: string[] = [];
    for (const x of r.rows) {
      if (x.kind === 'f') fks.push(x.sql);
      else byTable.set(x.t, [...(byTable.get(x.t) ?? []), x.sql]);
    }
    return { byTable, fks };
  } finally {
    await c.end();
  }
}

/** load: the 1-minute load average when the tool started (this machine is shared; a high figure marks a disturbed run). */
interface Line { tool: string; t: Timed; rows: number; load: number; servers: ServerCpu }

/** CPU seconds the local database servers spent (see serverCpuSeconds). */
type ServerCpu = { mariadb: number; postgres: number };
const cpuSince = (c0: ServerCpu): ServerCpu => {
  const c1 = serverCpuSeconds();
  return { mariadb: c1.mariadb - c0.mariadb, postgres: c1.postgres - c0.postgres };
};
const addCpu = (a: ServerCpu, b: ServerCpu): ServerCpu => ({ mariadb: a.mariadb + b.mariadb, postgres: a.postgres + b.postgres });

const load = (): number => loadavg()[0]!;

/** One measured round: pgshift, pgloader (when asked), raw COPY, raw COPY + keys, raw COPY + keys per table. */
interface Round {
  lines: Line[];
  /** When pgshift's stages ended (its JSON events): schema applied, last chunk copied, keys and indexes built. */
  stages: { preData?: number; lastChunk?: number; postData?: number; unitSeconds: number };
  raw: Timed;
  keys: Timed;
  loaded: Timed;
  fkRun?: Timed;
  /** The like-for-like limit: the faster of the two raw COPY + keys forms. */
  limit: { name: string; t: Timed };
}

async function measureRound(files: string[], source: string, pgloader: boolean): Promise<Round> {
  const lines: Line[] = [];
  const pgshiftDb = await freshPgDatabase('pgshift_bench_pgshift');
  const shiftLoad = load();
  const shiftCpu = serverCpuSeconds();
  const stages: Round['stages'] = { unitSeconds: 0 };
  const shift = await timed('node', ['dist/src/cli/main.js', 'copy', '--source', source, '--target', pgshiftDb, '--no-validate', '--jobs', String(jobs), '--format', 'json'], {
    onLine: (line, at) => {
      if (line.includes('"event":"chunk"')) stages.lastChunk = at;
      else if (line.includes('"event":"unit"')) stages.unitSeconds += Number(/"seconds":([\d.e-]+)/.exec(line)?.[1] ?? 0);
      else if (line.includes('"event":"phase"') && line.includes('"phase":"pre-data"')) stages.preData = at;
      else if (line.includes('"event":"phase"') && line.includes('"phase":"post-data"')) stages.postData = at;
    },
  });
  const shiftServers = cpuSince(shiftCpu);
  lines.push({ tool: 'pgshift copy', t: shift, rows: await pgRows(pgshiftDb), load: shiftLoad, servers: shiftServers });
  if (pgloader) {
    const loaderDb = await freshPgDatabase('pgshift_bench_pgloader');
    writePgloaderCommand(`${DIR}/load.pgloader`, source, loaderDb, jobs);
    const loaderLoad = load();
    const loaderCpu = serverCpuSeconds();
    // A stuck run must not stall the bench (one pgloader run here passed 5 minutes with a table still empty; the
    // next took 31 s): pgloader gets 20 times pgshift's time, at least 5 minutes.
    const loader = await timed('pgloader', ['--no-ssl-cert-verification', `${DIR}/load.pgloader`], { timeoutSeconds: Math.max(300, 20 * shift.seconds) });
    const loaderServers = cpuSince(loaderCpu);
    lines.push({ tool: 'pgloader', t: loader, rows: await pgRows(loaderDb), load: loaderLoad, servers: loaderServers });
  }

  // Raw COPY: the same tables (pgshift's pre-data DDL, no keys or indexes), loaded from the exported files by psql.
  const rawDb = await freshPgDatabase('pgshift_bench_raw');
  const ddl = await timed('sh', ['-c', `pg_dump --schema-only --section=pre-data --exclude-schema=pgshift '${pgshiftDb}' | psql -q -v ON_ERROR_STOP=1 '${rawDb}' >/dev/null`]);
  if (!ddl.ok) console.log(`raw COPY schema: ${ddl.tail}`);
  const rawLoad = load();
  const rawCpu = serverCpuSeconds();
  const raw = await timedAll(files.map((f, i) => ['psql', ['-q', '-v', 'ON_ERROR_STOP=1', rawDb, '-c', `\\copy public.${TABLES[i]!.name} FROM '${f}'`]]), jobs);
  const rawServers = cpuSince(rawCpu);
  lines.push({ tool: 'raw COPY FROM file', t: raw, rows: await pgRows(rawDb), load: rawLoad, servers: rawServers });

  // The like-for-like limit: those rows, then the same keys, indexes and FKs pgshift built (its post-data, taken from
  // its database by pg_dump) by pg_restore over as many sessions as pgshift's --jobs, with pgshift's session settings.
  const postDump = `${DIR}/post-data.dump`;
  const dumped = await timed('pg_dump', ['--format=custom', '--section=post-data', '--exclude-schema=pgshift', '-f', postDump, pgshiftDb]);
  const pgOptions = Object.entries(POST_DATA_SETTINGS).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const keysLoad = load();
  const keysCpu = serverCpuSeconds();
  const keys = dumped.ok
    ? await timed('pg_restore', ['--jobs', String(jobs), '--section=post-data', '--exit-on-error', '-d', rawDb, postDump], { env: { PGOPTIONS: pgOptions } })
    : dumped;
  const keysServers = cpuSince(keysCpu);
  const rawKeys: Timed = {
    seconds: raw.seconds + keys.seconds, rssMb: Math.max(raw.rssMb, keys.rssMb), cpuSeconds: raw.cpuSeconds + keys.cpuSeconds, ok: raw.ok && keys.ok,
    tail: [raw.tail, keys.tail].filter(Boolean).join('\n'),
  };
  lines.push({ tool: 'raw COPY + keys', t: rawKeys, rows: await pgRows(rawDb), load: Math.max(rawLoad, keysLoad), servers: addCpu(rawServers, keysServers) });

  // The same, each table's keys and indexes right after its rows in the same job (as pgshift does), FKs at the end.
  const perTableDb = await freshPgDatabase('pgshift_bench_raw_tables');
  const ddl2 = await timed('sh', ['-c', `pg_dump --schema-only --section=pre-data --exclude-schema=pgshift '${pgshiftDb}' | psql -q -v ON_ERROR_STOP=1 '${perTableDb}' >/dev/null`]);
  if (!ddl2.ok) console.log(`raw COPY + keys per table schema: ${ddl2.tail}`);
  const { byTable, fks } = await postDataByTable(pgshiftDb);
  const bySize = files.map((f, i) => ({ f, name: TABLES[i]!.name, size: statSync(f).size })).sort((a, b) => b.size - a.size);
  const tableJobs: [string, string[]][] = bySize.map(({ f, name }) => {
    const sql = byTable.get(name) ?? [];
    writeFileSync(`${DIR}/post-${name}.sql`, sql.join(';\n') + ';\n');
    const keysCmd = sql.length ? ` && PGOPTIONS='${pgOptions}' psql -q -v ON_ERROR_STOP=1 '${perTableDb}' -f '${DIR}/post-${name}.sql'` : '';
    return ['sh', ['-c', `psql -q -v ON_ERROR_STOP=1 '${perTableDb}' -c "\\copy public.${name} FROM '${f}'"${keysCmd}`]];
  });
  writeFileSync(`${DIR}/post-fks.sql`, fks.map((x) => `${x};\n`).join(''));
  const perTableLoad = load();
  const perTableCpu = serverCpuSeconds();
  const loaded = await timedAll(tableJobs, jobs);
  const fkRun = fks.length ? await timed('psql', ['-q', '-v', 'ON_ERROR_STOP=1', perTableDb, '-f', `${DIR}/post-fks.sql`], { env: { PGOPTIONS: pgOptions } }) : undefined;
  const perTable: Timed = {
    seconds: loaded.seconds + (fkRun?.seconds ?? 0), rssMb: Math.max(loaded.rssMb, fkRun?.rssMb ?? 0), cpuSeconds: loaded.cpuSeconds + (fkRun?.cpuSeconds ?? 0),
    ok: loaded.ok && (fkRun?.ok ?? true),
    tail: [loaded.tail, fkRun?.tail ?? ''].filter(Boolean).join('\n'),
  };
  const perTableServers = cpuSince(perTableCpu);
  lines.push({ tool: 'raw COPY + keys/tbl', t: perTable, rows: await pgRows(perTableDb), load: perTableLoad, servers: perTableServers });

  const shiftKeys = await keyCount(pgshiftDb);
  for (const [what, db] of [['raw COPY + keys', rawDb], ['raw COPY + keys per table', perTableDb]] as const) {
    const n = await keyCount(db);
    if (n !== shiftKeys) console.log(`${what}: ${n} index(es) and FK(s) built, pgshift built ${shiftKeys}: NOT like for like`);
  }
  // The like-for-like limit: the faster of the two forms.
  const limit = perTable.ok && perTable.seconds < rawKeys.seconds ? { name: 'raw COPY + keys per table', t: perTable } : { name: 'raw COPY + keys', t: rawKeys };

  return { lines, stages, raw, keys, loaded, ...(fkRun ? { fkRun } : {}), limit };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * A dataset of `rows` rows, measured in `rounds` rounds (pgloader in the first only): on a machine this small one
 * run's ratio moves by several points, so the bench gives each round's and their median.
 */
async function runSize(rows: number, pgloader: boolean, rounds: number): Promise<Line[]> {
  console.log(`\n== ${rows.toLocaleString('en')} rows over ${TABLES.length} tables ==`);
  let t0 = performance.now();
  await generateDataset(mysqlUrl, SRC_DB, rows);
  console.log(`generated in MariaDB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await flushSource(mysqlUrl);
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  chmodSync(DIR, 0o777);
  t0 = performance.now();
  const files = await exportTables(mysqlUrl, SRC_DB, DIR);
  const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
  console.log(`exported ${(bytes / 1e6).toFixed(1)} MB of COPY text in ${((performance.now() - t0) / 1000).toFixed(1)} s (the MB in MB/s below)`);
  const source = withDb(mysqlUrl, SRC_DB);
  const first = await measureRound(files, source, pgloader);
  const more: Round[] = [];
  for (let i = 1; i < rounds; i++) more.push(await measureRound(files, source, false));
  const { lines, stages, raw, keys, loaded, fkRun, limit } = first;

  const mb = bytes / 1e6;
  const generated = [...rowsPerTable(rows).values()].reduce((a, b) => a + b, 0);
  console.log(`${'tool'.padEnd(20)} ${'seconds'.padStart(8)} ${'rows/s'.padStart(10)} ${'MB/s'.padStart(7)} ${'peak RSS'.padStart(9)} ${'load'.padStart(5)}  rows loaded`);
  for (const l of lines) {
    // A run that loaded fewer rows than the source holds did less work: its rows/s is not comparable.
    const status = !l.t.ok ? `  FAILED: ${l.t.tail.replace(/\n/g, ' | ').slice(0, 300)}` : l.rows !== generated ? `  INCOMPLETE: ${generated - l.rows} row(s) missing` : '';
    console.log(`${l.tool.padEnd(20)} ${l.t.seconds.toFixed(1).padStart(8)} ${Math.round(generated / l.t.seconds).toLocaleString('en').padStart(10)} ${(mb / l.t.seconds).toFixed(1).padStart(7)} ${`${l.t.rssMb.toFixed(0)} MB`.padStart(9)} ${l.load.toFixed(1).padStart(5)}  ${l.rows}${status}`);
  }
  // Where the time went: on a machine of few cores the servers' CPU bounds every tool (the source's is absent from
  // raw COPY, which reads a file).
  const cores = availableParallelism();
  console.log(`CPU seconds (user + system) | ${'tool'.padStart(6)} ${'MariaDB'.padStart(8)} ${'Postgres'.padStart(9)} ${'total'.padStart(6)} | cores busy (of ${cores})`);
  for (const l of lines) {
    const total = l.t.cpuSeconds + l.servers.mariadb + l.servers.postgres;
    console.log(`${l.tool.padEnd(27)} | ${l.t.cpuSeconds.toFixed(1).padStart(6)} ${l.servers.mariadb.toFixed(1).padStart(8)} ${l.servers.postgres.toFixed(1).padStart(9)} ${total.toFixed(1).padStart(6)} | ${(total / l.t.seconds).toFixed(2)}`);
  }
  const s = lines[0]!.t.seconds;
  const pct = (limit: number, ours: number) => `${((limit / ours) * 100).toFixed(0)} %`;
  const loaderLine = lines.find((l) => l.tool === 'pgloader');
  if (loaderLine?.t.ok && loaderLine.rows === generated) console.log(`pgshift vs pgloader: ${(loaderLine.t.seconds / s).toFixed(2)}x faster (target >= 2x)`);
  console.log(`pgshift end to end vs raw COPY + the same keys and indexes (like for like; the faster form, ${limit.name}): ${pct(limit.t.seconds, s)} of its throughput (target >= 70 %)`);
  console.log(`pgshift end to end vs raw COPY of the rows alone (no keys or indexes to build): ${pct(raw.seconds, s)} of its throughput`);
  if (stages.preData !== undefined && stages.lastChunk !== undefined && stages.postData !== undefined) {
    const data = stages.lastChunk - stages.preData;
    console.log(`pgshift rows stage vs raw COPY of the rows alone: ${pct(raw.seconds, data)} of its throughput (${Math.round(generated / data).toLocaleString('en')} rows/s; the stage also builds the keys of tables whose rows are in)`);
    console.log(`pgshift stages: start, introspect, convert and tables ${stages.preData.toFixed(1)} s; rows ${data.toFixed(1)} s; keys and indexes after the last chunk ${(stages.postData - stages.lastChunk).toFixed(1)} s (their units took ${stages.unitSeconds.toFixed(1)} s of session time in all, some beside the chunks); then ${(s - stages.postData).toFixed(1)} s to exit`);
  }
  console.log(`raw COPY + keys stages: rows ${raw.seconds.toFixed(1)} s; keys and indexes (pg_restore --jobs ${jobs}) ${keys.seconds.toFixed(1)} s`);
  console.log(`raw COPY + keys per table (keys/tbl): ${jobs} jobs, each loads a table and builds its keys and indexes; ${loaded.seconds.toFixed(1)} s${fkRun ? `, then FKs ${fkRun.seconds.toFixed(1)} s` : ''}`);
  if (more.length) {
    // A round counts when pgshift and the limit both loaded every row.
    const complete = (r: Round) => r.lines.every((l) => l.tool === 'pgloader' || (l.t.ok && l.rows === generated));
    more.forEach((r, i) => console.log(`round ${i + 2}: pgshift ${r.lines[0]!.t.seconds.toFixed(1)} s, ${r.limit.name} ${r.limit.t.seconds.toFixed(1)} s: ${pct(r.limit.t.seconds, r.lines[0]!.t.seconds)}${complete(r) ? '' : ' (a run failed or missed rows: not counted)'}`));
    const ratios = [first, ...more].filter(complete).map((r) => r.limit.t.seconds / r.lines[0]!.t.seconds);
    console.log(`pgshift end to end vs raw COPY + the same keys and indexes over ${ratios.length} rounds: median ${(median(ratios) * 100).toFixed(0)} % (${ratios.map((x) => `${(x * 100).toFixed(0)} %`).join(', ')}; target >= 70 %)`);
  }
  return lines;
}

const havePgloader = ensurePgloader(); // says so when it cannot, and the run goes on without it
const small = await runSize(Math.max(1000, Math.round(full / 4)), havePgloader, 1);
const large = await runSize(full, havePgloader, rounds);
console.log('\n== peak RSS as rows grow (flat is the target) ==');
for (let i = 0; i < large.length; i++) {
  console.log(`${large[i]!.tool.padEnd(20)} ${small[i]!.t.rssMb.toFixed(0).padStart(5)} MB at ${Math.round(full / 4).toLocaleString('en')} rows -> ${large[i]!.t.rssMb.toFixed(0).padStart(5)} MB at ${full.toLocaleString('en')} rows`);
}
