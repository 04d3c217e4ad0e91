import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { convertScripts, type PipelineOptions } from '../../src/convert.js';
import { writeMigration } from '../../src/emit/files.js';
import { renderReportMarkdown } from '../../src/emit/report.js';
import { readScripts, type ReadOptions } from '../../src/sources/script.js';
import { jsonPieces } from '../../src/emit/json-text.js';

export const defaultOptions = (from: 'tsql' | 'mysql'): PipelineOptions => ({
  from,
  identifiers: 'lower',
  schemaMap: {},
  targetVersion: 15,
});

/** Convert like the CLI does and return every output file as relative path → text. */
export async function convertToFiles(input: string, options: PipelineOptions, read: ReadOptions = {}) {
  const result = await convertScripts(readScripts(input, read), options);
  const dir = mkdtempSync(join(tmpdir(), 'pgshift-'));
  try {
    writeMigration(dir, result.phases, result.manual);
    const files = new Map<string, string>();
    for (const p of listFiles(dir)) files.set(relative(dir, p), readFileSync(p, 'utf8'));
    // As the CLI writes it, in pieces: the golden report.json files check that the pieces make JSON.stringify's text.
    files.set('report.json', [...jsonPieces(result.report)].join('') + '\n');
    files.set('report.md', renderReportMarkdown(result.report));
    return { result, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Up files in order, then (optionally) down files in reverse order. */
export function upFiles(files: Map<string, string>): [string, string][] {
  return [...files].filter(([p]) => /^\d{4}_[^/]+\.sql$/.test(p)).sort(([a], [b]) => (a < b ? -1 : 1));
}
export function downFiles(files: Map<string, string>): [string, string][] {
  return [...files].filter(([p]) => /^down\/\d{4}_[^/]+\.sql$/.test(p)).sort(([a], [b]) => (a < b ? 1 : -1));
}
