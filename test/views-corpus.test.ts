import { describe, expect, it } from 'vitest';
import { objectPath } from '../src/model/catalog.js';
import { convertToFiles, defaultOptions } from './helpers/convert.js';
import { corpusPresent, corpusRoot } from './helpers/corpus.js';
import { join } from 'node:path';

// The corpus scripts with views: every view the parser read converts, applies on PGlite and lands in 0070_views.sql.
const scripts = [
  { dialect: 'mysql' as const, file: 'sakila/mysql-sakila-schema.sql' },
  { dialect: 'tsql' as const, file: 'sakila/sql-server-sakila-schema.sql' },
  { dialect: 'tsql' as const, file: 'northwind-pubs/instnwnd.sql' },
  { dialect: 'tsql' as const, file: 'northwind-pubs/instpubs.sql' },
];

describe.skipIf(!corpusPresent).each(scripts)('corpus views $file', ({ dialect, file }) => {
  it('every parsed view converts and applies', async () => {
    const { result, files } = await convertToFiles(join(corpusRoot, file), { ...defaultOptions(dialect), verify: 'pglite' });
    const parsed = result.source.schemas.flatMap((s) => s.views).filter((v) => v.select).map((v) => objectPath('view', v.name));
    const views = result.phases.find((p) => p.file === '0070_views')?.up.map((s) => s.object) ?? [];
    const problems = result.diagnostics.filter((d) => parsed.includes(d.object ?? '') && (d.code === 'PGS4001' || d.code.startsWith('PGS6') || d.severity === 'error'));
    expect(problems.map((d) => `${d.code} ${d.object}: ${d.message}`)).toEqual([]);
    expect(views.filter((v) => parsed.includes(v)).sort()).toEqual([...parsed].sort());
    expect(files.get('0070_views.sql') ?? '').toContain('CREATE VIEW');
    console.log(`${file}: ${parsed.length} of ${result.source.schemas.flatMap((s) => s.views).length} views parsed and converted`);
  });
});
