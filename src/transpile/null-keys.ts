import type { Column, Index, Key, KeyPart } from '../model/catalog.js';
import type { Expr } from '../model/expr.js';
import { report, type TableScope } from './scope.js';

/**
 * SQL Server counts NULLs as equal in a unique constraint or index (one NULL per key value), PostgreSQL as distinct
 * (any number of them). From PostgreSQL 15 a unique key over a nullable column says NULLS NOT DISTINCT, so it keeps
 * its meaning; before 15 a warning says it now admits repeated NULLs. A filtered index whose WHERE requires each
 * nullable key column IS NOT NULL (SQL Server's usual way to allow many NULLs) holds no NULLs: it needs neither.
 */
export function keepSqlServerNullUniqueness(s: TableScope, columns: Column[], keys: Key[], indexes: Index[]): void {
  if (s.ctx.dialect !== 'tsql') return;
  const nullable = new Set<string>();
  for (const c of columns) if (c.nullable) nullable.add(c.name);
  if (!nullable.size) return;
  const nullableParts = (parts: KeyPart[]): string[] => parts.filter((p) => !p.expr && nullable.has(p.column)).map((p) => p.column);
  const handle = (item: Key | Index, what: string, cols: string[]): void => {
    if (s.ctx.options.targetVersion >= 15) { item.nullsNotDistinct = true; return; }
    report(s, 'PGS2020', `${what}: SQL Server allows one NULL in ${cols.join(', ')}, PostgreSQL before 15 any number (NULLS NOT DISTINCT needs --target-version 15 or later)`, { span: item.span });
  };
  for (const k of keys) {
    const cols = nullableParts(k.columns);
    if (cols.length) handle(k, `unique constraint ${k.name ?? '(unnamed)'}`, cols);
  }
  for (const ix of indexes) {
    if (!ix.unique) continue;
    const excluded = ix.where ? notNullColumns(ix.where) : undefined;
    const cols = nullableParts(ix.columns).filter((c) => !excluded?.has(c));
    if (cols.length) handle(ix, `unique index ${ix.name ?? '(unnamed)'}`, cols);
  }
}

/** Columns a predicate requires to be NOT NULL through its top-level AND terms (`c IS NOT NULL`). */
function notNullColumns(e: Expr, out = new Set<string>()): Set<string> {
  if (e.kind === 'paren') return notNullColumns(e.expr, out);
  if (e.kind === 'binary' && e.op.toLowerCase() === 'and') {
    notNullColumns(e.left, out);
    notNullColumns(e.right, out);
  } else if (e.kind === 'isnull' && e.not && e.expr.kind === 'column') {
    out.add(e.expr.parts[e.expr.parts.length - 1]!);
  }
  return out;
}
