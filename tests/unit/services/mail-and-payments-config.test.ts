import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { paymentsFromEnv } from '../../../server/platform/adapters/payments/from-env.ts';
import { mailerFromEnv } from '../../../server/platform/adapters/mail/mailer.ts';
import { bookingCancelledMail, confirmationMail, sessionMovedMail, installmentFailedMail, installmentOverdueMail, installmentOverdueStaffMail, qrBillMail, type BookingMailData } from '../../../server/modules/notifications/domain/booking-mails.ts';
import type { Lang } from '../../../shared/format.ts';

describe('payments and mail from the environment', () => {
  test('no Stripe key: the test processor — but never in production', () => {
    assert.equal(paymentsFromEnv({}).kind, 'test');
    assert.throws(() => paymentsFromEnv({ NODE_ENV: 'production' }), /STRIPE_SECRET_KEY must be set in production/);
  });
  test('a Stripe key needs the webhook secret; test keys are test mode', () => {
    assert.throws(() => paymentsFromEnv({ STRIPE_SECRET_KEY: 'sk_test_x' }), /STRIPE_WEBHOOK_SECRET/);
    const p = paymentsFromEnv({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_PUBLISHABLE_KEY: 'pk_test_x', NODE_ENV: 'production' });
    assert.deepEqual([p.kind, p.testMode, p.publishableKey], ['stripe', true, 'pk_test_x']);
    assert.equal(paymentsFromEnv({ STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' }).testMode, false);
  });
  test('SMTP_URL: SMTP; none: the local outbox', () => {
    assert.equal(mailerFromEnv({}).kind, 'local');
    assert.equal(mailerFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' }).kind, 'smtp');
  });
});

describe('booking mails in four languages', () => {
  const data = (lang: Lang): BookingMailData => ({
    lang, zone: 'Europe/Zurich', customer: { name: 'Ana', email: 'ana@example.ch' }, studio: { name: 'Studio Flow' },
    program: { title: 'EVOLVE' }, variant: { name: '8-session pack' }, instructor: { name: 'Mara Keller' },
    sessions: [{ seq: 1, startsAt: new Date('2026-03-28T09:00:00Z'), endsAt: new Date('2026-03-28T10:00:00Z') }, { seq: 2, startsAt: new Date('2026-04-04T08:00:00Z'), endsAt: new Date('2026-04-04T09:00:00Z') }],
    toSchedule: 6, place: 'Studio Flow, Langstrasse 120, 8004 Zürich', meetingUrl: 'https://meet.example/evolve',
    money: { currency: 'CHF', total: 108000, paid: 30000, installments: [{ dueAt: new Date('2026-04-25T08:00:00Z'), amount: 26000 }] },
    manageUrl: 'https://api.example/manage/t', invoice: { number: 7, url: 'https://api.example/i.pdf' },
  });
  for (const lang of ['en', 'de', 'fr', 'it'] as const) {
    test(`${lang}: every placeholder filled, both sessions at 10:00 local across the DST change, money and links`, () => {
      const d = data(lang);
      const installment = { lang, zone: d.zone, customer: d.customer, studio: d.studio, program: d.program, amount: 26000, currency: 'CHF', dueAt: new Date('2026-04-25T08:00:00Z'), reason: 'declined', attempts: 3, nextAttemptAt: new Date('2026-04-28T08:00:00Z'), manageUrl: d.manageUrl };
      const moved = sessionMovedMail({ ...d, session: d.sessions[1]!, previousStart: new Date('2026-04-03T08:00:00Z') });
      const cancelled = bookingCancelledMail({ ...d, sessions: d.sessions, calendarAttached: true, paid: { amount: 30000, currency: 'CHF' } });
      const mails = [confirmationMail(d), qrBillMail({ ...d, invoice: { number: 7 }, holdUntil: new Date('2026-03-20T08:00:00Z') }), installmentFailedMail(installment), installmentOverdueMail(installment), installmentOverdueStaffMail({ ...installment, staffLang: lang }), moved, cancelled];
      for (const m of mails) {
        assert.doesNotMatch(m.subject + m.text, /\{\w+\}/, 'no placeholder left');
        assert.match(m.html, /^<!doctype html>/);
      }
      const text = mails[0]!.text;
      assert.equal(text.match(/10:00/g)?.length, 2, 'local times, before and after the DST change');
      assert.match(text, /300\.00/);
      assert.match(text, /780\.00/);
      assert.match(text, /https:\/\/api\.example\/manage\/t/);
      assert.match(text, /https:\/\/meet\.example\/evolve/);
      assert.match(text, /\b6\b/);
      assert.equal(moved.text.match(/10:00/g)?.length, 2, 'the new and the previous time, local');
      assert.match(moved.subject, /EVOLVE/);
      assert.match(moved.text, /https:\/\/api\.example\/manage\/t/);
      assert.equal(cancelled.text.match(/10:00/g)?.length, 2, 'both cancelled sessions listed');
      assert.match(cancelled.text, /300\.00/, 'what was paid');
      assert.match(cancelled.text, /cancel-…\.ics/);
      assert.doesNotMatch(bookingCancelledMail({ ...d, sessions: [], calendarAttached: false, paid: null }).text, /cancel-…\.ics|300\.00/);
    });
  }
});
