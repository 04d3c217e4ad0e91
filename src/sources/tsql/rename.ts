import type { QName, Table } from '../../model/catalog.js';
import { walkExpr, type Expr } from '../../model/expr.js';
import type { SourceSpan } from '../../model/source.js';
import { objectKey, qname, report, sameName, sameQName, type Session } from './session.js';
import { lookupTable } from './table.js';

/**
 * sp_rename's @objname: [schema.]table, [schema.]table.column or [schema.]table.index, each part bare, [bracketed]
 * or "quoted". Undefined when the text does not split into names.
 */
export function splitObjectName(text: string): string[] | undefined {
  const parts: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let part = '';
    const open = text[i];
    if (open === '[' || open === '"') {
      const close = open === '[' ? ']' : '"';
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text[i] === close) {
          if (text[i + 1] === close) { part += close; i += 2; continue; }
          i++;
          break;
        }
        part += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== '.') part += text[i++];
      part = part.trim();
    }
    parts.push(part);
    if (i >= text.length) break;
    if (text[i] !== '.') return undefined;
    i++;
  }
  return parts.length && parts.every((p) => p !== '') ? parts : undefined;
}

/** Renames the column references named `from` to `to` in an expression of the table (refs are parsed per table). */
function renameColumnRefs(e: Expr | undefined, from: string, to: string): void {
  if (!e) return;
  walkExpr(e, (x) => {
    if (x.kind === 'column' && sameName(x.parts[x.parts.length - 1]!, from)) x.parts[x.parts.length - 1] = to;
  });
}

function renameTable(s: Session, table: Table, to: string): void {
  const from: QName = table.name;
  const renamed: QName = { schema: from.schema, name: to };
  s.objects.delete(objectKey('table', from));
  s.objects.set(objectKey('table', renamed), table);
  table.name = renamed;
  // SQL Server keys refer to the table itself, not its name: they follow it.
  for (const sc of s.catalog.schemas) {
    for (const t of sc.tables) for (const fk of t.foreignKeys) if (sameQName(fk.ref, from)) fk.ref = renamed;
    for (const d of sc.data) if (sameQName(d.table, from)) d.table = renamed;
  }
  const data = s.data.get(`${from.schema}.${from.name}`.toLowerCase());
  if (data) {
    s.data.delete(`${from.schema}.${from.name}`.toLowerCase());
    s.data.set(`${renamed.schema}.${renamed.name}`.toLowerCase(), data);
  }
}

function renameColumn(s: Session, table: Table, from: string, to: string): boolean {
  const col = table.columns.find((c) => sameName(c.name, from));
  if (!col) return false;
  col.name = to;
  const keyParts = [...(table.primaryKey?.columns ?? []), ...table.uniques.flatMap((u) => u.columns), ...table.indexes.flatMap((i) => i.columns)];
  for (const p of keyParts) {
    if (sameName(p.column, from)) p.column = to;
    renameColumnRefs(p.expr, from, to);
  }
  for (const ix of table.indexes) {
    ix.include = ix.include.map((c) => (sameName(c, from) ? to : c));
    renameColumnRefs(ix.where, from, to);
  }
  for (const fk of table.foreignKeys) fk.columns = fk.columns.map((c) => (sameName(c, from) ? to : c));
  for (const ck of table.checks) renameColumnRefs(ck.expr, from, to);
  for (const c of table.columns) {
    renameColumnRefs(c.generated?.expr, from, to);
    renameColumnRefs(c.default, from, to);
  }
  for (const sc of s.catalog.schemas) {
    for (const t of sc.tables) {
      for (const fk of t.foreignKeys) {
        if (sameQName(fk.ref, table.name)) fk.refColumns = fk.refColumns.map((c) => (sameName(c, from) ? to : c));
      }
    }
  }
  return true;
}

/** A key, index or constraint of the table named `from`; renamed in place. */
function renameTablePart(table: Table, from: string, to: string): boolean {
  const named = [table.primaryKey, ...table.uniques, ...table.indexes, ...table.checks, ...table.foreignKeys];
  const part = named.find((x) => x?.name !== undefined && sameName(x.name, from));
  if (!part) return false;
  part.name = to;
  return true;
}

/**
 * EXEC sp_rename @objname, @newname [, @objtype]: migration scripts rename tables (Prisma rebuilds a table as
 * _prisma_new_X and renames it), columns ('COLUMN'), indexes ('INDEX') and constraints ('OBJECT'). Objects the
 * input defines are renamed in the model; anything else is reported (PGS1012).
 */
export function applyRename(s: Session, span: SourceSpan, objname?: string, newname?: string, objtype?: string): void {
  const parts = objname !== undefined ? splitObjectName(objname) : undefined;
  const kind = (objtype ?? 'OBJECT').trim().toUpperCase();
  const skipped = (why: string): void => report(s, 'PGS1012', `sp_rename ${objname ?? '?'} → ${newname ?? '?'}: ${why}; skipped`, { span });
  if (!parts || !newname) return skipped('names not given as literals');
  if (kind === 'COLUMN' || kind === 'INDEX') {
    if (parts.length < 2) return skipped(`a ${kind.toLowerCase()} is named table.${kind.toLowerCase()}`);
    const table = lookupTable(s, qname(s, parts.slice(0, -1)));
    if (!table) return skipped('its table is not defined in the input');
    const done = kind === 'COLUMN' ? renameColumn(s, table, parts[parts.length - 1]!, newname) : renameTablePart(table, parts[parts.length - 1]!, newname);
    if (!done) skipped(`${table.name.name} has no ${kind.toLowerCase()} ${parts[parts.length - 1]}`);
    return;
  }
  if (kind !== 'OBJECT') return skipped(`renaming a ${kind.toLowerCase()} is not carried over`);
  const q = qname(s, parts);
  const table = lookupTable(s, q);
  if (table) return renameTable(s, table, newname);
  // A constraint is an object of its schema too: sp_rename N'dbo.CK_x', N'CK_y', N'OBJECT'.
  const schema = s.catalog.schemas.find((x) => sameName(x.name, q.schema));
  if (schema?.tables.some((t) => renameTablePart(t, q.name, newname))) return;
  skipped('no table or constraint of that name is defined in the input');
}
