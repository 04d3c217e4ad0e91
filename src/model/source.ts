/** Where a node came from: 1-based line and column, end inclusive of the last character. */
export interface SourceSpan {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export function formatSpan(span: SourceSpan | undefined): string {
  return span ? `${span.file}:${span.line}:${span.col}` : '';
}

/** The smallest span covering both. Assumes both are in the same file. */
export function joinSpans(a: SourceSpan, b: SourceSpan): SourceSpan {
  return { file: a.file, line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol };
}

/**
 * Script text that can be let go and read again: INSERT data keeps one of these instead of the text itself, so
 * a big dump's rows are read from the file twice (checked, then written) without ever sitting in memory whole.
 */
export interface TextSource {
  text(): string;
}

export const fixedText = (text: string): TextSource => ({ text: () => text });
