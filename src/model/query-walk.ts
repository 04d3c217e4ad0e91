import { childExprs, type Expr } from './expr.js';
import type { FromItem, Query } from './query.js';

/** Every query nested in a query (itself first): CTEs, set operands, derived tables, subqueries in expressions. */
export function queriesIn(q: Query): Query[] {
  const out: Query[] = [];
  const visitQuery = (x: Query): void => {
    out.push(x);
    if (x.kind === 'setop') {
      visitQuery(x.left);
      visitQuery(x.right);
      x.orderBy.forEach((o) => visitExpr(o.expr));
      return;
    }
    x.with?.ctes.forEach((c) => visitQuery(c.query));
    x.from.forEach(visitFrom);
    x.columns.forEach((c) => visitExpr(c.expr));
    [x.where, x.having, x.limit, x.offset, x.fetch?.count, x.top?.count, ...x.groupBy, ...x.orderBy.map((o) => o.expr)].forEach((e) => e && visitExpr(e));
  };
  const visitFrom = (f: FromItem): void => {
    switch (f.kind) {
      case 'table': return;
      case 'derived': return visitQuery(f.query);
      case 'function': return visitExpr(f.call);
      case 'values': return f.rows.flat().forEach(visitExpr);
      case 'pivot':
        visitFrom(f.source);
        return visitExpr(f.aggregate);
      case 'unpivot': return visitFrom(f.source);
      case 'join':
        visitFrom(f.left);
        visitFrom(f.right);
        if (f.on) visitExpr(f.on);
        return;
      default: {
        const never: never = f;
        return never;
      }
    }
  };
  const visitExpr = (e: Expr): void => {
    if ((e.kind === 'subquery' || e.kind === 'exists' || e.kind === 'in') && e.select) visitQuery(e.select);
    if (e.kind === 'call') {
      e.window?.partitionBy.forEach(visitExpr);
      e.window?.orderBy.forEach((o) => visitExpr(o.expr));
      e.orderBy?.forEach((o) => visitExpr(o.expr));
      if (e.filter) visitExpr(e.filter);
    }
    childExprs(e).forEach(visitExpr);
  };
  visitQuery(q);
  return out;
}

/** Table names (parts as written) read anywhere in a query, CTE names included. */
export function tableNamesIn(q: Query): string[][] {
  const names: string[][] = [];
  const visit = (f: FromItem): void => {
    if (f.kind === 'table') names.push(f.name);
    if (f.kind === 'join') {
      visit(f.left);
      visit(f.right);
    }
  };
  for (const x of queriesIn(q)) if (x.kind === 'select') x.from.forEach(visit);
  return names;
}

/** Schema-qualified function names called anywhere in a query (user functions a view depends on). */
export function functionNamesIn(q: Query): string[][] {
  const names: string[][] = [];
  const visitExpr = (e: Expr): void => {
    if (e.kind === 'call' && e.name.length > 1) names.push(e.name);
    childExprs(e).forEach(visitExpr);
  };
  for (const x of queriesIn(q)) {
    if (x.kind !== 'select') continue;
    x.columns.forEach((c) => visitExpr(c.expr));
    [x.where, x.having].forEach((e) => e && visitExpr(e));
    const from = (f: FromItem): void => {
      if (f.kind === 'function') visitExpr(f.call);
      if (f.kind === 'join') {
        from(f.left);
        from(f.right);
      }
    };
    x.from.forEach(from);
  }
  return names;
}
