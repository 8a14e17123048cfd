/**
 * The console's automations, in Chromium against a stub admin API: the list says each automation's
 * trigger, delay, conditions and actions in words; one created (a time around a session, two
 * actions, a variant of the chosen program ticked by keyboard) and one edited (its variant condition
 * shown ticked and unticked) and disabled;
 * the run log shows a failed action with its last error, filters failed runs and retries one; the
 * marketing view's tab opens it; en/de/fr/it; axe-clean.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/marketing/automations-view.ts';
import '../../widget/elements/tandem-admin/marketing/marketing-view.ts';
import type { TandemAdminAutomations } from '../../widget/elements/tandem-admin/marketing/automations-view.ts';
import type { TandemAdminMarketing } from '../../widget/elements/tandem-admin/marketing/marketing-view.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; body: any };
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const welcome = {
  id: ID(1), name: 'Welcome', enabled: true, trigger: { kind: 'event', event: 'booking.confirmed' }, delay_minutes: 60,
  conditions: { program_ids: [ID(4)], variant_ids: [ID(5)] },
  actions: [{ type: 'send_mail', marketing: false, subject: { en: 'Welcome', de: 'Willkommen' }, body_md: { en: 'Hi' } }, { type: 'call_webhook', endpoint_id: ID(6) }, { type: 'add_tag', tag: 'new' }],
  created_at: '2026-11-01T09:00:00Z', updated_at: '2026-11-01T09:00:00Z',
};
/** Reiki's two variants: ID(5) is the one Welcome's condition names. */
const PACK = '00000000-0000-4000-8000-000000000051';
const reikiVariants = [{ id: ID(5), name: 'Single session' }, { id: PACK, name: '5-session pack' }];
const step = (position: number, type: string, status: string, attempts: number, last_error: string | null) => ({ position, type, status, attempts, next_attempt_at: null, last_error, result: null, finished_at: null });
const failedRun = {
  id: ID(7), trigger_key: 'event:x', context: {}, customer_id: ID(8), booking_id: ID(9), status: 'failed', skip_reason: null,
  due_at: '2026-11-25T09:00:00Z', started_at: '2026-11-25T09:00:00Z', finished_at: '2026-11-25T15:00:00Z', created_at: '2026-11-25T08:00:00Z',
  actions: [step(0, 'send_mail', 'succeeded', 1, null), step(1, 'call_webhook', 'failed', 6, 'HTTP 500'), step(2, 'add_tag', 'skipped', 0, 'an earlier action failed')],
};
const skippedRun = { ...failedRun, id: ID(3), status: 'skipped', skip_reason: 'condition_program', actions: [], created_at: '2026-11-24T08:00:00Z' };

function stubApi(): Call[] {
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: url.pathname + url.search, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    switch (`${method} ${url.pathname}`) {
      case 'GET /v1/admin/automations': return json(200, { automations: [welcome] });
      case 'GET /v1/admin/segments': return json(200, { segments: [{ id: ID(2), name: 'Regulars' }] });
      case 'GET /v1/admin/programs': return json(200, { programs: [{ id: ID(4), title: 'Reiki 1:1' }] });
      case `GET /v1/admin/programs/${ID(4)}`: return json(200, { id: ID(4), title: 'Reiki 1:1', variants: reikiVariants });
      case 'GET /v1/admin/webhooks': return json(200, { webhooks: [{ id: ID(6), url: 'https://crm.example/hook' }] });
      case 'GET /v1/admin/marketing/consents': return json(200, { consents: [], next_cursor: null });
      case 'POST /v1/admin/automations': return body.name
        ? json(201, { ...body, id: ID(9), enabled: true, created_at: '2026-12-01T09:00:00Z', updated_at: '2026-12-01T09:00:00Z' })
        : json(400, { type: 'x', title: 'Bad', status: 400, code: 'validation_failed', detail: 'Check the fields', errors: [{ field: 'name', message: 'is required' }] });
      case `PATCH /v1/admin/automations/${ID(1)}`: return json(200, { ...welcome, ...body });
      case `POST /v1/admin/automations/${ID(1)}/disable`: return json(200, { ...welcome, enabled: false });
      case `GET /v1/admin/automations/${ID(1)}/runs`: return json(200, { runs: url.searchParams.get('status') === 'failed' ? [failedRun] : [failedRun, skippedRun] });
      case `POST /v1/admin/automations/${ID(1)}/runs/${ID(7)}/retry`: return json(200, { ...failedRun, status: 'running', finished_at: null,
        actions: [failedRun.actions[0], step(1, 'call_webhook', 'pending', 0, 'HTTP 500'), step(2, 'add_tag', 'pending', 0, null)] });
      default: return json(404, { code: 'not_found', title: 'Not found' });
    }
  };
  return calls;
}

