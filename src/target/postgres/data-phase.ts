import { findTable, objectPath, qnameText, type Catalog, type Column, type DataChunk, type ManualItem, type Table } from '../../model/catalog.js';
import { diag, type Diagnostic } from '../../model/diagnostics.js';
import { COPY_NULL, copyLine } from '../../copy/copy-text.js';
import { emptyWarnings, fieldEncoder, fieldTransform, type FieldEncoder, type ValueWarnings } from '../../copy/transforms.js';
import { insertStatements, type InsertStatement } from '../../data/dialect-tokens.js';
import { RowError } from '../../data/literal-token.js';
import { readRows } from '../../data/read-rows.js';
import { isTimeOfDay } from '../../data/time-of-day.js';
import { hasStrayBytes, scriptBytes, scriptText } from '../../data/stray-bytes.js';
import { quoteIdent, quoteLiteral, quoteQName } from './quote.js';
import { tablePath, type Phase, type Statement } from './statement.js';
import type { SourceSpan } from '../../model/source.js';

/** One table's INSERT statements with the same columns, written as one COPY block. */
interface CopyGroup {
  columns: string[];
  chunks: DataChunk[];
  /** One per source value; undefined for a generated column, whose value PostgreSQL computes (not loaded). */
  encoders: (FieldEncoder | undefined)[];
}

/**
 * 0040_data (COPY blocks, one per table and column list, rows read again from the script when the file is
 * written) and 0095_identity_restart. Each statement is read once here to validate it and count its rows:
 * a statement with a non-literal value goes to manual/ (PGS4006), not into the file.
 */
export function printDataPhases(source: Catalog, target: Catalog): { phases: Phase[]; manual: ManualItem[]; diagnostics: Diagnostic[] } {
  const dialect = source.dialect === 'mysql' ? 'mysql' : 'tsql';
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
      const generated = new Set<string>();
      const moveToManual = (ch: DataChunk, st: { start: number; end: number }, text: string, why: string): void => {
        const span = statementSpan(ch, text, st.start, st.end);
        manual.push({ object, kind: 'statement', original: scriptText(text.slice(st.start, st.end)), codes: ['PGS4006'], span });
        diagnostics.push(diag('PGS4006', `INSERT into ${qnameText(d.sourceTable ?? d.table)} not written to 0040_data (${scriptText(why)}); moved to manual/`, { object, span }));
      };
      for (const ch of d.chunks ?? []) {
        const text = ch.source.text();
        let encoders: (FieldEncoder | undefined)[];
        try {
          encoders = chunkEncoders(ch, src, table);
          ch.targetColumns?.forEach((c, i) => { if (!encoders[i]) generated.add(c); });
        } catch (e) {
          if (!(e instanceof RowError)) throw e;
          moveToManual(ch, ch, text, e.message);
          continue;
        }
        // Read once here to count and check the rows; a bad statement leaves the run, the good ones around it stay.
        for (const part of checkedRuns(ch, dialect, text, (st) => {
          try {
            const enc = statementEncoders(encoders, text, st);
            rows += readRows(st.toks, enc.length, dialect === 'tsql', (values) => values.forEach((v, i) => enc[i]?.(v, warnings)));
            statements++;
            return true;
          } catch (e) {
            if (!(e instanceof RowError)) throw e;
            moveToManual(ch, st, text, e.message);
            return false;
          }
        })) {
          const cols = part.targetColumns!.filter((_, i) => encoders[i]);
          const last = groups[groups.length - 1];
          if (last && last.columns.join('\u0000') === cols.join('\u0000')) last.chunks.push(part);
          else groups.push({ columns: cols, chunks: [part], encoders });
        }
      }
      if (!groups.length) continue;
      for (const g of groups) {
        up.push({
          sql: `COPY ${quoteQName(table.name)} (${g.columns.map(quoteIdent).join(', ')}) FROM stdin;`,
          object, span: g.chunks[0]!.span, kind: 'statement', key, needs: [tablePath(table)],
          copyRows: () => groupLines(g, dialect),
        });
      }
      down.push({ sql: `DELETE FROM ${quoteQName(table.name)};`, object, kind: 'statement', key, needs: [tablePath(table)] });
      diagnostics.push(diag('PGS4005', `${statements} INSERT statement(s) with ${rows} row(s) for ${qnameText(d.sourceTable ?? d.table)} written to 0040_data as COPY${warningText(warnings)}${generated.size ? `; values of generated column(s) ${[...generated].join(', ')} not loaded (PostgreSQL computes them)` : ''}`, { object, span: d.span }));
      restart.push(...identityRestarts(table, new Set(groups.flatMap((g) => g.columns)), object));
    }
  }
  const phases: Phase[] = [];
  if (up.length) phases.push({ file: '0040_data', title: 'data (INSERT statements of the source as COPY)', up, down: down.reverse() });
  if (restart.length) phases.push({ file: '0095_identity_restart', title: 'identity sequences restarted past the loaded data', up: restart, down: [] });
  return { phases, manual, diagnostics };
}

/**
 * The column encoders of one statement: source type, target type and the type rule's copy transform. A generated
 * column gets none: MariaDB dumps write the computed values, which COPY cannot load into a generated column.
 */
function chunkEncoders(ch: DataChunk, src: Table, table: Table): (FieldEncoder | undefined)[] {
  const byName = (cols: Column[], name: string) => cols.find((c) => c.name.toLowerCase() === name.toLowerCase());
  return (ch.columns ?? []).map((name, i) => {
    const s = byName(src.columns, name);
    const t = byName(table.columns, ch.targetColumns?.[i] ?? '');
    if (!s || !t) throw new RowError(`column ${name} is not in the table`);
    if (t.generated) return undefined;
    const encode = fieldEncoder({ source: s.type, target: t.type, ...(t.copy ? { copy: t.copy } : {}) });
    return t.type.name === 'time' ? timeOfDayChecked(encode, name) : encode;
  });
}

