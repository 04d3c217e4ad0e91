import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { readmeWithTypeTable } from '../src/docs/generate.js';
import { renderDiagnosticsDoc } from '../src/docs/diagnostics-md.js';

// Generated documentation must match the code and mappings/ it is generated from (npm run docs fixes it).
it('README type table is current', () => {
  const readme = readFileSync('README.md', 'utf8');
  expect(readme).toBe(readmeWithTypeTable(readme));
  expect(readme).toContain('| `mysql.tinyint1-bool`');
});

it('docs/diagnostics.md lists every code', () => {
  expect(readFileSync('docs/diagnostics.md', 'utf8')).toBe(renderDiagnosticsDoc());
});
