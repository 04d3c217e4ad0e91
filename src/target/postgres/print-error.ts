/** Raised when a node has no PostgreSQL text (opaque syntax, leftover source-only nodes); the caller moves the object to manual. */
export interface PrintFailure extends Error { printFailure: true }

export function printFailure(message: string): PrintFailure {
  return Object.assign(new Error(message), { printFailure: true as const });
}

export function isPrintFailure(e: unknown): e is PrintFailure {
  return e instanceof Error && (e as Partial<PrintFailure>).printFailure === true;
}
