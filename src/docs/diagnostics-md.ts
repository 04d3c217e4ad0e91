import { DIAGNOSTIC_CODES } from '../model/diagnostics.js';

const RANGES: [string, string][] = [
  ['PGS1', 'Reading and parsing'],
  ['PGS2', 'Types, columns, keys and indexes'],
  ['PGS3', 'Expressions'],
  ['PGS4', 'Views, routines, triggers, events and data'],
  ['PGS5', 'Data copy'],
  ['PGS6', 'Output and verification'],
];

/** docs/diagnostics.md: one table of every code, generated from DIAGNOSTIC_CODES so it cannot drift. */
export function renderDiagnosticsDoc(): string {
  const lines = [
    '# pgshift diagnostics',
    '',
    'Generated from `src/model/diagnostics.ts` by `npm run docs`. Codes are stable; the severity shown is the default.',
    'Printed as `file:line:col  severity  PGSnnnn  message`. `--fail-on error|warning` turns them into exit code 1.',
    '',
  ];
  for (const [prefix, title] of RANGES) {
    const codes = Object.entries(DIAGNOSTIC_CODES).filter(([c]) => c.startsWith(prefix));
    if (!codes.length) continue;
    lines.push(`## ${title}`, '', '| code | severity | meaning |', '|---|---|---|');
    for (const [code, d] of codes) lines.push(`| ${code} | ${d.severity} | ${d.title} |`);
    lines.push('');
  }
  return lines.join('\n');
}
