/**
 * The console's onboarding checklist in Chromium: each step done or to do; the studio profile
 * prefilled from what is stored, sent as QR-IBAN and "not registered for VAT", the API's refusal
 * shown beside the IBAN; a website origin allowed; a publishable key made when there is none;
 * the embed snippet copied and its live preview (the booking widget for the first program);
 * links into programs and availability; en/de/fr/it; axe-clean. The admin API is a stub on
 * window.fetch that records what the view sent.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/onboarding/onboarding-view.ts';
import type { TandemAdminOnboarding } from '../../widget/elements/tandem-admin/onboarding/onboarding-view.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; headers: Record<string, string>; body: Record<string, unknown> | undefined };

const steps = (done: string[]) => ['profile', 'program', 'availability', 'origin', 'payments'].map((key) => ({ key, done: done.includes(key) }));
const profile = { legal_name: 'Atelier Süd GmbH', street: 'Seestrasse', building_number: '5', postal_code: '8002', city: 'Zürich', country: 'CH', vat_number: null, iban: 'CH9300762011623852957', brand_color: '#1d3557' as string | null };
const embed = { script: '<script type="module" src="http://localhost:8787/widget/tandem.js"></script>', element: '<tandem-program key="pk_live_abc" program="breath"></tandem-program>', program: 'breath' };

function stubApi(start: { profile: typeof profile | null; embed: typeof embed | null; done: string[] }): Call[] {
  const calls: Call[] = [];
  const state = { ...start };
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) as Record<string, unknown> : undefined;
    calls.push({ method, path: url.pathname + url.search, headers: { ...(init.headers as Record<string, string>) }, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    const key = `${method} ${url.pathname}`;
    if (key === 'GET /v1/admin/onboarding') return json(200, { steps: steps(state.done), complete: state.done.length === 5, profile: state.profile, embed: state.embed });
    if (key === 'PUT /v1/admin/studio/profile') {
      if (body?.brand_color === '#12345') return json(400, { type: 'x', title: 'The request is not valid', status: 400, code: 'validation_failed', errors: [{ field: 'brand_color', message: 'must be a colour as #rrggbb' }] });
      if (body?.qr_iban === 'CH9300762011623852957') return json(400, { type: 'x', title: 'The request is not valid', status: 400, code: 'validation_failed', errors: [{ field: 'qr_iban', message: 'is not a QR-IBAN' }] });
      state.done = [...state.done, 'profile', 'payments'];
      state.profile = { ...profile, ...body } as typeof profile;
      return json(200, state.profile);
    }
    if (key === 'POST /v1/admin/origins') { state.done = [...state.done, 'origin']; return json(201, { id: 'd1', origin: body?.origin, created_at: '2026-12-07T10:00:00Z' }); }
    if (key === 'POST /v1/admin/keys') { state.embed = embed; return json(201, { id: 'k1', kind: 'publishable', prefix: 'pk_live_abc', label: 'Website', revoked_at: null, created_at: '2026-12-07T10:00:00Z', key: 'pk_live_abc' }); }
    return json(404, { code: 'not_found', title: 'Not found' });
  };
  return calls;
}

const root = (el: Element) => el.shadowRoot!;
const buttonWith = (el: Element, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);

async function mount(lang: string, start: Parameters<typeof stubApi>[0], role = 'owner'): Promise<{ el: TandemAdminOnboarding; calls: Call[] }> {
  const calls = stubApi(start);
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  const el = await fixture<TandemAdminOnboarding>(html`<tandem-admin-onboarding lang=${lang} staff-role=${role} .client=${client}></tandem-admin-onboarding>`);
  await waitFor(() => root(el).querySelector('ol.checklist'), 'the checklist');
  return { el, calls };
}

describe('<tandem-admin-onboarding>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('shows the steps in German and saves the profile prefilled from the store, as QR-IBAN and not registered for VAT', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount('de', { profile, embed: null, done: ['profile', 'payments'] });
    const heads = [...root(el).querySelectorAll('ol.checklist h3')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
    expect(heads).to.deep.equal(['Studioprofil · Erledigt', 'Erstes Programm · Offen', 'Verfügbarkeit · Offen', 'Ihre Website · Offen', 'Zahlungen · Erledigt',
      'Das Buchungs-Widget auf Ihrer Website · Offen']);
    expect(root(el).textContent).to.contain('2 von 5 erledigt');
    expect(root(el).querySelector<HTMLInputElement>('#ob-legal_name')!.value).to.equal('Atelier Süd GmbH');
    expect(root(el).querySelector<HTMLInputElement>('#ob-account')!.value).to.equal('CH9300762011623852957');
    expect(root(el).querySelector<HTMLInputElement>('input[name="vat"][value="none"]')!.checked).to.equal(true);
    await expectAccessible(el);

    // Switching to a QR-IBAN sends it as qr_iban; the API's refusal sits beside the account field.
    root(el).querySelector<HTMLInputElement>('input[name="account_kind"][value="qr_iban"]')!.click();
    await waitFor(() => root(el).querySelector('label[for="ob-account"]')!.textContent === 'QR-IBAN', 'the QR-IBAN field');
    root(el).querySelector<HTMLInputElement>('#ob-account')!.value = 'CH9300762011623852957';
    root(el).querySelector<HTMLFormElement>('#ob-legal_name')!.closest('form')!.requestSubmit();
    const error = await waitFor(() => root(el).querySelector('#ob-account-error'), 'the refusal');
    expect(error.textContent).to.equal('is not a QR-IBAN');
    expect(root(el).querySelector('#ob-account')!.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(el);

    root(el).querySelector<HTMLInputElement>('#ob-account')!.value = 'CH44 3199 9123 0008 8901 2';
    // The brand colour: stored #1d3557 prefilled in the picker and the hex text; a bad hex is the API's 400 beside the field.
    const hexField = root(el).querySelector<HTMLInputElement>('#ob-brand_color')!;
    const picker = root(el).querySelector<HTMLInputElement>('#ob-brand_color-picker')!;
    expect(root(el).querySelector('label[for="ob-brand_color"]')!.textContent).to.equal('Farbe als #rrggbb (freiwillig)');
    expect(hexField.value).to.equal('#1d3557');
    expect(picker.value).to.equal('#1d3557');
    hexField.value = '#12345';
    hexField.dispatchEvent(new Event('input'));
    expect(picker.value, 'an incomplete hex leaves the picker').to.equal('#1d3557');
    root(el).querySelector<HTMLFormElement>('#ob-legal_name')!.closest('form')!.requestSubmit();
    const colourError = await waitFor(() => root(el).querySelector('#ob-brand_color-error'), 'the colour refusal');
    expect(colourError.textContent).to.equal('must be a colour as #rrggbb');
    expect(hexField.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(el);
    picker.value = '#ff0000';
    picker.dispatchEvent(new Event('input'));
    expect(hexField.value, 'the picker writes the hex text').to.equal('#ff0000');
    hexField.value = '#1D3557';
    hexField.dispatchEvent(new Event('input'));
    expect(picker.value, 'a full hex moves the picker').to.equal('#1d3557');
    root(el).querySelector<HTMLInputElement>('input[name="vat"][value="registered"]')!.click();
    const vat = await waitFor(() => root(el).querySelector<HTMLInputElement>('#ob-vat_number'), 'the VAT number field');
    vat.value = 'CHE-123.456.789 MWST';
    root(el).querySelector<HTMLFormElement>('#ob-legal_name')!.closest('form')!.requestSubmit();
    await waitFor(() => root(el).textContent!.includes('Profil gespeichert.'), 'saved');
    const put = calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(put.body).to.deep.equal({ legal_name: 'Atelier Süd GmbH', street: 'Seestrasse', building_number: '5', postal_code: '8002', city: 'Zürich', country: 'CH',
      vat_number: 'CHE-123.456.789 MWST', qr_iban: 'CH44 3199 9123 0008 8901 2', brand_color: '#1d3557' });
    expect(put.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(put.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('allows the website, makes a publishable key, copies the snippet and shows the live preview (English)', async () => {
    const { el, calls } = await mount('en', { profile: null, embed: null, done: [] });
    expect(root(el).querySelector<HTMLInputElement>('#ob-legal_name')!.value, 'nothing stored yet').to.equal('');
    const origin = root(el).querySelector<HTMLInputElement>('#ob-origin')!;
    origin.value = 'https://atelier-sued.example';
    origin.form!.requestSubmit();
    await waitFor(() => root(el).textContent!.includes('Website allowed.'), 'allowed');
    expect(calls.find((c) => c.path === '/v1/admin/origins')!.body).to.deep.equal({ origin: 'https://atelier-sued.example' });
    // The checklist is read again after the change: its step turns done once that answer is in.
    await waitFor(() => root(el).querySelector('#step-origin')!.textContent!.includes('Done'), 'the website step done');

    buttonWith(el, 'Create a publishable key')!.click();
    const code = await waitFor(() => root(el).querySelector('pre code'), 'the snippet');
    expect(calls.find((c) => c.path === '/v1/admin/keys')!.body).to.deep.equal({ kind: 'publishable', label: 'Website' });
    expect(code.textContent).to.equal(`${embed.script}\n${embed.element}`);

    let copied = '';
    const clipboard = navigator.clipboard as unknown as { writeText: (t: string) => Promise<void> };
    const realWrite = clipboard.writeText;
    clipboard.writeText = async (text: string) => { copied = text; };
    try {
      buttonWith(el, 'Copy the snippet')!.click();
      await waitFor(() => root(el).textContent!.includes('Snippet copied.'), 'copied');
      expect(copied).to.equal(`${embed.script}\n${embed.element}`);
    } finally {
      clipboard.writeText = realWrite;
    }

    const toggle = buttonWith(el, 'Show a live preview')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    const widget = await waitFor(() => root(el).querySelector('#embed-preview tandem-program'), 'the widget in the preview', 8000);
    expect(widget.getAttribute('key')).to.equal('pk_live_abc');
    expect(widget.getAttribute('program')).to.equal('breath');
    expect(customElements.get('tandem-program'), 'the booking widget is loaded for the preview').to.exist;
    expect(buttonWith(el, 'Hide the preview')!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('links into programs and availability; a manager cannot allow origins or make keys; French and Italian', async () => {
    const { el } = await mount('en', { profile: null, embed: null, done: [] }, 'manager');
    const went: string[] = [];
    el.addEventListener('console-navigate', (e) => went.push((e as CustomEvent<string>).detail));
    buttonWith(el, 'Open programs')!.click();
    buttonWith(el, 'Open availability')!.click();
    expect(went).to.deep.equal(['programs', 'availability']);
    expect(root(el).querySelector('#ob-origin')).to.equal(null);
    expect(buttonWith(el, 'Create a publishable key')).to.equal(undefined);
    expect(root(el).textContent).to.contain('An owner of the studio does this.');
    for (const [lang, first, button] of [['fr', 'Profil du studio · À faire', 'Enregistrer le profil'], ['it', 'Profilo dello studio · Da fare', 'Salva il profilo']] as const) {
      const { el: other } = await mount(lang, { profile: null, embed: null, done: [] });
      expect(root(other).querySelector('ol.checklist h3')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(first);
      expect(buttonWith(other, button)).to.exist;
      await expectAccessible(other);
    }
  });
});
