/**
 * The console asks the admin API in its own language: every request (reads, changes, uploads)
 * carries `Accept-Language` with the console's language, so the API's problem messages come back
 * in it, also after the console's `lang` changes. The admin API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, waitFor } from './helpers/dom.ts';
import '../../widget/entries/tandem-admin.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; headers: Record<string, string> };

const said: Record<string, string> = { de: 'Die Anfrage ist ungültig.', fr: 'La requête n’est pas valable.', en: 'The request is not valid.' };

function stubApi(): Call[] {
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const headers = { ...(init.headers as Record<string, string>) };
    calls.push({ method: init.method ?? 'GET', path: url.pathname, headers });
    const lang = headers['Accept-Language'] ?? 'en';
    if (url.pathname === '/v1/admin/session') return new Response(JSON.stringify({ code: 'unauthorized', title: 'Sign in' }), { status: 401 });
    // The API says its problem in the asked language (as platform/errors.ts does for field messages).
    return new Response(JSON.stringify({ code: 'validation_failed', title: 'Invalid', detail: said[lang] ?? said.en }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } });
  };
  return calls;
}

describe('the console\'s Accept-Language', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('sends the console\'s language with the first request and with a change, and shows the problem the API said in it', async () => {
    const calls = stubApi();
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="de"></tandem-admin>`);
    const email = await waitFor(() => el.shadowRoot!.querySelector<HTMLInputElement>('#email'), 'the sign-in form');
    expect(calls[0]!.path).to.equal('/v1/admin/session');
    expect(calls[0]!.headers['Accept-Language']).to.equal('de');
    email.value = 'sandra@studioflow.example';
    email.form!.requestSubmit();
    const alert = await waitFor(() => el.shadowRoot!.querySelector('[role="alert"] .error'), 'the problem');
    expect(calls.at(-1)!.method).to.equal('POST');
    expect(calls.at(-1)!.headers['Accept-Language']).to.equal('de');
    expect(alert.textContent).to.contain('Die Anfrage ist ungültig.');
  });

  it('follows a change of the console\'s language', async () => {
    const calls = stubApi();
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="de"></tandem-admin>`);
    const email = await waitFor(() => el.shadowRoot!.querySelector<HTMLInputElement>('#email'), 'the sign-in form');
    el.lang = 'fr';
    await el.updateComplete;
    email.value = 'sandra@studioflow.example';
    email.form!.requestSubmit();
    await waitFor(() => el.shadowRoot!.querySelector('[role="alert"] .error'), 'the problem');
    expect(calls.at(-1)!.headers['Accept-Language']).to.equal('fr');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('La requête n’est pas valable.');
  });

  it('sends it with reads, changes and uploads of a client given a language, and none without one', async () => {
    const calls = stubApi();
    const client = new AdminApi();
    client.lang = 'it';
    await client.get('/v1/admin/programs').catch(() => undefined);
    await client.send('PUT', '/v1/admin/studio/retention', { health_months: 12 }).catch(() => undefined);
    await client.upload('/v1/admin/programs/p1/images/banner', new Blob(['x'], { type: 'image/png' })).catch(() => undefined);
    expect(calls.map((c) => c.headers['Accept-Language'])).to.deep.equal(['it', 'it', 'it']);
    await new AdminApi().get('/v1/admin/programs').catch(() => undefined);
    expect(calls.at(-1)!.headers['Accept-Language']).to.equal(undefined);
  });
});
