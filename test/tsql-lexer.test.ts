import { describe, expect, it } from 'vitest';
import { createLexer, lexAll, lexBatch } from '../src/sources/tsql/lexer.js';

const kinds = (src: string): string[] => lexAll(src).tokens.map((t) => `${t.kind}:${t.value}`);

describe('tsql lexer', () => {
  it('splits words, bracketed and quoted identifiers with escapes', () => {
    expect(kinds('SELECT [a]]b], "c""d", e#1 FROM #tmp')).toEqual([
      'word:SELECT', 'ident:a]b', 'op:,', 'ident:c"d', 'op:,', 'word:e#1', 'word:FROM', 'word:#tmp', 'eof:',
    ]);
  });

  it('decodes strings, national strings, binary, money, numbers and variables', () => {
    expect(kinds("N'it''s' 'x' 0xCAFE $12.50 1.5e3 .5 42 @v @@ROWCOUNT")).toEqual([
      "string:it's", 'string:x', 'binary:CAFE', 'money:12.50', 'number:1.5e3', 'number:.5', 'number:42',
      'variable:v', 'sysvar:ROWCOUNT', 'eof:',
    ]);
    const { tokens } = lexAll("N'a' 'b'");
    expect(tokens[0]!.national).toBe(true);
    expect(tokens[1]!.national).toBeUndefined();
  });

  it('recognises two-character operators including !< and !>', () => {
    expect(kinds('a<=b<>c!=d!<e!>f>=g')).toEqual([
      'word:a', 'op:<=', 'word:b', 'op:<>', 'word:c', 'op:!=', 'word:d', 'op:!<', 'word:e', 'op:!>', 'word:f', 'op:>=', 'word:g', 'eof:',
    ]);
  });

  it('skips line comments and nested block comments', () => {
    expect(kinds('a -- c\n/* x /* y */ z */ b')).toEqual(['word:a', 'word:b', 'eof:']);
  });

  it('gives 1-based line/col spans, end inclusive, across CRLF and multi-line strings', () => {
    const { tokens } = lexAll("\uFEFFCREATE\r\n  TABLE 'a\nbc' x");
    expect(tokens.map((t) => [t.value, t.line, t.col, t.endLine, t.endCol])).toEqual([
      ['CREATE', 1, 2, 1, 7],
      ['TABLE', 2, 3, 2, 7],
      ['a\nbc', 2, 9, 3, 3],
      ['x', 3, 5, 3, 5],
      ['', 3, 6, 3, 6],
    ]);
  });

  it('treats GO as a separator only alone on its line, with an optional count', () => {
    const st = createLexer('select 1\nGO\nselect go\n  go 3 -- again\nx', 'f.sql');
    const b1 = lexBatch(st);
    expect(b1.map((t) => `${t.kind}:${t.value}`)).toEqual(['word:select', 'number:1', 'go:1']);
    const b2 = lexBatch(st);
    expect(b2.map((t) => `${t.kind}:${t.value}`)).toEqual(['word:select', 'word:go', 'go:3']);
    expect(b2[2]!.line).toBe(4);
    expect(lexBatch(st).map((t) => t.kind)).toEqual(['word', 'eof']);
    expect(st.done).toBe(true);
  });

  it('emits SQLCMD command lines as one token', () => {
    expect(kinds(':setvar DB mydb\n:on error exit\nUSE x')).toEqual([
      'sqlcmd::setvar DB mydb', 'sqlcmd::on error exit', 'word:USE', 'word:x', 'eof:',
    ]);
  });

  it('reports unterminated string, identifier and comment with their start position (PGS1002)', () => {
    for (const [src, what, line, col] of [
      ["select\n  'abc", 'string', 2, 3],
      ['select [abc', 'bracketed identifier', 1, 8],
      ['a /* b /* c */', 'comment', 1, 3],
    ] as const) {
      const { diagnostics } = lexAll(src, 'u.sql');
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ code: 'PGS1002', severity: 'error', message: `unterminated ${what}`, span: { file: 'u.sql', line, col } });
    }
  });

  it('offsets the first line when lexing text embedded in another file', () => {
    const st = createLexer('a\n b', 'f.sql', 10, 20);
    const toks = lexBatch(st);
    expect(toks.map((t) => [t.line, t.col])).toEqual([[10, 20], [11, 2], [11, 3]]);
  });
});
