import { expect, test } from 'vitest';
import { emptySchema, type Catalog, type ManualItem } from '../src/model/catalog.js';
import { diag } from '../src/model/diagnostics.js';
import { dataType } from '../src/model/types.js';
import { buildReport, renderReportMarkdown, sourceObjects, targetIndex } from '../src/emit/report.js';
import { printMigration } from '../src/target/postgres/print.js';
import { column, span, table } from './target-fixture.js';

function pair() {
  const src = emptySchema('dbo');
  src.tables.push(
    table('dbo', 'Orders', [column('Id', dataType('int'))], { span: span(1) }),
    table('dbo', 'Lines', [column('Qty', dataType('tinyint'))], { span: span(5) }),
    table('dbo', 'Dropped', [column('x', dataType('int'))], { span: span(9) }),
  );
  src.views.push({ name: { schema: 'dbo', name: 'vTop' }, text: 'CREATE VIEW vTop AS SELECT TOP 1 * FROM Orders', query: 'SELECT TOP 1 * FROM Orders', options: {}, span: span(12) });
  src.routines.push({ kind: 'procedure', name: { schema: 'dbo', name: 'Fix' }, text: 'CREATE PROCEDURE Fix AS SELECT 1', span: span(14) });
  src.data.push({ table: { schema: 'dbo', name: 'Orders' }, statements: 1, rows: 2, span: span(20) });
  const source: Catalog = {
    dialect: 'tsql', schemas: [src],
    diagnostics: [diag('PGS1011', 'ON [PRIMARY] dropped', { object: 'table dbo.Orders', span: span(3, 5) })],
  };
  const pub = emptySchema('public');
  pub.tables.push(
    table('public', 'orders', [column('id', dataType('integer'))], { source: 'table dbo.Orders' }),
    table('public', 'lines', [column('qty', dataType('smallint'))], { source: 'table dbo.Lines' }),
  );
  pub.routines.push({ kind: 'procedure', name: { schema: 'public', name: 'fix' }, text: 'CREATE PROCEDURE public.fix() LANGUAGE sql AS $$ SELECT 1 $$', source: 'procedure dbo.Fix', span: span(14) });
  const target: Catalog = {
    dialect: 'postgres', schemas: [pub],
    diagnostics: [
      diag('PGS2002', 'tinyint mapped to smallint', { object: 'table dbo.Lines', span: span(6, 3), rule: 'tsql.tinyint', suggestion: 'add CHECK (qty BETWEEN 0 AND 255)' }),
      diag('PGS4001', 'view not converted yet', { object: 'view dbo.vTop', span: span(12) }),
      diag('PGS4005', '1 INSERT statement(s) with 2 row(s) written to 0040_data as COPY', { object: 'data dbo.Orders', span: span(20) }),
      diag('PGS2013', 'table dbo.Dropped not carried over', { object: 'table dbo.Dropped', span: span(9) }),
    ],
  };
  const manual: ManualItem[] = [
    { object: 'view dbo.vTop', kind: 'view', original: src.views[0]!.text, codes: ['PGS4001'], span: span(12) },
    { object: 'procedure dbo.Fix', kind: 'routine', original: 'CREATE PROCEDURE public.fix() ...', codes: ['PGS6002'], span: span(14) },
  ];
  return { source, target, manual };
}

