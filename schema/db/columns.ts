import { sql, type SQL } from 'drizzle-orm';
import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key: a random UUID. */
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);

/** The tenant column every table carries. */
export const orgId = () => uuid('org_id').notNull();

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A moment in time; always `timestamptz`, always UTC on the wire. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** `tstzrange`, for schedule blocks and their exclusion constraints. Read and written as Postgres text, e.g. `[2026-12-01 08:00:00+00,2026-12-01 09:00:00+00)`. */
export const tstzrange = customType<{ data: string; driverData: string }>({
  dataType: () => 'tstzrange',
});

/** `[start, end)` as a tstzrange literal. */
export function rangeOf(start: Date, end: Date): SQL {
  return sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;
}
