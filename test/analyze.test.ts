import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actionItems, assessmentStatus, type Assessment } from '../src/emit/assessment.js';
import { ASSESSMENT_CSV_COLUMNS, renderAssessmentCsv } from '../src/emit/assessment-csv.js';
import { renderAssessmentHtml } from '../src/emit/assessment-html.js';
import { renderAssessmentMarkdown } from '../src/emit/assessment-md.js';
import { renderAssessmentText } from '../src/emit/assessment-text.js';
import { EffortFileError, findEffortRule, loadEffortRules } from '../src/emit/effort.js';
import { DIAGNOSTIC_CODES } from '../src/model/diagnostics.js';
import { loadShippedRules } from '../src/transpile/index.js';
import { assess, MYSQL, TSQL } from './helpers/analyze-scripts.js';
import { corpusPresent, corpusScripts } from './helpers/corpus.js';
import { mysqlAvailable, mysqlUrl, withDatabase } from './helpers/servers.js';

const tmp = mkdtempSync(join(tmpdir(), 'pgshift-analyze-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const brief = (a: Assessment) => a.items.map((i) => [i.code, i.severity, i.object, i.location, i.complexity, i.minutes]);

describe('assessment model: T-SQL', async () => {
  const a = await assess(TSQL, 'tsql');

  it('gives every source object an assessment status', () => {
    expect(a.objects.map((o) => [o.object, o.status, o.items, o.minutes])).toEqual([
      ['type dbo.Phone', 'converted', 0, 0],
      ['table dbo.Customer', 'converted with warnings', 2, 60],
      ['view dbo.V', 'needs manual work', 2, 49],
      ['procedure dbo.P', 'needs manual work', 1, 38],
    ]);
  });

  it('estimates effort from mappings/effort.yaml, views and procedures sized by their lines', () => {
    expect(brief(a)).toEqual([
      ['PGS3001', 'error', 'table dbo.Customer', 'in.sql:5:3', 'medium', 30],
      ['PGS2007', 'warning', 'table dbo.Customer', 'in.sql:13:1', 'medium', 30],
      ['PGS3001', 'error', 'view dbo.V', 'in.sql:17:3', 'medium', 30],
      // 4-line view: 15 + 1 per line; 4-line procedure: 30 + 2 per line
      ['PGS4001', 'warning', 'view dbo.V', 'in.sql:17:3', 'medium', 19],
      ['PGS4002', 'warning', 'procedure dbo.P', 'in.sql:20:1', 'complex', 38],
    ]);
    expect(a.items[1]).toMatchObject({ id: 2, title: DIAGNOSTIC_CODES.PGS2007.title, objectStatus: 'converted with warnings', file: 'in.sql', line: 13, col: 1 });
  });

  it('lists feature usage with the PostgreSQL mapping and the type rule ids', () => {
    expect(a.features.map((f) => [f.group, f.feature, f.count, f.support, f.rule ?? ''])).toEqual([
      ['table', 'table', 1, 'converted', ''],
      ['table', 'primary key', 1, 'converted', ''],
      ['column', 'IDENTITY column', 1, 'converted', ''],
      ['column', 'computed column (PERSISTED)', 1, 'converted', ''],
      ['column', 'column default', 1, 'converted', ''],
      ['index', 'filtered index', 1, 'converted', ''],
      ['index', 'XML index', 1, 'not supported', ''],
      ['type', 'alias type (CREATE TYPE ... FROM)', 1, 'converted', ''],
      ['object', 'view', 1, 'converted', ''],
      ['object', 'stored procedure', 1, 'converted later', ''],
      ['data type', 'dbo.Phone (alias type)', 1, 'converted', ''],
      ['data type', 'int', 1, 'converted', 'tsql.int'],
      ['data type', 'nvarchar', 1, 'converted', 'tsql.varchar'],
      ['data type', 'xml', 1, 'converted', 'tsql.xml'],
    ]);
    expect(a.features.find((f) => f.feature === 'filtered index')!.postgres).toBe('partial index (WHERE)');
    expect(a.features.find((f) => f.feature === 'nvarchar')!.postgres).toBe('varchar($1)');
  });

  it('totals objects per status, items per severity and complexity, and hours', () => {
    expect(a.summary.objects).toEqual({ converted: 1, 'converted with warnings': 1, 'needs manual work': 2, 'not supported': 0 });
    expect(a.summary.items).toEqual({ error: 2, warning: 3, info: 0 });
    expect(a.summary.complexity).toEqual({ none: 0, simple: 0, medium: 4, complex: 1 });
    expect(a.summary.minutes).toBe(147);
    expect(a.summary.hours).toBe(2.5);
    expect(a.summary.objectsByKind.view).toEqual({ converted: 0, 'converted with warnings': 0, 'needs manual work': 1, 'not supported': 0 });
  });

  it('a live source names the catalog object instead of file:line:col', async () => {
    const live = await assess(TSQL, 'tsql', { live: true });
    expect(live.items.map((i) => i.location)).toEqual(['table dbo.Customer', 'table dbo.Customer', 'view dbo.V', 'view dbo.V', 'procedure dbo.P']);
    expect(live.objects[0]!.location).toBe('type dbo.Phone');
  });

  it('renders Markdown exactly', async () => {
    await expect(renderAssessmentMarkdown(a)).toMatchFileSnapshot('snapshots/assessment-tsql.md');
  });

  it('renders the terminal summary with the largest items first', () => {
    const text = renderAssessmentText(a);
    expect(text.split('\n').slice(0, 7)).toEqual([
      'pgshift assessment: SQL Server, in.sql',
      '',
      'Objects:     4 (1 converted, 1 converted with warnings, 2 needs manual work, 0 not supported)',
      'Items:       2 errors, 3 warnings, 0 info',
      'Complexity:  0 none, 0 simple, 4 medium, 1 complex',
      'Effort:      2.5 hours (147 minutes)',
      'Features:    10 source features, 4 data type mappings',
    ]);
    expect(text).toContain('Top 5 of 5 action items (largest effort first):\n    38 min  complex  warning  PGS4002  in.sql:20:1\n            procedure dbo.P is not converted yet;');
  });
});

describe('assessment model: MySQL', async () => {
  const a = await assess(MYSQL, 'mysql');

  it('statuses, effort (trigger sized by its 4 lines) and info items', () => {
    expect(a.objects.map((o) => [o.object, o.status])).toEqual([
      ['table t', 'converted'],
      ['trigger trg', 'needs manual work'],
      ['data t', 'converted'],
    ]);
    expect(brief(a)).toEqual([
      ['PGS3005', 'info', 'table t', 'in.sql:4:3', 'none', 0],
      ['PGS2008', 'info', 'table t', 'in.sql:6:3', 'simple', 10],
      ['PGS4003', 'warning', 'trigger trg', 'in.sql:9:1', 'complex', 38],
      ['PGS4005', 'info', 'data t', 'in.sql:14:1', 'none', 0],
    ]);
    expect(actionItems(a).map((i) => i.code)).toEqual(['PGS4003']);
    expect(a.summary).toMatchObject({ items: { error: 0, warning: 1, info: 3 }, complexity: { none: 2, simple: 1, medium: 0, complex: 1 }, minutes: 48, hours: 0.8 });
  });

  it('feature rows: AUTO_INCREMENT, ENUM, ON UPDATE, FULLTEXT, trigger, INSERT data, data types', () => {
    const rows = Object.fromEntries(a.features.map((f) => [f.feature, [f.count, f.postgres, f.rule ?? '']]));
    expect(rows['AUTO_INCREMENT column']).toEqual([1, 'GENERATED BY DEFAULT AS IDENTITY', '']);
    expect(rows['ENUM column']).toEqual([1, 'CREATE TYPE ... AS ENUM', '']);
    expect(rows['ON UPDATE CURRENT_TIMESTAMP']).toEqual([1, 'BEFORE UPDATE trigger', '']);
    expect(rows['FULLTEXT index']).toEqual([1, "GIN index over to_tsvector('simple', ...)", '']);
    expect(rows['trigger']).toEqual([1, 'trigger function + CREATE TRIGGER (converted later)', '']);
    expect(rows['INSERT data (tables)']).toEqual([1, 'COPY blocks in 0040_data', '']);
    const unsigned = loadShippedRules('mysql').types.find((r) => r.id === 'mysql.int-unsigned')!;
    expect(rows['int unsigned']).toEqual([1, `${unsigned.to} + CHECK (${unsigned.check!.replaceAll('{col}', 'col')})`, 'mysql.int-unsigned']);
    expect(rows['enum']).toEqual([1, 'CREATE TYPE ... AS ENUM', 'mysql.enum']);
    expect(rows['timestamp']).toEqual([1, 'timestamptz(0)', 'mysql.timestamp-default']);
  });
});

describe('effort rules', () => {
  it('a user --effort file goes first; code rules beat severity rules', async () => {
    const file = join(tmp, 'effort.yaml');
    writeFileSync(file, 'rules:\n  - { code: "PGS4*", complexity: simple, minutes: 5 }\n  - { severity: warning, complexity: complex, minutes: 100 }\n');
    const a = await assess(TSQL, 'tsql', { effortFile: file });
    expect(brief(a).map((b) => [b[0], b[4], b[5]])).toEqual([
      ['PGS3001', 'medium', 30],
      ['PGS2007', 'medium', 30], // the shipped PGS2007 code rule wins over the user's severity rule
      ['PGS3001', 'medium', 30],
      ['PGS4001', 'simple', 5],
      ['PGS4002', 'simple', 5],
    ]);
    expect(a.summary.minutes).toBe(100);
  });

  it('every diagnostic code has its own shipped rule, not only a severity fallback', () => {
    const rules = loadEffortRules();
    for (const [code, { severity }] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(findEffortRule(rules, code, severity)?.code, code).toBeDefined();
    }
  });

  it('a bad effort file is a clear EffortFileError', () => {
    const cases: [string, string][] = [
      ['rules: [{ code: PGS4001, minutes: 5 }]', '$.rules[0]: missing required key "complexity"'],
      ['rules: [{ code: PGS4001, complexity: huge, minutes: 5 }]', '$.rules[0].complexity: must be one of "none", "simple", "medium", "complex"'],
      ['rules: [{ code: X1, complexity: none, minutes: 5 }]', '$.rules[0].code: "X1" does not match ^PGS[0-9]{1,4}\\*?$'],
      ['rules: [{ severity: warning, complexity: none, minutes: -1 }]', '$.rules[0].minutes: must be >= 0'],
      ['- { code: PGS4001 }', '$: expected object, found a list'],
      ['rules: [ {', 'not valid YAML (unexpected end of the stream within a flow collection (1:11)'],
    ];
    for (const [text, message] of cases) {
      const file = join(tmp, 'bad-effort.yaml');
      writeFileSync(file, text);
      expect(() => loadEffortRules(file), text).toThrow(EffortFileError);
      expect(() => loadEffortRules(file), text).toThrow(message);
    }
  });
});

describe('statuses', () => {
  it('maps the convert report statuses in one place', () => {
    expect(['converted', 'converted with warnings', 'manual', 'not converted yet', 'skipped'].map((s) => assessmentStatus(s as never))).toEqual([
      'converted', 'converted with warnings', 'needs manual work', 'needs manual work', 'not supported',
    ]);
  });
});

describe('renderers', async () => {
  const a = await assess(TSQL, 'tsql');

  it('CSV: RFC 4180 quoting, CRLF, one row per item including info', () => {
    const tricky: Assessment = {
      ...a,
      items: [{ ...a.items[0]!, message: 'has "quotes", a comma\nand a newline', object: 'table a,b', suggestion: 'plain' }],
    };
    expect(renderAssessmentCsv(tricky)).toBe(
      `${ASSESSMENT_CSV_COLUMNS.join(',')}\r\n` +
      '1,error,PGS3001,function has no PostgreSQL mapping,"table a,b",converted with warnings,in.sql:5:3,in.sql,5,3,tsql.fn.checksum,medium,30,' +
      '"has ""quotes"", a comma\nand a newline",plain\r\n',
    );
    const m = renderAssessmentCsv(a).split('\r\n');
    expect(m[0]).toBe('id,severity,code,title,object,object_status,location,file,line,col,rule,complexity,minutes,message,suggestion');
    expect(m.length).toBe(a.items.length + 2); // header, rows, and the empty string after the last CRLF
  });

  it('JSON shape', () => {
    const j = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['tool', 'dialect', 'inputs', 'summary', 'objects', 'items', 'features']);
    expect(Object.keys(j.summary as object)).toEqual(['objects', 'objectsByKind', 'items', 'complexity', 'minutes', 'hours']);
    expect(Object.keys((j.items as object[])[0]!)).toEqual(['id', 'code', 'severity', 'title', 'message', 'object', 'objectStatus', 'location', 'file', 'line', 'col', 'rule', 'complexity', 'minutes']);
    expect(j.dialect).toBe('tsql');
    expect(j.inputs).toEqual(['in.sql']);
  });

  it('HTML is one self-contained file with the status counts and every action item', () => {
    const html = renderAssessmentHtml(a);
    expect(html).not.toMatch(/<(link|img)\b|\bsrc=|@import|url\(|https?:\/\//);
    expect(html).toContain('<g class="bar" data-status="needs manual work" data-count="2">');
    expect(html.match(/<tr data-severity=/g)?.length).toBe(actionItems(a).length);
  });

  it('output is deterministic', async () => {
    const b = await assess(TSQL, 'tsql');
    expect(renderAssessmentHtml(b)).toBe(renderAssessmentHtml(a));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

// The built CLI (npm test builds dist/ first).
const bin = join('dist', 'src', 'cli', 'main.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

describe('pgshift analyze (CLI)', () => {
  it('prints the summary and exits 0; --fail-on follows the items', () => {
    const r = run('analyze', 'examples/shop-mysql.sql');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^pgshift assessment: MySQL \/ MariaDB, examples\/shop-mysql\.sql\n/);
    const j = JSON.parse(run('analyze', 'examples/shop-mysql.sql', '--format', 'json').stdout) as Assessment;
    const { error, warning } = j.summary.items;
    expect(run('analyze', 'examples/shop-mysql.sql', '--fail-on', 'warning').status).toBe(error + warning > 0 ? 1 : 0);
    expect(run('analyze', 'examples/shop-mysql.sql', '--fail-on', 'error').status).toBe(error > 0 ? 1 : 0);
  });

  it('-o DIR writes all five formats and the chosen one goes to stdout', () => {
    const dir = join(tmp, 'out');
    const r = run('analyze', 'examples/shop-sqlserver.sql', '-o', dir, '--format', 'csv');
    expect(r.status).toBe(0);
    for (const ext of ['txt', 'json', 'md', 'csv', 'html']) expect(existsSync(join(dir, `assessment.${ext}`)), ext).toBe(true);
    expect(r.stdout).toBe(readFileSync(join(dir, 'assessment.csv'), 'utf8'));
  });

  it('reads stdin with -', () => {
    const r = spawnSync(process.execPath, [bin, 'analyze', '-', '--from', 'mysql', '--format', 'json'], { input: MYSQL, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Assessment).items.map((i) => i.code)).toEqual(['PGS3005', 'PGS2008', 'PGS4003', 'PGS4005']);
  });

  it('usage mistakes exit 2 with a clear message and no stack trace', () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'rules: [{ code: PGS4001, complexity: huge, minutes: 5 }]\n');
    const cases: [string[], RegExp][] = [
      [['analyze'], /^pgshift: name an input script, or a live database with --source URL/],
      [['analyze', 'examples/shop-mysql.sql', '--source', 'mysql://u@127.0.0.1/db'], /^pgshift: give either an input script or --source, not both/],
      [['analyze', 'no-such-file.sql'], /^pgshift: input not found: no-such-file\.sql/],
      [['analyze', 'examples/shop-mysql.sql', '--format', 'pdf'], /^pgshift: Invalid values/],
      [['analyze', 'examples/shop-mysql.sql', '--effort', 'nope.yaml'], /^pgshift: effort file not found: nope\.yaml/],
      [['analyze', 'examples/shop-mysql.sql', '--effort', bad], /^pgshift: effort file .*bad\.yaml: \$\.rules\[0\]\.complexity: must be one of/],
      [['analyze', '--source', 'postgres://x@h/db'], /^pgshift: --source must be a mysql:\/\/, mariadb:\/\/ or mssql:\/\/ URL/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('an unreachable --source is a fatal error (exit 1) without the password', () => {
    const r = run('analyze', '--source', 'mysql://u:s3cret@127.0.0.1:1/db');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^pgshift: /);
    expect(r.stderr).not.toContain('s3cret');
  });
});

describe.skipIf(!corpusPresent)('pgshift analyze on the corpus', () => {
  for (const c of corpusScripts) {
    it(`${c.file}: writes all five formats, consistent with each other`, () => {
      const dir = join(tmp, 'corpus', c.file.replace(/[^A-Za-z0-9]+/g, '_'));
      const r = run('analyze', c.file, '--from', c.dialect, '-o', dir, '--format', 'json');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const a = JSON.parse(readFileSync(join(dir, 'assessment.json'), 'utf8')) as Assessment;
      expect(JSON.parse(r.stdout)).toEqual(a);
      expect(a.objects.length).toBeGreaterThan(0);
      expect(Object.values(a.summary.objects).reduce((x, y) => x + y, 0)).toBe(a.objects.length);
      expect(a.summary.minutes).toBe(a.items.reduce((n, i) => n + i.minutes, 0));
      expect(a.features.find((f) => f.feature === 'table')?.count).toBe(a.objects.filter((o) => o.kind === 'table').length);
      const csv = readFileSync(join(dir, 'assessment.csv'), 'utf8');
      expect(csv.startsWith('id,severity,code,')).toBe(true);
      expect(csv.endsWith('\r\n')).toBe(true);
      const html = readFileSync(join(dir, 'assessment.html'), 'utf8');
      expect(html.match(/<tr data-severity=/g)?.length ?? 0).toBe(actionItems(a).length);
      expect(readFileSync(join(dir, 'assessment.md'), 'utf8')).toContain(`Estimated effort: **${a.summary.hours} hours**`);
      expect(readFileSync(join(dir, 'assessment.txt'), 'utf8')).toContain(`Effort:      ${a.summary.hours} hours (${a.summary.minutes} minutes)`);
    });
  }
});

describe('pgshift analyze --source (live MariaDB)', async () => {
  const available = await mysqlAvailable();
  const db = 'pgshift_analyze';
  const url = withDatabase(mysqlUrl, db);

  it.runIf(available)('assesses a live database: statuses, catalog objects as locations, no credentials', async () => {
    const mysql = (await import('mysql2/promise')).default;
    const u = new URL(mysqlUrl);
    const conn = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username) || 'root', password: decodeURIComponent(u.password), multipleStatements: true });
    try {
      await conn.query(`DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db}; USE ${db};
        CREATE TABLE t (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, s ENUM('a','b') NOT NULL, body TEXT, FULLTEXT KEY ft (body));
        CREATE VIEW v AS SELECT id, s FROM t;
        CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.body = 'x';`);
      const r = run('analyze', '--source', url, '--format', 'json');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const a = JSON.parse(r.stdout) as Assessment;
      expect(a.inputs).toEqual([`mysql://${u.hostname}:${u.port || 3306}/${db}`]);
      expect(a.objects.map((o) => [o.object, o.status, o.location])).toEqual([
        [`table ${db}.t`, 'converted', `table ${db}.t`],
        [`view ${db}.v`, 'converted', `view ${db}.v`],
        [`trigger ${db}.trg`, 'needs manual work', `trigger ${db}.trg`],
      ]);
      for (const i of a.items) if (i.object) expect(i.location).toBe(i.object);
      expect(a.items.find((i) => i.code === 'PGS4003')).toMatchObject({ object: `trigger ${db}.trg`, complexity: 'complex' });
      expect(a.features.find((f) => f.feature === 'AUTO_INCREMENT column')?.count).toBe(1);
      expect(a.features.find((f) => f.feature === 'FULLTEXT index')?.count).toBe(1);
    } finally {
      await conn.query(`DROP DATABASE IF EXISTS ${db}`);
      await conn.end();
    }
  });
});