test('statuses, summary and stable JSON', () => {
  const { source, target, manual } = pair();
  const printed = printMigration(target);
  const extra = [diag('PGS6002', 'statement failed when applied to PostgreSQL: boom', { object: 'procedure dbo.Fix', span: span(14) })];
  const input = { inputs: ['in.sql'], options: { verify: 'pglite', from: 'tsql' }, subjects: { objects: sourceObjects(source), targets: targetIndex(target) }, phases: printed.phases, manual, diagnostics: [...source.diagnostics, ...target.diagnostics, ...extra] };
  const r = buildReport(input);
  expect(r.objects.map((o) => [o.object, o.status, o.target ?? null, o.codes])).toEqual([
    ['table dbo.Orders', 'converted', 'public.orders', ['PGS1011']],
    ['table dbo.Lines', 'converted with warnings', 'public.lines', ['PGS2002']],
    ['table dbo.Dropped', 'skipped', null, ['PGS2013']],
    ['view dbo.vTop', 'not converted yet', null, ['PGS4001']],
    ['procedure dbo.Fix', 'manual', 'public.fix', ['PGS6002']],
    ['data dbo.Orders', 'converted', null, ['PGS4005']],
  ]);
  expect(r.summary.totals).toEqual({ converted: 2, 'converted with warnings': 1, manual: 1, 'not converted yet': 1, skipped: 1 });
  expect(r.summary.diagnostics).toEqual({ error: 1, warning: 2, info: 3 });
  expect(r.summary.rules).toEqual({ 'tsql.tinyint': 1 });
  expect(Object.keys(r.options)).toEqual(['from', 'verify']);
  expect(r.diagnostics).toHaveLength(6);
  expect(r.diagnostics[1]).toEqual({ code: 'PGS2002', severity: 'warning', message: 'tinyint mapped to smallint', object: 'table dbo.Lines', file: 'in.sql', line: 6, col: 3, rule: 'tsql.tinyint', suggestion: 'add CHECK (qty BETWEEN 0 AND 255)' });
  expect(r.manual.map((m) => m.file)).toEqual(['manual/view_dbo.vTop.sql', 'manual/routine_dbo.Fix.sql']);
  expect(r.phases).toEqual([
    { file: '0030_tables.sql', title: 'tables', up: 2, down: 2 },
    { file: '0080_routines.sql', title: 'functions and procedures', up: 1, down: 1 },
  ]);
  expect(r.tool.name).toBe('pgshift');
  expect(JSON.stringify(buildReport(input))).toBe(JSON.stringify(r));

  expect(renderReportMarkdown({ ...r, tool: { name: 'pgshift', version: 'x' } })).toBe(`# pgshift conversion report

Inputs: \`in.sql\`

## Summary

| kind | converted | converted with warnings | manual | not converted yet | skipped | total |
|---|---:|---:|---:|---:|---:|---:|
| data | 1 | 0 | 0 | 0 | 0 | 1 |
| procedure | 0 | 0 | 1 | 0 | 0 | 1 |
| table | 1 | 1 | 0 | 0 | 1 | 3 |
| view | 0 | 0 | 0 | 1 | 0 | 1 |
| **total** | **2** | **1** | **1** | **1** | **1** | **6** |

Diagnostics: 1 error, 2 warnings, 3 info.

Rules fired: \`tsql.tinyint\` ×1.

## Objects needing attention

| object | status | location | codes |
|---|---|---|---|
| table dbo.Lines | converted with warnings | in.sql:5:1 | PGS2002 |
| table dbo.Dropped | skipped | in.sql:9:1 | PGS2013 |
| view dbo.vTop | not converted yet | in.sql:12:1 | PGS4001 |
| procedure dbo.Fix | manual | in.sql:14:1 | PGS6002 |

## Manual work

- \`manual/view_dbo.vTop.sql\`: view dbo.vTop (PGS4001)
- \`manual/routine_dbo.Fix.sql\`: procedure dbo.Fix (PGS6002)

## Diagnostics by code

### PGS1011 — storage or engine option has no PostgreSQL meaning; dropped (1)

- \`in.sql:3:5\` info: ON [PRIMARY] dropped [table dbo.Orders]

### PGS2002 — type mapped with a change of range or precision (1)

- \`in.sql:6:3\` warning: tinyint mapped to smallint [table dbo.Lines] — suggestion: add CHECK (qty BETWEEN 0 AND 255)

### PGS2013 — column or table option dropped (SPARSE, ROWGUIDCOL, NOT FOR REPLICATION, ...) (1)

- \`in.sql:9:1\` info: table dbo.Dropped not carried over [table dbo.Dropped]

### PGS4001 — view not converted yet (1)

- \`in.sql:12:1\` warning: view not converted yet [view dbo.vTop]

### PGS4005 — INSERT data written to 0040_data as COPY (1)

- \`in.sql:20:1\` info: 1 INSERT statement(s) with 2 row(s) written to 0040_data as COPY [data dbo.Orders]

### PGS6002 — emitted statement failed when applied to PostgreSQL (1)

- \`in.sql:14:1\` error: statement failed when applied to PostgreSQL: boom [procedure dbo.Fix]

## Migration files

| file | statements | down |
|---|---:|---:|
| \`0030_tables.sql\` | 2 | 2 |
| \`0080_routines.sql\` | 1 | 1 |
`);
});

