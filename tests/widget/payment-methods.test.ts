import { http, HttpResponse } from 'msw';
import { byText, expect, expectAccessible, mountProgram, toPayment, useMockApi, waitFor } from './helpers/dom.ts';
import { API, callsTo, worker } from './helpers/mock-api.ts';
import { reiki } from './helpers/fixtures.ts';
import type { ProgramDetail } from '../../schema/api/embed-programs.ts';

/** Issue 11, item 5: the widget lists the methods the program answer offers, no Swiss QR-bill for a studio without a CH/LI account. */
describe('payment methods as the program answer lists them', () => {
  useMockApi();

  it('a euro studio with a German IBAN: card and bank transfer, no QR-bill, no TWINT', async () => {
    const euro: ProgramDetail = {
      ...reiki,
      variants: reiki.variants.map((v) => ({ ...v, currency: 'EUR', credit_price: null, payment_methods: ['card', 'bank_transfer'] })),
    };
    worker.use(http.get(`${API}/v1/embed/programs/reiki`, () => HttpResponse.json(euro)));
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    const labels = [...pay.querySelectorAll('fieldset label.choice')].map((l) => l.textContent!.trim()).filter((t) => !/Pay in full|Deposit/.test(t));
    expect(labels.some((t) => /QR-bill/.test(t)), labels.join(' | ')).to.equal(false);
    expect(labels.some((t) => /TWINT/.test(t)), labels.join(' | ')).to.equal(false);
    const transfer = byText(pay, 'label.choice', 'Invoice for bank transfer');
    expect(transfer, labels.join(' | ')).to.not.equal(null);
    transfer!.querySelector('input')!.click();
    byText(pay, 'button', 'Continue to payment')!.click();
    // Wait for the request itself: on a busy machine it can take longer than any fixed pause,
    // and a handler still running after the test would meet the next test's reset fake API.
    const checkout = await waitFor(() => callsTo('POST', '/checkout')[0], 'the checkout request');
    expect(checkout.body).to.include({ method: 'bank_transfer' });
  });

  it('each way to pay has its mark: inline SVG, decorative, no style attribute, no image to fetch', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    const choices = [...pay.querySelectorAll('label.choice')].filter((l) => l.querySelector('input[name="method"]'));
    expect(choices.length).to.be.greaterThan(2);
    for (const choice of choices) {
      const logo = choice.querySelector('svg.method-logo');
      expect(logo, choice.textContent!.trim()).to.not.equal(null);
      expect(logo!.getAttribute('aria-hidden')).to.equal('true');
      expect(logo!.querySelectorAll('[style], image, use, foreignObject').length).to.equal(0);
      expect(logo!.getBoundingClientRect().width).to.be.greaterThan(10);
    }
    const names = choices.map((c) => c.querySelector('svg')!.innerHTML);
    expect(new Set(names).size).to.equal(names.length, 'a different mark for each');
    expect(pay.querySelectorAll('img').length).to.equal(0);
    await expectAccessible(el);
  });

  it('a Swiss studio: the QR-bill and TWINT as listed', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    expect(byText(pay, 'label.choice', 'QR-bill')).to.not.equal(null);
    expect(byText(pay, 'label.choice', 'TWINT')).to.not.equal(null);
    expect(byText(pay, 'label.choice', 'Invoice for bank transfer')).to.equal(null);
  });
});
