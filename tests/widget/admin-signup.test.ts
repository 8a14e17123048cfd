/**
 * The console's sign-up (/admin/signup) in Chromium: a new studio's details typed by keyboard,
 * the API's per-field refusal shown beside the field, the mailed code (a new one on request,
 * focus on the code field), then the owner signed in and taken to the onboarding checklist;
 * German, French and Italian words; axe-clean. The admin API is a stub on window.fetch that
 * records what the console sent.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import '../../widget/entries/tandem-admin.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';
import type { TandemAdminSignUp } from '../../widget/elements/tandem-admin/signup/signup-view.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; headers: Record<string, string>; body: Record<string, unknown> | undefined };

const session = { status: 'signed_in', staff: { id: 's9', name: 'Lena Süd', email: 'lena@atelier-sued.example', role: 'owner', timezone: 'Europe/Zurich' },
  studio: { id: 'o9', name: 'Atelier Süd', timezone: 'Europe/Zurich', currency: 'CHF', default_locale: 'de' }, csrf_token: 'csrf-9', expires_at: '2026-12-07T20:00:00Z' };
const onboarding = { steps: [{ key: 'profile', done: false }, { key: 'program', done: false }, { key: 'availability', done: false }, { key: 'origin', done: false }, { key: 'payments', done: false }],
  complete: false, profile: null, embed: null };

function stubApi(options: { refuseFirst?: boolean } = {}): Call[] {
  const calls: Call[] = [];
  let refuse = options.refuseFirst ?? false;
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) as Record<string, unknown> : undefined;
    calls.push({ method, path: url.pathname + url.search, headers: { ...(init.headers as Record<string, string>) }, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    const key = `${method} ${url.pathname}`;
    if (key === 'POST /v1/admin/sign-up') {
      if (refuse) { refuse = false; return json(400, { type: 'x', title: 'The request is not valid', status: 400, code: 'validation_failed', errors: [{ field: 'studio_name', message: 'is required' }] }); }
      return json(202, { status: 'sent_if_possible', expires_in_minutes: 10 });
    }
    if (key === 'POST /v1/admin/sign-up/verify') {
      if (body?.code !== '482913') return json(422, { type: 'x', title: 'The code is not right', status: 422, code: 'identity_code_invalid', detail: 'The code is not right.' });
      return json(201, session);
    }
    if (key === 'GET /v1/admin/onboarding') return json(200, onboarding);
    if (key === 'GET /v1/admin/session') return json(401, { code: 'unauthorized', title: 'A valid API key is required' });
    return json(404, { code: 'not_found', title: 'Not found' });
  };
  return calls;
}

const root = (el: Element) => el.shadowRoot!;
const active = (): Element | null => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};
const signUpOf = (el: TandemAdmin) => root(el).querySelector<TandemAdminSignUp>('tandem-admin-signup')?.shadowRoot;

/** Focuses a field and types into it with the keyboard. */
async function typeInto(r: ShadowRoot, selector: string, text: string): Promise<void> {
  const input = await waitFor(() => r.querySelector<HTMLInputElement>(selector), selector);
  input.focus();
  input.select?.();
  await sendKeys({ type: text });
}

