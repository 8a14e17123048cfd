/**
 * The pipeline's page cursor: the last row's creation instant (as the database prints it, to the
 * microsecond) and id, the list's order; opaque to clients.
 */
export interface CursorPosition { createdAt: string; id: string }

export function encodeCursor(p: CursorPosition): string {
  return Buffer.from(`${p.createdAt}|${p.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): CursorPosition | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2})?))\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(text);
  return m ? { createdAt: m[1]!, id: m[2]! } : null;
}
