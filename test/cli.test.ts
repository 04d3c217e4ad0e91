import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from './helpers/convert.js';

// The built CLI (npm test builds dist/ first): exit codes, messages, files.
const bin = join('dist', 'src', 'cli', 'main.js');
const out = mkdtempSync(join(tmpdir(), 'pgshift-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('pgshift convert', () => {
  it('converts the bundled T-SQL example, inferring --from, and writes ordered files and reports', () => {
    const r = run('convert', 'examples/shop-sqlserver.sql', '-o', join(out, 'tsql'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/pgshift: wrote \d+ migration file\(s\)/);
    expect(existsSync(join(out, 'tsql', '0030_tables.sql'))).toBe(true);
    expect(existsSync(join(out, 'tsql', 'down', '0030_tables.sql'))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'tsql', 'report.json'), 'utf8'));
    expect(report.options.from).toBe('tsql');
  });

  it('prints diagnostics as file:line:col  severity  code  message', () => {
    const r = run('convert', 'examples/shop-mysql.sql', '-o', join(out, 'mysql'), '--verbose');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^examples\/shop-mysql\.sql:\d+:\d+ {2}(info|warning|error) {2}PGS\d{4} {2}\S/m);
  });

  it('--fail-on warning turns reported items into exit 1', () => {
    const r = run('convert', 'examples/shop-mysql.sql', '-o', join(out, 'gate'), '--fail-on', 'warning');
    expect(r.status).toBe(1);
  });

  it('reads stdin for -', () => {
    const r = spawnSync(process.execPath, [bin, 'convert', '-', '--from', 'mysql', '-o', join(out, 'stdin')], {
      encoding: 'utf8', input: readFileSync('examples/shop-mysql.sql', 'utf8'),
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'stdin', 'report.json'), 'utf8')).inputs).toEqual(['<stdin>']);
  });

  it('a reader that closes the pipe early (| head) ends the run quietly, files written', () => {
    const dir = join(out, 'epipe');
    // Far more diagnostics than a pipe buffers (64 kB): `head -c 1` reads one byte and exits, the rest meets a closed pipe.
    const input = join(out, 'many.sql');
    writeFileSync(input, Array.from({ length: 3000 }, (_, i) => `CREATE TABLE t${i} (a int) ROW_FORMAT=DYNAMIC;\n`).join(''));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" ${bin} convert ${input} --from mysql -o ${dir} --verbose | head -c 1 >/dev/null`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(existsSync(join(dir, 'report.json'))).toBe(true);
  });

  it('--format json prints the report', () => {
    const r = run('convert', 'examples/shop-mysql.sql', '-o', join(out, 'json'), '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).options.from).toBe('mysql');
  });

  it('usage mistakes exit 2 with a clear message and no stack trace', () => {
    for (const args of [
      ['convert', 'no-such-file.sql'],
      ['convert', 'examples/shop-mysql.sql', '--from', 'oracle'],
      ['convert', 'examples/shop-mysql.sql', '--target-version', '9'],
      ['convert', 'examples/shop-mysql.sql', '--schema-map', 'nonsense'],
      ['convert', 'examples/shop-sqlserver.sql', '--var', 'nonsense'],
      ['convert', 'examples/shop-sqlserver.sql', '-v', '1x=y'],
      ['convert', 'examples/shop-mysql.sql', '--from', 'mysql', '--var', 'a=b'],
      ['analyze', 'examples/shop-sqlserver.sql', '--var', '=y'],
      ['frobnicate'],
    ]) {
      const r = run(...args, '-o', join(out, 'usage'));
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^pgshift: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('--var / -v set SQLCMD variables before the input, :setvar overrides, an undefined one warns once', () => {
    const input = join(out, 'sqlcmd.sql');
    writeFileSync(input, `:setvar Kept "from_script"\nCREATE TABLE [$(S)].t (a varchar(20) DEFAULT ('$(Kept)'), c varchar(9) DEFAULT ('$(Nope)'), d varchar(9) DEFAULT ('$(Nope)'))\nGO\n`);
    const dir = join(out, 'sqlcmd');
    const r = run('convert', '--var', 'S=app', '-v', 'Kept=from_cli', input, '--from', 'tsql', '-o', dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, '0030_tables.sql'), 'utf8')).toMatch(/CREATE TABLE app\.t \([^]*'from_script'/);
    expect(r.stdout.match(/PGS1015/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/sqlcmd\.sql:2:\d+ {2}warning {2}PGS1015 {2}SQLCMD variable \$\(Nope\) is not defined \(2 uses\)/);
    const a = run('analyze', input, '--var', 'S=app', '--format', 'json');
    expect(a.status).toBe(0);
    expect(a.stdout).not.toContain('$(S)');
  });

  it('an unreachable --verify server is a clear error without the password', () => {
    const r = run('convert', 'examples/shop-mysql.sql', '-o', join(out, 'unreach'), '--verify', 'postgres://u:s3cret@127.0.0.1:1/db');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^pgshift: /);
    expect(r.stderr + r.stdout).not.toContain('s3cret');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--verify applies the output to the embedded PostgreSQL', () => {
    const r = run('convert', 'examples/shop-sqlserver.sql', '-o', join(out, 'verify'), '--verify');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/PGS600[12]/);
  });

  // The command lets each catalog go once the next stage has what it needs (convertHandedOver); the golden files
  // are made by the library pipeline, which keeps them. Per dialect: the first case with INSERT data (its rows are
  // written after the source catalog is gone) and the first without.
  const cases = (['tsql', 'mysql'] as const).flatMap((dialect) => {
    const dirs = readdirSync(join('fixtures', dialect)).sort().map((name) => join('fixtures', dialect, name))
      .filter((dir) => !existsSync(join(dir, 'options.json')));
    const hasData = (dir: string) => /^\s*INSERT\s/im.test(readFileSync(join(dir, 'input.sql'), 'utf8'));
    return [dirs.find(hasData)!, dirs.find((d) => !hasData(d))!].map((dir) => ({ dialect, dir }));
  });
  it.each(cases)('writes the golden files of $dir', ({ dialect, dir }) => {
    const to = join(out, dir.replaceAll('/', '_'));
    const r = run('convert', join(dir, 'input.sql'), '--from', dialect, '-o', to);
    expect(r.status).toBe(0);
    const expected = join(dir, 'expected');
    const written = listFiles(to).map((p) => p.slice(to.length + 1));
    expect(written).toEqual(listFiles(expected).map((p) => p.slice(expected.length + 1)));
    for (const p of written) expect(readFileSync(join(to, p), 'utf8'), p).toBe(readFileSync(join(expected, p), 'utf8'));
  });
});
