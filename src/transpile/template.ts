import type { Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import { extend } from '../model/objects.js';

/**
 * The small expression language of mapping templates: calls `f($1, 'x')`, placeholders `$1` `$*` `{col}`,
 * literals, niladic keywords in upper case (CURRENT_TIMESTAMP), operators, BETWEEN, IS [NOT] NULL, `::type`.
 * Placeholders parse to ColumnRef nodes named '$1', '$*', '{col}' and are substituted by `fillTemplate`.
 */
const NILADIC = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIMESTAMP', 'LOCALTIME',
  'CURRENT_USER', 'SESSION_USER', 'CURRENT_SCHEMA', 'CURRENT_CATALOG']);

type Tok = { t: 'id' | 'ph' | 'num' | 'str' | 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:(\$\d+|\$\*|\{col\})|([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)|'((?:[^']|'')*)'|(::|\|\||<>|<=|>=|<@|@>|[=<>+\-*/%(),\[\]]))/y;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    m = re.exec(src);
    if (!m) throw new Error(`template "${src}": cannot read at "${src.slice(pos)}"`);
    pos = re.lastIndex;
    if (m[1]) out.push({ t: 'ph', v: m[1] });
    else if (m[2]) out.push({ t: 'id', v: m[2] });
    else if (m[3]) out.push({ t: 'num', v: m[3] });
    else if (m[4] !== undefined) out.push({ t: 'str', v: m[4].replaceAll("''", "'") });
    else out.push({ t: 'op', v: m[5]! });
  }
  return out;
}

const BIN_PREC: Record<string, number> = {
  OR: 1, AND: 2, '=': 4, '<>': 4, '<': 4, '>': 4, '<=': 4, '>=': 4, '<@': 4, '@>': 4,
  '||': 5, '+': 6, '-': 6, '*': 7, '/': 7, '%': 7,
};

const parsedTemplates = new Map<string, Expr>();

/**
 * Parse a template into an Expr with placeholder ColumnRefs, once per template text (rules are applied to every
 * column and call; fillTemplate copies the nodes it substitutes into and nothing mutates the leaves it shares).
 * Throws on malformed templates (rule files are validated at load).
 */
export function parseTemplate(src: string): Expr {
  let e = parsedTemplates.get(src);
  if (e === undefined) parsedTemplates.set(src, (e = parseTemplateText(src)));
  return e;
}

