import { findTable, objectPath, qnameText, type Catalog, type Column, type DataChunk, type ManualItem, type Table } from '../../model/catalog.js';
import { diag, type Diagnostic } from '../../model/diagnostics.js';
import { copyLine } from '../../copy/copy-text.js';
import { emptyWarnings, fieldEncoder, type FieldEncoder, type ValueWarnings } from '../../copy/transforms.js';
import { mysqlLiteralTokens, tsqlLiteralTokens } from '../../data/dialect-tokens.js';
import { RowError } from '../../data/literal-token.js';
import { readRows } from '../../data/read-rows.js';
import { quoteIdent, quoteLiteral, quoteQName } from './quote.js';
import type { Phase, Statement } from './statement.js';

/** One table's INSERT statements with the same columns, written as one COPY block. */
interface CopyGroup {
  columns: string[];
  chunks: DataChunk[];
  encoders: FieldEncoder[];
}

/**
 * 0040_data (COPY blocks, one per table and column list, rows read again from the script when the file is
 * written) and 0095_identity_restart. Each statement is read once here to validate it and count its rows:
 * a statement with a non-literal value goes to manual/ (PGS4006), not into the file.
 */
export function printDataPhases(source: Catalog, target: Catalog): { phases: Phase[]; manual: ManualItem[]; diagnostics: Diagnostic[] } {
  const lex = source.dialect === 'mysql' ? mysqlLiteralTokens : tsqlLiteralTokens;
  const tsql = source.dialect === 'tsql';
  const up: Statement[] = [];
  const down: Statement[] = [];
  const restart: Statement[] = [];
  const manual: ManualItem[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const s of target.schemas) {
    for (const d of s.data) {
      const object = objectPath('data', d.sourceTable ?? d.table);
      const table = findTable(target, d.table);
      const src = d.sourceTable && findTable(source, d.sourceTable);
      if (!table || !src) {
        diagnostics.push(diag('PGS4006', `INSERT data for ${qnameText(d.sourceTable ?? d.table)} not written: the table is not in the converted output`, { object, span: d.span }));
        continue;
      }
      const key = `data ${qnameText(table.name)}`;
      const groups: CopyGroup[] = [];
      const warnings = emptyWarnings();
      let rows = 0;
      let statements = 0;
      for (const ch of d.chunks ?? []) {
        try {
          const encoders = chunkEncoders(ch, src, table);
          rows += readRows(lex(ch.text, ch.start, ch.end), encoders.length, tsql, (values) => {
            values.forEach((v, i) => encoders[i]!(v, warnings));
          });
          statements++;
          const cols = ch.targetColumns!;
          const last = groups[groups.length - 1];
          if (last && last.columns.join('\u0000') === cols.join('\u0000')) last.chunks.push(ch);
          else groups.push({ columns: cols, chunks: [ch], encoders });
        } catch (e) {
          if (!(e instanceof RowError)) throw e;
          manual.push({ object, kind: 'statement', original: `INSERT INTO ${qnameText(d.sourceTable ?? d.table)} VALUES\n${ch.text.slice(ch.start, ch.end)}`, codes: ['PGS4006'], span: ch.span });
          diagnostics.push(diag('PGS4006', `INSERT into ${qnameText(d.sourceTable ?? d.table)} not written to 0040_data (${e.message}); moved to manual/`, { object, span: ch.span }));
        }
      }
      if (!groups.length) continue;
      for (const g of groups) {
        up.push({
          sql: `COPY ${quoteQName(table.name)} (${g.columns.map(quoteIdent).join(', ')}) FROM stdin;`,
          object, span: g.chunks[0]!.span, kind: 'statement', key,
          copyRows: () => groupLines(g, lex, tsql),
        });
      }
      down.push({ sql: `DELETE FROM ${quoteQName(table.name)};`, object, kind: 'statement', key });
      diagnostics.push(diag('PGS4005', `${statements} INSERT statement(s) with ${rows} row(s) for ${qnameText(d.sourceTable ?? d.table)} written to 0040_data as COPY${warningText(warnings)}`, { object, span: d.span }));
      restart.push(...identityRestarts(table, new Set(groups.flatMap((g) => g.columns)), object));
    }
  }
  const phases: Phase[] = [];
  if (up.length) phases.push({ file: '0040_data', title: 'data (INSERT statements of the source as COPY)', up, down: down.reverse() });
  if (restart.length) phases.push({ file: '0095_identity_restart', title: 'identity sequences restarted past the loaded data', up: restart, down: [] });
  return { phases, manual, diagnostics };
}

/** The column encoders of one statement: source type, target type and the type rule's copy transform. */
function chunkEncoders(ch: DataChunk, src: Table, table: Table): FieldEncoder[] {
  const byName = (cols: Column[], name: string) => cols.find((c) => c.name.toLowerCase() === name.toLowerCase());
  return (ch.columns ?? []).map((name, i) => {
    const s = byName(src.columns, name);
    const t = byName(table.columns, ch.targetColumns?.[i] ?? '');
    if (!s || !t) throw new RowError(`column ${name} is not in the table`);
    return fieldEncoder({ source: s.type, target: t.type, ...(t.copy ? { copy: t.copy } : {}) });
  });
}

/** The COPY text lines of one group, statement by statement: only one statement's tokens are held at a time. */
function* groupLines(g: CopyGroup, lex: typeof tsqlLiteralTokens, tsql: boolean): Iterable<string> {
  const w = emptyWarnings();
  for (const ch of g.chunks) {
    const lines: string[] = [];
    readRows(lex(ch.text, ch.start, ch.end), g.encoders.length, tsql, (values) => {
      lines.push(copyLine(values.map((v, i) => g.encoders[i]!(v, w))));
    });
    yield* lines;
  }
}

/** Identity columns the data filled: their sequences continue after the largest value loaded. */
function identityRestarts(table: Table, filled: Set<string>, object: string): Statement[] {
  return table.columns
    .filter((c) => c.identity && filled.has(c.name))
    .map((c) => ({
      sql: `SELECT setval(pg_get_serial_sequence(${quoteLiteral(quoteQName(table.name))}, ${quoteLiteral(c.name)}), max(${quoteIdent(c.name)})) FROM ${quoteQName(table.name)};`,
      object, kind: 'statement' as const,
    }));
}

function warningText(w: ValueWarnings): string {
  const parts = [
    w.zeroDates ? `${w.zeroDates} zero date(s) written as NULL` : '',
    w.nulChars ? `${w.nulChars} NUL character(s) removed` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
