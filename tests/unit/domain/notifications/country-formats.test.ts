/**
 * The studio's mails and the settlement mails format amounts and dates for the studio's country
 * (issue 12): the studio's people read their language with their country's formats (`de-DE`:
 * `1.080,00 €`), customers theirs (`en-DE`, `de-CH`), as booking mails already did. Without a
 * country on file, Swiss formats as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLocale, formatMoney } from '../../../../shared/format.ts';
import {
  feeDeclinedMail, feeDeclinedStaffMail, overpaidMail, overpaidStaffMail, installmentOverdueStaffMail, latePaymentMail, latePaymentStaffMail, noShowMail,
  paymentReminderMail, reservationLapsedStaffMail, settlementParagraphs, staffCancellationMail, staffNoticeMail, homeworkUploadedMail,
  milestoneDueMail, refundGivenMail, type BookingMailBase, type SettlementMailData,
} from '../../../../server/modules/notifications/domain/index.ts';

const DE = formatLocale('de', 'DE');
const CH = formatLocale('de', 'CH');
const euros = (n: number) => formatMoney(n, 'EUR', DE);
const person = { name: 'Anna Keller', email: 'anna@example.de' };
const settlement: SettlementMailData = {
  currency: 'EUR', paid: 108000, refunds: [{ amount: 54000, provider: 'card' }, { amount: 10000, provider: 'bank_transfer' }], creditsBack: 0,
  fees: [{ seq: 2, rule: 'late_cancellation', fee: 27000 }], feeCollection: { amount: 5000, collection: 'balance' }, creditNote: { number: 'NORD-CN-2026-0001' },
};

test('the formats differ: a German studio writes 1.080,00 €, a Swiss one EUR 1\'080.00', () => {
  assert.equal(euros(108000), '1.080,00\u00a0€');
  assert.equal(formatMoney(108000, 'EUR', CH), "EUR\u00a01'080.00");
});

test('mails to a German studio\'s people: amounts and dates in de-DE', () => {
  const staff = { staffLang: 'de' as const, staffLocale: DE };
  const base = { lang: 'en' as const, customer: person, studio: { name: 'Atelier Nord' }, program: { title: 'Mobility Reset' }, variant: { name: '4 sessions' }, amount: 108000, currency: 'EUR' };
  const texts = [
    staffCancellationMail({ ...staff, customer: person, program: base.program, variant: base.variant, studio: base.studio, by: 'customer', fault: 'policy', settlement }).text,
    latePaymentStaffMail({ ...base, ...staff }).text,
    feeDeclinedStaffMail({ ...base, ...staff, variant: base.variant, reason: 'card_declined', payUrl: 'https://x.example/m' }).text,
    installmentOverdueStaffMail({ ...base, ...staff, zone: 'Europe/Berlin', dueAt: new Date('2026-12-15T09:00:00Z'), reason: 'card_declined', attempts: 3, nextAttemptAt: null, manageUrl: 'https://x.example/m' }).text,
    reservationLapsedStaffMail({ ...base, ...staff, zone: 'Europe/Berlin', instructor: { name: 'Jana' }, invoice: { number: 'NORD-2026-0001' }, until: new Date('2026-12-15T09:00:00Z') }).text,
    overpaidStaffMail({ ...base, ...staff, excess: 10000, reference: 'RF18539007547034', accountUrl: 'https://x.example/m?refund=r' }).text,
  ];
  for (const text of texts) {
    assert.ok(text.includes('1.080,00\u00a0€') || text.includes(euros(5000)) || text.includes(euros(10000)), text);
    assert.doesNotMatch(text, /EUR\s|1'080|1’080|\d\.\d\d\b(?!\d)/, text);
  }
  // The cancellation's figures: the card refund, the fee, the bank refund, what is still owed.
  for (const n of [54000, 27000, 10000, 5000]) assert.ok(texts[0]!.includes(euros(n)), `${euros(n)} in ${texts[0]}`);
});

test('the same mails without a studio country keep the Swiss formats', () => {
  const text = latePaymentStaffMail({ lang: 'de', staffLang: 'de', customer: person, studio: { name: 'Studio Flow' }, program: { title: 'EVOLVE' }, amount: 108000, currency: 'CHF' }).text;
  assert.ok(text.includes("CHF\u00a01'080.00"), text);
});

test('settlement and payment mails to a German studio\'s customers: amounts in de-DE', () => {
  const mail: BookingMailBase = {
    lang: 'de', locale: DE, zone: 'Europe/Berlin', customer: person, studio: { name: 'Atelier Nord' }, program: { title: 'Mobility Reset' },
    variant: { name: '4 sessions' }, instructor: { name: 'Jana' }, place: null, meetingUrl: null, manageUrl: 'https://x.example/m',
  };
  const texts = [
    noShowMail({ ...mail, session: { seq: 2, startsAt: new Date('2026-12-15T09:00:00Z') }, settlement }).text,
    refundGivenMail({ ...mail, amount: 108000, settlement }).text,
    latePaymentMail({ lang: 'de', locale: mail.locale, customer: person, studio: mail.studio, program: mail.program, amount: 108000, currency: 'EUR' }).text,
    overpaidMail({ lang: 'de', locale: mail.locale, customer: person, studio: mail.studio, program: mail.program, amount: 108000, excess: 10000, currency: 'EUR', reference: 'RF18539007547034', accountUrl: 'https://x.example/m?refund=r' }).text,
    feeDeclinedMail({ lang: 'de', locale: mail.locale, customer: person, studio: mail.studio, program: mail.program, variant: mail.variant, amount: 108000, currency: 'EUR', reason: 'card_declined', payUrl: 'https://x.example/m' }).text,
    paymentReminderMail({ lang: 'de', locale: mail.locale, zone: 'Europe/Berlin', customer: person, studio: mail.studio, program: mail.program, variant: mail.variant, instructor: { name: 'Jana' }, invoice: { number: 'NORD-2026-0001' }, amount: 108000, currency: 'EUR', until: new Date('2026-12-15T09:00:00Z') }).text,
  ];
  assert.ok(texts[0]!.includes(euros(54000)), texts[0]!);
  for (const t of texts.slice(1)) assert.ok(t.includes(euros(108000)), t);
  assert.deepEqual(settlementParagraphs('de', 'Atelier Nord', settlement, DE).filter((p) => /EUR|\d\.\d\d\b/.test(p)), [], 'settlement lines in de-DE');
});

test('dates in the staff notice, the homework mail and the milestone reminder follow the locale given', () => {
  const at = new Date('2026-12-15T13:05:00Z');
  const us = formatLocale('en', 'US');
  const notice = staffNoticeMail({ lang: 'en', locale: us, topic: 'new_booking', studio: 'S', program: 'P', customer: 'C', url: 'u', next: { startsAt: at, zone: 'America/New_York' } }).text;
  assert.match(notice, /December 15, 2026 at 08:05 AM/, notice);
  assert.match(notice, /08:05 AM, America\/New York \(UTC-5\)$/m, 'the zone named as every mail names it');
  const homework = homeworkUploadedMail({ lang: 'en', locale: us, zone: 'America/New_York', customer: 'C', program: 'P', milestone: 'M', filename: 'f.pdf', at, url: 'u' }).text;
  assert.match(homework, /December 15, 2026 at 08:05 AM/, homework);
  const milestone = milestoneDueMail({
    lang: 'en', locale: us, zone: 'America/New_York', customer: person, studio: { name: 'S' }, program: { title: 'P' }, variant: { name: 'V' }, instructor: { name: 'I' },
    place: null, meetingUrl: null, manageUrl: 'https://x.example/m', milestone: 'M', dueAt: at,
  }).text;
  assert.match(milestone, /December 15, 2026/, milestone);
});
