import type { Check, ForeignKey, Key, KeyPart, Table } from '../model/catalog.js';
import type { SourceSpan } from '../model/source.js';
import { findTable, qnameText } from '../model/catalog.js';
import { diag } from '../model/diagnostics.js';
import { jsonValidColumn } from './columns.js';
import type { TranspileContext } from './context.js';
import { exprText, quoteIdent, quoteQName, typeText } from './draft.js';
import { translateExpr } from './expr.js';
import { flatten } from '../collections.js';
import { prefixKeyPart } from './key-prefix.js';
import { addManual, problemCodes, report, reportProblems, type TableScope } from './scope.js';

/** Key columns mapped; prefix lengths as prefixKeyPart says (`primary`: a primary key, which holds columns only). */
export function mapKeyParts(s: TableScope, parts: KeyPart[], what: string, unique: boolean, keepOrder: boolean, span?: SourceSpan, primary = false): KeyPart[] {
  const descending = parts.filter((p) => p.desc).map((p) => p.column);
  // A key constraint's index is ascending in PostgreSQL; the order only matters to scans, not to what the key accepts.
  if (!keepOrder && descending.length) {
    report(s, 'PGS2013', `${what}: DESC order of ${descending.join(', ')} dropped: a PostgreSQL key constraint's index is ascending (it only changes scan order; CREATE UNIQUE INDEX keeps DESC)`, { span });
  }
  return parts.map((p) => {
    const out: KeyPart = { column: s.ctx.names.column(s.src.name, p.column) };
    if (keepOrder && p.desc) out.desc = true;
    if (p.length !== undefined) prefixKeyPart(s, p.column, out, p.length, what, primary ? 'primary' : unique ? 'unique' : 'index', span);
    if (p.expr) {
      const r = translateExpr(p.expr, s.env);
      reportProblems(s, what, r.problems);
      out.expr = r.expr;
    }
    return out;
  });
}

/**
 * Claim a name for a constraint or index of the table; unnamed ones stay unnamed. An index's name is unique in the
 * schema, a foreign key's or CHECK's in the table, a key constraint's in both (it names its index too).
 */
export function constraintName(s: TableScope, name: string | undefined, what: string, span: SourceSpan | undefined, scope: 'schema' | 'table' | 'both'): string | undefined {
  if (name === undefined) return undefined;
  const where = { object: s.object, what, span: span ?? s.src.span, alternativePrefix: s.target.name };
  return scope === 'schema' ? s.ctx.names.claim(s.target.schema, name, where) : s.ctx.names.claimConstraint(s.target, name, where, scope === 'both');
}

/** PGS2004 when a key over case-insensitive source columns changes meaning under the chosen policy. */
function checkKeyCaseSensitivity(s: TableScope, key: KeyPart[], what: string, span?: SourceSpan): void {
  const ci = key.map((p) => ({ p, c: s.ciColumns.get(p.column) })).filter((x) => x.c);
  if (!ci.length) return;
  const cols = ci.map((x) => x.p.column).join(', ');
  const policy = s.ctx.ciPolicy;
  if (policy === 'ignore') {
    report(s, 'PGS2004', `${what} on ${cols}: the source compares case-insensitively; in PostgreSQL values differing only in case become distinct`, { span });
  } else if (policy === 'citext' && ci.some((x) => x.c!.accentInsensitive)) {
    report(s, 'PGS2004', `${what} on ${cols}: the source is accent-insensitive; citext is accent-sensitive, so values differing only in accents become distinct`, { span });
  }
}

export function convertKey(s: TableScope, k: Key, what: string): Key {
  const columns = mapKeyParts(s, k.columns, what, true, false, k.span, what === 'primary key');
  checkKeyCaseSensitivity(s, columns, what, k.span);
  // Diagnostics name the kind ("primary key", "unique constraint") and then the name itself.
  const kind = k.name !== undefined && what.endsWith(` ${k.name}`) ? what.slice(0, -k.name.length - 1) : what;
  const name = constraintName(s, k.name, kind, k.span, 'both');
  const key: Key = { columns, span: k.span };
  if (name !== undefined) key.name = name;
  if (k.comment !== undefined) key.comment = k.comment;
  return key;
}

export { checkKeyCaseSensitivity };

