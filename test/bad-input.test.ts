import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertScripts } from '../src/convert.js';
import { decodeScript, readScripts } from '../src/sources/script.js';
import { defaultOptions } from './helpers/convert.js';

// Bad input never crashes pgshift: each case ends in diagnostics, and whatever is valid still converts.
const dir = mkdtempSync(join(tmpdir(), 'pgshift-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tables = (r: Awaited<ReturnType<typeof convertScripts>>) => r.target.schemas.flatMap((s) => s.tables.map((t) => t.name.name));
const codes = (r: Awaited<ReturnType<typeof convertScripts>>) => r.diagnostics.map((d) => d.code);

describe.each(['tsql', 'mysql'] as const)('%s', (from) => {
  const good = from === 'tsql' ? 'CREATE TABLE good (id int NOT NULL PRIMARY KEY)\nGO\n' : 'CREATE TABLE good (id int NOT NULL PRIMARY KEY);\n';
  const sep = from === 'tsql' ? '\nGO\n' : ';\n';
  const run = (text: string) => convertScripts([{ file: 'bad.sql', text, diagnostics: [] }], defaultOptions(from));

  it('binary garbage is reported, not parsed', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    const script = decodeScript(bytes, 'garbage.bin');
    const r = await convertScripts([script], defaultOptions(from));
    expect(codes(r)).toContain('PGS1003');
    expect(tables(r)).toEqual([]);
  });

  it('an empty file is a warning', async () => {
    const r = await convertScripts([decodeScript(new Uint8Array(0), 'empty.sql')], defaultOptions(from));
    expect(codes(r)).toEqual(['PGS1004']);
  });

  it('a truncated statement is an error with its position; the rest converts', async () => {
    const r = await run(good + 'CREATE TABLE cut (id int, name varch');
    expect(tables(r)).toEqual(['good']);
    const e = r.diagnostics.find((d) => d.code === 'PGS1001' || d.code === 'PGS1002');
    // Where parsing stopped: the end of the cut-off text.
    expect(e?.span?.line).toBe(from === 'tsql' ? 3 : 2);
    expect(e?.span?.col).toBe('CREATE TABLE cut (id int, name varch'.length + 1);
  });

  it('an unterminated string is PGS1002 at the quote', async () => {
    const r = await run(good + "CREATE TABLE s (a varchar(5) DEFAULT 'oops)");
    const e = r.diagnostics.find((d) => d.code === 'PGS1002');
    expect(e?.span?.line).toBe(from === 'tsql' ? 3 : 2);
    expect(tables(r)).toEqual(['good']);
  });

  it('an unterminated comment is PGS1002', async () => {
    const r = await run(good + '/* never closed\nCREATE TABLE x (a int)');
    expect(codes(r)).toContain('PGS1002');
    expect(tables(r)).toEqual(['good']);
  });

  it('10,000 nested parentheses are PGS1005, not a stack overflow', async () => {
    const deep = '('.repeat(10_000) + '1' + ')'.repeat(10_000);
    const r = await run(`CREATE TABLE deep (a int DEFAULT ${deep})${sep}${good}`);
    expect(codes(r)).toContain('PGS1005');
    expect(tables(r)).toContain('good');
  });

  it('a Windows-1252 file reads as Windows-1252; UTF-8 text with raw binary bytes stays UTF-8', () => {
    const cp1252 = decodeScript(Uint8Array.from([...Buffer.from("SELECT '"), 0xc9, 0x74, 0xe9, ...Buffer.from("';")]), 'ansi.sql');
    expect(cp1252.text).toBe("SELECT 'Été';");
    // mysqldump without --hex-blob: 'Åsa' in UTF-8 next to a BLOB's raw bytes 0xff 0xc3 0x28.
    const mixed = decodeScript(Uint8Array.from([...Buffer.from("INSERT INTO t VALUES ('Åsa', '"), 0xff, 0xc3, 0x28, ...Buffer.from("');")]), 'dump.sql');
    expect(mixed.text).toBe("INSERT INTO t VALUES ('Åsa', 'ÿÃ(');");
    // Both say how many bytes were read so (PGS1020); plain UTF-8 says nothing.
    expect([cp1252, mixed].map((x) => x.diagnostics.map((d) => [d.code, d.message.split(' ')[0]]))).toEqual([[['PGS1020', '2']], [['PGS1020', '2']]]);
    expect(decodeScript(Buffer.from("SELECT 'Åsa';"), 'utf8.sql').diagnostics).toEqual([]);
  });

  it('UTF-16 with BOM reads like UTF-8', async () => {
    const text = good.replace('good', 'größe');
    const body = Buffer.from(text, 'utf16le');
    const f = join(dir, `${from}-utf16.sql`);
    writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    const r = await convertScripts(readScripts(f), defaultOptions(from));
    expect(tables(r)).toEqual(['größe']);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a 200 MB line converts in bounded time and memory', async () => {
    const f = join(dir, `${from}-huge.sql`);
    const blob = 'x'.repeat(200 * 1024 * 1024);
    writeFileSync(f, `${good}-- ${blob}\n${good.replace(/good/g, 'after')}`);
    const r = await convertScripts(readScripts(f), defaultOptions(from));
    expect(tables(r)).toEqual(['good', 'after']);
  });
});
