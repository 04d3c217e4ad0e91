import type { Handler } from './functions-ast.js';
import { DATE_HANDLERS } from './functions-date.js';
import { FORMAT_HANDLERS } from './functions-format.js';
import { JSON_HANDLERS } from './functions-json.js';
import { MATH_HANDLERS } from './functions-math.js';
import { STRING_HANDLERS } from './functions-string.js';
import { AGGREGATE_HANDLERS } from './functions-aggregate.js';

/** Every named handler `handler:<name>` in mappings/*.functions.yaml can refer to, in one table. */
export const HANDLERS: Record<string, Handler> = {
  ...STRING_HANDLERS, ...DATE_HANDLERS, ...FORMAT_HANDLERS, ...MATH_HANDLERS, ...JSON_HANDLERS, ...AGGREGATE_HANDLERS,
};