/** CHECK constraints: translated, json_valid on jsonb columns dropped, untranslatable ones to manual. */
export function convertChecks(s: TableScope): Check[] {
  const out: Check[] = [];
  for (const c of s.src.checks) {
    const what = `check constraint${c.name ? ` ${c.name}` : ''}`;
    const jsonCol = jsonValidColumn(c.expr);
    if (jsonCol !== undefined && s.columnTypes.get(s.ctx.names.column(s.src.name, jsonCol))?.name === 'jsonb') {
      report(s, 'PGS2018', `${what} (${c.raw}) dropped: column ${jsonCol} is jsonb, which only holds valid JSON`, { span: c.span });
      continue;
    }
    const r = translateExpr(c.expr, s.env);
    reportProblems(s, what, r.problems, c.span);
    if (r.failed) {
      addManual(s, {
        kind: 'constraint',
        original: `${c.name ? `CONSTRAINT ${c.name} ` : ''}CHECK (${c.raw})`,
        draft: `ALTER TABLE ${quoteQName(s.target)} ADD ${c.name ? `CONSTRAINT ${quoteIdent(s.ctx.names.fold(c.name))} ` : ''}CHECK (${exprText(r.expr)});`,
        codes: problemCodes(r.problems),
        span: c.span,
      });
      continue;
    }
    if (c.enforced === false) report(s, 'PGS2014', `${what} was not enforced in the source; created NOT VALID (existing rows are not checked)`, { span: c.span });
    const name = constraintName(s, c.name, 'check constraint', c.span, 'table');
    const check: Check = { expr: r.expr, raw: exprText(r.expr), span: c.span };
    if (name !== undefined) check.name = name;
    if (c.enforced === false) check.enforced = false;
    if (c.comment !== undefined) check.comment = c.comment;
    out.push(check);
  }
  return out;
}

/** Foreign keys resolved (case-insensitive) to target names; a key to a table not in the input goes to manual. */
export function convertForeignKeys(s: TableScope): ForeignKey[] {
  const out: ForeignKey[] = [];
  const { ctx } = s;
  for (const fk of s.src.foreignKeys) {
    const what = `foreign key${fk.name ? ` ${fk.name}` : ''}`;
    const refSchema = fk.ref.schema;
    const refTable = findTable(ctx.source, fk.ref);
    const cols = fk.columns.map((c) => ctx.names.column(s.src.name, c));
    if (!refTable) {
      report(s, 'PGS2012', `${what} (${fk.columns.join(', ')}) refers to ${qnameText(fk.ref)}, which is not in the input; moved to manual`, { span: fk.span });
      const guess = { schema: ctx.names.schema(refSchema), name: ctx.names.fold(fk.ref.name) };
      addManual(s, {
        kind: 'constraint',
        original: `${fk.name ? `CONSTRAINT ${fk.name} ` : ''}FOREIGN KEY (${fk.columns.join(', ')}) REFERENCES ${qnameText(fk.ref)}${fk.refColumns.length ? ` (${fk.refColumns.join(', ')})` : ''}`,
        draft: `ALTER TABLE ${quoteQName(s.target)} ADD ${fk.name ? `CONSTRAINT ${quoteIdent(ctx.names.fold(fk.name))} ` : ''}FOREIGN KEY (${cols.map(quoteIdent).join(', ')}) REFERENCES ${quoteQName(guess)}${fk.refColumns.length ? ` (${fk.refColumns.map((c) => quoteIdent(ctx.names.fold(c))).join(', ')})` : ''};`,
        codes: ['PGS2012'],
        span: fk.span,
      });
      continue;
    }
    if (fk.enforced === false) report(s, 'PGS2014', `${what} was not enforced in the source; created NOT VALID (existing rows are not checked)`, { span: fk.span });
    const name = constraintName(s, fk.name, 'foreign key', fk.span, 'table');
    const converted: ForeignKey = {
      columns: cols,
      ref: ctx.names.relation(refTable.name)!,
      refColumns: fk.refColumns.map((c) => ctx.names.column(refTable.name, c)),
      span: fk.span,
    };
    if (name !== undefined) converted.name = name;
    if (fk.onDelete) converted.onDelete = fk.onDelete;
    if (fk.onUpdate) converted.onUpdate = fk.onUpdate;
    if (fk.match) converted.match = fk.match;
    if (fk.enforced === false) converted.enforced = false;
    if (fk.comment !== undefined) converted.comment = fk.comment;
    out.push(converted);
  }
  return out;
}

/**
 * PostgreSQL needs an equality operator between a foreign key's columns and the referenced key. Rules map
 * each column on its own (identity widens to bigint, unsigned bigint becomes numeric), so a pair that had
 * one type in the source can differ here: the referencing column takes the referenced column's type.
 */
export function alignForeignKeyTypes(ctx: TranspileContext, tables: Table[]): void {
  const byName = new Map(tables.map((t) => [`${t.name.schema}.${t.name.name}`, t]));
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const ref = byName.get(`${fk.ref.schema}.${fk.ref.name}`);
      if (!ref) continue;
      const refCols = fk.refColumns.length ? fk.refColumns : (ref.primaryKey?.columns.map((k) => k.column) ?? []);
      fk.columns.forEach((name, i) => {
        const col = t.columns.find((c) => c.name === name);
        const target = ref.columns.find((c) => c.name === refCols[i]);
        if (!col || !target || typeText(col.type) === typeText(target.type)) return;
        ctx.diagnostics.push(diag('PGS2002', flatten(`column ${name}: ${typeText(col.type)} → ${typeText(target.type)} to match ${ref.name.name}.${target.name}, which foreign key ${fk.name ?? '(unnamed)'} references`), {
          object: t.source, span: col.span, severity: 'info',
        }));
        col.type = target.type;
      });
    }
  }
}
