/**
 * The console's own-domain settings in Chromium: the owner names a domain (the API's field message
 * beside the field), sees the CNAME and TXT records, checks them (what is missing, then verified),
 * removes the domain after a confirmation; managers have no such section; German, French and
 * Italian; axe-clean. The admin API is a stub on window.fetch that records what the view sent.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import type { TandemAdminSettings } from '../../widget/elements/tandem-admin/settings/settings-view.ts';
import type { TandemAdminDomain } from '../../widget/elements/tandem-admin/settings/domain-view.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';
import { json, mountSettings, problem, restoreFetchAfterEach, root, stubAdminApi, type Call } from './helpers/admin-console.ts';

function stubApi(): { calls: Call[]; dns: { cname: boolean; txt: boolean } } {
  const dns = { cname: false, txt: false };
  let domain: Record<string, unknown> | null = null;
  const calls = stubAdminApi(({ key, body }) => {
    if (key === 'GET /v1/admin/keys') return json(200, { keys: [] });
    if (key === 'GET /v1/admin/settings/domain') return json(200, { domain });
    if (key === 'PUT /v1/admin/settings/domain') {
      const host = String(body!.host);
      if (!host.includes('.')) return problem(400, { type: 'x', title: 'The request is not valid', status: 400, code: 'validation_failed', errors: [{ field: 'host', message: 'must be a domain name such as book.studio.ch' }] });
      domain = { host, status: 'pending', verified_at: null, checked_at: null, missing: [], url: `https://${host}/`,
        records: [{ type: 'CNAME', name: host, value: 'api.tandem.example' }, { type: 'TXT', name: `_tandem.${host}`, value: 'tandem-verify=tok123' }] };
      return json(200, { domain });
    }
    if (key === 'POST /v1/admin/settings/domain/verify') {
      const missing = [...(dns.cname ? [] : ['cname']), ...(dns.txt ? [] : ['txt'])];
      domain = { ...domain!, missing, checked_at: '2026-12-07T10:00:00Z', ...(missing.length ? {} : { status: 'verified', verified_at: '2026-12-07T10:00:00Z' }) };
      return json(200, { domain });
    }
    if (key === 'DELETE /v1/admin/settings/domain') { domain = null; return json(200, { domain }); }
    return undefined;
  });
  return { calls, dns };
}

const buttonWith = (el: Element, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);

async function mountDomain(lang: string, role = 'owner'): Promise<{ settings: TandemAdminSettings; el: TandemAdminDomain; calls: Call[]; dns: { cname: boolean; txt: boolean } }> {
  const { calls, dns } = stubApi();
  const settings = await mountSettings(lang, role);
  await settings.show('domain');
  const el = await waitFor(() => root(settings).querySelector('tandem-admin-domain'), 'the domain view');
  await waitFor(() => root(el).querySelector('form'), 'the domain form');
  return { settings, el, calls, dns };
}

const hostInput = (el: Element) => root(el).querySelector<HTMLInputElement>('#domain-host')!;
function saveHost(el: Element, host: string): void {
  hostInput(el).value = host;
  hostInput(el).closest('form')!.requestSubmit();
}

describe('<tandem-admin-domain> in the settings', () => {
  restoreFetchAfterEach();

  it('names a domain, shows the records, checks them until verified, removes it after a confirmation (English)', async function () {
    this.timeout(30_000);
    const { settings, el, calls, dns } = await mountDomain('en');
    expect([...root(settings).querySelectorAll('nav button')].map((b) => b.textContent!.trim())).to.include('Own domain');
    await expectAccessible(el);
    saveHost(el, 'studio');
    const error = await waitFor(() => root(el).querySelector('#domain-host-error'), 'the field message');
    expect(error.textContent).to.equal('must be a domain name such as book.studio.ch');
    expect(hostInput(el).getAttribute('aria-invalid')).to.equal('true');
    expect(hostInput(el).getAttribute('aria-describedby')).to.equal('domain-host-error');
    await expectAccessible(el);

    saveHost(el, 'book.studioflow.ch');
    const table = await waitFor(() => root(el).querySelector('table'), 'the records');
    const put = calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(put.body).to.deep.equal({ host: 'book.studioflow.ch' });
    expect(put.headers['Idempotency-Key'] ?? put.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
    expect([...table.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent!.trim())))
      .to.deep.equal([['CNAME', 'book.studioflow.ch', 'api.tandem.example'], ['TXT', '_tandem.book.studioflow.ch', 'tandem-verify=tok123']]);
    expect(root(el).textContent).to.contain('Waiting for the DNS records');
    await expectAccessible(el);

    dns.cname = true;
    buttonWith(el, 'Check the DNS records')!.click();
    await waitFor(() => root(el).querySelector('[role="status"]')!.textContent!.includes('the TXT record'), 'what is missing');
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Not all records were found yet');
    dns.txt = true;
    buttonWith(el, 'Check the DNS records')!.click();
    await waitFor(() => root(el).textContent!.includes('Verified: the pages answer on this domain'), 'verified');
    expect(root(el).querySelector<HTMLAnchorElement>('dd a')!.href).to.equal('https://book.studioflow.ch/');
    await expectAccessible(el);

    buttonWith(el, 'Remove the domain')!.click();
    const confirm = await waitFor(() => root(el).querySelector('.confirm'), 'the confirmation');
    expect(confirm.textContent).to.contain('book.studioflow.ch');
    expect(calls.some((c) => c.method === 'DELETE'), 'nothing removed before the confirmation').to.equal(false);
    buttonWith(el, 'Remove it')!.click();
    await waitFor(() => !root(el).querySelector('table'), 'the records gone');
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Domain removed.');
    expect(calls.filter((c) => c.method === 'DELETE').length).to.equal(1);
  });

  for (const [lang, section, save, pending, check] of [
    ['de', 'Eigene Domain', 'Domain speichern', 'Wartet auf die DNS-Einträge', 'DNS-Einträge prüfen'],
    ['fr', 'Domaine propre', 'Enregistrer le domaine', 'En attente des enregistrements DNS', 'Vérifier les enregistrements DNS'],
    ['it', 'Dominio proprio', 'Salva il dominio', 'In attesa dei record DNS', 'Verifica i record DNS'],
  ] as const) {
    it(`in ${lang}: the section, the form and the records in its words; axe-clean`, async function () {
      this.timeout(30_000);
      const { settings, el } = await mountDomain(lang);
      expect([...root(settings).querySelectorAll('nav button')].map((b) => b.textContent!.trim())).to.include(section);
      expect(buttonWith(el, save)).to.exist;
      saveHost(el, 'buchen.studio.ch');
      await waitFor(() => root(el).querySelector('table'), 'the records');
      expect(root(el).textContent).to.contain(pending);
      expect(buttonWith(el, check)).to.exist;
      await expectAccessible(el);
    });
  }

  it('a manager has no domain section; the view alone says only owners set it', async function () {
    this.timeout(30_000);
    stubApi();
    const client = new AdminApi();
    const settings = await fixture<TandemAdminSettings>(html`<tandem-admin-settings lang="en" staff-role="manager" staff-id="s2" .client=${client}></tandem-admin-settings>`);
    await waitFor(() => root(settings).querySelector('nav button'), 'the sections');
    expect([...root(settings).querySelectorAll('nav button')].map((b) => b.textContent!.trim())).to.not.include('Own domain');
    const alone = await fixture<TandemAdminDomain>(html`<tandem-admin-domain lang="en" staff-role="manager" .client=${client}></tandem-admin-domain>`);
    expect(root(alone).textContent).to.contain('Only an owner of the studio sets its domain.');
  });
});
