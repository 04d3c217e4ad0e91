import { objectPath, type View } from '../../model/catalog.js';
import type { Expr } from '../../model/expr.js';
import type { SourceSpan } from '../../model/source.js';
import grammar from '../../../grammars/tsql.json' with { type: 'json' };
import { lexAll } from './lexer.js';
import type { Token } from './lexer.js';
import {
  type Cursor, acceptOp, acceptWord, atEnd, isOp, isWord, parseMultipartName, peek, prev, skipParens, spanOf,
} from './cursor.js';
import { parseDataType } from './data-type.js';
import { parseExprOrOpaque } from './expr-parser.js';
import { type Session, objectKey, qname, report, sameName, schemaFor } from './session.js';
import { addType } from './objects.js';
import { bindObject } from './bindings.js';
import { dropDefaultByLookup } from './default-drop.js';
import { applyRename } from './rename.js';
import { lookupTable, skipRest } from './table.js';

const STATEMENT_STARTS = new Set(grammar.statementStarts);
const SECURITY_PROCS = new Set(grammar.securityProcedures.map((x) => x.toLowerCase()));
/** Extended properties that describe an object (SSMS writes MS_Description; WideWorldImporters' SSDT project, Description). */
/** Database and server settings (full-text enabling, vardecimal, compatibility level): nothing to carry to a schema. */
const DATABASE_PROCS = new Set(grammar.databaseProcedures.map((x) => x.toLowerCase()));
/** Extended properties tools keep for themselves (SSDT's refactor log, SSMS view-designer layout). */
const TOOL_PROPERTIES = new Set(grammar.toolProperties.map((x) => x.toLowerCase()));
/** Table storage and statistics options (text in row, autostats): no PostgreSQL meaning. */
const STORAGE_PROCS = new Set(grammar.storageProcedures.map((x) => x.toLowerCase()));
const DESCRIPTION_PROPERTIES = new Set(grammar.descriptionProperties.map((x) => x.toLowerCase()));

/** Parse T-SQL held in a string (EXEC sp_executesql N'...'); positions are relative to where the string starts. */
export type RunDynamicSql = (s: Session, text: string, file: string, line: number, col: number) => void;

interface ExecArg {
  name?: string;
  value: Expr;
}

const isArgStop = (t: Token): boolean =>
  atEnd(t) || isOp(t, ',') || isOp(t, ';') || (t.kind === 'word' && (t.upper === 'OUTPUT' || t.upper === 'OUT' || STATEMENT_STARTS.has(t.upper)));

/** A string argument, also 'a' + N'b' concatenations of literals. */
function stringOf(e: Expr): string | undefined {
  switch (e.kind) {
    case 'string': return e.value;
    case 'column': return e.parts.join('.');
    case 'number': return e.value;
    case 'paren': return stringOf(e.expr);
    case 'binary': {
      if (e.op !== '+') return undefined;
      const a = stringOf(e.left), b = stringOf(e.right);
      return a !== undefined && b !== undefined ? a + b : undefined;
    }
    default: return undefined;
  }
}

/** Where the decoded text of a string literal starts: its span column plus the quote (and N). */
function contentStart(e: Expr): { line: number; col: number } | undefined {
  if (e.kind === 'string' && e.span) return { line: e.span.line, col: e.span.col + (e.national ? 2 : 1) };
  if (e.kind === 'binary') return contentStart(e.left);
  if (e.kind === 'paren') return contentStart(e.expr);
  return undefined;
}

/**
 * exec := (EXEC|EXECUTE) [@ret '='] name [arg {',' arg}] [WITH ...]
 *       | (EXEC|EXECUTE) '(' string_expr ')' [AS ...] [AT server]
 * arg  := [@param '='] value [OUTPUT|OUT]
 */
