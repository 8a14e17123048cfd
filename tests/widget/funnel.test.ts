import { fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { $, byText, expect, inStep, toPayment, useMockApi, waitFor } from './helpers/dom.ts';
import { API, callsTo, db, worker } from './helpers/mock-api.ts';
import { IDS } from './helpers/fixtures.ts';
import type { TandemProgram } from '../../widget/elements/tandem-program/tandem-program.ts';

interface Sent { visit: string; source: Record<string, string>; events: { program: string; variant?: string; step: string }[]; link?: string }

/** The funnel's batches as the fake API received them. */
function events(): Sent[] {
  return callsTo('POST', '/v1/embed/events').map((c) => c.body as Sent);
}

describe('the conversion funnel, reported by the widget', () => {
  useMockApi();
  beforeEach(() => {
    worker.use(http.post(`${API}/v1/embed/events`, async ({ request }) => {
      db.calls.push({ method: 'POST', path: '/v1/embed/events', query: new URL(request.url).searchParams, headers: request.headers, body: await request.json() });
      return HttpResponse.json({ accepted: 1 }, { status: 202 });
    }));
  });
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('every step of a visit once, in order, with one visit id, the campaign and the key; nothing kept in cookies', async () => {
    history.replaceState(null, '', `${location.pathname}?utm_source=Newsletter&utm_medium=email&utm_campaign=winter&email=ana%40example.ch`);
    const cookies = document.cookie;
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve"></tandem-program>`);
    const pay = await toPayment(el);
    byText(pay, 'button', 'Continue to payment')!.click();
    const box = await waitFor(() => pay.querySelector('.test-mode'), 'test mode box');
    byText(box, 'button', 'Pay (test: succeeds)')!.click();
    await inStep(el, 'confirmation');
    await waitFor(() => events().flatMap((b) => b.events).some((e) => e.step === 'paid'), 'the paid step sent at once');
    const batches = events();
    const all = batches.flatMap((b) => b.events);
    expect(all.map((e) => e.step)).to.deep.equal(['viewed', 'time_chosen', 'intake_done', 'details_done', 'checkout_started', 'paid']);
    expect(new Set(all.map((e) => e.program))).to.deep.equal(new Set([IDS.evolve]));
    expect(all.at(-1)!.variant).to.equal(IDS.pack);
    expect(new Set(batches.map((b) => b.visit)).size, 'one visit').to.equal(1);
    expect(batches[0]!.visit).to.match(/^[0-9a-f-]{36}$/);
    expect(batches[0]!.source).to.deep.equal({ utm_source: 'Newsletter', utm_medium: 'email', utm_campaign: 'winter' }, 'campaign parameters only: no other query parameter');
    const call = callsTo('POST', '/v1/embed/events')[0]!;
    expect(call.headers.get('authorization')).to.equal('Bearer pk_test_flow');
    expect(call.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(document.cookie).to.equal(cookies);
  });

  it('a QR-bill reservation reaches the confirmation unpaid: no `paid` step (it is paid when the money arrives)', async () => {
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="reiki"></tandem-program>`);
    const pay = await toPayment(el);
    byText(pay, 'label.choice', 'QR-bill')!.querySelector('input')!.click();
    byText(pay, 'button', 'Continue to payment')!.click();
    const done = await inStep(el, 'confirmation');
    expect($(done, 'h2').textContent).to.contain('Reserved');
    dispatchEvent(new Event('pagehide'));
    await waitFor(() => events().flatMap((b) => b.events).some((e) => e.step === 'checkout_started'), 'the batch sent with the page');
    const steps = events().flatMap((b) => b.events).map((e) => e.step);
    expect(steps).to.include('checkout_started');
    expect(steps).to.not.include('paid');
    // The booking names the visit: the server records its `paid` step when the studio records the money.
    const booked = callsTo('POST', '/v1/embed/bookings').find((c) => c.path === '/v1/embed/bookings')!.body as { visit?: string };
    expect(booked.visit).to.equal(events()[0]!.visit);
  });

  it('each element is its own visit; batches leave with the page (pagehide)', async () => {
    const a = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="reiki"></tandem-program>`);
    const b = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve"></tandem-program>`);
    await inStep(a, 'program');
    await inStep(b, 'program');
    expect(events().length, 'batched, not yet sent').to.equal(0);
    dispatchEvent(new Event('pagehide'));
    await waitFor(() => events().length >= 2, 'both batches');
    const byProgram = new Map(events().flatMap((x) => x.events.map((e) => [e.program, x.visit] as const)));
    expect(byProgram.get(IDS.reiki)).to.be.a('string');
    expect(byProgram.get(IDS.evolve)).to.be.a('string');
    expect(byProgram.get(IDS.reiki)).to.not.equal(byProgram.get(IDS.evolve));
  });

  it('a failing endpoint never disturbs the widget', async () => {
    worker.use(http.post(`${API}/v1/embed/events`, () => HttpResponse.error()));
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve"></tandem-program>`);
    const page = await inStep(el, 'program');
    dispatchEvent(new Event('pagehide'));
    $(page, 'button.primary').click();
    const time = await inStep(el, 'time');
    expect(time.querySelector('[part~="error"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
  });
});
