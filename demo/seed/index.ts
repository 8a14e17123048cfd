import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Database, Tx } from '../../server/platform/db/database.ts';
import { withCaller } from '../../server/platform/db/identity.ts';
import { hashKey } from '../../server/platform/http/api-keys.ts';
import * as t from '../../schema/db/index.ts';
import { rangeOf } from '../../schema/db/columns.ts';
import { FLOW, studioFlow } from './studio-flow.ts';
import { NORD, atelierNord } from './atelier-nord.ts';
import type { OrgSeed } from './types.ts';

export { FLOW } from './studio-flow.ts';
export { NORD } from './atelier-nord.ts';

const GROUP_CLASS_WEEKS = 12;

/**
 * Seeds the two demo orgs once: a second call finds them and does nothing.
 * Orgs are created with the owner handle (no org exists yet to act in); all
 * the rest goes through `withCaller` as each org's owner, so the policies are
 * exercised by the seed itself.
 */
export async function seedDemo(db: Database, options: { origins: string[]; now?: Date }): Promise<{ seeded: boolean }> {
  const seeds = [studioFlow(options.origins), atelierNord(options.origins)];
  const existing = await db.select({ id: t.orgs.id }).from(t.orgs).where(eq(t.orgs.id, seeds[0]!.org.id));
  if (existing.length > 0) return { seeded: false };
  for (const seed of seeds) await seedOrg(db, seed, options.now ?? new Date());
  return { seeded: true };
}

async function seedOrg(db: Database, seed: OrgSeed, now: Date): Promise<void> {
  await db.insert(t.orgs).values(seed.org);
  const owner = seed.staff.find((s) => s.role === 'owner')!;
  await withCaller(db, { orgId: seed.org.id, role: 'owner', userId: owner.id }, async (tx) => {
    const orgId = seed.org.id;
    await tx.insert(t.orgDomains).values(seed.origins.map((origin) => ({ orgId, origin })));
    await tx.insert(t.staff).values(seed.staff.map((s) => ({ ...s, orgId })));
    await tx.insert(t.apiKeys).values(seed.keys.map((k) => ({
      orgId, kind: k.kind, label: k.label, keyHash: hashKey(k.key), staffId: k.staffId ?? null,
      prefix: k.kind === 'publishable' ? k.key : `${k.key.slice(0, 8)}…`,
    })));
    await tx.insert(t.locations).values(seed.locations.map((l) => ({ ...l, orgId })));
    if (seed.resources.length) await tx.insert(t.resources).values(seed.resources.map((r) => ({ ...r, orgId })));
    await tx.insert(t.availabilityRules).values(seed.weeklyHours.flatMap((h) => {
      const zone = seed.staff.find((s) => s.id === h.instructorId)!.timezone;
      return h.days.map((weekday) => ({ orgId, instructorId: h.instructorId, kind: 'weekly' as const, weekday, startTime: h.from, endTime: h.to, timezone: zone }));
    }));
    for (const p of seed.programs) await seedProgram(tx, orgId, p);
    await seedGroupClasses(tx, seed, now);
    if (seed.coupons?.length) await tx.insert(t.coupons).values(seed.coupons.map((c) => ({ ...c, orgId })));
    for (const c of seed.customers ?? []) {
      await tx.insert(t.customers).values({ id: c.id, orgId, name: c.name, email: c.email, locale: c.locale });
      if (c.credits) await tx.insert(t.creditLedger).values({ orgId, customerId: c.id, delta: c.credits, balanceAfter: 0, reason: 'Demo: a 10-class card' });
    }
  });
}

async function seedProgram(tx: Tx, orgId: string, p: OrgSeed['programs'][number]): Promise<void> {
  await tx.insert(t.programs).values({ ...p.program, orgId });
  await tx.insert(t.programInstructors).values(p.instructorIds.map((staffId) => ({ orgId, programId: p.program.id, staffId })));
  await tx.insert(t.programVariants).values(p.variants.map((v) => ({ ...v, orgId, programId: p.program.id })));
  if (p.intakeForm) await tx.insert(t.programIntakeForms).values({ orgId, programId: p.program.id, formSchemaJson: p.intakeForm.schema, isRequired: p.intakeForm.isRequired });
  if (p.milestones?.length) {
    await tx.insert(t.programMilestones).values(p.milestones.map((m, i) => ({ orgId, programId: p.program.id, orderIdx: i + 1, name: m.name, descriptionMd: m.descriptionMd, dueDayOffset: m.dueDayOffset ?? null })));
  }
}

/** Weekly group classes for the coming weeks, each holding a schedule block for its instructor and room. */
async function seedGroupClasses(tx: Tx, seed: OrgSeed, now: Date): Promise<void> {
  const orgId = seed.org.id;
  for (const g of seed.groupClasses) {
    const zone = seed.staff.find((s) => s.id === g.instructorId)!.timezone;
    const [hour, minute] = g.start.split(':').map(Number) as [number, number];
    let day = DateTime.fromJSDate(now, { zone }).startOf('day');
    while (day.weekday !== g.weekday) day = day.plus({ days: 1 });
    for (let week = 0; week < GROUP_CLASS_WEEKS; week++) {
      const start = day.plus({ weeks: week }).set({ hour, minute });
      const end = start.plus({ minutes: g.minutes });
      const [occurrence] = await tx.insert(t.classOccurrences).values({
        orgId, instructorId: g.instructorId, resourceId: g.resourceId ?? null, title: g.title,
        startsAt: start.toJSDate(), endsAt: end.toJSDate(), timezone: zone,
      }).returning({ id: t.classOccurrences.id });
      await tx.insert(t.scheduleBlocks).values({
        orgId, kind: 'class', status: 'active', instructorId: g.instructorId, resourceId: g.resourceId ?? null,
        during: sql`${rangeOf(start.toJSDate(), end.toJSDate())}` as unknown as string, timezone: zone, classOccurrenceId: occurrence!.id, note: g.title,
      });
    }
  }
}

/** The demo site's origin may change between runs (DEMO_PORT): allow it for both demo orgs. */
export async function ensureDemoOrigins(db: Database, origins: string[]): Promise<void> {
  for (const orgId of [FLOW.org, NORD.org]) {
    await withCaller(db, { orgId, role: 'owner' }, (tx) =>
      tx.insert(t.orgDomains).values(origins.map((origin) => ({ orgId, origin }))).onConflictDoNothing());
  }
}
