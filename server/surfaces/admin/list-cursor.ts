/**
 * A list's cursor for keyset paging, newest first: the last row's (time, id) as opaque base64url.
 * A cursor that is not one of ours is a 400 naming the `cursor` field, never a 500.
 */
import { AppError } from '../../platform/errors.ts';

export const cursorOf = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

export function afterOf(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(iso ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(at.getTime())) throw new AppError('validation_failed', undefined, { errors: [{ field: 'cursor', message: 'is not a cursor from this list' }] });
  return { at, id };
}
