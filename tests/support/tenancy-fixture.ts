import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../server/platform/db/database.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';
import * as t from '../../schema/db/index.ts';
import { rangeOf } from '../../schema/db/columns.ts';

/**
 * Two orgs with a row in every table, each row tagged with whose it is:
 *   'A' / 'B'   customer A with instructor A / customer B with instructor B (org 1)
 *   'org'       the org's own rows, nobody's in particular
 *   'public' | 'hidden' | 'inactive' | 'link'   programs and what hangs off them
 *   'other'     every row of the second org
 * Written with the owner handle: the fixture must not depend on the policies it tests.
 */
export type Tag = 'A' | 'B' | 'org' | 'public' | 'hidden' | 'inactive' | 'link' | 'other';

export interface OrgIds {
  org: string; owner: string; manager: string; instructorA: string; instructorB: string; customerA: string; customerB: string;
  location: string; resource: string; programPublic: string; programHidden: string; programInactive: string; programLink: string;
  variantPublic: string; variantHidden: string; milestonePublic: string; milestoneHidden: string;
  bookingA: string; bookingB: string; sessionA: string; sessionB: string; orderA: string; orderB: string;
  paymentA: string; paymentB: string; planA: string; planB: string; threadA: string; threadB: string; classOccurrence: string;
  idempotencyKey: string; payrollPeriod: string; webhookEndpoint: string; webhookDelivery: string;
}

export interface Fixture {
  one: OrgIds;
  two: OrgIds;
  /** table name → rows, each with the key the matrix selects and its tag. */
  rows: Map<string, { key: string; tag: Tag }[]>;
}

/** The SQL expression identifying a row of each table in the matrix. */
export const keyExpression: Record<string, string> = { program_instructors: "program_id::text || ':' || staff_id::text", invoice_counters: 'org_id::text', credit_note_counters: 'org_id::text', payroll_settings: 'org_id::text', rate_limit_buckets: 'bucket', program_nudges: 'program_id::text', staff_sign_in_codes: 'email_hash', studio_sign_ups: 'org_id::text', schedule_version_stripes: "org_id::text || ':' || stripe", automation_segment_members: 'customer_id::text', customer_tags: "customer_id::text || ':' || tag" };

function ids(): OrgIds {
  const u = () => randomUUID();
  return {
    org: u(), owner: u(), manager: u(), instructorA: u(), instructorB: u(), customerA: u(), customerB: u(), location: u(), resource: u(),
    programPublic: u(), programHidden: u(), programInactive: u(), programLink: u(), variantPublic: u(), variantHidden: u(),
    milestonePublic: u(), milestoneHidden: u(), bookingA: u(), bookingB: u(), sessionA: u(), sessionB: u(), orderA: u(), orderB: u(),
    paymentA: u(), paymentB: u(), planA: u(), planB: u(), threadA: u(), threadB: u(), classOccurrence: u(), idempotencyKey: u(), payrollPeriod: u(), webhookEndpoint: u(), webhookDelivery: u(),
  };
}

export async function buildFixture(db: Database): Promise<Fixture> {
  const rows = new Map<string, { key: string; tag: Tag }[]>();
  const one = ids();
  const two = ids();
  await buildOrg(db, one, 'tenant-one', rows, (tag) => tag);
  await buildOrg(db, two, 'tenant-two', rows, () => 'other');
  return { one, two, rows };
}

