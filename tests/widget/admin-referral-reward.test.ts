/**
 * The referral reward setting in the console's referrals section, in Chromium against a stub admin
 * API: the studio's setting loaded; a coupon of an amount in a currency chosen and saved (the PUT's
 * body in minor units, with CSRF and Idempotency-Key); the API's per-field problem beside its field;
 * en/de/fr/it; axe-clean.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, type, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/marketing/referral-reward.ts';
import type { TandemAdminReferralReward } from '../../widget/elements/tandem-admin/marketing/referral-reward.ts';
import { json, problem, reply, restoreFetchAfterEach, root, signedInClient, stubAdminApi, type Call } from './helpers/admin-console.ts';

function stubApi(answerPut: (body: any) => [number, unknown]): Call[] {
  return stubAdminApi(({ method, url, body }) => {
    if (url.pathname !== '/v1/admin/referrals/reward') return problem(404, { code: 'not_found', title: 'Not found' });
    if (method === 'GET') return json(200, { kind: 'credits', credits: 2 });
    const [status, value] = answerPut(body);
    return reply(status, value);
  });
}

const input = (el: Element, id: string) => root(el).querySelector<HTMLInputElement>(`#${id}`)!;
const radio = (el: Element, name: string, value: string) => root(el).querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!;
async function mount(lang: string): Promise<TandemAdminReferralReward> {
  const el = await fixture<TandemAdminReferralReward>(html`<tandem-admin-referral-reward lang=${lang} .client=${signedInClient()}></tandem-admin-referral-reward>`);
  await waitFor(() => root(el).querySelector('form'), 'the setting');
  return el;
}

describe('<tandem-admin-referral-reward>', () => {
  restoreFetchAfterEach();

  it('shows the setting, saves a coupon of an amount in minor units with CSRF and Idempotency-Key; axe-clean', async function () {
    this.timeout(30_000);
    const calls = stubApi((body) => [200, body]);
    const el = await mount('en');
    expect(radio(el, 'rr-kind', 'credits').checked).to.equal(true);
    expect(input(el, 'rr-credits').value).to.equal('2');
    await expectAccessible(el);
    radio(el, 'rr-kind', 'coupon').click();
    await el.updateComplete;
    radio(el, 'rr-off', 'amount').click();
    await el.updateComplete;
    type(input(el, 'rr-amount_off'), '20.50');
    type(input(el, 'rr-currency'), 'eur');
    type(input(el, 'rr-valid_days'), '30');
    await el.updateComplete;
    expect(root(el).textContent).to.contain('only the referrer can redeem it');
    await expectAccessible(el);
    root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => root(el).querySelector('[role="status"]')!.textContent!.trim() === 'Reward saved.', 'saved');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).to.deep.equal({ kind: 'coupon', amount_off: 2050, currency: 'EUR', valid_days: 30 });
    expect(put.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(put.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('a percent coupon the API refuses: the field says why, tied to its input', async function () {
    this.timeout(30_000);
    stubApi(() => [400, { code: 'validation_failed', detail: 'Check the fields', errors: [{ field: 'percent_bp', message: 'must be <= 10000' }] }]);
    const el = await mount('en');
    radio(el, 'rr-kind', 'coupon').click();
    await el.updateComplete;
    const percent = input(el, 'rr-percent_bp');
    type(percent, '150');
    const form = root(el).querySelector('form')!;
    form.noValidate = true;
    form.requestSubmit();
    await waitFor(() => root(el).querySelector('#rr-percent_bp-error'), 'the field\'s message');
    expect(root(el).querySelector('#rr-percent_bp-error')!.textContent).to.equal('must be <= 10000');
    expect(percent.getAttribute('aria-invalid')).to.equal('true');
    expect(percent.getAttribute('aria-describedby')).to.equal('rr-percent_bp-error');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('percent_bp: must be <= 10000');
    await expectAccessible(el);
  });

  for (const [lang, legend, coupon] of [['de', 'Was eine empfehlende Person', 'Einen eigenen Gutscheincode'], ['fr', 'Ce que reçoit le parrain', 'Un code de réduction personnel'], ['it', 'Cosa riceve chi raccomanda', 'Un codice sconto personale']] as const) {
    it(`in ${lang}`, async function () {
      this.timeout(30_000);
      stubApi((body) => [200, body]);
      const el = await mount(lang);
      expect(root(el).querySelector('legend')!.textContent).to.contain(legend);
      expect(radio(el, 'rr-kind', 'coupon').parentElement!.textContent).to.contain(coupon);
      await expectAccessible(el);
    });
  }
});