function parseTemplateText(src: string): Expr {
  const toks = tokenize(src);
  let i = 0;
  const peek = (): Tok | undefined => toks[i];
  // An operator token, never a string literal that reads the same ('-', '(').
  const atOp = (v: string): boolean => peek()?.t === 'op' && peek()!.v === v;
  const isWord = (w: string): boolean => peek()?.t === 'id' && peek()!.v.toUpperCase() === w;
  const expect = (v: string): void => {
    if (!atOp(v)) throw new Error(`template "${src}": expected "${v}"`);
    i++;
  };
  function binary(minPrec: number): Expr {
    let left = unary();
    for (;;) {
      const tok = peek();
      if (!tok) return left;
      if (isWord('BETWEEN') && minPrec <= 3) {
        i++;
        const low = binary(5);
        if (!isWord('AND')) throw new Error(`template "${src}": BETWEEN without AND`);
        i++;
        const high = binary(5);
        left = { kind: 'between', expr: left, low, high };
        continue;
      }
      if (isWord('IS') && minPrec <= 3) {
        i++;
        const not = isWord('NOT');
        if (not) i++;
        if (!isWord('NULL')) throw new Error(`template "${src}": IS without NULL`);
        i++;
        left = { kind: 'isnull', expr: left, not };
        continue;
      }
      const op = tok.t === 'id' ? tok.v.toUpperCase() : tok.t === 'op' ? tok.v : '';
      const prec = BIN_PREC[op];
      if (prec === undefined || prec < minPrec) return left;
      i++;
      const right = binary(prec + 1);
      left = { kind: 'binary', op: op.toLowerCase(), left, right };
    }
  }
  function unary(): Expr {
    if (isWord('NOT')) { i++; return { kind: 'unary', op: 'not', operand: binary(3) }; }
    if (atOp('-')) { i++; return { kind: 'unary', op: '-', operand: unary() }; }
    let e = primary();
    while (atOp('::')) {
      i++;
      e = { kind: 'cast', expr: e, type: typeName(), form: 'pg' };
    }
    return e;
  }
  function typeName(): DataType {
    const words: string[] = [];
    while (peek()?.t === 'id') words.push(toks[i++]!.v.toLowerCase());
    if (!words.length) throw new Error(`template "${src}": type name expected after ::`);
    const args: number[] = [];
    if (atOp('(')) {
      i++;
      while (peek()?.t === 'num') { args.push(Number(toks[i++]!.v)); if (atOp(',')) i++; }
      expect(')');
    }
    let array = false;
    if (atOp('[')) { i++; expect(']'); array = true; }
    return dataType(words.join(' '), args, array ? { array: true, raw: `${words.join(' ')}[]` } : {});
  }
  function primary(): Expr {
    const tok = toks[i++];
    if (!tok) throw new Error(`template "${src}": unexpected end`);
    switch (tok.t) {
      case 'ph': return { kind: 'column', parts: [tok.v] };
      case 'num': return { kind: 'number', value: tok.v };
      case 'str': return { kind: 'string', value: tok.v };
      case 'op':
        if (tok.v === '(') { const inner = binary(1); expect(')'); return { kind: 'paren', expr: inner }; }
        throw new Error(`template "${src}": unexpected "${tok.v}"`);
      case 'id': {
        const up = tok.v.toUpperCase();
        if (up === 'NULL') return { kind: 'null' };
        if (up === 'TRUE' || up === 'FALSE') return { kind: 'bool', value: up === 'TRUE' };
        if (atOp('(')) {
          i++;
          const args: Expr[] = [];
          while (!atOp(')')) {
            args.push(binary(1));
            if (atOp(',')) i++;
            else break;
          }
          expect(')');
          return { kind: 'call', name: [tok.v.toLowerCase()], args };
        }
        if (NILADIC.has(up)) return { kind: 'call', name: [tok.v.toLowerCase()], args: [], niladic: true };
        return { kind: 'column', parts: [tok.v] };
      }
      default: return tok.t satisfies never;
    }
  }
  const e = binary(1);
  if (i < toks.length) throw new Error(`template "${src}": unexpected "${toks[i]!.v}"`);
  return e;
}

/** Substitute placeholders: $n → args[n-1], $* → all args (inside a call's list), {col} → col. */
export function fillTemplate(t: Expr, args: Expr[], col?: Expr): Expr {
  const sub = (e: Expr): Expr => fillTemplate(e, args, col);
  switch (t.kind) {
    case 'column': {
      const p = t.parts[0]!;
      if (t.parts.length === 1 && /^\$\d+$/.test(p)) {
        const a = args[Number(p.slice(1)) - 1];
        if (!a) throw new Error(`template argument ${p} missing`);
        return a;
      }
      if (p === '{col}' && col) return col;
      return t;
    }
    case 'call': {
      const out: Expr[] = [];
      for (const a of t.args) {
        if (a.kind === 'column' && a.parts[0] === '$*') out.push(...args);
        else out.push(sub(a));
      }
      return extend(t, { args: out });
    }
    case 'binary': return extend(t, { left: sub(t.left), right: sub(t.right) });
    case 'unary': return extend(t, { operand: sub(t.operand) });
    case 'paren': return extend(t, { expr: sub(t.expr) });
    case 'cast': return extend(t, { expr: sub(t.expr) });
    case 'between': return extend(t, { expr: sub(t.expr), low: sub(t.low), high: sub(t.high) });
    case 'isnull': return extend(t, { expr: sub(t.expr) });
    default: return t;
  }
}

/** Highest $n a template uses (0 when none); -1 when it takes every argument ($*). */
export function templateArity(src: string): number {
  let n = arities.get(src);
  if (n !== undefined) return n;
  n = 0;
  if (src.includes('$*')) n = -1;
  else for (const m of src.matchAll(/\$(\d+)/g)) n = Math.max(n, Number(m[1]));
  arities.set(src, n);
  return n;
}

const arities = new Map<string, number>();