test('report.md lists the first 50 occurrences of a code and counts the rest; report.json keeps all', () => {
  const { source, target, manual } = pair();
  const many = Array.from({ length: 53 }, (_, i) => diag('PGS2010', `index ix renamed to ix_${i}`, {
    object: 'table dbo.Orders', span: span(100 + i), severity: i < 51 ? 'info' : 'warning',
  }));
  const r = buildReport({ inputs: ['in.sql'], options: {}, subjects: { objects: sourceObjects(source), targets: targetIndex(target) }, phases: [], manual, diagnostics: many });
  expect(r.diagnostics.filter((d) => d.code === 'PGS2010')).toHaveLength(53);
  const md = renderReportMarkdown(r);
  expect(md.split('\n').filter((l) => / index ix renamed to ix_\d+ /.test(l))).toHaveLength(50);
  expect(md).toContain('- `in.sql:149:1` info: index ix renamed to ix_49 [table dbo.Orders]');
  expect(md).not.toContain('ix_50 ');
  expect(md).toContain('- … and 3 more (2 warning, 1 info); report.json lists every one');
});

test('the report lists each diagnostic once, in file:line:col order, the first of equal ones where it first appears', async () => {
  const { uniqueSortedDiagnostics } = await import('../src/model/diagnostics.js');
  const at = (line: number, col: number, endCol = col + 1) => ({ file: 'a.sql', line, col, endLine: line, endCol });
  const a = diag('PGS1011', 'ON [PRIMARY] dropped', { object: 'table t', span: at(3, 5) });
  const aAgain = diag('PGS1011', 'ON [PRIMARY] dropped', { object: 'table t', span: at(3, 5), suggestion: 'not part of identity' });
  const otherEnd = diag('PGS1011', 'ON [PRIMARY] dropped', { object: 'table t', span: at(3, 5, 9) });
  const otherRule = diag('PGS2002', 'tinyint mapped', { object: 'table t', span: at(3, 5), rule: 'r1' });
  const otherRule2 = diag('PGS2002', 'tinyint mapped', { object: 'table t', span: at(3, 5), rule: 'r2' });
  const warning = diag('PGS1011', 'ON [PRIMARY] dropped', { object: 'table t', span: at(3, 5), severity: 'warning' });
  const early = diag('PGS1011', 'x', { span: at(1, 1) });
  const bare = diag('PGS2013', 'no span', { object: 'table u' });
  const bareAgain = diag('PGS2013', 'no span', { object: 'table u' });
  const bareOther = diag('PGS2013', 'no span', { object: 'table v' });
  const out = uniqueSortedDiagnostics([bare, a, otherRule, a, aAgain, otherEnd, warning, otherRule2, early, bareAgain, bareOther, otherRule]);
  // Warnings before infos at one place; a repeat (the same object, or equal but for its suggestion) is dropped.
  expect(out).toEqual([early, otherRule, warning, otherRule2, a, otherEnd, bare, bareOther]);
  expect(out[4]).toBe(a);
  expect(out[6]).toBe(bare);
});
