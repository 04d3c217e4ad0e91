import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/sources/mysql/lexer.js';

const kv = (text: string): [string, string][] => tokenize(text).tokens.map((t) => [t.kind, t.value]);

describe('MySQL lexer', () => {
  it('splits words, quoted identifiers, numbers and operators with offsets', () => {
    const { tokens } = tokenize('SELECT `a``b`, 1.5e10 <=> x->>y');
    expect(tokens.map((t) => [t.kind, t.value, t.start, t.end])).toEqual([
      ['word', 'SELECT', 0, 6],
      ['qid', 'a`b', 7, 13],
      ['op', ',', 13, 14],
      ['num', '1.5e10', 15, 21],
      ['op', '<=>', 22, 25],
      ['word', 'X', 26, 27],
      ['op', '->>', 27, 30],
      ['word', 'Y', 30, 31],
    ]);
  });

  it('decodes string escapes, doubled quotes and double-quoted strings', () => {
    expect(kv(String.raw`'a\nb\tc\0d\\e\'f\"g\Zh' 'it''s' "say ""hi""" '50\%\_'`)).toEqual([
      ['str', 'a\nb\tc\0d\\e\'f"g\x1ah'],
      ['str', "it's"],
      ['str', 'say "hi"'],
      ['str', '50\\%\\_'],
    ]);
  });

  it('reads introducers, national strings, hex and bit literals, variables', () => {
    const { tokens } = tokenize("_utf8mb4'x' _binary'y' N'z' X'CAFE' 0xbeef b'0101' 0b11 @v @`q v` @@session.sql_mode");
    expect(tokens.map((t) => [t.kind, t.value, t.charset ?? null, t.national])).toEqual([
      ['str', 'x', 'utf8mb4', false],
      ['str', 'y', 'binary', false],
      ['str', 'z', null, true],
      ['hex', 'CAFE', null, false],
      ['hex', 'beef', null, false],
      ['bits', '0101', null, false],
      ['bits', '11', null, false],
      ['var', 'v', null, false],
      ['var', 'q v', null, false],
      ['sysvar', 'session.sql_mode', null, false],
    ]);
  });

  it('reads a character set introducer before spaces and its string (mysqldump: _binary \'...\'), other words not', () => {
    const { tokens } = tokenize("_binary 'a' _UTF8MB4\n'b' _col 'alias'");
    expect(tokens.map((t) => [t.kind, t.value, t.charset ?? null])).toEqual([
      ['str', 'a', 'binary'],
      ['str', 'b', 'UTF8MB4'],
      ['word', '_COL', null],
      ['str', 'alias', null],
    ]);
  });

  it('skips -- (with space), # and /* */ comments but not --1', () => {
    expect(kv('a -- note\nb # hash\nc /* block\n */ d 1--1')).toEqual([
      ['word', 'A'], ['word', 'B'], ['word', 'C'], ['word', 'D'], ['num', '1'], ['op', '-'], ['op', '-'], ['num', '1'],
    ]);
  });

  it('lexes versioned comments inline and marks the gap', () => {
    const { tokens } = tokenize('/*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 DEFINER=`root`@`localhost` */ /*M!100101 VIEW*/;');
    expect(tokens.map((t) => [t.kind, t.value, t.gap])).toEqual([
      ['word', 'CREATE', true],
      ['word', 'ALGORITHM', false],
      ['op', '=', false],
      ['word', 'UNDEFINED', false],
      ['word', 'DEFINER', true],
      ['op', '=', false],
      ['qid', 'root', false],
      ['var', 'localhost', false],
      ['word', 'VIEW', true],
      ['delim', ';', true],
    ]);
  });

  it('applies DELIMITER lines: ; inside the body is an operator', () => {
    expect(kv('DELIMITER $$\nBEGIN x; END$$\nDELIMITER ;\nSELECT 1;')).toEqual([
      ['word', 'BEGIN'], ['word', 'X'], ['op', ';'], ['word', 'END'], ['delim', '$$'],
      ['word', 'SELECT'], ['num', '1'], ['delim', ';'],
    ]);
  });

  it('ends a client command (USE, \\u, source) at its line end when no delimiter is on that line', () => {
    expect(kv('use shop # db\nDELIMITER $$\nBEGIN x; END$$\nDELIMITER ;\nUSE a; USE b\n\\u c\nUSE d -- x;\nSELECT 1;')).toEqual([
      ['word', 'USE'], ['word', 'SHOP'], ['delim', ''],
      ['word', 'BEGIN'], ['word', 'X'], ['op', ';'], ['word', 'END'], ['delim', '$$'],
      ['word', 'USE'], ['word', 'A'], ['delim', ';'],
      ['word', 'USE'], ['word', 'B'], ['delim', ''],
      ['op', '\\'], ['word', 'U'], ['word', 'C'], ['delim', ''],
      // a delimiter anywhere on the line (here in a comment) makes it a statement like any other, as in the client
      ['word', 'USE'], ['word', 'D'], ['word', 'SELECT'], ['num', '1'], ['delim', ';'],
    ]);
  });

  it('reports an unterminated string with its position (PGS1002)', () => {
    const { tokens, diagnostics } = tokenize("SELECT 1;\nSELECT 'abc", 'f.sql');
    expect(tokens.at(-1)!.bad).toBe(true);
    expect(diagnostics.map((d) => [d.code, d.message, d.span!.line, d.span!.col])).toEqual([['PGS1002', 'unterminated string', 2, 8]]);
  });

  it('reports unterminated comments and quoted identifiers', () => {
    expect(tokenize('a /* open').diagnostics.map((d) => [d.code, d.message])).toEqual([['PGS1002', 'unterminated comment']]);
    expect(tokenize('`open').diagnostics.map((d) => [d.code, d.message])).toEqual([['PGS1002', 'unterminated quoted identifier']]);
  });

  it('treats digits followed by letters as a word (2fa_codes)', () => {
    expect(kv('2fa_codes 12')).toEqual([['word', '2FA_CODES'], ['num', '12']]);
  });
});
