import type { Expr } from '../model/expr.js';
import type { DataType } from '../model/types.js';
import { printExpr } from '../target/postgres/print-expr.js';
import { printType } from '../target/postgres/print-type.js';
import { flatten } from '../collections.js';

/**
 * Text for what the transpiler itself writes (trigger functions, manual drafts), through the one printer.
 * Drafts are read by people, so they never fail: unconverted syntax is shown inline, marked.
 */
export { quoteIdent, quoteQName } from '../target/postgres/quote.js';

export function typeText(t: DataType): string {
  try {
    return printType(t);
  } catch {
    return t.raw;
  }
}

export function exprText(e: Expr): string {
  try {
    // The text lives as long as the catalog (a default's or CHECK's raw): kept flat.
    return flatten(printExpr(e, { opaque: 'inline' }));
  } catch (err) {
    return `/* not converted: ${(err as Error).message} */`;
  }
}
