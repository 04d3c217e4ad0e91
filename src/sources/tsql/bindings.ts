import type { QName, UserType } from '../../model/catalog.js';
import grammar from '../../../grammars/tsql.json' with { type: 'json' };
import { walkExpr, type Expr } from '../../model/expr.js';
import type { SourceSpan } from '../../model/source.js';
import type { Token } from './lexer.js';
import { lexAll } from './lexer.js';
import { type Cursor, atEnd, expectWord, isOp, parseMultipartName, peek, prev, spanOf, textOf } from './cursor.js';
import { parseExprOrOpaque } from './expr-parser.js';
import { type Session, objectKey, qname, report, sameName } from './session.js';
import { lookupTable } from './table.js';

/** A CREATE RULE / CREATE DEFAULT object: nothing by itself, a CHECK or DEFAULT where sp_bindrule / sp_bindefault binds it. */
export interface Bindable {
  kind: 'rule' | 'default';
  name: QName;
  expr: Expr;
  raw: string;
  span: SourceSpan;
}

const TYPE_NAMES = new Set(grammar.typeNames);

const bindableKey = (kind: Bindable['kind'], q: QName): string => `${kind}:${q.schema}.${q.name}`.toLowerCase();

/** create_rule := CREATE RULE name AS expr (over one @variable); create_default := CREATE DEFAULT name AS expr */
export function parseCreateBindable(s: Session, c: Cursor, start: Token, kind: Bindable['kind']): void {
  c.i++; // RULE | DEFAULT
  const name = qname(s, parseMultipartName(c));
  expectWord(c, 'AS');
  const from = peek(c);
  const expr = parseExprOrOpaque(c, (t) => atEnd(t) || isOp(t, ';'));
  const raw = textOf(c, from, prev(c));
  const span = spanOf(c, start, prev(c));
  (s.bindables ??= new Map()).set(bindableKey(kind, name), { kind, name, expr, raw, span });
  const what = kind === 'rule' ? 'a CHECK on the columns and alias types sp_bindrule binds it to' : 'the DEFAULT of the columns and alias types sp_bindefault binds it to';
  report(s, 'PGS1021', `CREATE ${kind.toUpperCase()} ${name.schema}.${name.name} becomes ${what}`, { span });
}

/** The rule's expression with its @variable replaced by `target` (a column, or VALUE for a domain). */
function ruleOver(rule: Expr, target: string): Expr {
  const copy = structuredClone(rule);
  walkExpr(copy, (e) => {
    if (e.kind === 'variable' && !e.system) {
      const node = e as unknown as Record<string, unknown>;
      delete node.name;
      delete node.system;
      Object.assign(node, { kind: 'column', parts: [target] });
    }
  });
  return copy;
}

function nameParts(text: string, file: string): string[] | undefined {
  const lexed = lexAll(text, file);
  const c: Cursor = { src: text, file, toks: lexed.tokens, i: 0, depth: 0 };
  try {
    const parts = parseMultipartName(c);
    return atEnd(peek(c)) ? parts : undefined;
  } catch {
    return undefined;
  }
}

/** What sp_bindrule / sp_bindefault bound to one column or alias type (a later binding replaces the earlier). */
export interface Bound {
  rule?: Bindable;
  default?: Bindable;
  span: SourceSpan;
}

/**
 * sp_bindrule / sp_bindefault (and the unbind procedures): `objname` is 'table.column', 'schema.table.column' or an
 * alias type. The bindings apply when the script ends (applyBindings): a rule becomes a CHECK on the column, a
 * default its DEFAULT; one bound to an alias type applies to every column of that type without its own.
 */
export function bindObject(s: Session, c: Cursor, span: SourceSpan, proc: string, bindName: string | undefined, objName: string | undefined): void {
  const kind: Bindable['kind'] = proc.includes('rule') ? 'rule' : 'default';
  const parts = objName ? nameParts(objName, c.file) : undefined;
  if (!parts?.length) {
    report(s, 'PGS1012', `EXEC ${proc} without a literal object name skipped`, { span });
    return;
  }
  const column = columnTarget(s, parts);
  const type = column ? undefined : typeTarget(s, parts);
  if (!column && !type) {
    report(s, 'PGS1017', `${proc}: ${objName} is neither a column nor an alias type defined in the input`, { span });
    return;
  }
  const key = column ? `column:${column}` : `type:${type}`;
  const bound = (s.bindings ??= new Map()).get(key) ?? { span };
  s.bindings.set(key, bound);
  if (proc.startsWith('sp_unbind')) {
    delete bound[kind];
    return;
  }
  const parsed = bindName ? nameParts(bindName, c.file) : undefined;
  const b = parsed?.length ? s.bindables?.get(bindableKey(kind, qname(s, parsed))) : undefined;
  if (!b) {
    report(s, 'PGS1017', `${proc}: ${kind} ${bindName ?? '?'} is not defined in the input; nothing bound to ${objName}`, { span });
    return;
  }
  bound[kind] = b;
  bound.span = span;
}

const columnKey = (t: QName, col: string): string => `${t.schema}.${t.name}.${col}`.toLowerCase();

function columnTarget(s: Session, parts: string[]): string | undefined {
  if (parts.length < 2) return undefined;
  const colName = parts[parts.length - 1]!;
  const table = lookupTable(s, qname(s, parts.slice(0, -1)));
  const col = table?.columns.find((x) => sameName(x.name, colName));
  return table && col ? columnKey(table.name, col.name) : undefined;
}

function typeTarget(s: Session, parts: string[]): string | undefined {
  if (parts.length > 2) return undefined;
  const q = qname(s, parts);
  const t = s.objects.get(objectKey('type', q)) as UserType | undefined;
  return t?.kind === 'alias' ? `${t.name.schema}.${t.name.name}`.toLowerCase() : undefined;
}

/** At the end of the script: each bound rule becomes a CHECK, each bound default a column DEFAULT (a column's own wins). */
export function applyBindings(s: Session): void {
  if (!s.bindings?.size) return;
  for (const schema of s.catalog.schemas) {
    for (const table of schema.tables) {
      for (const col of table.columns) {
        const own = s.bindings.get(`column:${columnKey(table.name, col.name)}`);
        const type = col.type.schema !== undefined || !TYPE_NAMES.has(col.type.name)
          ? s.bindings.get(`type:${(col.type.schema ?? s.defaultSchema)}.${col.type.name}`.toLowerCase()) : undefined;
        const rule = own?.rule ?? type?.rule;
        const dflt = own?.default ?? (col.default ? undefined : type?.default);
        if (dflt) {
          col.default = dflt.expr;
          col.defaultRaw = dflt.raw;
          delete col.defaultName;
        }
        if (rule) table.checks.push({ expr: ruleOver(rule.expr, col.name), raw: rule.raw, span: (own?.rule ? own : type!).span });
      }
    }
  }
}
