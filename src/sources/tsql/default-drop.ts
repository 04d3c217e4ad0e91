import type { Expr } from '../../model/expr.js';
import type { SourceSpan } from '../../model/source.js';
import { objectPath } from '../../model/catalog.js';
import { lexAll } from './lexer.js';
import { type Cursor, isOp, parseMultipartName, peek } from './cursor.js';
import { type Session, qname, report, sameName } from './session.js';
import { lookupTable, skipRest } from './table.js';

/**
 * Entity Framework drops a column's default constraint, whose name it does not know, in two steps:
 *   SELECT @var = [d].[name] FROM [sys].[default_constraints] [d] INNER JOIN [sys].[columns] [c] ON ...
 *     WHERE ([d].[parent_object_id] = OBJECT_ID(N'[T]') AND [c].[name] = N'col');
 *   IF @var IS NOT NULL EXEC(N'ALTER TABLE [T] DROP CONSTRAINT [' + @var + '];');
 * The first is noted here (the SELECT itself is skipped as DML); the second drops col's default.
 */
export function noteDefaultConstraintLookup(s: Session, c: Cursor): void {
  const v = peek(c, 1);
  if (v.kind !== 'variable' || !isOp(peek(c, 2), '=')) return;
  const from = c.i;
  skipRest(c, new Set(['SELECT']));
  const toks = c.toks.slice(from, c.i);
  c.i = from;
  if (!toks.some((t) => t.value.toLowerCase() === 'default_constraints')) return;
  let table: string | undefined, column: string | undefined;
  for (let i = 0; i + 3 < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === 'word' && t.upper === 'OBJECT_ID' && isOp(toks[i + 1]!, '(') && toks[i + 2]!.kind === 'string') table = toks[i + 2]!.value;
    if ((t.kind === 'ident' || t.kind === 'word') && t.value.toLowerCase() === 'name' && isOp(toks[i + 1]!, '=') && toks[i + 2]!.kind === 'string') column = toks[i + 2]!.value;
  }
  if (table && column) (s.defaultLookups ??= new Map()).set(v.value.toLowerCase(), { table, column });
}

/** The strings and variables of 'a' + @v + 'b', or undefined when the expression is anything else. */
function concatParts(e: Expr): (string | { variable: string })[] | undefined {
  if (e.kind === 'string') return [e.value];
  if (e.kind === 'variable' && !e.system) return [{ variable: e.name.toLowerCase() }];
  if (e.kind === 'paren') return concatParts(e.expr);
  if (e.kind === 'binary' && e.op === '+') {
    const l = concatParts(e.left), r = concatParts(e.right);
    return l && r ? [...l, ...r] : undefined;
  }
  return undefined;
}

/** EXEC('ALTER TABLE t DROP CONSTRAINT [' + @var + ']') after a noted lookup: drops that column's default. True when handled. */
export function dropDefaultByLookup(s: Session, c: Cursor, e: Expr, span: SourceSpan): boolean {
  const parts = concatParts(e);
  const vars = parts?.filter((p): p is { variable: string } => typeof p !== 'string');
  if (!parts || vars?.length !== 1) return false;
  const lookup = s.defaultLookups?.get(vars[0]!.variable);
  const head = parts.slice(0, parts.findIndex((p) => typeof p !== 'string')).join('');
  const m = /^\s*ALTER\s+TABLE\s+([\s\S]+?)\s+DROP\s+CONSTRAINT\s+\[?\s*$/i.exec(head);
  if (!lookup || !m) return false;
  const name = (text: string): string[] | undefined => {
    const toks = lexAll(text, c.file).tokens;
    try {
      return parseMultipartName({ src: text, file: c.file, toks, i: 0, depth: 0 });
    } catch {
      return undefined;
    }
  };
  const target = name(m[1]!), looked = name(lookup.table);
  if (!target || !looked) return false;
  const tq = qname(s, target), lq = qname(s, looked);
  if (!sameName(tq.schema, lq.schema) || !sameName(tq.name, lq.name)) return false;
  const table = lookupTable(s, tq);
  const col = table?.columns.find((x) => sameName(x.name, lookup.column));
  if (!table || !col) {
    report(s, 'PGS1017', `default constraint of ${lq.schema}.${lq.name}.${lookup.column} dropped, but the input does not define that column`, { span });
    return true;
  }
  if (col.default) {
    delete col.default;
    delete col.defaultRaw;
    delete col.defaultName;
    report(s, 'PGS1019', `the default of column ${col.name} is dropped by the script (its default-constraint lookup and dynamic DROP CONSTRAINT)`, { span, object: objectPath('table', table.name) });
  }
  return true;
}
