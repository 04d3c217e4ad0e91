/**
 * `{ ...base, ...extra }`, built so that objects of one shape share a hidden class. V8 (Node 20) gives every
 * object literal that starts with a spread a hidden class of its own: with hundreds of thousands of IR nodes that
 * costs memory and turns every later read of their properties megamorphic. A literal that starts with a plain
 * property and spreads after it is fine.
 */
export function extend<T extends object>(base: T, extra: Partial<T>): T {
  return Object.assign({}, base, extra);
}
