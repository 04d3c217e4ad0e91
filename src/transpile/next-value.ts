import type { Call, Expr } from '../model/expr.js';
import { quoteQName } from '../target/postgres/quote.js';
import type { ExprEnv, ExprProblem } from './expr.js';

/** T-SQL NEXT VALUE FOR parses as a call of this name with the sequence name as its argument (column defaults use it). */
export const isNextValueFor = (e: Call): boolean => e.name.length === 1 && e.name[0] === 'NEXT VALUE FOR';

/** NEXT VALUE FOR [s].[seq] → nextval('s.seq'): the sequence name maps like a relation, not like a column. */
export function translateNextValueFor(e: Call, env: ExprEnv, out: ExprProblem[]): Expr {
  const arg = e.args[0];
  const parts = arg?.kind === 'column' ? arg.parts : [];
  const name = parts[parts.length - 1];
  // An unqualified name resolves in the owning object's schema, as SQL Server resolves it for the default schema dbo.
  const schema = parts.length > 1 ? parts[parts.length - 2]! : env.table?.schema ?? 'dbo';
  let target = name !== undefined ? env.ctx.names.relation({ schema, name }) : undefined;
  // mariadb-dump qualifies nextval(`db`.`seq`) with the dumped database even when the dump never names it (no USE)
  if (!target && name !== undefined && parts.length === 2 && env.ctx.dialect === 'mysql' && env.table
    && !env.ctx.source.schemas.some((x) => x.name.toLowerCase() === schema.toLowerCase())) {
    target = env.ctx.names.relation({ schema: env.table.schema ?? '', name });
  }
  if (!target) {
    out.push({ code: 'PGS3001', message: `NEXT VALUE FOR ${parts.join('.')}: the sequence is not defined in the input` });
    return e;
  }
  return { kind: 'call', name: ['nextval'], args: [{ kind: 'string', value: quoteQName(target) }], span: e.span };
}