async function buildOrg(db: Database, o: OrgIds, slug: string, rows: Fixture['rows'], retag: (tag: Tag) => Tag) {
  const add = async (table: PgTable, name: string, tag: Tag, values: Record<string, unknown>, key?: string) => {
    const id = (values.id as string | undefined) ?? randomUUID();
    const withId = 'id' in (table as unknown as Record<string, unknown>) ? { id, ...values } : values;
    await db.insert(table).values(withId as never);
    const list = rows.get(name) ?? [];
    list.push({ key: key ?? id, tag: retag(tag) });
    rows.set(name, list);
  };
  const org = o.org;
  const referralCodeIds = { A: randomUUID(), B: randomUUID() };
  const zone = 'Europe/Zurich';
  const start = new Date('2030-03-04T09:00:00Z');
  const later = (hours: number) => new Date(start.getTime() + hours * 3_600_000);

  await add(t.orgs, 'orgs', 'org', { id: org, slug, name: slug, timezone: zone, currency: 'CHF' });
  await add(t.orgDomains, 'org_domains', 'org', { orgId: org, origin: `https://${slug}.example` });
  await add(t.apiKeys, 'api_keys', 'org', { orgId: org, kind: 'publishable', prefix: `pk_${slug}`, keyHash: `hash-${slug}` });
  await add(t.staff, 'staff', 'org', { id: o.owner, orgId: org, role: 'owner', name: 'Owner', email: `o@${slug}`, timezone: zone });
  await add(t.staff, 'staff', 'org', { id: o.manager, orgId: org, role: 'manager', name: 'Manager', email: `m@${slug}`, timezone: zone });
  await add(t.staff, 'staff', 'A', { id: o.instructorA, orgId: org, role: 'instructor', name: 'Instructor A', email: `ia@${slug}`, timezone: zone });
  await add(t.staff, 'staff', 'B', { id: o.instructorB, orgId: org, role: 'instructor', name: 'Instructor B', email: `ib@${slug}`, timezone: zone });
  await add(t.customers, 'customers', 'A', { id: o.customerA, orgId: org, name: 'Customer A', email: `ca@${slug}` });
  await add(t.customers, 'customers', 'B', { id: o.customerB, orgId: org, name: 'Customer B', email: `cb@${slug}` });
  await add(t.locations, 'locations', 'org', { id: o.location, orgId: org, name: 'Studio', timezone: zone });
  await add(t.resources, 'resources', 'org', { id: o.resource, orgId: org, locationId: o.location, name: 'Room' });

  await add(t.programCategories, 'program_categories', 'org', { orgId: org, key: 'coaching', labels: { en: 'Coaching' } });
  const program = (id: string, slugPart: string, extra: Record<string, unknown>) => ({
    id, orgId: org, slug: slugPart, title: slugPart, category: 'coaching', deliveryMode: 'online', sessionLengthMin: 60, ...extra,
  });
  await add(t.programs, 'programs', 'public', program(o.programPublic, 'public', {}));
  await add(t.programs, 'programs', 'hidden', program(o.programHidden, 'hidden', { visibility: 'hidden' }));
  await add(t.programs, 'programs', 'inactive', program(o.programInactive, 'inactive', { isActive: false }));
  await add(t.programs, 'programs', 'link', program(o.programLink, 'link', { visibility: 'by_link', privateLinkToken: `token-${slug}` }));
  await add(t.programInstructors, 'program_instructors', 'public', { orgId: org, programId: o.programPublic, staffId: o.instructorA }, `${o.programPublic}:${o.instructorA}`);
  await add(t.programInstructors, 'program_instructors', 'hidden', { orgId: org, programId: o.programHidden, staffId: o.instructorB }, `${o.programHidden}:${o.instructorB}`);
  const variant = (id: string, programId: string) => ({ id, orgId: org, programId, name: 'Single', currency: 'CHF', price: 10000, vatRateBp: 810 });
  await add(t.programVariants, 'program_variants', 'public', variant(o.variantPublic, o.programPublic));
  await add(t.programVariants, 'program_variants', 'hidden', variant(o.variantHidden, o.programHidden));
  await add(t.programVariants, 'program_variants', 'link', variant(randomUUID(), o.programLink));
  await add(t.programIntakeForms, 'program_intake_forms', 'public', { orgId: org, programId: o.programPublic, formSchemaJson: { type: 'object' } });
  await add(t.programIntakeForms, 'program_intake_forms', 'hidden', { orgId: org, programId: o.programHidden, formSchemaJson: { type: 'object' } });
  await add(t.programMilestones, 'program_milestones', 'public', { id: o.milestonePublic, orgId: org, programId: o.programPublic, orderIdx: 1, name: 'M' });
  await add(t.programMilestones, 'program_milestones', 'hidden', { id: o.milestoneHidden, orgId: org, programId: o.programHidden, orderIdx: 1, name: 'M' });

  await add(t.availabilityRules, 'availability_rules', 'A', { orgId: org, instructorId: o.instructorA, weekday: 1, startTime: '09:00', endTime: '12:00', timezone: zone });
  await add(t.availabilityRules, 'availability_rules', 'B', { orgId: org, instructorId: o.instructorB, weekday: 1, startTime: '09:00', endTime: '12:00', timezone: zone });
  await add(t.studioClosures, 'studio_closures', 'org', { orgId: org, startsOn: '2031-12-25', endsOn: '2031-12-26', name: 'Christmas', timezone: zone });
  await add(t.calendarFeeds, 'calendar_feeds', 'A', { orgId: org, instructorId: o.instructorA, url: 'https://calendar.example/a.ics' });
  await add(t.calendarFeeds, 'calendar_feeds', 'B', { orgId: org, instructorId: o.instructorB, url: 'https://calendar.example/b.ics' });
  await add(t.classOccurrences, 'class_occurrences', 'org', { id: o.classOccurrence, orgId: org, instructorId: o.instructorA, title: 'Class', startsAt: later(48), endsAt: later(49), timezone: zone });

  const booking = (id: string, customerId: string, instructorId: string, programId: string, variantId: string) => ({
    id, orgId: org, programId, variantId, customerId, instructorId, status: 'confirmed', currency: 'CHF', totalPrice: 10000, sessionsCount: 1, clientTokenHash: `h-${id}`,
  });
  await add(t.programBookings, 'program_bookings', 'A', booking(o.bookingA, o.customerA, o.instructorA, o.programPublic, o.variantPublic));
  await add(t.programBookings, 'program_bookings', 'B', booking(o.bookingB, o.customerB, o.instructorB, o.programHidden, o.variantHidden));
  for (const [tag, bookingId, sessionId, instructorId, hours] of [['A', o.bookingA, o.sessionA, o.instructorA, 0], ['B', o.bookingB, o.sessionB, o.instructorB, 2]] as const) {
    await add(t.programSessions, 'program_sessions', tag, { id: sessionId, orgId: org, bookingId, seq: 1, startsAt: later(hours), endsAt: later(hours + 1), timezone: zone });
    await add(t.scheduleBlocks, 'schedule_blocks', tag, { orgId: org, kind: 'session', instructorId, sessionId, timezone: zone, during: sql`${rangeOf(later(hours), later(hours + 1))}` });
  }
  await add(t.programProgress, 'program_progress', 'A', { orgId: org, bookingId: o.bookingA, milestoneId: o.milestonePublic });
  await add(t.programProgress, 'program_progress', 'B', { orgId: org, bookingId: o.bookingB, milestoneId: o.milestoneHidden });
  for (const [tag, bookingId, customerId, milestoneId] of [['A', o.bookingA, o.customerA, o.milestonePublic], ['B', o.bookingB, o.customerB, o.milestoneHidden]] as const) {
    const id = randomUUID();
    await add(t.bookingArtifacts, 'booking_artifacts', tag, { id, orgId: org, bookingId, milestoneId, customerId, storageKey: `${org}/${bookingId}/${id}`, filename: 'homework.pdf', contentType: 'application/pdf', extension: 'pdf', sizeBytes: 100, sha256: 'x' });
  }

  await add(t.payrollSettings, 'payroll_settings', 'org', { orgId: org, periodKind: 'monthly', currency: 'CHF' }, org);
  await add(t.payrollPeriods, 'payroll_periods', 'org', { id: o.payrollPeriod, orgId: org, startsOn: '2030-03-01', endsOn: '2030-03-31' });
  for (const [tag, customerId, bookingId, orderId, paymentId, planId, threadId] of [
    ['A', o.customerA, o.bookingA, o.orderA, o.paymentA, o.planA, o.threadA],
    ['B', o.customerB, o.bookingB, o.orderB, o.paymentB, o.planB, o.threadB],
  ] as const) {
    await add(t.orders, 'orders', tag, { id: orderId, orgId: org, customerId, bookingId, currency: 'CHF', subtotal: 10000, vatTotal: 749, total: 10000 });
    await add(t.orderItems, 'order_items', tag, { orgId: org, orderId, description: 'Session', unitPrice: 10000, amount: 10000, vatRateBp: 810, vatAmount: 749, currency: 'CHF' });
    await add(t.payments, 'payments', tag, { id: paymentId, orgId: org, orderId, method: 'card', amount: 10000, currency: 'CHF', provider: 'test', providerRef: `pi-${paymentId}` });
    await add(t.paymentPlans, 'payment_plans', tag, { id: planId, orgId: org, orderId, currency: 'CHF', total: 10000, deposit: 4000, planJson: {} });
    await add(t.installments, 'installments', tag, { orgId: org, planId, orderId, seq: 1, dueAt: later(24 * 28), amount: 6000, currency: 'CHF' });
    await add(t.refunds, 'refunds', tag, { orgId: org, orderId, paymentId, amount: 1000, currency: 'CHF', reason: 'goodwill' });
    await add(t.invoices, 'invoices', tag, { orgId: org, orderId, number: tag === 'A' ? 1 : 2 });
    await add(t.creditNotes, 'credit_notes', tag, { orgId: org, orderId, number: tag === 'A' ? 1 : 2, currency: 'CHF', total: 1000, vatTotal: 75, reason: 'refund' });
    await add(t.creditLedger, 'credit_ledger', tag, { orgId: org, customerId, delta: 5, balanceAfter: 5, reason: 'card' });
    await add(t.referralCodes, 'referral_codes', tag, { id: referralCodeIds[tag], orgId: org, customerId, code: `REF-${tag}` });
    await add(t.messageThreads, 'message_threads', tag, { id: threadId, orgId: org, bookingId, subject: 'Thread' });
    await add(t.messages, 'messages', tag, { orgId: org, threadId, senderKind: 'customer', senderId: customerId, bodyMd: 'Hello' });
    await add(t.payrollRules, 'payroll_rules', tag, { orgId: org, staffId: tag === 'A' ? o.instructorA : o.instructorB, kind: 'percent', value: 5000, currency: 'CHF', validFrom: '2030-01-01' });
    await add(t.earnings, 'earnings', tag, { orgId: org, staffId: tag === 'A' ? o.instructorA : o.instructorB, periodId: o.payrollPeriod, kind: 'session', sessionId: tag === 'A' ? o.sessionA : o.sessionB, amount: 4000, currency: 'CHF', earnedOn: '2030-03-04', earnedAt: later(1) });
  }
  await add(t.invoiceCounters, 'invoice_counters', 'org', { orgId: org, lastNumber: 2 }, org);
  await add(t.creditNoteCounters, 'credit_note_counters', 'org', { orgId: org, lastNumber: 2 }, org);
  await add(t.coupons, 'coupons', 'org', { orgId: org, code: 'WELCOME', kind: 'percent', percentBp: 1000 });
  await add(t.webhookEndpoints, 'webhook_endpoints', 'org', { id: o.webhookEndpoint, orgId: org, url: 'https://hooks.example/in', events: ['booking.confirmed'], secret: 'whsec_x' });
  await add(t.webhookDeliveries, 'webhook_deliveries', 'org', { id: o.webhookDelivery, orgId: org, endpointId: o.webhookEndpoint, eventId: randomUUID(), eventType: 'booking.confirmed', messageId: 'msg_x', payload: {}, occurredAt: start });
  await add(t.webhookAttempts, 'webhook_attempts', 'org', { orgId: org, deliveryId: o.webhookDelivery, attemptedAt: start, statusCode: 200, durationMs: 5 });
  // Reviews: A answered without consent (pending), B approved as a testimonial (the only kind a page may read).
  await add(t.programReviews, 'program_reviews', 'A', { orgId: org, bookingId: o.bookingA, programId: o.programPublic, customerId: o.customerA, tokenHash: `review-${randomUUID()}`, requestedAt: start, rating: 4, text: 'Good', submittedAt: start });
  await add(t.programReviews, 'program_reviews', 'B', { orgId: org, bookingId: o.bookingB, programId: o.programHidden, customerId: o.customerB, tokenHash: `review-${randomUUID()}`, requestedAt: start, rating: 5, text: 'Great', consentToPublish: true, displayName: 'Bea B.', submittedAt: start, status: 'approved' });
  // Referral rewards: A's code rewarded for B's order (pending), B's code for A's order (granted).
  for (const [tag, referrer, referee, orderTag] of [['A', o.customerA, o.customerB, o.orderB], ['B', o.customerB, o.customerA, o.orderA]] as const) {
    await add(t.referralRewards, 'referral_rewards', tag, { orgId: org, referralCodeId: referralCodeIds[tag], referrerCustomerId: referrer, refereeCustomerId: referee, orderId: orderTag,
      bookingId: tag === 'A' ? o.bookingB : o.bookingA, credits: 1, dueAt: start, ...(tag === 'B' ? { status: 'granted', grantedAt: start } : {}) });
  }
  // A segment and a campaign to it: the studio's own.
  const segmentId = randomUUID();
  await add(t.segments, 'segments', 'org', { id: segmentId, orgId: org, name: 'German', filter: { languages: ['de'] } });
  await add(t.campaigns, 'campaigns', 'org', { orgId: org, segmentId, name: 'Winter', subject: { en: 'Hi' }, bodyMd: { en: 'Hello' }, sendAt: start });
  // An automation with a run, its step, a segment member it has seen, and a tag it added: the studio's own.
  const automationId = randomUUID();
  const runId = randomUUID();
  await add(t.automations, 'automations', 'org', { id: automationId, orgId: org, name: 'Welcome', trigger: { kind: 'event', event: 'booking.confirmed' }, triggerEvent: 'booking.confirmed', actions: [{ type: 'add_tag', tag: 'new' }] });
  await add(t.automationRuns, 'automation_runs', 'org', { id: runId, orgId: org, automationId, triggerKey: 'event:x', context: {}, customerId: o.customerA, dueAt: start });
  await add(t.automationRunActions, 'automation_run_actions', 'org', { orgId: org, runId, position: 0, type: 'add_tag', spec: { type: 'add_tag', tag: 'new' } });
  await add(t.automationSegmentMembers, 'automation_segment_members', 'org', { orgId: org, automationId, customerId: o.customerA, firstSeenAt: start }, o.customerA);
  await add(t.customerTags, 'customer_tags', 'org', { orgId: org, customerId: o.customerA, tag: 'vip' }, `${o.customerA}:vip`);
  // Marketing consents: A asked (pending), B confirmed.
  for (const [tag, customerId, status] of [['A', o.customerA, 'pending'], ['B', o.customerB, 'confirmed']] as const) {
    await add(t.marketingConsents, 'marketing_consents', tag, { orgId: org, customerId, email: `${tag.toLowerCase()}@${slug}`, status, source: 'checkout', locale: 'en', wording: 'Yes, news', wordingVersion: 'v1',
      requestedAt: start, requestIpHash: 'h', confirmTokenHash: `confirm-${randomUUID()}`, unsubscribeTokenHash: `unsubscribe-${randomUUID()}`, confirmedAt: status === 'confirmed' ? start : null });
  }
  await add(t.programNudges, 'program_nudges', 'org', { orgId: org, programId: o.programPublic, sessionReminderHours: [24] }, o.programPublic);
  await add(t.funnelEvents, 'funnel_events', 'org', { orgId: org, programId: o.programPublic, visitId: `visit-${randomUUID()}`, step: 'viewed', utmSource: 'newsletter' });
  await add(t.domainEvents, 'domain_events', 'org', { orgId: org, type: 'booking.reserved', subjectId: randomUUID() });
  await add(t.mailOutbox, 'mail_outbox', 'org', { orgId: org, dedupeKey: 'k', toAddress: 'a@b.c', subject: 's', textBody: 't' });
  await add(t.idempotencyKeys, 'idempotency_keys', 'org', { orgId: org, key: o.idempotencyKey, scope: 'POST /x', requestHash: 'h' });
  await add(t.customerLoginCodes, 'customer_login_codes', 'org', { orgId: org, email: `someone@${slug}`, codeHash: 'h', codeExpiresAt: later(1) });
  for (const [tag, customerId, bookingId] of [['A', o.customerA, o.bookingA], ['B', o.customerB, o.bookingB]] as const) {
    await add(t.customerSessions, 'customer_sessions', tag, { orgId: org, customerId, tokenHash: `session-${randomUUID()}`, expiresAt: later(12) });
    await add(t.linkTokens, 'link_tokens', tag, { orgId: org, purpose: 'manage', bookingId, tokenHash: `link-${randomUUID()}`, expiresAt: later(24 * 90) });
  }
  for (const [tag, staffId] of [['A', o.instructorA], ['B', o.instructorB], ['org', o.owner]] as const) {
    await add(t.staffSessions, 'staff_sessions', tag, { orgId: org, staffId, tokenHash: `staff-session-${randomUUID()}`, expiresAt: later(12) });
  }
  // Sign-in codes belong to no org (an address's HMAC across studios); one row each, tagged like the org's rows.
  await add(t.staffSignInCodes, 'staff_sign_in_codes', 'org', { emailHash: `email-hash-${slug}`, codeHash: 'h', codeExpiresAt: later(1) }, `email-hash-${slug}`);
  // A sign-up waiting for its code (one per studio: its key is the org).
  await add(t.studioSignUps, 'studio_sign_ups', 'org', { orgId: org, ownerId: o.owner, emailHash: `sign-up-${slug}`, clientHash: 'c', codeHash: 'h', codeExpiresAt: later(1) }, org);
  await add(t.customDomains, 'custom_domains', 'org', { orgId: org, host: `book.${slug}.example`, verificationToken: `token-${slug}` });
  await add(t.stripeConnectAccounts, 'stripe_connect_accounts', 'org', { orgId: org, accountId: `acct_${slug}` });
  await add(t.rateLimitBuckets, 'rate_limit_buckets', 'org', { orgId: org, bucket: `hold:client:${slug}`, tokens: 4, granted: true, updatedAt: start }, `hold:client:${slug}`);
  // The schedule version's stripes are written by the trigger of the blocks, rules and closures above, never directly.
  const stripes = rowsOf(await db.execute(sql`select org_id::text || ':' || stripe as key from schedule_version_stripes where org_id = ${org}`));
  assert.ok(stripes.length > 0, 'the schedule rows above raised the schedule version');
  rows.set('schedule_version_stripes', [...rows.get('schedule_version_stripes') ?? [], ...stripes.map((r) => ({ key: String(r.key), tag: retag('org') }))]);
}
