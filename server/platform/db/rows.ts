/** The rows of a raw `execute()`: postgres.js answers an array (a subclass), PGlite `{ rows }`. Always a plain array. */
export function rowsOf<Row = Record<string, unknown>>(result: unknown): Row[] {
  if (Array.isArray(result)) return Array.from(result as Row[]);
  return (result as { rows?: Row[] }).rows ?? [];
}
