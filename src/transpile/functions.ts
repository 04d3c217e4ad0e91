import type { Catalog } from '../model/catalog.js';
import type { Call, Expr } from '../model/expr.js';
import type { ExprEnv, ExprProblem } from './expr.js';
import { HANDLERS } from './function-handlers.js';
import { asKnownText } from './functions-ast.js';
import { fillTemplate, parseTemplate, templateArity } from './template.js';
import { extend } from '../model/objects.js';

export { convertWithStyle } from './functions-format.js';

/**
 * Function calls: mappings/<dialect>.functions.yaml holds templates, `handler:<name>` entries (function-handlers.ts)
 * and `report:` entries for functions with no equivalent. A handler returns undefined when it cannot translate
 * this form, which falls through to the next alternative and finally reports PGS3001.
 */
export function translateCall(c: Call, args: Expr[], env: ExprEnv, out: ExprProblem[]): Expr {
  const { ctx } = env;
  const shown = c.name.join('.');
  const unknown = (why = '', rule?: string): Expr => {
    out.push({ code: 'PGS3001', message: `function ${shown}() has no PostgreSQL mapping${why}`, ...(rule ? { rule } : {}) });
    return extend(c, { args });
  };
  const userFunction = (): Expr | undefined => {
    if (!definesFunction(ctx.source, c.name)) return undefined;
    out.push({ code: 'PGS4008', message: `function ${shown}() is defined in the input and not converted yet (it is listed for manual conversion)` });
    return extend(c, { args });
  };
  // Schema-qualified calls are user functions, which this stage does not convert.
  if (c.name.length > 1) return userFunction() ?? unknown(' (user-defined functions are converted with routines)');
  // A built-in name wins over a user function's (MySQL calls a stored function so named only when qualified).
  const rule = ctx.functionRules.get(c.name[0]!.toUpperCase());
  if (!rule) return userFunction() ?? unknown();
  for (const alt of rule.alternatives) {
    if (alt.arity !== undefined && alt.arity !== args.length) continue;
    if (alt.report !== undefined) {
      out.push({ code: 'PGS3001', message: `${shown}(): ${alt.report}${alt.suggestion ? `; suggestion: ${alt.suggestion}` : ''}`, rule: rule.id });
      return extend(c, { args });
    }
    if (!alt.to) continue;
    const text = alt.text;
    const used = text ? args.map((a, i) => (text.includes(i + 1) ? asKnownText(a, env) : a)) : args;
    let result: Expr | undefined;
    const before = out.length;
    if (alt.to.startsWith('handler:')) {
      const h = HANDLERS[alt.to.slice('handler:'.length)];
      if (!h) return unknown(` (handler ${alt.to} is not defined)`, rule.id);
      result = h(used, env, out, c);
      if (!result) continue;
    } else {
      const need = templateArity(alt.to);
      if (need > used.length) continue;
      result = fillTemplate(parseTemplate(alt.to), used);
    }
    for (let i = before; i < out.length; i++) out[i]!.rule ??= rule.id;
    if (alt.note) out.push({ code: 'PGS3003', message: `${shown}(): ${alt.note}`, rule: rule.id, ...(alt.noteSeverity ? { severity: alt.noteSeverity } : {}) });
    return c.span ? extend(result, { span: c.span }) : result;
  }
  return unknown(` with ${args.length} argument(s)`, rule.id);
}

const functionNames = new WeakMap<Catalog, Set<string>>();

/** Whether the input defines a function so named (lower-case: both sources compare routine names so by default). */
function definesFunction(source: Catalog, name: string[]): boolean {
  let names = functionNames.get(source);
  if (!names) {
    names = new Set();
    for (const s of source.schemas) for (const r of s.routines) if (r.kind === 'function') names.add(`${s.name}.${r.name.name}`.toLowerCase()).add(r.name.name.toLowerCase());
    functionNames.set(source, names);
  }
  return names.has(name.slice(-2).join('.').toLowerCase());
}
