/**
 * Short links in mails (issue 12, polish): in every mail builder's HTML part a link shows short words
 * (never a URL) and no URL is visible text; in the plain-text part every URL stands alone on its line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as mails from '../../../../server/modules/notifications/domain/index.ts';
import { linkLines, toHtml } from '../../../../server/modules/notifications/domain/index.ts';

const at = new Date('2026-12-10T09:00:00Z');
const end = new Date('2026-12-10T10:00:00Z');
const session = { seq: 1, startsAt: at, endsAt: end };
const U = (p: string) => `https://tandem.example/${p}/tok_3f9a8c7e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a`;

/** One generous fixture that every builder reads what it needs from. */
function fixture(lang: mails.Lang) {
  return {
    lang, staffLang: lang, zone: 'Europe/Zurich',
    customer: { name: 'Anna Muster', email: 'anna@example.com' }, studio: { name: 'Studio Flow' },
    program: { title: 'Yoga' }, variant: { name: '5 sessions' }, instructor: { name: 'Maya' },
    place: 'Langstrasse 120, 8004 Zürich', meetingUrl: U('meet'), manageUrl: U('manage'),
    sessions: [session], session, scheduled: [session], toSchedule: 2, validUntil: end,
    money: { currency: 'CHF', total: 14000, paid: 4000, installments: [{ dueAt: end, amount: 10000 }] },
    invoice: { number: 'FLOW-2026-0001', url: U('invoice') }, holdUntil: end,
    threadUrl: U('thread'), payUrl: U('pay'), reviewUrl: U('review'), accountUrl: U('account'), url: U('console'),
    amount: 5000, currency: 'CHF', reason: 'card declined', dueAt: end, nextAttempt: end, at,
    milestone: 'Week 1', filename: 'essay.pdf', inviter: 'Lea', role: 'manager', code: '123456', studios: ['Studio Flow'],
    recipient: 'Anna Muster', from: 'Maya', bodies: ['See you on Tuesday.'],
    settlement: {
      currency: 'CHF', paid: 14000, refunds: [{ amount: 4000, provider: 'stripe' }, { amount: 2000, provider: 'bank_transfer' }], creditsBack: 0, fees: [], feeCollection: null,
      creditNote: { number: 'FLOW-2026-0002' }, refundAccountUrl: `${U('manage')}?refund=0f1a0000-0000-4000-8000-00000000beef`,
    },
  };
}

/** Builders that take names as plain strings (the homework and messages mails). */
const flat = (lang: mails.Lang) => ({ ...fixture(lang), customer: 'Anna Muster', program: 'Yoga', studio: 'Studio Flow' });

const builders = Object.entries(mails).filter(([name, f]) => /Mail$/.test(name) && typeof f === 'function') as [string, (d: unknown) => unknown][];

