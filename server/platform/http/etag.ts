/**
 * Conditional requests: whether an `If-None-Match` header names an answer's ETag, by the weak
 * comparison RFC 9110 asks for (a `W/` prefix ignored on either side; a list; `*`). One rule for
 * every answer that carries an ETag (the embed's program and slots, the hosted pages' pictures).
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