describe('<tandem-admin-signup>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('signs a studio up by keyboard in German: details, a refused field shown beside it, the code, then the onboarding checklist', async function () {
    this.timeout(30_000); // the first test of the page also loads axe
    const calls = stubApi({ refuseFirst: true });
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="de" view="signup"></tandem-admin>`);
    const form = await waitFor(() => signUpOf(el)?.querySelector('#su-studio_name') && signUpOf(el)!, 'the sign-up form');
    expect(form.querySelector('h2')!.textContent).to.equal('Studio registrieren');
    expect(calls.some((c) => c.path === '/v1/admin/session'), 'the sign-up page does not ask who is signed in').to.equal(false);
    await expectAccessible(el);
    await typeInto(form, '#su-studio_name', 'Atelier Süd');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Lena Süd' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'lena@atelier-sued.example' });
    // Country, currency, language: a country picks its currency; the language defaults to the console's.
    const country = form.querySelector<HTMLSelectElement>('#su-country')!;
    country.focus();
    country.value = 'DE';
    country.dispatchEvent(new Event('change'));
    await waitFor(() => form.querySelector<HTMLSelectElement>('#su-currency')!.value === 'EUR', 'the currency following the country');
    country.value = 'CH';
    country.dispatchEvent(new Event('change'));
    await waitFor(() => form.querySelector<HTMLSelectElement>('#su-currency')!.value === 'CHF', 'back to francs');
    expect(form.querySelector<HTMLSelectElement>('#su-language')!.value).to.equal('de');
    const zone = form.querySelector<HTMLSelectElement>('#su-timezone')!;
    expect(zone.value).to.equal('Europe/Zurich'); // the browser's zone (the runner's context)
    form.querySelector<HTMLInputElement>('#su-email')!.focus();
    await sendKeys({ press: 'Enter' });

    // The API refuses a field: its message sits beside it, the field marked invalid.
    const error = await waitFor(() => form.querySelector('#su-studio_name-error'), 'the field\'s message');
    expect(error.textContent).to.equal('is required');
    expect(form.querySelector('#su-studio_name')!.getAttribute('aria-invalid')).to.equal('true');
    expect(form.querySelector('#su-studio_name')!.getAttribute('aria-describedby')).to.equal('su-studio_name-error');
    expect(form.querySelector('[role="alert"]')!.textContent).to.contain('Bitte prüfen Sie das Formular');
    await expectAccessible(el);

    form.querySelector<HTMLInputElement>('#su-email')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => form.querySelector('#su-code'), 'the code form');
    expect(active()?.id, 'the focus moves to the code field').to.equal('su-code');
    const signUps = calls.filter((c) => c.path === '/v1/admin/sign-up');
    expect(signUps).to.have.length(2);
    expect(signUps[1]!.body).to.deep.equal({ studio_name: 'Atelier Süd', owner_name: 'Lena Süd', email: 'lena@atelier-sued.example', country: 'CH', currency: 'CHF', language: 'de', timezone: 'Europe/Zurich' });
    expect(form.textContent).to.contain('lena@atelier-sued.example');
    await expectAccessible(el);

    // A new code on request: the same details again.
    [...form.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Neuen Code senden')!.click();
    await waitFor(() => form.textContent!.includes('Ein neuer Code ist unterwegs.'), 'the new code');
    expect(calls.filter((c) => c.path === '/v1/admin/sign-up')[2]!.body).to.deep.equal(signUps[1]!.body);

    // A wrong code is said; the right one signs the owner in and opens the checklist.
    await typeInto(form, '#su-code', '111111');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => form.querySelector('[role="alert"]')!.textContent!.includes('The code is not right.'), 'the refusal');
    await typeInto(form, '#su-code', '482 913');
    await sendKeys({ press: 'Enter' });
    const checklist = await waitFor(() => root(el).querySelector('tandem-admin-onboarding')?.shadowRoot?.querySelector('ol.checklist'), 'the onboarding checklist');
    expect(calls.filter((c) => c.path === '/v1/admin/sign-up/verify').map((c) => c.body)).to.deep.equal([
      { email: 'lena@atelier-sued.example', code: '111111' }, { email: 'lena@atelier-sued.example', code: '482913' }]);
    expect(root(el).querySelector('h1')!.textContent).to.contain('Atelier Süd');
    expect(checklist.querySelectorAll(':scope > li')).to.have.length(6);
    // The session's CSRF token goes with the console's next change.
    expect((root(el) as unknown as { host: TandemAdmin }).host.client.csrf).to.equal('csrf-9');
  });

  it('speaks French and Italian, and changing the details goes back to the first form', async () => {
    stubApi();
    for (const [lang, heading, create] of [['fr', 'Inscrire votre studio', 'Créer le studio'], ['it', 'Registra il tuo studio', 'Crea lo studio']] as const) {
      const client = new AdminApi();
      const el = await fixture<TandemAdminSignUp>(html`<tandem-admin-signup lang=${lang} .client=${client}></tandem-admin-signup>`);
      const r = root(el);
      expect(r.querySelector('h2')!.textContent).to.equal(heading);
      expect(r.querySelector('button.primary')!.textContent!.trim()).to.equal(create);
      expect(r.querySelector<HTMLSelectElement>('#su-language')!.value).to.equal(lang);
      const countries = [...r.querySelectorAll<HTMLOptionElement>('#su-country option')].map((o) => o.textContent);
      expect(countries).to.include(lang === 'fr' ? 'Suisse' : 'Svizzera');
      await expectAccessible(el);
    }
    const el = await fixture<TandemAdminSignUp>(html`<tandem-admin-signup lang="en" .client=${new AdminApi()}></tandem-admin-signup>`);
    const r = root(el);
    for (const [sel, text] of [['#su-studio_name', 'Studio Nord'], ['#su-owner_name', 'Jan Nord'], ['#su-email', 'jan@nord.example']] as const) r.querySelector<HTMLInputElement>(sel)!.value = text;
    r.querySelector('form')!.requestSubmit();
    await waitFor(() => r.querySelector('#su-code'), 'the code form');
    [...r.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Change the details')!.click();
    await waitFor(() => r.querySelector('#su-studio_name'), 'the details again');
    expect(r.querySelector<HTMLInputElement>('#su-studio_name')!.value, 'kept').to.equal('Studio Nord');
    expect(active()?.id).to.equal('su-heading');
  });
});
