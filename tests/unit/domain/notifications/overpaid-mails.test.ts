/**
 * The overpayment mails (`payment.overpaid`): a transfer's excess goes back by the studio's transfer,
 * so the customer is asked for an IBAN and the studio told to send it; a card or TWINT payment's excess
 * goes back to it by itself, so nobody is asked for anything. In every language.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overpaidMail, overpaidStaffMail } from '../../../../server/modules/notifications/domain/index.ts';

const LANGS = ['en', 'de', 'fr', 'it'] as const;
const base = {
  customer: { name: 'Ana Muster', email: 'ana@example.ch' }, studio: { name: 'Studio Flow' }, program: { title: 'EVOLVE' },
  amount: 43000, excess: 14000, currency: 'CHF', reference: 'test_pi_1', accountUrl: 'https://x.example/manage/t?refund=r1',
};

test('card or TWINT: the excess goes back to it by itself; no account asked for, nothing for the studio to do', () => {
  for (const lang of LANGS) {
    const mail = overpaidMail({ ...base, lang, refundKind: 'provider' });
    assert.match(mail.text, /430\.00/, lang);
    assert.match(mail.text, /140\.00/, lang);
    assert.match(mail.text, /TWINT/, lang);
    assert.doesNotMatch(mail.text, /IBAN|refund=r1/, lang);
    const staff = overpaidStaffMail({ ...base, lang, staffLang: lang, refundKind: 'provider' });
    assert.match(staff.text, /140\.00/, lang);
    assert.match(staff.text, /TWINT/, lang);
    assert.doesNotMatch(staff.text, /test_pi_1/, lang);
  }
  assert.equal(overpaidStaffMail({ ...base, lang: 'en', staffLang: 'en', refundKind: 'provider' }).subject, 'Overpayment refunded: Ana Muster, EVOLVE');
});

test('a transfer (and by default): the customer is asked for the account, the studio to record its outgoing transfer', () => {
  for (const lang of LANGS) {
    for (const refundKind of ['bank_transfer', undefined] as const) {
      const mail = overpaidMail({ ...base, lang, refundKind });
      assert.match(mail.text, /IBAN/, lang);
      assert.match(mail.text, /refund=r1/, lang);
      assert.match(overpaidStaffMail({ ...base, lang, staffLang: lang, refundKind }).text, /test_pi_1/, lang);
    }
  }
  assert.equal(overpaidStaffMail({ ...base, lang: 'en', staffLang: 'en' }).subject, 'Overpayment to refund: Ana Muster, EVOLVE');
});
