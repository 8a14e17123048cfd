/**
 * The payments step's Stripe Connect part in Chromium: "Connect Stripe" for the owner (Enter starts it,
 * the browser is sent to Stripe's link), the status in words, nothing to click for a manager, a plain
 * sentence when Stripe is not configured, the status read afresh after `?stripe=return`; axe-clean; en/de.
 * The admin API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/onboarding/stripe-connect.ts';
import type { TandemAdminStripeConnect } from '../../widget/elements/tandem-admin/onboarding/stripe-connect.ts';
import { json, restoreFetchAfterEach, stubAdminApi, type Call } from './helpers/admin-console.ts';

function stubApi(answers: Record<string, unknown>): Call[] {
  return stubAdminApi(({ key }) => {
    const body = answers[key];
    return body ? json(200, body) : json(404, { code: 'not_found', title: 'Not found' });
  });
}

const status = (state: string) => ({ configured: true, state, account_id: state === 'not_connected' ? null : 'acct_1', charges_enabled: state === 'charges_enabled', payouts_enabled: false, details_submitted: false });
const text = (el: TandemAdminStripeConnect) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const button = (el: TandemAdminStripeConnect) => el.shadowRoot!.querySelector<HTMLButtonElement>('button');

describe('<tandem-admin-stripe-connect>', () => {
  restoreFetchAfterEach();

  it('the owner connects Stripe by keyboard: the API makes the account and the browser goes to Stripe\'s link', async function () {
    this.timeout(60_000);
    const calls = stubApi({ 'POST /v1/admin/settings/stripe/onboarding': { ...status('details_pending'), url: 'https://connect.stripe.com/setup/s/acct_1/abc', expires_at: '2026-12-01T08:05:00Z' } });
    const went: string[] = [];
    const el = await fixture<TandemAdminStripeConnect>(html`<tandem-admin-stripe-connect lang="en" staff-role="owner" configured state="not_connected" .search=${''} .navigate=${(u: string) => went.push(u)}></tandem-admin-stripe-connect>`);
    expect(text(el)).to.contain('Not connected');
    expect(button(el)!.textContent!.trim()).to.equal('Connect Stripe');
    await expectAccessible(el);
    button(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => went.length, 'the redirect');
    expect(went).to.deep.equal(['https://connect.stripe.com/setup/s/acct_1/abc']);
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal(['POST /v1/admin/settings/stripe/onboarding']);
    await waitFor(() => button(el)?.textContent?.trim() === 'Continue at Stripe', 'details pending');
  });

  it('a manager sees the status but no button; connected, nothing to do; not configured, it says so', async function () {
    this.timeout(60_000);
    const manager = await fixture<TandemAdminStripeConnect>(html`<tandem-admin-stripe-connect lang="en" staff-role="manager" configured state="details_pending" .search=${''}></tandem-admin-stripe-connect>`);
    expect(button(manager)).to.equal(null);
    expect(text(manager)).to.contain('Stripe still needs details');
    expect(text(manager)).to.contain('owner connects');
    const done = await fixture<TandemAdminStripeConnect>(html`<tandem-admin-stripe-connect lang="en" staff-role="owner" configured state="charges_enabled" .search=${''}></tandem-admin-stripe-connect>`);
    expect(button(done)).to.equal(null);
    expect(text(done)).to.contain('go to the studio’s own Stripe account');
    const off = await fixture<TandemAdminStripeConnect>(html`<tandem-admin-stripe-connect lang="en" staff-role="owner" state="not_connected" .search=${''}></tandem-admin-stripe-connect>`);
    expect(button(off)).to.equal(null);
    expect(text(off)).to.contain('no Stripe keys');
    await expectAccessible(off);
  });

  it('back from Stripe (?stripe=return) the status is read afresh and announced; German', async function () {
    this.timeout(60_000);
    const calls = stubApi({ 'GET /v1/admin/settings/stripe': status('charges_enabled') });
    const changed: unknown[] = [];
    const el = await fixture<TandemAdminStripeConnect>(html`<tandem-admin-stripe-connect lang="de" staff-role="owner" configured state="details_pending" .search=${'?stripe=return'}
      @stripe-connect-changed=${(e: CustomEvent) => changed.push(e.detail)}></tandem-admin-stripe-connect>`);
    await waitFor(() => changed.length, 'the fresh status');
    expect(calls.map((c) => c.path)).to.deep.equal(['/v1/admin/settings/stripe']);
    await waitFor(() => text(el).includes('Verbunden: Zahlungen'), 'the new state');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Zurück von Stripe');
    await expectAccessible(el);
  });

  it('an expired link (?stripe=refresh) offers to continue', async function () {
    this.timeout(60_000);
    const el = await fixture<TandemAdminStripeConnect>(html`<tandem-admin-stripe-connect lang="en" staff-role="owner" configured state="details_pending" .search=${'?stripe=refresh'}></tandem-admin-stripe-connect>`);
    expect(text(el)).to.contain('link expired');
    expect(button(el)!.textContent!.trim()).to.equal('Continue at Stripe');
  });
});
