import { http } from 'msw';
import { $, byText, expect, expectAccessible, fillDetails, mountProgram, sendKeys, toDetails, toPayment, useMockApi, waitFor } from './helpers/dom.ts';
import { API, callsTo, consentWords, db, problem, worker } from './helpers/mock-api.ts';

/** The unticked marketing opt-in at the payment: the server's words in the visitor's language, sent only when ticked. */
describe('marketing opt-in at checkout', () => {
  useMockApi();

  it('shows the studio\'s words next to an unticked box and checks out without consent by default', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    const box = await waitFor(() => pay.querySelector<HTMLInputElement>('.opt-in input[type="checkbox"]'), 'opt-in box');
    expect(box.checked).to.equal(false);
    expect($(pay, '.opt-in label').textContent!.trim()).to.equal(consentWords.en);
    expect(callsTo('GET', '/v1/embed/marketing-consent')[0]!.query.get('lang')).to.equal('en');
    await expectAccessible(el);
    byText(pay, 'button', 'Continue to payment')!.click();
    await waitFor(() => pay.querySelector('.test-mode'), 'test mode');
    expect(callsTo('POST', '/checkout')[0]!.body).to.deep.equal({ method: 'card', plan: 'full' });
  });

  it('ticked by the customer (keyboard): the checkout sends marketing_opt_in', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    const box = await waitFor(() => pay.querySelector<HTMLInputElement>('.opt-in input[type="checkbox"]'), 'opt-in box');
    box.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => box.checked, 'ticked');
    expect(box.checked).to.equal(true);
    byText(pay, 'button', 'Continue to payment')!.click();
    await waitFor(() => callsTo('POST', '/checkout')[0], 'checkout');
    expect(callsTo('POST', '/checkout')[0]!.body).to.deep.equal({ method: 'card', plan: 'full', marketing_opt_in: true });
  });

  it('in German: the German words, asked for with lang=de', async () => {
    const el = await mountProgram('reiki', { lang: 'de-CH' });
    const checkout = await toDetails(el);
    await fillDetails(checkout);
    $(checkout, 'button[type="submit"]').click();
    const label = await waitFor(() => checkout.querySelector('.opt-in label'), 'opt-in box');
    // The German words arrive with the German catalogue, which a busy machine may load after the box is drawn.
    await waitFor(() => label.textContent!.trim() === consentWords.de, 'the German words', 6000).catch(() => undefined);
    expect(label.textContent!.trim()).to.equal(consentWords.de);
    expect(callsTo('GET', '/v1/embed/marketing-consent').at(-1)!.query.get('lang')).to.equal('de');
    expect(label.querySelector('span')!.getAttribute('lang')).to.equal('de');
  });

  it('without the words (the call failed) there is no box and nothing is sent about consent', async () => {
    worker.use(http.get(`${API}/v1/embed/marketing-consent`, () => problem(503, 'unavailable')));
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    await waitFor(() => db.calls.some((c) => c.path.endsWith('/quote')), 'quote');
    expect(pay.querySelector('.opt-in')).to.equal(null);
    byText(pay, 'button', 'Continue to payment')!.click();
    await waitFor(() => callsTo('POST', '/checkout')[0], 'checkout');
    expect(callsTo('POST', '/checkout')[0]!.body).to.deep.equal({ method: 'card', plan: 'full' });
  });
});