export function parseExec(s: Session, c: Cursor, start: Token, runDynamic: RunDynamicSql): void {
  if (isOp(peek(c), '(')) {
    const openIdx = c.i;
    const close = skipParens(c);
    const inner = c.toks.slice(openIdx + 1, c.i - 1);
    skipRest(c);
    const sub: Cursor = { ...c, toks: [...inner, { ...close, kind: 'eof' }], i: 0 };
    let expr: Expr | undefined;
    try { expr = parseExprOrOpaque(sub, (t) => t.kind === 'eof'); } catch { expr = undefined; }
    const text = expr ? stringOf(expr) : undefined;
    const at = expr ? contentStart(expr) : undefined;
    if (text !== undefined && at && expr?.kind !== 'column') runDynamic(s, text, c.file, at.line, at.col);
    else if (expr && dropDefaultByLookup(s, c, expr, spanOf(c, start, prev(c)))) return;
    else report(s, 'PGS1012', 'EXEC of a dynamic string built at run time skipped', { span: spanOf(c, start, prev(c)) });
    return;
  }
  if (peek(c).kind === 'variable' && isOp(peek(c, 1), '=')) c.i += 2;
  if (peek(c).kind === 'variable') { // EXEC @proc_name_var
    skipRest(c);
    report(s, 'PGS1012', 'EXEC of a procedure named by a variable skipped', { span: spanOf(c, start, prev(c)) });
    return;
  }
  const parts = parseMultipartName(c);
  const proc = parts[parts.length - 1]!.toLowerCase();
  const args: ExecArg[] = [];
  if (!isArgStop(peek(c)) || isOp(peek(c), ',')) {
    do {
      let name: string | undefined;
      if (peek(c).kind === 'variable' && isOp(peek(c, 1), '=')) {
        name = peek(c).value.toLowerCase();
        c.i += 2;
      }
      const value = parseExprOrOpaque(c, isArgStop);
      if (!acceptWord(c, 'OUTPUT')) acceptWord(c, 'OUT');
      args.push(name ? { name, value } : { value });
    } while (acceptOp(c, ','));
  }
  if (isWord(peek(c), 'WITH')) skipRest(c);
  const span = spanOf(c, start, prev(c));
  const arg = (position: number, ...names: string[]): Expr | undefined => {
    const named = args.find((a) => a.name !== undefined && names.includes(a.name));
    if (named) return named.value;
    const positional = args.filter((a) => a.name === undefined);
    return args.some((a) => a.name !== undefined) && positional.length <= position ? undefined : positional[position]?.value;
  };
  switch (proc) {
    case 'sp_executesql': {
      const stmt = arg(0, 'statement', 'stmt');
      const text = stmt ? stringOf(stmt) : undefined;
      const at = stmt ? contentStart(stmt) : undefined;
      if (stmt && text !== undefined && at && stmt.kind !== 'column') runDynamic(s, text, c.file, at.line, at.col);
      else report(s, 'PGS1012', 'sp_executesql with a statement built at run time skipped', { span });
      return;
    }
    case 'sp_rename': {
      const text = (e?: Expr): string | undefined => (e ? stringOf(e) : undefined);
      applyRename(s, span, text(arg(0, 'objname')), text(arg(1, 'newname')), text(arg(2, 'objtype')));
      return;
    }
    case 'sp_addtype':
      addTypeFromProc(s, c, span, arg(0, 'typename'), arg(1, 'phystype'), arg(2, 'nulltype'), arg(3, 'owner'));
      return;
    case 'sp_addextendedproperty': case 'sp_updateextendedproperty':
      applyExtendedProperty(s, span, [
        arg(0, 'name'), arg(1, 'value'), arg(2, 'level0type'), arg(3, 'level0name'),
        arg(4, 'level1type'), arg(5, 'level1name'), arg(6, 'level2type'), arg(7, 'level2name'),
      ].map((e) => (e ? stringOf(e) : undefined)));
      return;
    case 'sp_bindrule': case 'sp_bindefault': case 'sp_unbindrule': case 'sp_unbindefault': {
      const text = (e?: Expr): string | undefined => (e ? stringOf(e) : undefined);
      const unbind = proc.startsWith('sp_unbind');
      bindObject(s, c, span, proc, unbind ? undefined : text(arg(0, 'rulename', 'defname')), text(unbind ? arg(0, 'objname') : arg(1, 'objname')));
      return;
    }
    default:
      if (SECURITY_PROCS.has(proc)) report(s, 'PGS1018', `EXEC ${parts.join('.')} (security) skipped`, { span });
      else if (STORAGE_PROCS.has(proc)) report(s, 'PGS1011', `EXEC ${parts.join('.')} (storage or statistics option) skipped`, { span });
      else if (DATABASE_PROCS.has(proc)) report(s, 'PGS1010', `EXEC ${parts.join('.')} (database setting) skipped`, { span });
      else report(s, 'PGS1012', `EXEC ${parts.join('.')} skipped`, { span });
  }
}

function addTypeFromProc(s: Session, c: Cursor, span: SourceSpan, nameE?: Expr, physE?: Expr, nullE?: Expr, ownerE?: Expr): void {
  const name = nameE && stringOf(nameE);
  const phys = physE && stringOf(physE);
  if (!name || !phys) {
    report(s, 'PGS1012', 'sp_addtype without a literal type name and base type skipped', { span });
    return;
  }
  const lexed = lexAll(phys, c.file);
  const sub: Cursor = { src: phys, file: c.file, toks: lexed.tokens, i: 0, depth: 0 };
  let base;
  try { base = parseDataType(sub, s.defaultSchema); } catch {
    report(s, 'PGS1012', `sp_addtype ${name}: base type '${phys}' not understood; skipped`, { span });
    return;
  }
  const nullText = nullE ? stringOf(nullE) : undefined;
  const owner = ownerE ? stringOf(ownerE) : undefined;
  const nullable = !(nullText && /^\s*not\s+null\s*$/i.test(nullText));
  addType(s, { kind: 'alias', name: { schema: owner ?? s.defaultSchema, name }, base, nullable, span });
}