const root = (el: Element) => el.shadowRoot!;
const button = (el: Element, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
async function mount(lang = 'en'): Promise<{ el: TandemAdminAutomations; calls: Call[] }> {
  const calls = stubApi();
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  const el = await fixture<TandemAdminAutomations>(html`<tandem-admin-automations lang=${lang} .client=${client}></tandem-admin-automations>`);
  await waitFor(() => root(el).querySelector('tbody'), 'the automations');
  await el.updateComplete;
  return { el, calls };
}
const pick = async (el: TandemAdminAutomations, sel: string, value: string) => {
  const s = root(el).querySelector<HTMLSelectElement>(sel)!;
  s.value = value;
  s.dispatchEvent(new Event('change'));
  await el.updateComplete;
};
const type = async (el: TandemAdminAutomations, sel: string, value: string) => {
  const input = root(el).querySelector<HTMLInputElement | HTMLTextAreaElement>(sel)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
};
const status = (el: Element) => root(el).querySelector('[role="status"]')!.textContent!.trim();

describe('<tandem-admin-automations>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('lists each automation\'s trigger, delay, conditions and actions in words; axe-clean', async function () {
    this.timeout(30_000);
    const { el } = await mount();
    const row = root(el).querySelector('tbody tr')!.textContent!.replace(/\s+/g, ' ');
    for (const words of ['Welcome', 'on booking.confirmed', '60 min', '1 programs, 1 variants', 'mail “Welcome”', 'webhook', 'tag “new”', 'Enabled']) expect(row).to.contain(words);
    await expectAccessible(el);
  });

  it('creates one (a time around a session, credits and a tag), refused first without a name', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount();
    button(el, 'New automation')!.click();
    await el.updateComplete;
    const form = root(el).querySelector<HTMLFormElement>('form')!;
    form.noValidate = true;
    form.requestSubmit();
    await waitFor(() => root(el).querySelector('[role="alert"] li'), 'the problem');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('name: is required');
    await type(el, '#au-name', 'After the session');
    await pick(el, '#au-kind', 'session_time');
    await pick(el, '#au-anchor', 'session_end');
    await type(el, '#au-offset', '120');
    await type(el, '#au-delay', '0');
    expect(root(el).querySelector('#au-variants-note')!.textContent).to.equal('Choose programs above to limit it to some of their variants.');
    root(el).querySelector<HTMLInputElement>('fieldset fieldset input[type="checkbox"]')!.click();
    // The chosen program's variants, by keyboard: Tab from the program's box to the first variant, on to the pack, Space ticks it.
    await waitFor(() => root(el).querySelector(`input[value="${PACK}"]`), 'Reiki\'s variants');
    const variants = [...root(el).querySelectorAll<HTMLLabelElement>('fieldset fieldset')].find((f) => f.querySelector('legend')!.textContent === 'Only for these variants')!;
    expect([...variants.querySelectorAll('label')].map((l) => l.textContent!.trim())).to.deep.equal(['Single session (Reiki 1:1)', '5-session pack (Reiki 1:1)']);
    root(el).querySelector<HTMLInputElement>('fieldset fieldset input[type="checkbox"]')!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(root(el).querySelector(`input[value="${PACK}"]`));
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(root(el).querySelector<HTMLInputElement>(`input[value="${PACK}"]`)!.checked).to.equal(true);
    await pick(el, '#au-in-segment', ID(2));
    await pick(el, '#au-a0-type', 'grant_credits');
    await type(el, '#au-a0-credits', '2');
    button(el, 'Add an action')!.click();
    await el.updateComplete;
    await type(el, '#au-a1-tag', 'came back');
    expect(root(el).querySelector('label[for="au-a1-tag"]')!.textContent).to.equal('Tag');
    await expectAccessible(el);
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => root(el).textContent!.includes('After the session'), 'created');
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/v1/admin/automations').at(-1)!.body).to.deep.equal({
      name: 'After the session', trigger: { kind: 'session_time', anchor: 'session_end', offset_minutes: 120 }, delay_minutes: 0,
      conditions: { program_ids: [ID(4)], variant_ids: [PACK], segment_id: ID(2) }, actions: [{ type: 'grant_credits', credits: 2 }, { type: 'add_tag', tag: 'came back' }],
    });
    expect(status(el)).to.equal('Saved.');
    expect(root(el).querySelector('form')).to.equal(null);
  });

  it('edits one (its variant condition shown and changed, the mail\'s German kept) and disables it', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount();
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Edit: Welcome"]')!.click();
    await el.updateComplete;
    expect(root(el).querySelector<HTMLInputElement>('#au-a0-subject-de')!.value).to.equal('Willkommen');
    expect(root(el).querySelector<HTMLSelectElement>('#au-a1-endpoint')!.value).to.equal(ID(6));
    const single = await waitFor(() => root(el).querySelector<HTMLInputElement>(`input[value="${ID(5)}"]`), 'the variant condition');
    expect([single.checked, root(el).querySelector<HTMLInputElement>(`input[value="${PACK}"]`)!.checked]).to.deep.equal([true, false]);
    await expectAccessible(el);
    single.click();
    root(el).querySelector<HTMLInputElement>(`input[value="${PACK}"]`)!.click();
    await type(el, '#au-delay', '30');
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => calls.some((c) => c.method === 'PATCH'), 'saved');
    const patch = calls.find((c) => c.method === 'PATCH')!.body;
    expect(patch.delay_minutes).to.equal(30);
    expect(patch.conditions).to.deep.equal({ program_ids: [ID(4)], variant_ids: [PACK] });
    expect(patch.actions).to.deep.equal(welcome.actions);
    await waitFor(() => root(el).querySelector('tbody tr')!.textContent!.includes('30 min'), 'the new delay');
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Disable: Welcome"]')!.click();
    await waitFor(() => root(el).querySelector('tbody tr')!.textContent!.includes('Disabled'), 'disabled');
    expect(status(el)).to.equal('Automation disabled.');
    expect(root(el).querySelector('button[aria-label="Enable: Welcome"]')).to.not.equal(null);
  });

  it('unticking a program drops its variants from the condition', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount();
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Edit: Welcome"]')!.click();
    await waitFor(() => root(el).querySelector(`input[value="${ID(5)}"]`), 'the variant condition');
    root(el).querySelector<HTMLInputElement>('fieldset fieldset input[type="checkbox"]')!.click();
    await el.updateComplete;
    expect(root(el).querySelector(`input[value="${ID(5)}"]`)).to.equal(null);
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => calls.some((c) => c.method === 'PATCH'), 'saved');
    expect(calls.find((c) => c.method === 'PATCH')!.body.conditions).to.deep.equal({});
  });

  it('the run log: a failed action visible with its last error, failed runs only, a failed run retried; axe-clean', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount();
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Run log: Welcome"]')!.click();
    await waitFor(() => root(el).querySelector('#au-log'), 'the log');
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('au-log');
    const rows = () => [...root(el).querySelectorAll('#au-log ~ table tbody tr, section[aria-labelledby="au-log"] tbody tr')].map((r) => r.textContent!.replace(/\s+/g, ' '));
    expect(rows()).to.have.length(2);
    const failed = root(el).querySelector('section[aria-labelledby="au-log"] li.failed')!;
    expect(failed.textContent!.replace(/\s+/g, ' ')).to.contain('Call a webhook · failed · attempts: 6').and.contain('last error: HTTP 500');
    expect(rows()[1]).to.contain('Skipped').and.contain('reason: condition_program');
    await expectAccessible(el);
    const only = [...root(el).querySelectorAll<HTMLLabelElement>('label')].find((l) => l.textContent!.includes('Failed runs only'))!.querySelector('input')!;
    only.click();
    await waitFor(() => rows().length === 1, 'failed only');
    expect(calls.at(-1)!.path).to.contain('status=failed');
    const retry = root(el).querySelector<HTMLButtonElement>('section[aria-labelledby="au-log"] tbody button')!;
    expect(retry.textContent!.trim()).to.equal('Retry');
    retry.click();
    await waitFor(() => rows()[0]!.includes('Running'), 'running again');
    expect(calls.find((c) => c.path.endsWith('/retry'))!.method).to.equal('POST');
    expect(status(el)).to.equal('Run retried.');
    expect(root(el).querySelector('section[aria-labelledby="au-log"] tbody button')).to.equal(null, 'no retry while it runs');
    button(el, 'Close the log')!.click();
    await el.updateComplete;
    expect(root(el).activeElement?.getAttribute('data-log')).to.equal(ID(1));
  });

  it('the marketing view\'s tab opens it', async function () {
    this.timeout(30_000);
    stubApi();
    const el = await fixture<TandemAdminMarketing>(html`<tandem-admin-marketing lang="en" .client=${new AdminApi()}></tandem-admin-marketing>`);
    [...root(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((b) => b.textContent!.trim() === 'Automations')!.click();
    const inner = await waitFor(() => root(el).querySelector<TandemAdminAutomations>('tandem-admin-automations'), 'the automations');
    await waitFor(() => root(inner).textContent!.includes('Welcome'), 'listed');
  });

  for (const [lang, words] of [
    ['de', ['Automationen', 'Neue Automation', 'bei booking.confirmed', 'Nur für diese Varianten', 'Bearbeiten: Welcome']],
    ['fr', ['Automatisations', 'Nouvelle automatisation', 'à booking.confirmed', 'Seulement pour ces variantes', 'Modifier: Welcome']],
    ['it', ['Automazioni', 'Nuova automazione', 'a booking.confirmed', 'Solo per queste varianti', 'Modifica: Welcome']],
  ] as const) {
    it(`in ${lang}: its own words, the variant condition too`, async function () {
      this.timeout(30_000);
      const { el } = await mount(lang);
      expect(root(el).querySelector('h3')!.textContent).to.equal(words[0]);
      expect(button(el, words[1])).to.not.equal(undefined);
      expect(root(el).querySelector('tbody')!.textContent).to.contain(words[2]);
      await expectAccessible(el);
      root(el).querySelector<HTMLButtonElement>(`button[aria-label="${words[4]}"]`)!.click();
      await waitFor(() => root(el).querySelector(`input[value="${ID(5)}"]`), 'the variant condition');
      expect([...root(el).querySelectorAll('legend')].map((l) => l.textContent)).to.include(words[3]);
      await expectAccessible(el);
    });
  }
});