/** Encoders that take a value's bytes: a script's string literal gives them its bytes (src/data/stray-bytes.ts). */
const BYTE_TRANSFORMS = new Set(['bytea', 'varbit', 'wkb']);

/** A script's string as its encoder takes it: the bytes it stood for, or its text (stray bytes read as Windows-1252). */
function fromScript(encode: FieldEncoder): FieldEncoder {
  const kind = fieldTransform(encode)?.kind;
  const toValue = kind && BYTE_TRANSFORMS.has(kind) ? scriptBytes : scriptText;
  return (v, w) => encode(typeof v === 'string' ? toValue(v) : v, w);
}

type Encoders = (FieldEncoder | undefined)[];
const withStrayBytes = new WeakMap<Encoders, Encoders>();

/** The encoders for one statement's values: those of fromScript where the statement holds stray bytes (rare). */
function statementEncoders(encoders: Encoders, text: string, st: { start: number; end: number }): Encoders {
  if (!hasStrayBytes(text.slice(st.start, st.end))) return encoders;
  let e = withStrayBytes.get(encoders);
  if (!e) withStrayBytes.set(encoders, (e = encoders.map((x) => x && fromScript(x))));
  return e;
}

/** A MySQL TIME duration PostgreSQL time cannot hold would fail the whole COPY: its statement goes to manual/ instead. */
function timeOfDayChecked(encode: FieldEncoder, column: string): FieldEncoder {
  return (v, w) => {
    const out = encode(v, w);
    if (out !== COPY_NULL && !isTimeOfDay(out)) throw new RowError(`value '${out}' of column ${column} is outside PostgreSQL time's range (00:00:00 to 24:00:00)`);
    return out;
  };
}

/**
 * The chunk's statements, each checked by `ok`: the whole chunk when all pass, else the runs of good statements
 * between the bad ones (the data phase writes only those).
 */
function checkedRuns(ch: DataChunk, dialect: 'tsql' | 'mysql', text: string, ok: (st: InsertStatement) => boolean): DataChunk[] {
  const runs: DataChunk[] = [];
  let run: DataChunk | undefined;
  let bad = false;
  for (const st of insertStatements(dialect, text, ch.start, ch.end)) {
    if (!ok(st)) {
      bad = true;
      run = undefined;
      continue;
    }
    if (run) {
      run.end = st.end;
      run.statements++;
    } else {
      run = { ...ch, start: st.start, end: st.end, statements: 1, span: statementSpan(ch, text, st.start, st.end) };
      runs.push(run);
    }
  }
  return bad ? runs : runs.length ? [ch] : [];
}

/** The span of text[start, end) inside a chunk, from the chunk's own span (line numbers counted from its start). */
function statementSpan(ch: DataChunk, text: string, start: number, end: number): SourceSpan {
  if (start === ch.start) return ch.span;
  const pos = (at: number): [number, number] => {
    let line = ch.span.line;
    let lineStart = ch.start - ch.span.col + 1;
    for (let i = text.indexOf('\n', ch.start); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return [line, at - lineStart + 1];
  };
  const [line, col] = pos(start);
  const [endLine, endCol] = pos(Math.max(start, end - 1));
  return { file: ch.span.file, line, col, endLine, endCol };
}

/** The COPY text lines of one group, statement by statement: only one statement's tokens are held at a time. */
function* groupLines(g: CopyGroup, dialect: 'tsql' | 'mysql'): Iterable<string> {
  const w = emptyWarnings();
  for (const ch of g.chunks) {
    const text = ch.source.text();
    for (const st of insertStatements(dialect, text, ch.start, ch.end)) {
      const lines: string[] = [];
      const enc = statementEncoders(g.encoders, text, st);
      readRows(st.toks, enc.length, dialect === 'tsql', (values) => {
        lines.push(copyLine(values.flatMap((v, i) => { const e = enc[i]; return e ? [e(v, w)] : []; })));
      });
      yield* lines;
    }
  }
}

/**
 * Identity columns the data filled: their sequences continue after the last value loaded, never before the declared
 * start (MySQL's AUTO_INCREMENT=n goes on from n even when the dump's rows stop lower; a value below the start
 * would also be out of the sequence's bounds).
 */
function identityRestarts(table: Table, filled: Set<string>, object: string): Statement[] {
  return table.columns
    .filter((c) => c.identity && filled.has(c.name))
    .map((c) => {
      const { start, increment } = c.identity!;
      const [last, pick, past] = increment < 0n ? ['min', 'LEAST', '<='] : ['max', 'GREATEST', '>='];
      const loaded = `${last}(${quoteIdent(c.name)})`;
      return {
        sql: `SELECT setval(pg_get_serial_sequence(${quoteLiteral(quoteQName(table.name))}, ${quoteLiteral(c.name)}), ${pick}(${loaded}, ${start}), ${loaded} ${past} ${start}) FROM ${quoteQName(table.name)};`,
        object, kind: 'statement' as const, needs: [tablePath(table)],
      };
    });
}

function warningText(w: ValueWarnings): string {
  const parts = [
    w.zeroDates ? `${w.zeroDates} zero date(s) written as NULL` : '',
    w.nulChars ? `${w.nulChars} NUL character(s) removed` : '',
    w.otherIntsAsTrue ? `${w.otherIntsAsTrue} value(s) other than 0 and 1 written as true into boolean columns` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
