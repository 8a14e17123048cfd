/**
 * <tandem-portal>'s bank refund form in Chromium against a fake portal API (msw): a cancelled QR-bill
 * booking whose CHF 140 goes back by bank; the mails' deep link (`refund="<id>"`) focuses the form; a
 * wrong IBAN refused by the API (400 with `errors` on `iban`) said beside that field, the form kept; then
 * saved by keyboard, the account shown by its last four; once transferred, where it went. de/fr/it words;
 * axe-clean in each state.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { startMocks, worker } from './helpers/mock-api.ts';
import { waitFor } from './helpers/dom.ts';
import type { TandemPortal } from '../../widget/elements/tandem-portal/tandem-portal.ts';
import '../../widget/entries/tandem-portal.ts';

const ID = '11111111-1111-4111-8111-111111111111';
const REFUND = '77777777-7777-4777-8777-777777777777';
const TOKEN = 'M'.repeat(43);
const bankRefund = (over: object = {}) => ({ id: REFUND, amount: { amount: 14000, currency: 'CHF' }, status: 'pending', account: null, give_account: true, ...over });
const detail = (refund: object) => ({
  id: ID, status: 'cancelled', program: { slug: 'reiki', title: 'Reiki' }, variant: { name: 'One session' },
  instructor: { id: '33333333-3333-4333-8333-333333333333', name: 'Noemi Frei' },
  next_session: null, sessions_to_schedule: 0, sessions_count: 1, total_price: { amount: 14000, currency: 'CHF' },
  sessions: [{ id: '22222221-2222-4222-8222-222222222222', seq: 1, starts_at: '2030-03-06T07:00:00.000Z', ends_at: '2030-03-06T08:00:00.000Z', timezone: 'Europe/Zurich', state: 'cancelled', revision: 0, change_deadline: null, actions: { reschedule: false, cancel: false } }],
  milestones: [],
  money: {
    order_id: '55555555-5555-4555-8555-555555555555', status: 'cancelled', total: { amount: 14000, currency: 'CHF' }, paid: { amount: 14000, currency: 'CHF' },
    refunded: { amount: 0, currency: 'CHF' }, balance_due: { amount: 0, currency: 'CHF' }, payments: [], plan: null, invoices: [], credit_notes: [],
    bank_refunds: [refund],
  },
  policy: { free_cancel_hours: 48, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 },
  actions: { schedule_sessions: false, reschedule_series: false, cancel: false, message: true },
});

const posted: unknown[] = [];
const api = (refund: object) => [
  http.get('*/v1/portal/bookings', () => HttpResponse.json({ bookings: [detail(refund)] })),
  http.get(`*/v1/portal/bookings/${ID}`, () => HttpResponse.json(detail(refund))),
  http.get(`*/v1/portal/bookings/${ID}/messages`, () => HttpResponse.json({ messages: [] })),
  http.get('*/v1/portal/referral', () => HttpResponse.json({ code: null, link: null, referee_discount_bp: null, reward_credits: null, reward: null, rewards: [] })),
  http.post(`*/v1/portal/bookings/${ID}/refunds/${REFUND}/account`, async ({ request }) => {
    const body = await request.json() as { account_holder: string; iban: string };
    posted.push(body);
    if (body.iban.replace(/\s/g, '') !== 'CH9300762011623852957') {
      return HttpResponse.json({ type: 'about:blank', title: 'Invalid request', status: 400, code: 'validation_failed', detail: 'iban: check digits do not match',
        errors: [{ field: 'iban', message: 'check digits do not match' }] }, { status: 400, headers: { 'Content-Type': 'application/problem+json' } });
    }
    return HttpResponse.json({ refund: { id: REFUND, amount: 14000, currency: 'CHF', status: 'pending', account_holder: body.account_holder.trim(), iban_last4: '2957', account_given_at: '2030-03-02T08:00:00.000Z' } });
  }),
];
const form = (el: TandemPortal) => el.shadowRoot!.querySelector('tandem-portal-refund-account');
const inner = (el: TandemPortal) => form(el)?.shadowRoot ?? null;
const mount = async (lang: string, refund: object = bankRefund()) => {
  worker.resetHandlers(...api(refund));
  const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} booking=${ID} refund=${REFUND} lang=${lang}></tandem-portal>`);
  await waitFor(() => inner(el)?.querySelector('h4'), 'the refund form');
  return el;
};
/** Text with the no-break spaces of number formats as plain spaces. */
const flat = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const type = async (input: HTMLInputElement, text: string) => {
  input.focus();
  input.select();
  await sendKeys({ type: text });
};

describe('<tandem-portal> bank refund account', () => {
  before(async () => { await startMocks(); });
  beforeEach(() => { posted.length = 0; });
  after(() => worker.stop());

  it('the deep link focuses the form; a wrong IBAN is said beside its field and the form kept; saved by keyboard; axe-clean', async () => {
    const el = await mount('en');
    const root = inner(el)!;
    expect(flat(root.querySelector('h4')!.textContent!)).to.equal('Refund of CHF 140.00 by bank transfer');
    const holder = root.querySelector<HTMLInputElement>('#holder')!;
    const iban = root.querySelector<HTMLInputElement>('#iban')!;
    await waitFor(() => root.activeElement === holder, 'the account holder focused by the deep link');
    await expect(el).to.be.accessible();

    await type(holder, 'Anna Muster');
    await type(iban, 'CH93 0076 2011 6238 5295 8');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => root.querySelector('#iban-error'), 'the IBAN refusal');
    expect(root.querySelector('#iban-error')!.textContent).to.equal('This IBAN is not valid: check it against your bank statement.');
    expect(iban.getAttribute('aria-invalid')).to.equal('true');
    expect(iban.getAttribute('aria-describedby')).to.equal('iban-hint iban-error');
    expect(holder.getAttribute('aria-invalid')).to.equal('false');
    expect(root.activeElement).to.equal(iban);
    expect(holder.value).to.equal('Anna Muster');
    await expect(el).to.be.accessible();

    await type(iban, 'CH93 0076 2011 6238 5295 7');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => root.querySelector('[role="status"]')!.textContent!.includes('2957'), 'the saved state');
    expect(root.querySelector('[role="status"]')!.textContent).to.equal('Saved: the refund goes to Anna Muster, IBAN ending 2957.');
    expect(root.querySelector('#iban-error')).to.equal(null);
    expect(root.textContent!.replace(/\s+/g, ' ')).to.include('It goes to Anna Muster, IBAN ending 2957.');
    expect(posted).to.deep.equal([
      { account_holder: 'Anna Muster', iban: 'CH93 0076 2011 6238 5295 8' },
      { account_holder: 'Anna Muster', iban: 'CH93 0076 2011 6238 5295 7' },
    ]);
    await expect(el).to.be.accessible();
  });

  it('transferred: where it went, no form', async () => {
    const el = await mount('en', bankRefund({ status: 'succeeded', give_account: false, account: { holder: 'Anna Muster', iban_last4: '2957', given_at: '2030-03-02T08:00:00.000Z' } }));
    const root = inner(el)!;
    expect(root.querySelector('form')).to.equal(null);
    expect(root.textContent!.replace(/\s+/g, ' ')).to.include('Transferred to Anna Muster, IBAN ending 2957.');
    await expect(el).to.be.accessible();
  });

  for (const [lang, heading, label, button] of [
    ['de', 'Rückerstattung von 140,00 CHF per Banküberweisung', 'Kontoinhaber', 'Konto speichern'],
    ['fr', 'Remboursement de 140,00 CHF par virement bancaire', 'Titulaire du compte', 'Enregistrer le compte'],
    ['it', 'Rimborso di 140,00 CHF con bonifico bancario', 'Titolare del conto', 'Salvare il conto'],
  ] as const) {
    it(`in ${lang}: its own words`, async () => {
      const el = await mount(lang);
      const root = inner(el)!;
      expect(flat(root.querySelector('h4')!.textContent!)).to.equal(heading);
      expect(root.querySelector('label[for="holder"]')!.textContent).to.equal(label);
      expect(root.querySelector('button[type="submit"]')!.textContent!.trim()).to.equal(button);
      await expect(el).to.be.accessible();
    });
  }
});
