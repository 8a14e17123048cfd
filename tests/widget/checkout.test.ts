import { oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import {
  $,
  activeElement,
  byText,
  expect,
  expectAccessible,
  fillDetails,
  inStep,
  mountProgram,
  toDetails,
  toPayment,
  type,
  useMockApi,
  waitFor,
} from './helpers/dom.ts';
import { API, callsTo, db, problem, slotsFor, worker } from './helpers/mock-api.ts';
import { IDS } from './helpers/fixtures.ts';
import { TandemCheckoutStep } from '../../widget/elements/tandem-program/steps/checkout/checkout-step.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function chooseMethod(step: ShadowRoot, label: string): void {
  byText(step, 'label.choice', label)!.querySelector('input')!.click();
}

describe('details and checkout', () => {
  useMockApi();
  before(() => {
    TandemCheckoutStep.pollInterval = 20;
  });

  it('reserves with the documented body and headers, then pays in TEST MODE and confirms', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}&utm_source=newsletter&gclid=abc123`);
    const el = await mountProgram('evolve');
    const booked = oneEvent(el, 'tandem:booked');
    const pay = await toPayment(el);
    const post = callsTo('POST', '/v1/embed/bookings')[0]!;
    expect(post.headers.get('idempotency-key')).to.match(UUID);
    expect(post.headers.get('authorization')).to.equal('Bearer pk_test_flow');
    const body = post.body as Record<string, any>;
    expect(body.program).to.equal('evolve');
    expect(body.variant).to.equal(IDS.pack);
    expect(body.customer).to.deep.equal({ name: 'Ana Muster', email: 'ana@example.ch', locale: 'en', timezone: 'Europe/Zurich' });
    expect(body.sessions).to.deep.equal({ mode: 'cadence', first_start: el.state.firstSlot!.start });
    expect(body.instructor).to.equal(el.state.firstSlot!.instructor.id);
    expect(body.intake).to.include({ goals: 'More flexibility and less back pain', consent: true });
    expect(body.source).to.include({ utm_source: 'newsletter', gclid: 'abc123' });
    // reserved: countdown, plan and method
    await waitFor(() => activeElement()?.tagName === 'H2', 'focus on the payment heading');
    expect($(pay, '.hold').textContent).to.match(/held for 1[45]:\d\d/);
    expect(byText(pay, 'label.choice', 'Pay in full')!.textContent).to.contain('1,200.00');
    expect(byText(pay, 'label.choice', 'Deposit of CHF')!.textContent).to.contain('300.00').and.contain('3 installments');
    expect(pay.querySelectorAll('ol.sessions, .summary li').length).to.equal(8);
    await expectAccessible(el);
    byText(pay, 'button', 'Continue to payment')!.click();
    const box = await waitFor(() => pay.querySelector('.test-mode'), 'test mode box');
    expect(box.textContent).to.contain('TEST MODE');
    const checkout = callsTo('POST', '/checkout')[0]!;
    expect(checkout.body).to.deep.equal({ method: 'card', plan: 'full' });
    expect(checkout.headers.get('tandem-booking-token')).to.equal('ct_secret');
    expect(checkout.headers.get('idempotency-key')).to.match(UUID);
    await expectAccessible(el);
    byText(box, 'button', 'Pay (test: succeeds)')!.click();
    const done = await inStep(el, 'confirmation');
    expect(callsTo('POST', '/test-payments')[0]!.body).to.deep.equal({ outcome: 'succeed' });
    expect(callsTo('GET', `/v1/embed/bookings/${IDS.booking}`)[0]!.headers.get('tandem-booking-token')).to.equal('ct_secret');
    expect($(done, 'h2').textContent).to.contain('You are booked!');
    const links = [...done.querySelectorAll<HTMLAnchorElement>('a[download]')];
    expect(links.length).to.equal(9);
    expect(links[0]!.href).to.match(/^data:text\/calendar/);
    expect(decodeURIComponent(links[0]!.href)).to.contain('BEGIN:VEVENT').and.contain('EVOLVE coaching');
    expect(links[0]!.getAttribute('aria-label')).to.match(/^Add to calendar: session 1, \w+day, \d+ \w+ \d{4}$/);
    expect(done.textContent).to.contain('The link to manage your booking is in the email.');
    const ev = await booked;
    expect(ev.detail).to.deep.include({ booking_id: IDS.booking, status: 'confirmed', program: 'evolve', variant: IDS.pack, method: 'card' });
    expect(ev.detail.total).to.deep.equal({ amount: 120000, currency: 'CHF' });
    expect(ev.detail.sessions.length).to.equal(8);
    await expectAccessible(el);
  });

  it('a failed test payment keeps the booking reserved and says why; paying again confirms', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    byText(pay, 'button', 'Continue to payment')!.click();
    const box = await waitFor(() => pay.querySelector('.test-mode'), 'test mode');
    const err = oneEvent(el, 'tandem:error');
    byText(box, 'button', 'Simulate a failed payment')!.click();
    expect((await err).detail).to.include({ code: 'payment_failed', step: 'checkout' });
    await waitFor(() => box.querySelector('[role="alert"]'), 'failure message');
    expect(box.textContent).to.contain('did not go through');
    expect(db.status).to.equal('reserved');
    byText(box, 'button', 'Pay (test: succeeds)')!.click();
    await inStep(el, 'confirmation');
  });

  it('pays with class credits: confirmed at once', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    chooseMethod(pay, 'Class credits (1)');
    byText(pay, 'button', 'Continue to payment')!.click();
    const done = await inStep(el, 'confirmation');
    expect(callsTo('POST', '/checkout')[0]!.body).to.deep.equal({ method: 'credits', plan: 'full' });
    expect(callsTo('POST', '/test-payments').length).to.equal(0);
    expect($(done, 'h2').textContent).to.contain('You are booked!');
  });

  it('QR-bill: shows the invoice link and how long the times stay reserved', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    chooseMethod(pay, 'QR-bill');
    const booked = oneEvent(el, 'tandem:booked');
    byText(pay, 'button', 'Continue to payment')!.click();
    const done = await inStep(el, 'confirmation');
    const link = $(done, '[part="invoice"] a') as HTMLAnchorElement;
    expect(link.href).to.equal(`${API}/v1/embed/invoices/FLOW-2026-0007.pdf`);
    expect(link.textContent).to.contain('Download invoice FLOW-2026-0007 (PDF)');
    expect(done.textContent).to.contain('Your times are reserved until');
    expect($(done, 'h2').textContent).to.contain('Reserved');
    expect((await booked).detail).to.include({ status: 'reserved', method: 'qr_bill' });
    await expectAccessible(el);
  });

  it('deposit plan and coupon errors', async () => {
    worker.use(
      http.post(`${API}/v1/embed/bookings/:id/checkout`, async ({ request }) => {
        const body = (await request.clone().json()) as { coupon?: string };
        if (body.coupon === 'OLD') return problem(400, 'coupon_expired', { detail: 'This coupon has expired', errors: [{ field: 'coupon', message: 'This coupon has expired' }] });
        return undefined;
      }),
    );
    const el = await mountProgram('evolve');
    const pay = await toPayment(el);
    byText(pay, 'label.choice', 'Deposit of CHF')!.querySelector('input')!.click();
    type($(pay, '#f-coupon'), 'OLD');
    byText(pay, 'button', 'Continue to payment')!.click();
    await waitFor(() => pay.querySelector('#f-coupon-err'), 'coupon error');
    expect($(pay, '#f-coupon-err').textContent).to.contain('expired');
    expect($(pay, '#f-coupon').getAttribute('aria-invalid')).to.equal('true');
    type($(pay, '#f-coupon'), '');
    byText(pay, 'button', 'Continue to payment')!.click();
    await waitFor(() => pay.querySelector('.test-mode'), 'test mode');
    expect(callsTo('POST', '/checkout').at(-1)!.body).to.deep.equal({ method: 'card', plan: 'deposit' });
    const summary = $(pay, '[part="summary"]').textContent!.replace(/\s+/g, ' ');
    expect(summary).to.contain('Due now: CHF 300.00').and.match(/Installment 3 on \d+ \w+ \d{4}: CHF 300\.00/);
    await expectAccessible(el);
  });

  it('409 slot_taken: back to the times, collisions shown with alternatives, booked with the chosen ones', async () => {
    const el = await mountProgram('evolve');
    const details = await toDetails(el);
    await fillDetails(details);
    // the third weekly session collides; the server offers two alternatives
    const first = el.state.firstSlot!;
    const third = new Date(Date.parse(first.start) + 14 * 86400000).toISOString();
    const altDay = new Date(Date.parse(third) + 86400000).toISOString().slice(0, 10);
    const alt = slotsFor('evolve', altDay, altDay, 'Europe/Zurich').days[0]!.slots;
    let taken = true;
    worker.use(
      http.post(`${API}/v1/embed/bookings`, () =>
        taken
          ? problem(409, 'slot_taken', { conflicts: [{ start: third, alternatives: alt.slice(0, 2).map(({ start, end, instructor }) => ({ start, end, instructor })) }] })
          : undefined,
      ),
    );
    const err = oneEvent(el, 'tandem:error');
    $(details, 'button[type="submit"]').click();
    expect((await err).detail).to.include({ code: 'slot_taken', status: 409, step: 'checkout' });
    const back = await inStep(el, 'time');
    await waitFor(() => back.querySelector('li.conflict'), 'conflict');
    expect($(back, '[role="alert"]').textContent).to.contain('just taken');
    const conflict = $(back, 'li.conflict');
    expect(conflict.textContent).to.contain('Session 3').and.contain('no longer available');
    const group = $(conflict, '[role="group"]');
    expect(group.getAttribute('aria-label')).to.equal('Alternatives for session 3');
    expect(byText(back, 'button', 'Continue')!.getAttribute('aria-disabled')).to.equal('true');
    await expectAccessible(el);
    group.querySelector<HTMLElement>('button')!.click();
    await waitFor(() => !back.querySelector('li.conflict'), 'resolved');
    expect(byText(back, 'button', 'Continue')!.getAttribute('aria-disabled')).to.equal('false');
    taken = false;
    byText(back, 'button', 'Continue')!.click();
    const intake2 = await inStep(el, 'intake');
    expect(($(intake2, '#f-goals') as HTMLTextAreaElement).value).to.equal('More flexibility and less back pain');
    $(intake2, 'button[type="submit"]').click();
    const details2 = await inStep(el, 'checkout');
    expect(($(details2, '#f-email') as HTMLInputElement).value).to.equal('ana@example.ch');
    $(details2, 'button[type="submit"]').click();
    await waitFor(() => byText(details2, 'legend', 'Payment method'), 'reserved');
    const body = callsTo('POST', '/v1/embed/bookings').at(-1)!.body as { sessions: { mode: string; starts: string[] } };
    expect(body.sessions.mode).to.equal('explicit');
    expect(body.sessions.starts.length).to.equal(8);
    expect(body.sessions.starts[2]).to.equal(alt[0]!.start);
    expect(body.sessions.starts[0]).to.equal(first.start);
  });

  it('409 for a single session without alternatives: choose another time', async () => {
    worker.use(http.post(`${API}/v1/embed/bookings`, () => problem(409, 'slot_taken')));
    const el = await mountProgram('reiki');
    const details = await toDetails(el);
    await fillDetails(details);
    $(details, 'button[type="submit"]').click();
    const back = await inStep(el, 'time');
    await waitFor(() => back.querySelector('[role="alert"]'), 'notice');
    expect(el.state.firstSlot).to.equal(null);
    await waitFor(() => callsTo('GET', '/slots').length > 1, 'slots asked again');
  });

  it('network failure while reserving: a retry that reuses the Idempotency-Key', async () => {
    let fail = true;
    const keys: string[] = [];
    worker.use(
      http.post(`${API}/v1/embed/bookings`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key')!);
        return fail ? HttpResponse.error() : undefined;
      }),
    );
    const el = await mountProgram('reiki');
    const details = await toDetails(el);
    await fillDetails(details);
    $(details, 'button[type="submit"]').click();
    const retry = await waitFor(() => byText(details, 'button', 'Try again'), 'retry');
    expect($(details, '[role="alert"]').textContent).to.contain('could not reach');
    fail = false;
    retry.click();
    await waitFor(() => byText(details, 'legend', 'Payment method'), 'reserved');
    expect(keys.length).to.equal(2);
    expect(keys[0]).to.equal(keys[1]);
  });

  it('validates the details on the client', async () => {
    const el = await mountProgram('reiki');
    const details = await toDetails(el);
    type($(details, '#f-email'), 'not-an-email');
    type($(details, '#f-phone'), 'abc');
    $(details, 'button[type="submit"]').click();
    await waitFor(() => details.querySelector('#f-name-err'), 'errors');
    expect($(details, '#f-name-err').textContent).to.contain('fill in');
    expect($(details, '#f-email-err').textContent).to.contain('valid email');
    expect($(details, '#f-phone-err').textContent).to.contain('valid phone');
    expect(activeElement()?.id).to.equal('f-name');
    expect(callsTo('POST', '/v1/embed/bookings').length).to.equal(0);
    expect($(details, '#f-email').getAttribute('autocomplete')).to.equal('email');
    await expectAccessible(el);
  });

  /** A stand-in Stripe.js served from js.stripe.com; `window.__stripeConfirmThrows` makes confirmPayment reject. */
  function useFakeStripe() {
    const fake = `window.Stripe = function (key, opts) {
      window.__stripeKey = key;
      return {
        _registerWrapper() {},
        elements(o) { window.__stripeElements = o; return { create() { return { mount(el) { const d = document.createElement('div'); d.className = 'fake-pe'; d.textContent = 'FAKE PAYMENT ELEMENT'; el.appendChild(d); } }; } }; },
        confirmPayment(o) {
          window.__stripeConfirm = o.redirect;
          return window.__stripeConfirmThrows ? Promise.reject(new Error('Failed to fetch')) : Promise.resolve({ paymentIntent: { status: 'succeeded' } });
        },
      };
    }; window.Stripe.version = 'endive';`;
    worker.use(
      http.get('https://js.stripe.com/*', () => new HttpResponse(fake, { headers: { 'Content-Type': 'text/javascript' } })),
      http.post(`${API}/v1/embed/bookings/:id/checkout`, async () => {
        const b = db.booking!;
        return HttpResponse.json({
          booking: { ...b, status: 'reserved' },
          order: { id: 'o1', currency: 'CHF', total: 12000, vat_total: 0, lines: [{ description: 'Reiki 1:1', amount: 12000, vat_rate: 0, vat_amount: 0 }] },
          payment: { provider: 'stripe', client_secret: 'pi_123_secret_456', publishable_key: 'pk_test_stripe' },
        });
      }),
    );
  }

  it('Stripe: loads Stripe.js only at this step, mounts the Payment Element and confirms via the webhook', async () => {
    useFakeStripe();
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    expect(document.querySelector('script[src*="js.stripe.com"]')).to.equal(null);
    byText(pay, 'button', 'Continue to payment')!.click();
    const stripeEl = await waitFor(() => pay.querySelector('tandem-stripe-payment'), 'stripe element');
    const mounted = await waitFor(() => stripeEl.shadowRoot?.querySelector('.fake-pe'), 'payment element mounted');
    expect(mounted.textContent).to.contain('FAKE PAYMENT ELEMENT');
    const w = window as unknown as { __stripeKey: string; __stripeElements: { clientSecret: string; locale: string }; __stripeConfirm: string };
    expect(w.__stripeKey).to.equal('pk_test_stripe');
    expect(w.__stripeElements).to.include({ clientSecret: 'pi_123_secret_456', locale: 'en' });
    db.status = 'confirmed';
    byText(stripeEl.shadowRoot!, 'button', 'Pay now')!.click();
    await inStep(el, 'confirmation');
    expect(w.__stripeConfirm).to.equal('if_required');
  });

  it('Stripe: when confirming cannot reach Stripe at all, the customer is told and can try again', async () => {
    useFakeStripe();
    (window as unknown as { __stripeConfirmThrows: boolean }).__stripeConfirmThrows = true;
    try {
      const el = await mountProgram('reiki');
      const pay = await toPayment(el);
      byText(pay, 'button', 'Continue to payment')!.click();
      const stripeEl = await waitFor(() => pay.querySelector('tandem-stripe-payment'), 'stripe element');
      await waitFor(() => stripeEl.shadowRoot?.querySelector('.fake-pe'), 'payment element mounted');
      byText(stripeEl.shadowRoot!, 'button', 'Pay now')!.click();
      const alert = await waitFor(() => stripeEl.shadowRoot?.querySelector('[role="alert"]'), 'an error the customer sees');
      expect(alert.textContent).to.contain('The payment did not go through');
      expect(byText(stripeEl.shadowRoot!, 'button', 'Pay now')!.hasAttribute('disabled')).to.equal(false);
    } finally {
      (window as unknown as { __stripeConfirmThrows: boolean }).__stripeConfirmThrows = false;
    }
  });
});
