import { fixture, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { $, byText, expect, expectAccessible, inStep, mountProgram, stepEl, useMockApi, waitFor } from './helpers/dom.ts';
import { API, callsTo, problem, worker } from './helpers/mock-api.ts';
import type { TandemProgram } from '../../widget/elements/tandem-program/tandem-program.ts';
import type { TandemPrograms } from '../../widget/elements/tandem-programs/tandem-programs.ts';

describe('program page', () => {
  useMockApi();

  it('shows the program, its variants with prices, VAT, deposit and plan, and sends the key', async () => {
    const el = await mountProgram('evolve');
    const page = await inStep(el, 'program');
    // later steps and Stripe are not loaded for the first screen
    expect(customElements.get('tandem-time-step')).to.equal(undefined);
    expect(customElements.get('tandem-checkout-step')).to.equal(undefined);
    expect(customElements.get('tandem-stripe-payment')).to.equal(undefined);
    expect($(page, 'h2').textContent).to.contain('EVOLVE coaching');
    expect($(page, '.description').innerHTML).to.contain('<strong>structured</strong>');
    const variants = [...page.querySelectorAll('label.variant')].map((v) => v.textContent!.replace(/\s+/g, ' '));
    expect(variants[0]).to.contain('8-session pack').and.contain('CHF 1,200.00').and.contain('incl. 8.1% VAT');
    expect(variants[0]).to.contain('deposit of CHF 300.00').and.contain('3 installments');
    expect(variants[1]).to.contain('CHF 160.00').and.contain('or 2 class credits');
    expect(byText(page, 'h3', 'Itinerary')).to.exist;
    expect(byText(page, 'summary', 'Can I pause?')).to.exist;
    expect(byText(page, 'figcaption', 'Sara')).to.exist;
    expect(page.textContent).to.contain('Free cancellation up to 24 hours');
    const call = callsTo('GET', '/v1/embed/programs/evolve')[0]!;
    expect(call.headers.get('authorization')).to.equal('Bearer pk_test_flow');
    await expectAccessible(el);
  });

  it('emits tandem:ready with the documented detail', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('tandem-program');
    el.setAttribute('key', 'pk_test_flow');
    el.setAttribute('api', API);
    el.setAttribute('program', 'reiki');
    const ready = oneEvent(wrapper, 'tandem:ready');
    wrapper.append(el);
    const ev = await ready;
    expect(ev.detail).to.deep.equal({ program: 'reiki', title: 'Reiki 1:1', locale: 'en-GB' });
    expect(ev.bubbles && ev.composed).to.equal(true);
  });

  it('uses constructable stylesheets only: no <style> element, no style attribute', async () => {
    const el = await mountProgram('evolve');
    const roots = [el.shadowRoot!, stepEl(el)!.shadowRoot!];
    for (const r of roots) {
      expect(r.querySelectorAll('style').length).to.equal(0);
      expect(r.querySelectorAll('[style]').length).to.equal(0);
      expect(r.adoptedStyleSheets.length).to.be.greaterThan(0);
    }
  });

  it('shows a retry button when the network fails, and recovers', async () => {
    let fail = true;
    worker.use(http.get(`${API}/v1/embed/programs/:slug`, () => (fail ? HttpResponse.error() : undefined)));
    const errors: CustomEvent[] = [];
    document.addEventListener('tandem:error', (e) => errors.push(e), { once: true });
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="reiki"></tandem-program>`);
    const retry = await waitFor(() => byText(el.shadowRoot!, 'button', 'Try again'), 'retry');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('could not reach');
    expect(errors[0]!.detail).to.include({ code: 'network', status: 0, step: 'program', retryable: true });
    await expectAccessible(el);
    fail = false;
    retry.click();
    await inStep(el, 'program');
  });

  it('says an unknown program is not available, without a retry', async () => {
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="nope"></tandem-program>`);
    const alert = await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]'), 'alert');
    expect(alert.textContent).to.contain('not available');
    expect(byText(el.shadowRoot!, 'button', 'Try again')).to.equal(null);
  });

  it('a 500 shows the server message with a retry', async () => {
    worker.use(http.get(`${API}/v1/embed/programs/:slug`, () => problem(500, 'internal')));
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="reiki"></tandem-program>`);
    await waitFor(() => byText(el.shadowRoot!, 'button', 'Try again'), 'retry');
  });

  it('forwards the by_link token', async () => {
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="reiki" link="tok123"></tandem-program>`);
    await inStep(el, 'program');
    expect(callsTo('GET', '/v1/embed/programs/reiki')[0]!.query.get('link')).to.equal('tok123');
  });

  it('<tandem-programs> lists programs and opens one in place', async () => {
    const list = await fixture<TandemPrograms>(html`<tandem-programs key="pk_test_flow" api=${API}></tandem-programs>`);
    const open = await waitFor(() => byText(list.shadowRoot!, 'button', 'View Reiki 1:1'), 'cards');
    expect(list.shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.contain('from CHF 1,200.00');
    await expectAccessible(list);
    const region = list.shadowRoot!.querySelector('section[aria-labelledby]')!;
    expect(region, 'the list is a region landmark').to.exist;
    const name = list.shadowRoot!.getElementById(region.getAttribute('aria-labelledby')!)!;
    expect(name.tagName).to.equal('H2');
    expect(name.textContent!.trim()).to.equal('Programs');
    expect(region.querySelector('ul')!.getAttribute('role')).to.equal('list');
    open.click();
    const inner = await waitFor(() => list.shadowRoot!.querySelector('tandem-program'), 'inner program');
    await inStep(inner, 'program');
    expect($(stepEl(inner)!.shadowRoot!, 'h2').textContent).to.contain('Reiki 1:1');
    byText(list.shadowRoot!, 'button', 'All programs')!.click();
    await waitFor(() => byText(list.shadowRoot!, 'button', 'View Reiki 1:1'), 'list again');
  });

  it('registers each element once even if the script runs twice', async () => {
    await import('../../widget/entries/tandem.ts?again' as string);
    expect(customElements.get('tandem-program')).to.exist;
  });
});

describe('the program list', () => {
  useMockApi();

  it('states the sessions of every option with the "from" price ("1–8 sessions · from …"), and its buttons do not repeat the titles on screen', async () => {
    const list = await fixture<TandemPrograms>(html`<tandem-programs key="pk_test_flow" api=${API}></tandem-programs>`);
    const button = await waitFor(() => list.shadowRoot!.querySelector<HTMLElement>('button[data-slug="evolve"]'), 'cards');
    const card = button.closest('article')!;
    expect(card.querySelector('.muted')!.textContent!.replace(/\s+/g, ' ')).to.contain('1–8 sessions · from CHF 1,200.00');
    const shown = [...button.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
    expect(shown).to.equal('View');
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('View EVOLVE coaching');
    list.setAttribute('lang', 'de');
    await waitFor(() => button.textContent!.includes('ansehen') || button.textContent!.includes('Ansehen'), 'German');
    const de = [...button.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
    expect(de).to.equal('ansehen');
    expect(getComputedStyle(button).textTransform).to.equal('capitalize', 'shown as "Ansehen"');
    await expectAccessible(list);
  });
});