test('every mail builder: no URL is link text or visible text in HTML, and every URL stands alone on its line in the text', () => {
  assert.ok(builders.length >= 20, `found ${builders.length} builders`);
  let linked = 0;
  const built = new Set<string>();
  for (const lang of ['en', 'de', 'fr', 'it'] as const) {
    for (const [name, build] of builders) {
      let mail: { text: string; html: string };
      try { mail = build(fixture(lang)) as typeof mail; } catch {
        try { mail = build(flat(lang)) as typeof mail; } catch { continue; }
      }
      if (!mail || typeof mail.html !== 'string') continue;
      built.add(name);
      for (const m of mail.html.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)) {
        linked++;
        assert.doesNotMatch(m[1]!, /https?:|www\.|tok_|\/\//, `${name} (${lang}) shows a URL as link text: ${m[0]}`);
        assert.ok(m[1]!.trim().length > 0, `${name} (${lang}): empty link text`);
        assert.notEqual(m[1]!.trim(), 'Link', `${name} (${lang}): no words lead to the link and it has no label`);
      }
      const visible = mail.html.replace(/<[^>]*>/g, '');
      assert.doesNotMatch(visible, /https?:\/\//, `${name} (${lang}) shows a raw URL in its HTML part`);
      for (const line of mail.text.split('\n')) {
        const url = /https?:\/\/\S+/.exec(line);
        if (url) assert.equal(line.trim(), url[0], `${name} (${lang}): a URL not alone on its line: "${line}"`);
      }
    }
  }
  assert.ok(built.size >= 29, `builders that composed a mail from the fixture: ${built.size}`);
  assert.ok(linked >= 40, `links checked: ${linked}`);
});

test('a bare link takes the words leading to it; a labelled link its label; a full stop after a URL leaves it', () => {
  const text = 'Manage your booking: https://t.example/m/1\n\nIt is owed. You can pay it here: https://t.example/p/1. Or reply.';
  assert.equal(linkLines(text), 'Manage your booking:\nhttps://t.example/m/1\n\nIt is owed. You can pay it here:\nhttps://t.example/p/1\nOr reply.');
  const html = toHtml(text, ['https://t.example/m/1', { url: 'https://t.example/p/1', label: 'Pay now' }]);
  assert.match(html, /<p><a href="https:\/\/t\.example\/m\/1">Manage your booking<\/a><\/p>/);
  assert.match(html, /You can pay it here:<br><a href="https:\/\/t\.example\/p\/1">Pay now<\/a><br>Or reply\./);
  assert.doesNotMatch(toHtml('Pay: https://evil.example/x', []), /<a /, 'only the mail\'s own URLs become links');
});

test('no mail leaves a placeholder unfilled, the late payment of a voided reservation included', () => {
  const seen: string[] = [];
  for (const lang of ['en', 'de', 'fr', 'it'] as const) {
    const variants = [fixture(lang), { ...fixture(lang), voided: true }];
    for (const [name, build] of builders) {
      for (const data of variants) {
        let mail: { text: string; html: string } | undefined;
        try { mail = build(data) as typeof mail; } catch {
          try { mail = build(flat(lang)) as typeof mail; } catch { continue; }
        }
        if (!mail || typeof mail.text !== 'string') continue;
        for (const m of `${mail.text}\n${mail.html}`.matchAll(/\{[a-z_]+\}/g)) seen.push(`${name} (${lang}): ${m[0]}`);
      }
    }
  }
  assert.deepEqual(seen, []);
});

test('a cancellation or no-show that returns money by bank links to the refund account form: its label in HTML, the address alone on its line in the text', () => {
  const form = `${U('manage')}?refund=0f1a0000-0000-4000-8000-00000000beef`;
  const labels = { en: 'Give your account for the refund', de: 'Konto für die Rückerstattung angeben', fr: 'Indiquer votre compte pour le remboursement', it: 'Indicare il conto per il rimborso' };
  for (const lang of ['en', 'de', 'fr', 'it'] as const) {
    for (const build of [mails.bookingCancelledMail, mails.noShowMail] as ((d: unknown) => { text: string; html: string })[]) {
      const mail = build({ ...fixture(lang), calendarAttached: false, paid: { amount: 14000, currency: 'CHF' } });
      assert.ok(mail.text.split('\n').includes(form), `${lang}: the form's address alone on its line`);
      assert.ok(mail.html.includes(`<a href="${form.replace(/&/g, '&amp;')}">${labels[lang]}</a>`), `${lang}: ${mail.html}`);
      assert.doesNotMatch(mail.text, /reply to this mail|antworten Sie auf diese Mail|répondre à ce mail|Risponda a questa mail/);
    }
    // Without the form's address (a refund by card only, or no link): no link, the reply asked for as before.
    const noForm = fixture(lang);
    const plain = mails.bookingCancelledMail({ ...noForm, calendarAttached: false, paid: null, settlement: { ...noForm.settlement, refundAccountUrl: null } } as never) as { text: string };
    assert.ok(!plain.text.includes('?refund='));
  }
});
