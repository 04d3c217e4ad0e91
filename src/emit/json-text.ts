/**
 * JSON.stringify(value, null, 2) in pieces: the members of objects and arrays down to `depth` one at a time, the
 * rest whole. A report's lists of objects and diagnostics can be larger than its input; written so, they are never
 * one string. For plain data (no toJSON, no bigint), the pieces joined are exactly JSON.stringify's text.
 */
export function* jsonPieces(value: unknown, depth = 2, indent = ''): Generator<string> {
  if (depth === 0 || value === null || typeof value !== 'object') {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    yield indent ? text.replaceAll('\n', `\n${indent}`) : text;
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (!value.length) return yield '[]';
    for (let i = 0; i < value.length; i++) {
      yield i ? `,\n${inner}` : `[\n${inner}`;
      yield* jsonPieces(value[i], depth - 1, inner);
    }
    return yield `\n${indent}]`;
  }
  // Members whose value JSON leaves out (undefined, functions, symbols) are left out here too.
  const members = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (!members.length) return yield '{}';
  for (let i = 0; i < members.length; i++) {
    const [k, v] = members[i]!;
    yield `${i ? ',\n' : '{\n'}${inner}${JSON.stringify(k)}: `;
    yield* jsonPieces(v, depth - 1, inner);
  }
  yield `\n${indent}}`;
}
