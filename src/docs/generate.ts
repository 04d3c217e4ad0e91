import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { renderTypeTableMarkdown } from '../transpile/index.js';
import { renderDiagnosticsDoc } from './diagnostics-md.js';

const START = '<!-- type-table:start -->';
const END = '<!-- type-table:end -->';

/** README with its generated type-mapping section replaced by the current rules. */
export function readmeWithTypeTable(readme: string): string {
  const a = readme.indexOf(START), b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n${renderTypeTableMarkdown().trim()}\n${readme.slice(b)}`;
}

/** npm run docs: regenerate README's type table and docs/diagnostics.md from the code and mappings/. */
export function generateDocs(): void {
  const root = packageRoot();
  const readme = join(root, 'README.md');
  writeFileSync(readme, readmeWithTypeTable(readFileSync(readme, 'utf8')));
  writeFileSync(join(root, 'docs', 'diagnostics.md'), renderDiagnosticsDoc());
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) generateDocs();
