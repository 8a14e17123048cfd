import { $, byText, expect, expectAccessible, inStep, mountProgram, toPayment, type, useMockApi, waitFor } from './helpers/dom.ts';
import { http, HttpResponse } from 'msw';
import { API, callsTo, worker } from './helpers/mock-api.ts';
import { TandemCheckoutStep } from '../../widget/elements/tandem-program/steps/checkout/checkout-step.ts';

const text = (root: ParentNode, sel: string) => $(root, sel).textContent!.replace(/\s+/g, ' ');
const methodLabels = (pay: ShadowRoot) => [...pay.querySelectorAll('input[name="method"]')].map((i) => i.closest('label')!.textContent!.trim());

function choose(pay: ShadowRoot, label: string): void {
  byText(pay, 'label.choice', label)!.querySelector('input')!.click();
}

describe('payment choices that work, figures before committing, what was paid', () => {
  useMockApi();
  before(() => {
    TandemCheckoutStep.pollInterval = 20;
  });

  it('a deposit is offered only with the methods that carry its plan (card): TWINT and QR-bill go, and come back for paying in full', async () => {
    const el = await mountProgram('evolve');
    const pay = await toPayment(el);
    expect(methodLabels(pay)).to.deep.equal(['Card, Apple Pay or Google Pay', 'TWINT', 'Invoice with Swiss QR-bill (bank transfer)']);
    choose(pay, 'TWINT');
    choose(pay, 'Deposit of CHF');
    await waitFor(() => methodLabels(pay).length === 1, 'only the card');
    expect(methodLabels(pay)).to.deep.equal(['Card, Apple Pay or Google Pay']);
    await waitFor(() => ($(pay, 'input[name="method"]') as HTMLInputElement).checked, 'the card chosen');
    expect(text(pay, '#plan-hint')).to.contain('paid by card');
    await expectAccessible(el);
    choose(pay, 'Pay in full');
    await waitFor(() => methodLabels(pay).length === 3, 'every method again');
    byText(pay, 'button', 'Continue to payment')!.click();
    await waitFor(() => pay.querySelector('.test-mode'), 'test mode');
    expect(callsTo('POST', '/checkout').at(-1)!.body).to.deep.equal({ method: 'card', plan: 'full' });
  });

  it('Apply shows the discounted total before paying, and the plan with its dates; nothing is committed until Pay', async () => {
    const el = await mountProgram('evolve');
    const pay = await toPayment(el);
    await waitFor(() => callsTo('GET', '/quote').length === 1, 'the first figures');
    type($(pay, '#f-coupon'), 'spring50');
    (await waitFor(() => byText(pay, 'button:not([disabled])', 'Apply'), 'Apply'))!.click();
    await waitFor(() => pay.querySelector('.summary tr.discount'), 'the discount');
    const q = callsTo('GET', '/quote').at(-1)!;
    expect(q.query.get('coupon')).to.equal('spring50');
    expect(q.headers.get('tandem-booking-token')).to.equal('ct_secret');
    expect(text(pay, '.summary tr.discount')).to.contain('Code SPRING50').and.contain('−CHF 50.00');
    expect(text(pay, '.summary tr.total')).to.contain('CHF 1,150.00');
    choose(pay, 'Deposit of CHF');
    await waitFor(() => pay.querySelector('.summary ul.plan'), 'the plan');
    const plan = text(pay, '.summary ul.plan');
    expect(plan).to.contain('Due now: CHF 300.00').and.match(/Installment 3 on \d+ \w+ \d{4}: CHF 283\.33/);
    expect(callsTo('GET', '/quote').at(-1)!.query.get('coupon')).to.equal('spring50', 'the applied code stays with a new plan');
    expect(callsTo('POST', '/checkout').length).to.equal(0, 'nothing committed');
    await expectAccessible(el);
    byText(pay, 'button', 'Continue to payment')!.click();
    await waitFor(() => pay.querySelector('.test-mode'), 'test mode');
    expect(callsTo('POST', '/checkout').at(-1)!.body).to.deep.equal({ method: 'card', plan: 'deposit', coupon: 'spring50' });
  });

  it('a code that does not work is said on its field at Apply, in the form\'s language', async () => {
    const el = await mountProgram('evolve');
    const pay = await toPayment(el);
    el.setAttribute('lang', 'de');
    await waitFor(() => byText(pay, 'legend', 'Zahlungsart'), 'German');
    type($(pay, '#f-coupon'), 'OLD');
    (await waitFor(() => byText(pay, 'button:not([disabled])', 'Anwenden'), 'Anwenden'))!.click();
    await waitFor(() => pay.querySelector('#f-coupon-err'), 'coupon error');
    expect($(pay, '#f-coupon-err').textContent).to.contain('abgelaufen');
    expect(pay.querySelector('.summary tr.discount')).to.equal(null);
    expect(callsTo('GET', '/quote').at(-1)!.headers.get('accept-language')).to.match(/^de/);
  });

  it('the confirmation after a deposit says what was paid, by which method, and what is due when', async () => {
    const el = await mountProgram('evolve');
    const pay = await toPayment(el);
    choose(pay, 'Deposit of CHF');
    byText(pay, 'button', 'Continue to payment')!.click();
    const box = await waitFor(() => pay.querySelector('.test-mode'), 'test mode');
    byText(box, 'button', 'Pay (test: succeeds)')!.click();
    const done = await inStep(el, 'confirmation');
    const paid = text(done, '[part="payment-summary"]');
    expect(paid).to.contain('Paid now: CHF 300.00 (Card, Apple Pay or Google Pay)');
    expect(paid).to.contain('Still due: CHF 900.00');
    expect(paid).to.match(/Installment 1 on \d+ \w+ \d{4}: CHF 300\.00/);
    expect(paid).to.contain('charged to the same card');
    await expectAccessible(el);
  });

  it('after class credits the confirmation says so, not "Total CHF 0.00"', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    choose(pay, 'Class credits (1)');
    byText(pay, 'button', 'Continue to payment')!.click();
    const done = await inStep(el, 'confirmation');
    expect(text(done, '[part="payment-summary"]')).to.contain('Paid with 1 class credit').and.not.contain('CHF');
  });

  it('after a QR-bill the confirmation says what is due by when, by bank transfer', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    choose(pay, 'QR-bill');
    byText(pay, 'button', 'Continue to payment')!.click();
    const done = await inStep(el, 'confirmation');
    expect(text(done, '[part="payment-summary"]')).to.match(/Due by \d+ \w+ \d{4}: CHF 120\.00, by bank transfer/);
  });
});

describe('a declined test payment', () => {
  useMockApi();

  it('says ours and the provider\'s sentence one after the other, no brackets inside brackets', async () => {
    worker.use(
      http.post(`${API}/v1/embed/bookings/:id/test-payments`, () =>
        HttpResponse.json({ booking: { last_payment: { status: 'failed', failure_reason: 'Your card was declined. (test mode)' } } }),
      ),
    );
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    byText(pay, 'button', 'Continue to payment')!.click();
    const box = await waitFor(() => pay.querySelector('.test-mode'), 'test mode');
    byText(box, 'button', 'Simulate a failed payment')!.click();
    const notice = await waitFor(() => box.querySelector('[role="alert"]'), 'the failure');
    const said = notice.textContent!.replace(/\s+/g, ' ').trim();
    expect(said).to.contain('did not go through').and.contain('Your card was declined.');
    expect(said).to.not.match(/\([^)]*\(/);
  });
});
