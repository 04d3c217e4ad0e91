import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

export interface Timed {
  seconds: number;
  /** Peak resident set size in MB (the largest of the processes when several ran). */
  rssMb: number;
  /** CPU seconds (user + system) of the command and its children, as /usr/bin/time counts them. */
  cpuSeconds: number;
  ok: boolean;
  tail: string;
}

export interface TimedOptions {
  input?: string;
  /** A command still running after this is killed and reported as failed. */
  timeoutSeconds?: number;
  /** Each line of standard output with the seconds since the start, as it arrives. */
  onLine?: (line: string, seconds: number) => void;
  /** Added to the environment (PGOPTIONS for a tool's session settings). */
  env?: Record<string, string>;
}

/** Runs a command under /usr/bin/time -v: wall time, exit status and peak RSS ("Maximum resident set size"). */
export function timed(cmd: string, args: string[], options: TimedOptions = {}): Promise<Timed> {
  const { input, timeoutSeconds, onLine, env } = options;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const p = spawn('/usr/bin/time', ['-v', cmd, ...args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...(env ? { env: { ...process.env, ...env } } : {}) });
    let timedOut = false;
    const timer = timeoutSeconds ? setTimeout(() => {
      timedOut = true;
      // The whole group: /usr/bin/time and the command under it.
      try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutSeconds * 1000) : undefined;
    let out = '';
    let err = '';
    let partial = '';
    p.stdout.on('data', (d: Buffer) => {
      out = (out + d.toString()).slice(-4000);
      if (!onLine) return;
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) onLine(line, (performance.now() - t0) / 1000);
    });
    p.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-8000); });
    p.stdin.end(input ?? '');
    p.on('close', (code) => {
      if (timer) clearTimeout(timer);
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1] ?? 0);
      const tail = timedOut ? `timed out after ${timeoutSeconds} s`
        : (out + err.replace(/\n\s*Command being timed[\s\S]*$/, '')).trim().split('\n').slice(-6).join('\n');
      const cpu = ['User', 'System'].reduce((n, k) => n + Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(err)?.[1] ?? 0), 0);
      resolve({ seconds: (performance.now() - t0) / 1000, rssMb: kb / 1024, cpuSeconds: cpu, ok: code === 0 && !timedOut, tail });
    });
  });
}

/** Runs commands a few at a time; the result's RSS is the largest single process. */
export async function timedAll(jobs: [string, string[]][], parallel: number): Promise<Timed> {
  const t0 = performance.now();
  const results: Timed[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < jobs.length) {
      const [cmd, args] = jobs[next++]!;
      results.push(await timed(cmd, args));
    }
  }));
  return {
    seconds: (performance.now() - t0) / 1000,
    rssMb: Math.max(0, ...results.map((r) => r.rssMb)),
    cpuSeconds: results.reduce((n, r) => n + r.cpuSeconds, 0),
    ok: results.every((r) => r.ok),
    tail: results.filter((r) => !r.ok).map((r) => r.tail).join('\n'),
  };
}

/** pgloader from Debian when it is not installed; false (said aloud) when that fails. */
export function ensurePgloader(): boolean {
  if (spawnSync('sh', ['-c', 'command -v pgloader']).status === 0) return true;
  console.log('pgloader not found: apt-get install -y pgloader ...');
  const r = spawnSync('apt-get', ['install', '-y', 'pgloader'], { stdio: 'ignore' });
  if (r.status === 0 && spawnSync('sh', ['-c', 'command -v pgloader']).status === 0) return true;
  console.log('pgloader could not be installed (apt-get failed): its column is skipped');
  return false;
}

/**
 * A pgloader load command: schema and data from the MySQL database into a fresh PostgreSQL database. Zero dates
 * become NULL as pgshift makes them: pgloader's own rule does so only for columns whose default is a zero date,
 * and without this one it rejects the customers table (born DATE holds 0000-00-00) and loads 90 % of the rows.
 */
export function writePgloaderCommand(file: string, mysqlUrl: string, pgUrl: string, workers: number): void {
  writeFileSync(file, `LOAD DATABASE
  FROM ${mysqlUrl}
  INTO ${pgUrl}
  WITH include drop, create tables, create indexes, reset sequences, foreign keys,
       workers = ${workers}, concurrency = 1, prefetch rows = 10000
  SET PostgreSQL PARAMETERS maintenance_work_mem to '256MB'
  CAST type date to date drop default drop not null using zero-dates-to-null
  ALTER SCHEMA '${new URL(mysqlUrl).pathname.slice(1)}' RENAME TO 'public';
`);
}

const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** utime, stime, cutime, cstime and the parent pid from /proc/<pid>/stat (undefined when the process is gone). */
function procTimes(pid: number): { own: number; reaped: number; ppid: number } | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const x = f.slice(f.lastIndexOf(')') + 2).split(' ').map(Number);
    return { own: x[11]! + x[12]!, reaped: x[13]! + x[14]!, ppid: x[1]! };
  } catch {
    return undefined;
  }
}

/** Pids of the processes named `name` (the kernel's short name). */
function pidsNamed(name: string): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
    } catch {
      return false;
    }
  });
}

/**
 * CPU seconds used so far by the database servers running on this machine: MariaDB (one process, its threads
 * included) and PostgreSQL (the postmaster, the backends it has reaped, and the ones alive now). The difference of
 * two readings is what the servers spent on a run; 0 for a server that does not run here.
 */
export function serverCpuSeconds(): { mariadb: number; postgres: number } {
  const mariadb = pidsNamed('mariadbd').reduce((n, pid) => n + (procTimes(pid)?.own ?? 0), 0);
  const pg = pidsNamed('postgres').map((pid) => ({ pid, t: procTimes(pid) }));
  const pgPids = new Set(pg.map((p) => p.pid));
  // Postmasters: postgres processes whose parent is not one; their children are the backends and workers.
  const postgres = pg.filter((p) => p.t && !pgPids.has(p.t.ppid))
    .reduce((n, p) => n + p.t!.own + p.t!.reaped + pg.filter((c) => c.t?.ppid === p.pid).reduce((m, c) => m + c.t!.own, 0), 0);
  return { mariadb: mariadb / TICKS, postgres: postgres / TICKS };
}