/** A description (MS_Description, Description) on SCHEMA / TABLE / VIEW (and their columns, keys, indexes) becomes a comment; anything else is reported. */
function applyExtendedProperty(s: Session, span: SourceSpan, v: (string | undefined)[]): void {
  const [prop, value, l0typeAsWritten, l0name, l1type, l1name, l2type, l2name] = v;
  // Above a table, USER is SQL Server 2000's name for the schema level (scripts of that era write it); alone it is a user.
  const l0type = l0typeAsWritten && l1type && sameName(l0typeAsWritten, 'USER') ? 'SCHEMA' : l0typeAsWritten;
  // No level 0: a property of the database itself.
  const where = [l0type && `${l0type} ${l0name}`, l1type && `${l1type} ${l1name}`, l2type && `${l2type} ${l2name}`].filter(Boolean).join(', ') || 'the database';
  if (prop && TOOL_PROPERTIES.has(prop.toLowerCase())) {
    report(s, 'PGS1010', `extended property ${prop} (${where}) is tool metadata; skipped`, { span });
    return;
  }
  if (!prop || !DESCRIPTION_PROPERTIES.has(prop.toLowerCase()) || value === undefined) {
    report(s, 'PGS1012', `extended property ${prop ?? '?'} (${where}) not carried over`, { span });
    return;
  }
  if (!l0type) {
    report(s, 'PGS1012', `${prop} on the database not carried over (the migration does not create the database)`, { span });
    return;
  }
  if (sameName(l0type, 'SCHEMA') && l0name && !l1type) {
    schemaFor(s, l0name).comment = value;
    return;
  }
  if (sameName(l0type, 'SCHEMA') && l1type && sameName(l1type, 'VIEW') && l1name && (!l2type || (sameName(l2type, 'COLUMN') && l2name))) {
    const vq = qname(s, [l0name ?? s.defaultSchema, l1name]);
    const view = s.objects.get(objectKey('view', vq)) as View | undefined;
    if (!view) {
      report(s, 'PGS1017', `${prop} refers to view ${vq.schema}.${vq.name}, which is not defined in the input`, { span, object: objectPath('view', vq) });
      return;
    }
    if (!l2name) { view.comment = value; return; }
    // The view's output columns are known once its query is translated: the transpiler checks the name.
    const comments = (view.columnComments ??= []);
    const at = comments.findIndex((x) => sameName(x.column, l2name));
    if (at >= 0) comments.splice(at, 1);
    comments.push({ column: l2name, comment: value, span });
    return;
  }
  if (l0type && sameName(l0type, 'SCHEMA') && l1type && sameName(l1type, 'TABLE') && l1name) {
    const tq = qname(s, [l0name ?? s.defaultSchema, l1name]);
    const table = lookupTable(s, tq);
    if (!table) {
      report(s, 'PGS1017', `${prop} refers to table ${tq.schema}.${tq.name}, which is not defined in the input`, { span, object: objectPath('table', tq) });
      return;
    }
    if (!l2type) { table.comment = value; return; }
    if (sameName(l2type, 'COLUMN') && l2name) {
      const col = table.columns.find((x) => sameName(x.name, l2name));
      if (col) { col.comment = value; return; }
      report(s, 'PGS1017', `${prop} refers to column ${l2name}, which ${tq.schema}.${tq.name} does not have`, { span, object: objectPath('table', tq) });
      return;
    }
    // An index, or a constraint (a primary or unique key is both): COMMENT ON INDEX / CONSTRAINT in PostgreSQL.
    if ((sameName(l2type, 'INDEX') || sameName(l2type, 'CONSTRAINT')) && l2name) {
      const named = (x: { name?: string }): boolean => x.name !== undefined && sameName(x.name, l2name);
      const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques];
      const target = sameName(l2type, 'INDEX') ? table.indexes.find(named) ?? keys.find(named)
        : keys.find(named) ?? table.checks.find(named) ?? table.foreignKeys.find(named);
      if (target) { target.comment = value; return; }
    }
  }
  report(s, 'PGS1012', `${prop} on ${where} not carried over`, { span });
}

