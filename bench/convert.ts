import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSource } from '../src/convert.js';
import { readScripts } from '../src/sources/script.js';
import { transpile } from '../src/transpile/index.js';
import { printMigration } from '../src/target/postgres/print.js';
import { checkSyntax, startSyntaxCheck } from '../src/target/postgres/verify.js';
import { generateDdl } from './generate.js';
import { collectGarbage } from '../src/gc.js';
import type { Catalog } from '../src/model/catalog.js';

// npm run bench: per dialect, in a fresh process (so peak RSS is its own), convert a generated DDL corpus on one
// thread as `pgshift convert` does (each catalog let go once the next stage has what it needs) and print MB/s for
// each stage and peak RSS; then the whole command as users run it (report and files written too).
// PGSHIFT_BENCH_MB sets the size (default 24), PGSHIFT_BENCH_RUNS how many runs the figures are the median of (3).
const [, , mode, dialectArg, file] = process.argv;

if (mode === '--child') {
  const dialect = dialectArg as 'tsql' | 'mysql';
  const mb = statSync(file!).size / 1e6;
  startSyntaxCheck();
  // RSS before any input is read (modules and the check's parser loaded): peak minus this is what the input costs.
  const idleRssMB = process.memoryUsage().rss / 1048576;
  const t0 = performance.now();
  let source: Catalog | undefined = parseSource(readScripts(file!), dialect);
  const t1 = performance.now();
  let target: Catalog | undefined = transpile(source, { identifiers: 'lower', schemaMap: {}, targetVersion: 15 });
  const t2 = performance.now();
  // As the command does: each catalog goes once the next stage has what it needs (the collections count in convert).
  const tables = source.schemas.reduce((n, s) => n + s.tables.length, 0);
  source = undefined;
  collectGarbage();
  const t2b = performance.now();
  const printed = printMigration(target);
  const t3 = performance.now();
  target = undefined;
  collectGarbage();
  const t3b = performance.now();
  const syntax = await checkSyntax(printed.phases);
  const t4 = performance.now();
  const statements = printed.phases.reduce((n, p) => n + p.up.length, 0);
  const rate = (ms: number) => +(mb / (ms / 1000)).toFixed(1);
  console.log(JSON.stringify({
    dialect, inputMB: +mb.toFixed(1), tables, statements, rejected: syntax.rejected.length,
    parseMBps: rate(t1 - t0), transpileMBps: rate(t2 - t1), printMBps: rate(t3 - t2b), collectMs: Math.round(t2b - t2 + t3b - t3), convertMBps: rate(t3b - t0),
    checkMBps: rate(t4 - t3b), withLibpgQueryCheckMBps: rate(t4 - t0), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), idleRssMB: Math.round(idleRssMB),
  }));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'pgshift-bench-'));
  const bytes = Number(process.env.PGSHIFT_BENCH_MB ?? 24) * 1e6;
  const RUNS = Math.max(1, Number(process.env.PGSHIFT_BENCH_RUNS ?? 3));
  try {
    for (const dialect of ['tsql', 'mysql'] as const) {
      const f = join(dir, `${dialect}.sql`);
      writeFileSync(f, generateDdl(dialect, bytes));
      // Each run in a fresh process; the figures are the median run's (a shared machine's speed varies by tens of
      // percent from one minute to the next), with the spread of the convert rate beside them.
      const runs: Record<string, number>[] = [];
      const commands: { seconds: number; rssMB: number }[] = [];
      for (let i = 0; i < RUNS; i++) {
        const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dialect, f], { encoding: 'utf8', maxBuffer: 1 << 24 });
        runs.push(JSON.parse(out.trim().split('\n').pop()!));
        if (runs[i]!.rejected) throw new Error(`${runs[i]!.rejected} statement(s) of the generated corpus rejected by libpg_query`);
        commands.push(wholeCommand(dialect, f, join(dir, 'out')));
      }
      const r = median(runs, (x) => x.convertMBps!);
      const range = `${Math.min(...runs.map((x) => x.convertMBps!))}-${Math.max(...runs.map((x) => x.convertMBps!))}`;
      const { seconds, rssMB: cmdRss } = median(commands, (x) => x.seconds);
      console.log(
        `${dialect.padEnd(5)} ${r.inputMB} MB, ${r.tables} tables, ${r.statements} statements | parse ${r.parseMBps} MB/s, ` +
          `transpile ${r.transpileMBps} MB/s, print ${r.printMBps} MB/s, ${r.collectMs} ms of collections => convert ${r.convertMBps} MB/s (${range} in ${RUNS} runs) | libpg_query check ${r.checkMBps} MB/s ` +
          `=> ${r.withLibpgQueryCheckMBps} MB/s in all (one thread) | peak RSS ${r.peakRssMB} MB (${(r.peakRssMB / r.inputMB).toFixed(1)}x input; ` +
          `${r.peakRssMB - r.idleRssMB} MB above the ${r.idleRssMB} MB of the idle process, ${((r.peakRssMB - r.idleRssMB) / r.inputMB).toFixed(1)}x input)`,
      );
      console.log(
        `${''.padEnd(5)} pgshift convert, the whole command (report and files too): ${seconds.toFixed(1)} s, ${(r.inputMB / seconds).toFixed(1)} MB/s | ` +
          `peak RSS ${cmdRss.toFixed(0)} MB (${(cmdRss / r.inputMB).toFixed(1)}x input)`,
      );
    }
    // What a user feels on an ordinary script: the whole command on the bundled examples, where startup is most of it.
    for (const example of ['shop-sqlserver.sql', 'shop-mysql.sql']) {
      const f = fileURLToPath(new URL(`../../examples/${example}`, import.meta.url));
      const line = (extra: string[]) => {
        const runs = Array.from({ length: RUNS }, () => wholeCommand(undefined, f, join(dir, 'small'), extra));
        const { seconds, rssMB } = median(runs, (x) => x.seconds);
        return `${(seconds * 1000).toFixed(0)} ms, peak RSS ${rssMB.toFixed(0)} MB`;
      };
      console.log(`${example.padEnd(20)} (${(statSync(f).size / 1024).toFixed(1)} kB) pgshift convert: ${line([])} | with --verify (embedded PostgreSQL): ${line(['--verify'])}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The whole command: /usr/bin/time reports the child's peak RSS (kB) on its last line of stderr. */
function wholeCommand(dialect: string | undefined, file: string, out: string, extra: string[] = []): { seconds: number; rssMB: number } {
  const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const from = dialect ? ['--from', dialect] : [];
  const t0 = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'convert', file, ...from, '-o', out, ...extra], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`pgshift convert failed: ${run.stderr.slice(-2000)}`);
  return { seconds, rssMB: Number(run.stderr.trim().split('\n').pop()) / 1024 };
}

/** The item whose key is the median (the upper one of an even count). */
function median<T>(items: T[], key: (x: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)]!;
}
