/**
 * The studio's customers as the staff member reading sees them (their policies: an instructor
 * only the people whose bookings they conduct, and no money). Health answers of intake forms
 * only for the booking's own instructor and managers (pipeline's rule).
 */
import { and, asc, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { healthFieldsOf, mayReadHealth } from '../pipeline/index.ts';
import { answersForDisplay } from '../../../shared/intake-form.ts';
import { tagsOfCustomer } from './tags.queries.ts';

export const CUSTOMERS_PAGE = 50;
export interface Viewer { role: 'owner' | 'manager' | 'instructor'; staffId: string }

/** Newest first; `q` matches name, address or phone (part of, any case); the cursor is the last row's (created_at, id). */
export async function customersOfStudio(tx: Tx, orgId: string, o: { q?: string | undefined; after?: { createdAt: Date; id: string } | undefined }) {
  const like = o.q ? `%${o.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await tx.select({
    id: t.customers.id, name: t.customers.name, email: t.customers.email, phone: t.customers.phone, locale: t.customers.locale, createdAt: t.customers.createdAt,
    bookings: sql<number>`(select count(*)::int from program_bookings b where b.org_id = ${t.customers.orgId} and b.customer_id = ${t.customers.id})`,
  }).from(t.customers).where(and(
    eq(t.customers.orgId, orgId),
    like ? or(ilike(t.customers.name, like), ilike(t.customers.email, like), ilike(t.customers.phone, like)) : undefined,
    o.after ? or(lt(t.customers.createdAt, o.after.createdAt), and(eq(t.customers.createdAt, o.after.createdAt), lt(t.customers.id, o.after.id))) : undefined,
  )).orderBy(desc(t.customers.createdAt), desc(t.customers.id)).limit(CUSTOMERS_PAGE + 1);
  return { rows: rows.slice(0, CUSTOMERS_PAGE), more: rows.length > CUSTOMERS_PAGE };
}

export async function customerDetail(tx: Tx, orgId: string, id: string, viewer: Viewer) {
  const [customer] = await tx.select().from(t.customers).where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, id)));
  if (!customer) return undefined;
  const [org] = await tx.select({ locale: t.orgs.defaultLocale }).from(t.orgs).where(eq(t.orgs.id, orgId));
  const bookings = await tx.select({
    booking: t.programBookings, program: { slug: t.programs.slug, title: t.programs.title }, instructor: { id: t.staff.id, name: t.staff.name },
  }).from(t.programBookings)
    .innerJoin(t.programs, and(eq(t.programs.orgId, t.programBookings.orgId), eq(t.programs.id, t.programBookings.programId)))
    .innerJoin(t.staff, and(eq(t.staff.orgId, t.programBookings.orgId), eq(t.staff.id, t.programBookings.instructorId)))
    .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.customerId, id)))
    .orderBy(desc(t.programBookings.createdAt), asc(t.programBookings.id));
  const bookingIds = bookings.map((b) => b.booking.id);
  const programIds = [...new Set(bookings.map((b) => b.booking.programId))];
  const [forms, ledger, messages, tags] = await Promise.all([
    programIds.length ? tx.select({ programId: t.programIntakeForms.programId, schema: t.programIntakeForms.formSchemaJson }).from(t.programIntakeForms)
      .where(and(eq(t.programIntakeForms.orgId, orgId), inArray(t.programIntakeForms.programId, programIds))) : Promise.resolve([]),
    // The credit ledger is money: an instructor's policies show none of it, and the answer says so (null).
    viewer.role === 'instructor' ? Promise.resolve(null) : tx.select().from(t.creditLedger)
      .where(and(eq(t.creditLedger.orgId, orgId), eq(t.creditLedger.customerId, id))).orderBy(asc(t.creditLedger.createdAt), asc(t.creditLedger.id)),
    bookingIds.length ? tx.select({ bookingId: t.messageThreads.bookingId, message: t.messages }).from(t.messages)
      .innerJoin(t.messageThreads, and(eq(t.messageThreads.orgId, t.messages.orgId), eq(t.messageThreads.id, t.messages.threadId)))
      .where(and(eq(t.messages.orgId, orgId), inArray(t.messageThreads.bookingId, bookingIds))).orderBy(asc(t.messages.createdAt), asc(t.messages.id)) : Promise.resolve([]),
    // Tags are the studio's marketing: an instructor's policies show none, and the answer says so (null).
    viewer.role === 'instructor' ? Promise.resolve(null) : tagsOfCustomer(tx, orgId, id),
  ]);
  const formOf = new Map(forms.map((f) => [f.programId, (f.schema ?? {}) as Record<string, unknown>]));
  return {
    customer,
    bookings: bookings.map(({ booking, program, instructor }) => {
      const schema = formOf.get(booking.programId) ?? {};
      const health = healthFieldsOf(schema);
      const all = answersForDisplay(schema, booking.intakeAnswers, org?.locale ?? 'en').map((a) => ({ ...a, health: health.has(a.name) }));
      const answers = mayReadHealth(viewer, booking.instructorId) ? all : all.filter((a) => !a.health);
      return { booking, program, instructor, intake: { answers, healthWithheld: answers.length < all.length } };
    }),
    credits: ledger === null ? null : { balance: ledger.at(-1)?.balanceAfter ?? 0, ledger },
    messages: messages.map((m) => ({ bookingId: m.bookingId, ...m.message })),
    tags,
  };
}
export type CustomerDetail = NonNullable<Awaited<ReturnType<typeof customerDetail>>>;

/** The customer as the caller's policies show them, or undefined. */
export async function customerById(tx: Tx, orgId: string, id: string): Promise<{ id: string } | undefined> {
  const [row] = await tx.select({ id: t.customers.id }).from(t.customers).where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, id)));
  return row;
}
