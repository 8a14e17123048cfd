/**
 * The console's settings in Chromium: API keys (a secret key shown once with a copy button and
 * gone once dismissed, a key revoked after a confirmation), allowed websites (the API's field
 * message beside the field, an origin removed), staff (invite, change a role, deactivate after a
 * confirmation, the API's 409 for the last owner shown), mail preferences per person; what a
 * manager and an instructor see; German, French and Italian; axe-clean. The admin API is a stub
 * on window.fetch that records what the view sent.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/settings/settings-view.ts';
import type { TandemAdminSettings } from '../../widget/elements/tandem-admin/settings/settings-view.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; headers: Record<string, string>; body: Record<string, unknown> | undefined };

function stubApi(): Call[] {
  const calls: Call[] = [];
  const keys = [{ id: 'k1', kind: 'publishable', prefix: 'pk_live_pub1', label: 'Website', revoked_at: null as string | null, created_at: '2026-12-01T09:00:00Z' }];
  const origins = [{ id: 'd1', origin: 'https://studioflow.example', created_at: '2026-12-01T09:00:00Z' }];
  const staff = [{ id: 's1', name: 'Sandra Owner', email: 'sandra@studioflow.example', role: 'owner', is_active: true },
    { id: 's2', name: 'Noemi Frei', email: 'noemi@studioflow.example', role: 'instructor', is_active: true }];
  const prefs: Record<string, Record<string, boolean>> = {
    s1: { new_booking: true, cancellation: true, reschedule: true, payment_failure: true, message: true },
    s2: { new_booking: true, cancellation: false, reschedule: true, payment_failure: true, message: true },
  };
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) as Record<string, unknown> : undefined;
    calls.push({ method, path: url.pathname + url.search, headers: { ...(init.headers as Record<string, string>) }, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    const key = `${method} ${url.pathname}`;
    if (key === 'GET /v1/admin/keys') return json(200, { keys });
    if (key === 'POST /v1/admin/keys') {
      const made = { id: `k${keys.length + 1}`, kind: String(body!.kind), prefix: 'sk_live_ab12', label: String(body!.label), revoked_at: null, created_at: '2026-12-07T10:00:00Z' };
      keys.push(made as typeof keys[number]);
      return json(201, { ...made, key: 'sk_live_ab12cd34ef56gh78ij90' });
    }
    const revoke = /^POST \/v1\/admin\/keys\/(\w+)\/revoke$/.exec(key);
    if (revoke) { const k = keys.find((x) => x.id === revoke[1])!; k.revoked_at = '2026-12-07T10:05:00Z'; return json(200, k); }
    if (key === 'GET /v1/admin/origins') return json(200, { origins });
    if (key === 'POST /v1/admin/origins') {
      if (String(body!.origin).endsWith('/')) return json(400, { type: 'x', title: 'The request is not valid', status: 400, code: 'validation_failed', errors: [{ field: 'origin', message: 'must be the origin only (https://yoga.example), without path, query or trailing slash' }] });
      origins.push({ id: 'd2', origin: String(body!.origin), created_at: '2026-12-07T10:00:00Z' });
      return json(201, origins.at(-1));
    }
    if (key === 'DELETE /v1/admin/origins/d1') { origins.splice(0, 1); return json(200, { id: 'd1', deleted: true }); }
    if (key === 'GET /v1/admin/staff') return json(200, { staff });
    if (key === 'POST /v1/admin/staff') { staff.push({ id: 's3', name: String(body!.name), email: String(body!.email), role: String(body!.role), is_active: true }); return json(201, staff.at(-1)); }
    const patch = /^PATCH \/v1\/admin\/staff\/(\w+)$/.exec(key);
    if (patch) {
      const p = staff.find((x) => x.id === patch[1])!;
      if (p.role === 'owner' && (body!.role && body!.role !== 'owner')) return json(409, { type: 'x', title: 'Conflict', status: 409, code: 'conflict', detail: 'The studio must keep an active owner.' });
      Object.assign(p, body);
      return json(200, p);
    }
    const mail = /^(GET|PUT) \/v1\/admin\/staff\/(\w+)\/mail-preferences$/.exec(key);
    if (mail) {
      if (mail[1] === 'PUT') prefs[mail[2]!] = { ...prefs[mail[2]!], ...(body as Record<string, boolean>) };
      return json(200, { staff_id: mail[2], role: staff.find((x) => x.id === mail[2])!.role, preferences: prefs[mail[2]!] });
    }
    return json(404, { code: 'not_found', title: 'Not found' });
  };
  return calls;
}

const root = (el: Element) => el.shadowRoot!;
const buttonWith = (el: Element, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
const byLabel = (el: Element, label: string) => root(el).querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);

async function mount(lang: string, role: string, staffId: string): Promise<{ el: TandemAdminSettings; calls: Call[] }> {
  const calls = stubApi();
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  const el = await fixture<TandemAdminSettings>(html`<tandem-admin-settings lang=${lang} staff-role=${role} staff-id=${staffId} .client=${client}></tandem-admin-settings>`);
  await waitFor(() => root(el).querySelector('table, ul, form'), 'the first section');
  return { el, calls };
}

describe('<tandem-admin-settings>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('keys: a secret key is shown once with a copy button, then gone; a key is revoked after a confirmation (English)', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount('en', 'owner', 's1');
    expect((await waitFor(() => root(el).querySelector('tbody'), 'the keys')).textContent).to.contain('pk_live_pub1');
    await expectAccessible(el);
    root(el).querySelector<HTMLSelectElement>('#key-kind')!.value = 'secret';
    root(el).querySelector<HTMLInputElement>('#key-label')!.value = 'Zapier';
    root(el).querySelector<HTMLFormElement>('#key-kind')!.closest('form')!.requestSubmit();
    const once = await waitFor(() => root(el).querySelector('.once'), 'the new key');
    expect(calls.find((c) => c.method === 'POST' && c.path === '/v1/admin/keys')!.body).to.deep.equal({ kind: 'secret', label: 'Zapier' });
    expect(once.querySelector('code')!.textContent).to.equal('sk_live_ab12cd34ef56gh78ij90');
    expect(once.textContent).to.contain('shown this once');
    // The list shows only the secret key's first characters.
    await waitFor(() => root(el).querySelector('tbody')!.textContent!.includes('sk_live_ab12…'), 'the key in the list');
    expect(root(el).querySelector('tbody')!.textContent).not.to.contain('cd34ef56');
    let copied = '';
    const clipboard = navigator.clipboard as unknown as { writeText: (t: string) => Promise<void> };
    const realWrite = clipboard.writeText;
    clipboard.writeText = async (text: string) => { copied = text; };
    try {
      buttonWith(el, 'Copy')!.click();
      await waitFor(() => copied, 'copied');
      expect(copied).to.equal('sk_live_ab12cd34ef56gh78ij90');
    } finally { clipboard.writeText = realWrite; }
    await expectAccessible(el);
    buttonWith(el, 'I have stored it')!.click();
    await waitFor(() => !root(el).querySelector('.once'), 'the key gone');
    expect(root(el).textContent).not.to.contain('sk_live_ab12cd34ef56gh78ij90');

    byLabel(el, 'Revoke: Website')!.click();
    await waitFor(() => root(el).querySelector('.confirm'), 'the confirmation');
    expect(calls.some((c) => c.path.endsWith('/revoke')), 'nothing revoked before the confirmation').to.equal(false);
    await expectAccessible(el);
    buttonWith(el, 'Revoke the key')!.click();
    await waitFor(() => root(el).textContent!.includes('Key revoked.'), 'revoked');
    const revoke = calls.find((c) => c.path === '/v1/admin/keys/k1/revoke')!;
    expect(revoke.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(revoke.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
    expect(root(el).querySelector('tbody tr')!.textContent).to.contain('Revoked');
    expect(byLabel(el, 'Revoke: Website'), 'a revoked key has no revoke button').to.equal(null);
  });

  it('websites and staff in German: the field message, a removal, an invitation, a role change refused by 409, a deactivation after confirming', async () => {
    const { el, calls } = await mount('de', 'owner', 's1');
    buttonWith(el, 'Zugelassene Websites')!.click();
    const input = await waitFor(() => root(el).querySelector<HTMLInputElement>('#origin'), 'the origin form');
    input.value = 'https://yoga.example/';
    input.form!.requestSubmit();
    const message = await waitFor(() => root(el).querySelector('#origin-error'), 'the field message');
    expect(message.textContent).to.contain('without path');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(el);
    byLabel(el, 'Entfernen: https://studioflow.example')!.click();
    await waitFor(() => root(el).textContent!.includes('Entfernt.'), 'removed');
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/v1/admin/origins/d1')).to.equal(true);

    buttonWith(el, 'Team')!.click();
    await waitFor(() => root(el).querySelector('#inv-name'), 'the staff');
    expect(root(el).querySelector('tbody')!.textContent).to.contain('Sandra Owner (Sie)');
    expect(byLabel(el, 'Deaktivieren: Sandra Owner'), 'nobody deactivates themselves here').to.equal(null);
    await expectAccessible(el);
    root(el).querySelector<HTMLInputElement>('#inv-name')!.value = 'Mara Keller';
    root(el).querySelector<HTMLInputElement>('#inv-email')!.value = 'mara@studioflow.example';
    root(el).querySelector<HTMLSelectElement>('#inv-role')!.value = 'manager';
    root(el).querySelector<HTMLFormElement>('#inv-name')!.closest('form')!.requestSubmit();
    await waitFor(() => root(el).textContent!.includes('Eingeladen'), 'invited');
    expect(calls.find((c) => c.method === 'POST' && c.path === '/v1/admin/staff')!.body).to.deep.equal({ name: 'Mara Keller', email: 'mara@studioflow.example', role: 'manager', locale: 'de' });
    await waitFor(() => root(el).querySelector('#role-s3'), 'the new person in the list');

    root(el).querySelector<HTMLSelectElement>('#role-s1')!.value = 'manager';
    byLabel(el, 'Rolle ändern: Sandra Owner')!.click();
    await waitFor(() => root(el).querySelector('[role="alert"]')!.textContent!.includes('The studio must keep an active owner.'), 'the 409');
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)!.body).to.deep.equal({ role: 'manager' });

    root(el).querySelector<HTMLSelectElement>('#role-s2')!.value = 'manager';
    byLabel(el, 'Rolle ändern: Noemi Frei')!.click();
    await waitFor(() => root(el).textContent!.includes('Rolle geändert.'), 'changed');
    byLabel(el, 'Deaktivieren: Noemi Frei')!.click();
    await waitFor(() => root(el).querySelector('.confirm'), 'the confirmation');
    expect(calls.filter((c) => c.method === 'PATCH')).to.have.length(2);
    buttonWith(el, 'Deaktivieren')!.click();
    await waitFor(() => byLabel(el, 'Aktivieren: Noemi Frei'), 'deactivated');
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)!.body).to.deep.equal({ is_active: false });
    expect(root(el).querySelectorAll('tbody tr')[1]!.textContent).to.contain('Deaktiviert');
  });

  it('mail preferences per person: an owner sets another person\'s; a manager reads keys without changing them; an instructor sets only their own (fr, it)', async () => {
    const { el, calls } = await mount('fr', 'owner', 's1');
    buttonWith(el, 'Préférences d’e-mail')!.click();
    await waitFor(() => root(el).querySelector('input[name="new_booking"]'), 'the preferences');
    expect(calls.some((c) => c.path === '/v1/admin/staff/s1/mail-preferences'), 'one\'s own first').to.equal(true);
    const person = root(el).querySelector<HTMLSelectElement>('#mail-person')!;
    person.value = 's2';
    person.dispatchEvent(new Event('change'));
    await waitFor(() => calls.some((c) => c.path === '/v1/admin/staff/s2/mail-preferences'), 'Noemi\'s preferences');
    const cancellation = await waitFor(() => root(el).querySelector<HTMLInputElement>('input[name="cancellation"]'), 'the form');
    expect(cancellation.checked).to.equal(false);
    expect(cancellation.parentElement!.textContent!.trim()).to.equal('d’une annulation');
    await expectAccessible(el);
    root(el).querySelector<HTMLInputElement>('input[name="message"]')!.click();
    cancellation.form!.requestSubmit();
    await waitFor(() => root(el).textContent!.includes('Préférences enregistrées.'), 'saved');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.path).to.equal('/v1/admin/staff/s2/mail-preferences');
    expect(put.body).to.deep.equal({ new_booking: true, cancellation: false, reschedule: true, payment_failure: true, message: false });

    const { el: manager } = await mount('en', 'manager', 's9');
    expect((await waitFor(() => root(manager).querySelector('tbody'), 'the keys')).textContent).to.contain('pk_live_pub1');
    expect(root(manager).querySelector('#key-kind'), 'managers do not make keys').to.equal(null);
    expect(byLabel(manager, 'Revoke: Website')).to.equal(null);
    expect(root(manager).textContent).to.contain('Only an owner of the studio changes this.');

    const { el: instructor, calls: asked } = await mount('it', 'instructor', 's2');
    const sections = [...root(instructor).querySelectorAll('nav button')].map((b) => b.textContent!.trim());
    expect(sections).to.deep.equal(['Team', 'Preferenze e-mail']);
    expect(asked.some((c) => c.path === '/v1/admin/keys'), 'an instructor never asks for keys').to.equal(false);
    expect(root(instructor).querySelector('#inv-name'), 'instructors do not invite').to.equal(null);
    buttonWith(instructor, 'Preferenze e-mail')!.click();
    await waitFor(() => root(instructor).querySelector('input[name="new_booking"]'), 'their preferences');
    expect(root(instructor).querySelector('#mail-person'), 'no one else to choose').to.equal(null);
    expect(asked.filter((c) => c.path.endsWith('/mail-preferences')).map((c) => c.path)).to.deep.equal(['/v1/admin/staff/s2/mail-preferences']);
    await expectAccessible(instructor);
  });
});
