/**
 * How long health answers are kept, in the console's settings (Chromium): owners and managers
 * read the setting and change it (the API's field message beside the field for 0 months), in
 * English and German; instructors have no such section; axe-clean. The admin API is a stub on
 * window.fetch that records what the view sent.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import type { TandemAdminSettings } from '../../widget/elements/tandem-admin/settings/settings-view.ts';
import { json, mountSettings, problem, restoreFetchAfterEach, root, stubAdminApi, type Call } from './helpers/admin-console.ts';

function stubApi(): Call[] {
  let months = 24;
  return stubAdminApi(({ key, headers, body }) => {
    if (key === 'GET /v1/admin/keys') return json(200, { keys: [] });
    if (key === 'GET /v1/admin/staff') return json(200, { staff: [] });
    if (key === 'GET /v1/admin/studio/retention') return json(200, { health_months: months });
    if (key === 'PUT /v1/admin/studio/retention') {
      const n = body!.health_months;
      if (typeof n !== 'number' || n < 1 || n > 120) {
        const said = headers['Accept-Language'] === 'de' ? 'muss mindestens 1 sein' : 'must be >= 1';
        return problem(400, { type: 'x', title: 'The request is not valid', status: 400, code: 'validation_failed', errors: [{ field: 'health_months', message: said }] });
      }
      months = n;
      return json(200, { health_months: months });
    }
    return undefined;
  });
}

async function mount(lang: string, role: string): Promise<{ settings: TandemAdminSettings; calls: Call[] }> {
  const calls = stubApi();
  return { settings: await mountSettings(lang, role, { clientLang: true }), calls };
}

async function openRetention(settings: TandemAdminSettings, label: string): Promise<Element> {
  const button = [...root(settings).querySelectorAll('nav button')].find((b) => b.textContent!.trim() === label);
  expect(button, `a "${label}" section`).to.exist;
  (button as HTMLButtonElement).click();
  const el = await waitFor(() => root(settings).querySelector('tandem-admin-retention'), 'the retention view');
  await waitFor(() => root(el).querySelector('#health-months'), 'the field');
  return el;
}

function save(el: Element, value: string): void {
  const input = root(el).querySelector<HTMLInputElement>('#health-months')!;
  input.value = value;
  input.form!.requestSubmit();
}

describe('<tandem-admin-retention> in the settings', () => {
  restoreFetchAfterEach();

  it('shows the months kept and saves a new number; 0 gets the API\'s message beside the field (English, owner)', async function () {
    this.timeout(30_000);
    const { settings, calls } = await mount('en', 'owner');
    const el = await openRetention(settings, 'Health data');
    expect(root(el).querySelector<HTMLInputElement>('#health-months')!.value).to.equal('24');
    expect(root(el).textContent).to.contain('Now: 24 months.');
    await expectAccessible(el);

    save(el, '0');
    const error = await waitFor(() => root(el).querySelector('#health-months-error'), 'the field message');
    expect(error.textContent).to.equal('must be >= 1');
    expect(root(el).querySelector('#health-months')!.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(el);

    save(el, '6');
    await waitFor(() => root(el).querySelector('.notice'), 'the notice');
    const put = calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(put.path).to.equal('/v1/admin/studio/retention');
    expect(put.body).to.deep.equal({ health_months: 6 });
    expect(put.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
    expect(put.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(root(el).querySelector('.notice')!.textContent).to.contain('kept 6 months');
    expect(root(el).querySelector('#health-months-error')).to.equal(null);
  });

  it('speaks German for a manager, the API\'s message in German too', async () => {
    const { settings } = await mount('de', 'manager');
    const el = await openRetention(settings, 'Gesundheitsdaten');
    expect(root(el).textContent).to.contain('Derzeit: 24 Monate.');
    save(el, '0');
    const error = await waitFor(() => root(el).querySelector('#health-months-error'), 'the field message');
    expect(error.textContent).to.equal('muss mindestens 1 sein');
    save(el, '36');
    await waitFor(() => root(el).querySelector('.notice'), 'the notice');
    expect(root(el).querySelector('.notice')!.textContent).to.contain('36 Monate');
  });

  it('is no section of an instructor\'s settings, and says who sets it when shown to one', async () => {
    const { settings, calls } = await mount('en', 'instructor');
    expect([...root(settings).querySelectorAll('nav button')].map((b) => b.textContent!.trim())).to.not.include('Health data');
    const lone = await fixture(html`<tandem-admin-retention lang="fr" staff-role="instructor"></tandem-admin-retention>`);
    expect(root(lone).textContent).to.contain('propriétaires et la direction');
    expect(calls.some((c) => c.path === '/v1/admin/studio/retention')).to.equal(false);
  });
});
