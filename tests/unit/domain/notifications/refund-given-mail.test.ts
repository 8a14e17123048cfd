/**
 * The customer's mail after staff refunded money while the booking goes on, in en/de/fr/it: how much
 * and for what, that the booking stays, how the money goes back; a bank refund with the portal's form
 * for the account as its own link; the credit note named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, refundGivenMail, type BookingMailBase, type SettlementMailData } from '../../../../server/modules/notifications/domain/index.ts';

const base = (lang: 'en' | 'de' | 'fr' | 'it'): BookingMailBase => ({
  lang, zone: 'Europe/Zurich', customer: { name: 'Ana Muster', email: 'ana@example.ch' }, studio: { name: 'Studio Flow' }, program: { title: 'Reiki' },
  variant: { name: 'Single' }, instructor: { name: 'Noemi' }, place: null, meetingUrl: null, manageUrl: 'https://api.example/manage/tok',
});
const bank: SettlementMailData = {
  currency: 'CHF', paid: 5000, refunds: [{ amount: 5000, provider: 'bank_transfer' }], creditsBack: 0, fees: [], feeCollection: null,
  creditNote: { number: 'FLOW-CN-2026-0003' }, refundAccountUrl: 'https://api.example/manage/tok?refund=r1',
};

const said = {
  en: ['Refund for Reiki', 'Studio Flow has refunded {amount} of what you paid for Reiki (Single). Your booking stays as it is.'],
  de: ['Rückerstattung für Reiki', 'Studio Flow hat Ihnen {amount} von dem zurückerstattet, was Sie für Reiki (Single) bezahlt haben. Ihre Buchung bleibt, wie sie ist.'],
  fr: ['Remboursement pour Reiki', 'Studio Flow vous a remboursé {amount} sur ce que vous avez payé pour Reiki (Single). Votre réservation reste inchangée.'],
  it: ['Rimborso per Reiki', 'Studio Flow le ha rimborsato {amount} di quanto pagato per Reiki (Single). La sua prenotazione resta invariata.'],
} as const;

for (const lang of ['en', 'de', 'fr', 'it'] as const) {
  test(`a bank refund given by staff, in ${lang}: the intro, the account form as a link of its own, the credit note`, () => {
    const mail = refundGivenMail({ ...base(lang), amount: 5000, settlement: bank });
    assert.equal(mail.subject, said[lang][0]);
    assert.ok(mail.text.includes(said[lang][1].replace('{amount}', formatMoney(5000, 'CHF', lang))), mail.text);
    assert.ok(mail.text.split('\n').includes('https://api.example/manage/tok?refund=r1'), 'the form\'s address alone on its line');
    assert.ok(mail.html.includes('href="https://api.example/manage/tok?refund=r1"'), 'linked in HTML');
    assert.ok(mail.text.includes('FLOW-CN-2026-0003'), 'the credit note named');
    assert.ok(mail.text.includes('https://api.example/manage/tok\n') || mail.text.endsWith('https://api.example/manage/tok') || /manage\/tok(\s|$)/.test(mail.text), 'the manage link');
  });
}

test('a card refund has no account form', () => {
  const mail = refundGivenMail({ ...base('en'), amount: 5000, settlement: { ...bank, refunds: [{ amount: 5000, provider: 'card' }], refundAccountUrl: null } });
  assert.doesNotMatch(mail.text, /refund=/);
  assert.match(mail.text, /to the card or TWINT account you paid with/);
});
