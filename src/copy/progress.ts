import cliProgress from 'cli-progress';
import type { CopyEvent, CopyStats } from './events.js';

export type ProgressMode = 'bars' | 'lines' | 'json';

/** Turns copy events into output: cli-progress bars on a TTY, plain lines otherwise, or one JSON event per line. */
export function progressReporter(mode: ProgressMode, out: NodeJS.WritableStream = process.stderr): { onEvent: (e: CopyEvent) => void; stop: () => void } {
  if (mode === 'json') {
    // Progress events are many; JSON consumers get the per-chunk ones, which carry the same counts.
    const json = (e: CopyEvent) => {
      if (e.event !== 'progress') process.stdout.write(JSON.stringify(e) + '\n');
    };
    return { onEvent: json, stop: () => undefined };
  }
  return mode === 'bars' ? barReporter(out) : lineReporter(out);
}

function lineReporter(out: NodeJS.WritableStream): { onEvent: (e: CopyEvent) => void; stop: () => void } {
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  let total = 0;
  return {
    onEvent: (e) => {
      switch (e.event) {
        case 'plan':
          total = e.tables.reduce((n, t) => n + t.estimatedRows, 0);
          out.write(`copy: ${e.tables.length} table(s), ~${total} row(s), ${e.tables.reduce((n, t) => n + t.pending, 0)} chunk(s) to copy\n`);
          break;
        case 'phase':
          out.write(`copy: ${phaseText(e)}\n`);
          break;
        case 'unit':
          if (e.status === 'applied') out.write(`copy: ${e.unit}: ${e.statements} statement(s)${e.failed ? `, ${e.failed} failed` : ''} in ${e.seconds.toFixed(1)}s\n`);
          break;
        case 'chunk': {
          rows += e.rows;
          bytes += e.bytes;
          out.write(`copy: ${e.table} chunk ${e.chunk}: ${e.rows} row(s)${e.rejected ? `, ${e.rejected} rejected` : ''}; overall ${rateText(rows, bytes, total, started)}\n`);
          break;
        }
        case 'table':
          out.write(`copy: ${e.stats.table} done: ${e.stats.rows} row(s) in ${e.stats.seconds.toFixed(1)}s\n`);
          break;
        case 'warning':
          out.write(`copy: warning: ${e.message}\n`);
          break;
        case 'progress': case 'done':
          break;
        default: {
          const never: never = e;
          void never;
        }
      }
    },
    stop: () => undefined,
  };
}

function barReporter(out: NodeJS.WritableStream): { onEvent: (e: CopyEvent) => void; stop: () => void } {
  const multi = new cliProgress.MultiBar({
    stream: out as NodeJS.WritableStream & { isTTY?: boolean } as never,
    format: '{name} |{bar}| {percentage}% {value}/{total} rows | {rate} rows/s {mbs} MB/s | ETA {eta_formatted}',
    hideCursor: true, clearOnComplete: false, barsize: 24, etaBuffer: 50, fps: 5,
  }, cliProgress.Presets.shades_classic);
  const bars = new Map<string, { bar: cliProgress.SingleBar; rows: number; bytes: number; t0: number }>();
  let overall: { bar: cliProgress.SingleBar; rows: number; bytes: number; t0: number } | undefined;
  const payload = (b: { rows: number; bytes: number; t0: number }, name: string) => {
    const s = Math.max(0.001, (performance.now() - b.t0) / 1000);
    return { name: name.padEnd(24).slice(0, 24), rate: Math.round(b.rows / s), mbs: (b.bytes / 1e6 / s).toFixed(1) };
  };
  return {
    onEvent: (e) => {
      if (e.event === 'plan') {
        const total = e.tables.reduce((n, t) => n + t.estimatedRows, 0);
        overall = { bar: multi.create(Math.max(1, total), 0), rows: 0, bytes: 0, t0: performance.now() };
        overall.bar.update(0, payload(overall, 'overall'));
        for (const t of e.tables) {
          const b = { bar: multi.create(Math.max(1, t.estimatedRows), 0), rows: 0, bytes: 0, t0: performance.now() };
          b.bar.update(0, payload(b, t.table));
          bars.set(t.table, b);
        }
      } else if (e.event === 'progress') {
        for (const [b, name] of [[bars.get(e.table), e.table], [overall, 'overall']] as const) {
          if (!b) continue;
          b.rows += e.rows;
          b.bytes += e.bytes;
          if (b.rows > b.bar.getTotal()) b.bar.setTotal(b.rows);
          b.bar.update(b.rows, payload(b, name));
        }
      } else if (e.event === 'warning') {
        multi.log(`copy: warning: ${e.message}\n`);
      } else if (e.event === 'phase') {
        multi.log(`copy: ${phaseText(e)}\n`);
      }
    },
    stop: () => multi.stop(),
  };
}

function phaseText(e: Extract<CopyEvent, { event: 'phase' }>): string {
  const units = e.units !== undefined ? ` in ${e.units} unit(s)${e.skippedUnits ? `, ${e.skippedUnits} done by an earlier run` : ''}` : '';
  const seconds = e.seconds !== undefined ? `, ${e.seconds.toFixed(1)}s` : '';
  return `${e.phase} ${e.status} (${e.statements} statement(s)${units}${e.failed ? `, ${e.failed} failed` : ''}${seconds})`;
}

function rateText(rows: number, bytes: number, total: number, started: number): string {
  const s = Math.max(0.001, (performance.now() - started) / 1000);
  const rate = rows / s;
  const eta = total > rows && rate > 0 ? ` ETA ${Math.ceil((total - rows) / rate)}s` : '';
  return `${rows} row(s), ${Math.round(rate)} rows/s, ${(bytes / 1e6 / s).toFixed(1)} MB/s${eta}`;
}

/** The closing summary (text mode). */
export function summaryText(s: CopyStats): string {
  const lines: string[] = [];
  if (s.dryRun) return 'pgshift copy: dry run, nothing written\n';
  for (const t of s.tables) {
    const rate = t.seconds > 0 ? `, ${Math.round(t.rows / t.seconds)} rows/s, ${(t.bytes / 1e6 / t.seconds).toFixed(1)} MB/s` : '';
    lines.push(`  ${t.table}: ${t.rows} row(s)${t.rejected ? `, ${t.rejected} rejected` : ''}${t.skippedChunks ? `, ${t.skippedChunks}/${t.chunks} chunk(s) from an earlier run` : ''}${rate}`);
  }
  const w = s.warnings;
  const head = `pgshift copy: ${s.rows} row(s), ${(s.bytes / 1e6).toFixed(1)} MB in ${s.seconds.toFixed(1)}s${s.resumed ? ' (resumed)' : ''}; ${s.rejected} rejected; ${s.ddlFailures.length} DDL statement(s) failed; ${w.zeroDates} zero date(s) → NULL`;
  const v = s.validation as { ok?: boolean; tables?: { ok: boolean }[] } | undefined;
  const tail = v && typeof v.ok === 'boolean' ? [`  validate: ${v.ok ? 'OK' : 'MISMATCH'} (${v.tables?.filter((t) => !t.ok).length ?? 0} table(s) differ)`] : [];
  return [head, ...lines, ...tail].join('\n') + '\n';
}
