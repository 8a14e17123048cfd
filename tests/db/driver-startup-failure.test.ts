import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

/**
 * postgres.js asks each new connection for the server's array types (`fetch_types`) before it
 * runs the first query, and used to drop that request's promise: when the connection failed at
 * that moment (a backend terminated during a database restart, a cancelled statement), the
 * rejection escaped as an unhandled rejection, and the API, which exits on those, went down
 * (seen in the db-outage test). patches/postgres+3.4.9.patch catches it; the query that waited
 * for the connection fails on its own terms and the next connection asks again.
 *
 * Deterministic: in a throw-away database the catalog query is made to fail for a login role
 * that may not read pg_type there. Needs DATABASE_URL (PGlite has no connections).
 */
const url = process.env.DATABASE_URL;
const skip = url ? false : 'DATABASE_URL is not set: this test opens connections to a real PostgreSQL server (PGlite has none)';

test('a connection that fails while fetching types fails its query, and nothing escapes as an unhandled rejection', { skip, timeout: 60_000 }, async () => {
  const { default: postgres } = await import('postgres');
  const admin = postgres(url!, { max: 1, onnotice: () => {} });
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const database = `tandem_types_${suffix}`;
  const role = `tandem_types_${suffix}`;
  const escaped: unknown[] = [];
  const onUnhandled = (reason: unknown) => { escaped.push(reason); };
  process.on('unhandledRejection', onUnhandled);
  try {
    await admin.unsafe(`create database ${database}`);
    await admin.unsafe(`create role ${role} login`);
    const target = new URL(url!);
    target.pathname = `/${database}`;
    const owner = postgres(target.toString(), { max: 1, onnotice: () => {} });
    await owner.unsafe('revoke select on pg_catalog.pg_type from public');
    await owner.end();

    target.username = role;
    const client = postgres(target.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
    try {
      await assert.rejects(client`select 1 as one`, (error: { code?: string }) => error.code === '42501');
      // Let any dropped promise surface: unhandled rejections are reported after the microtask queue drains.
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await client.end({ timeout: 1 });
    }
    assert.deepEqual(escaped.map((e) => (e as { code?: string }).code ?? String(e)), [], 'no rejection may escape the driver');
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await admin.unsafe(`drop database if exists ${database} with (force)`).catch(() => undefined);
    await admin.unsafe(`drop role if exists ${role}`).catch(() => undefined);
    await admin.end();
  }
});
