/**
 * The schedule version (what a kept slots answer is checked against) must not make a studio's
 * bookings wait for each other: raising it used to update the org's row, which each booking then
 * held from its block insert to its COMMIT. Two connections each write a block in one org; the
 * second must commit while the first is still open, and afterwards the version has grown by both.
 *
 * Needs two connections that truly overlap: PostgreSQL (PGlite has one connection).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import * as t from '../../schema/db/index.ts';
import { withCaller } from '../../server/platform/db/identity.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';
import type { Database } from '../../server/platform/db/database.ts';
import { slotsVersion } from '../../server/modules/availability/index.ts';
import { freshDatabase } from '../support/database.ts';

const skip = process.env.DATABASE_URL ? false : 'DATABASE_URL is not set: two overlapping transactions need PostgreSQL (PGlite has one connection)';

describe('the schedule version does not serialise a studio\'s bookings (PostgreSQL)', { skip }, () => {
  let opened: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Database;
  const org = randomUUID();
  const instructors = [randomUUID(), randomUUID()];

  before(async () => {
    opened = await freshDatabase({ max: 4 });
    db = opened.db;
    const slug = `stripes-${org}`;
    await db.insert(t.orgs).values({ id: org, slug, name: slug, timezone: 'UTC', currency: 'CHF' });
    for (const [i, id] of instructors.entries()) {
      await db.insert(t.staff).values({ id, orgId: org, role: 'instructor', name: `I${i}`, email: `i${i}@${slug}`, timezone: 'UTC' });
    }
  });
  after(async () => { await opened.close(); });

  const block = (instructor: string, hour: number) => sql`insert into schedule_blocks (org_id, kind, instructor_id, during, timezone)
    values (${org}, 'time_off', ${instructor}, tstzrange(${`2031-05-02 ${String(hour).padStart(2, '0')}:00Z`}::timestamptz, ${`2031-05-02 ${String(hour).padStart(2, '0')}:30Z`}::timestamptz), 'UTC')`;
  const version = () => withCaller(db, { orgId: org, role: 'anonymous' }, (tx) => slotsVersion(tx, org));

  test('a second block in the org commits while the first one\'s transaction is still open; the version counts both', async () => {
    const v0 = await version();
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => { releaseFirst = resolve; });
    let firstWrote!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => { firstWrote = resolve; });
    const first = withCaller(db, { orgId: org, role: 'owner' }, async (tx) => {
      await tx.execute(block(instructors[0]!, 9));
      firstWrote();
      await firstMayCommit;
    });
    await firstHasWritten;
    // Waiting on the first transaction's rows would fail here, not hang.
    const second = await withCaller(db, { orgId: org, role: 'owner' }, async (tx) => {
      await tx.execute(sql`select set_config('lock_timeout', '2s', true)`);
      await tx.execute(block(instructors[1]!, 11));
      return 'committed';
    }).catch((error: unknown) => error);
    releaseFirst();
    await first;
    assert.equal(second, 'committed', 'the second block waited for the first booking\'s transaction');
    const v1 = await version();
    const [catalog0, schedule0] = v0.split('.').map(Number);
    const [catalog1, schedule1] = v1.split('.').map(Number);
    assert.equal(catalog1, catalog0);
    assert.equal(schedule1, schedule0! + 2, 'each committed write raised the version once');
    const blocks = rowsOf(await db.execute(sql`select count(*)::int as n from schedule_blocks where org_id = ${org}`));
    assert.equal(blocks[0]!.n, 2);
  });
});
