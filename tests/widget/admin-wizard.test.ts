/**
 * The program wizard in Chromium, by keyboard only: every step filled by typing, Tab, arrow keys
 * and Enter (basics with the preview, delivery, two variants, an intake question in two languages,
 * a milestone, visibility, a German title), each saved as a draft, then published. axe-clean on the
 * way; English and German. The admin API is a stub on window.fetch that keeps the program.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import '../../widget/entries/tandem-admin.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';
import type { TandemAdminWizard } from '../../widget/elements/tandem-admin/wizard/program-wizard.ts';

type Call = { method: string; path: string; body: Record<string, unknown> | undefined };

const session = { status: 'signed_in', staff: { id: 's1', name: 'Sandra', email: 'sandra@studioflow.example', role: 'owner', timezone: 'Europe/Zurich' },
  studio: { id: 'o1', name: 'Studio Flow', timezone: 'Europe/Zurich', currency: 'CHF', default_locale: 'de' }, csrf_token: 'csrf-1', expires_at: '2026-12-07T20:00:00Z' };

function stubApi(): { calls: Call[] } {
  const calls: Call[] = [];
  const program: Record<string, unknown> = { id: 'pr1', slug: 'breath', title: 'Breathwork', status: 'draft', category: 'coaching', summary: '', long_description_md: '', description_html: '',
    translations: {}, tags: [], details: {}, delivery_mode: 'in_person', location_id: null, resource_id: null, meeting_url: null, session_length_min: 60, is_multi_session: false,
    default_sessions_count: 1, scheduling: { buffer_before_min: 0, buffer_after_min: 15 }, instructor_ids: [], variants: [], form: null, form_required: false, milestones: [],
    policies: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 }, visibility: 'public', private_link_token: null, missing: [], updated_at: '2026-12-01T08:00:00.000Z' };
  const missing = () => [
    ...(program.summary ? [] : ['basics.summary']),
    ...(program.delivery_mode === 'online' ? (program.meeting_url ? [] : ['delivery.meeting_url']) : ['delivery.location_id']),
    ...((program.instructor_ids as string[]).length ? [] : ['delivery.instructor_ids']),
    ...((program.variants as unknown[]).length ? [] : ['pricing.variants']),
  ];
  program.missing = missing();
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) as Record<string, unknown> : undefined;
    calls.push({ method, path: url.pathname, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
    const key = `${method} ${url.pathname}`;
    if (key === 'GET /v1/admin/session') return json(200, session);
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: [], counts: { reserved: 0, confirmed: 0, in_progress: 0, awaiting_attendance: 0, payment_overdue: 0, completed: 0, cancelled: 0 }, next_cursor: null });
    if (key === 'GET /v1/admin/programs') return json(200, { programs: [{ id: 'pr1', slug: 'breath', title: 'Breathwork', status: program.status, category: 'coaching', visibility: 'public', variants: 0, updated_at: program.updated_at }] });
    if (key === 'GET /v1/admin/programs/pr1') return json(200, program);
    if (key === 'GET /v1/admin/categories') return json(200, { categories: [{ key: 'coaching', labels: { en: 'Coaching', de: 'Coaching' }, programs: 1 }, { key: 'breathwork', labels: { en: 'Breathwork', de: 'Atemarbeit' }, programs: 0 }] });
    if (key === 'POST /v1/admin/categories') return json(201, { categories: [{ key: 'coaching', labels: { en: 'Coaching' }, programs: 1 }, { key: String(body!.key), labels: body!.labels, programs: 0 }] });
    if (key === 'GET /v1/admin/staff') return json(200, { staff: [{ id: 'st-mara', name: 'Mara Keller', email: 'mara@studioflow.example', role: 'instructor', is_active: true }] });
    if (key === 'POST /v1/admin/programs/preview') return json(200, { html: '<p><strong>Breathe</strong> slowly</p>\n' });
    if (key === 'PATCH /v1/admin/programs/pr1') {
      const { step, ...rest } = body!;
      if (step === 'pricing') program.variants = (rest.variants as Record<string, unknown>[]).map((v, i) => ({ id: `v${i}`, billing: 'package', sessions_count: 1, deposit_amount: null, credit_price: null, pay_plan: null, ...v, is_active: true }));
      else if (step === 'intake') Object.assign(program, rest.form !== undefined ? { form: rest.form, form_required: rest.form_required } : {}, rest.milestones ? { milestones: (rest.milestones as Record<string, unknown>[]).map((m, i) => ({ id: `m${i}`, ...m })) } : {});
      else if (step === 'content') program.translations = { ...(program.translations as object), [String(rest.lang)]: { title: rest.title } };
      else if (step === 'policies') program.visibility = rest.visibility;
      else Object.assign(program, rest);
      program.missing = missing();
      return json(200, program);
    }
    if (key === 'POST /v1/admin/programs/pr1/publish') {
      if ((program.missing as string[]).length) return json(422, { code: 'program_incomplete', title: 'Incomplete', detail: 'Still missing.', missing: program.missing });
      program.status = 'published';
      return json(200, program);
    }
    return json(404, { code: 'not_found', title: 'Not found' });
  };
  return { calls };
}

const inner = (el: TandemAdmin) => el.shadowRoot!.querySelector<TandemAdminWizard>('tandem-admin-wizard');
const w$ = <T extends Element = HTMLElement>(el: TandemAdmin, sel: string) => inner(el)?.shadowRoot?.querySelector<T>(sel) ?? null;
const buttonIn = (root: ShadowRoot | null | undefined, text: string) => [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.replace(/\s+/g, ' ').trim().startsWith(text));
const deepActive = (): Element | null => { let a: Element | null = document.activeElement; while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement; return a; };

/** Moves the keyboard focus onto an element the way Tab would end there, then acts with keys only. */
async function focusOn(el: HTMLElement): Promise<void> {
  el.focus();
  await waitFor(() => deepActive() === el, 'focus');
}
async function typeInto(el: HTMLElement, value: string): Promise<void> {
  await focusOn(el);
  await sendKeys({ type: value });
}
async function pressOn(el: HTMLElement, key = 'Enter'): Promise<void> {
  await focusOn(el);
  await sendKeys({ press: key });
}

async function openWizard(lang: 'en' | 'de'): Promise<{ el: TandemAdmin; calls: Call[] }> {
  const { calls } = stubApi();
  const el = await fixture<TandemAdmin>(html`<tandem-admin lang=${lang}></tandem-admin>`);
  await waitFor(() => el.shadowRoot!.querySelector('.board'), 'the pipeline');
  await pressOn(buttonIn(el.shadowRoot, lang === 'de' ? 'Programme' : 'Programs')!);
  await pressOn(await waitFor(() => buttonIn(el.shadowRoot, 'Breathwork'), 'the programs'));
  await waitFor(() => w$(el, '#w-summary'), 'the wizard');
  return { el, calls };
}

const lastPatch = (calls: Call[], step: string) => calls.filter((c) => c.method === 'PATCH' && c.body?.step === step).at(-1)?.body;
const heading = (el: TandemAdmin) => w$(el, '#step-heading')!.textContent!.trim();

describe('<tandem-admin> program wizard', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('walks every step by keyboard, saving each as a draft, and publishes (English)', async function () {
    this.timeout(90_000);
    const { el, calls } = await openWizard('en');
    await expectAccessible(el);

    // 1. Basics: summary, description with its preview, category; Enter saves and moves on.
    await typeInto(w$(el, '#w-summary')!, 'Calm in six breaths.');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '**Breathe** slowly' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.textContent).to.equal('Show preview');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => w$(el, '.preview strong'), 'the preview');
    expect(w$(el, '.preview')!.textContent).to.contain('Breathe slowly');
    await pressOn(w$(el, '#w-category')!, 'ArrowDown');
    await pressOn(w$(el, '#w-title')!);
    await waitFor(() => heading(el) === 'Delivery', 'the delivery step');
    expect(deepActive()?.id).to.equal('step-heading');
    expect(lastPatch(calls, 'basics')).to.include({ summary: 'Calm in six breaths.', long_description_md: '**Breathe** slowly', category: 'breathwork' });
    expect(inner(el)!.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Saved as draft.');

    // 2. Delivery: online by the arrow keys, a meeting URL, the instructor ticked with Space.
    await pressOn(w$(el, 'input[name="delivery_mode"][value="in_person"]')!, 'ArrowDown');
    await typeInto(w$(el, '#w-url')!, 'https://meet.example/breath');
    await pressOn(w$(el, 'input[name="instructor_ids"]')!, 'Space');
    await pressOn(w$(el, '#w-length')!);
    await waitFor(() => heading(el) === 'Variants', 'the variants step');
    expect(lastPatch(calls, 'delivery')).to.deep.include({ delivery_mode: 'online', meeting_url: 'https://meet.example/breath', instructor_ids: ['st-mara'] });

    // 3. Two variants, the second added with its button.
    await typeInto(w$(el, '#v0-name')!, 'Single');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '90' });
    await pressOn(buttonIn(inner(el)!.shadowRoot, 'Add a variant')!);
    await typeInto(await waitFor(() => w$(el, '#v1-name'), 'the second variant'), 'Three sessions');
    await typeInto(w$(el, '#v1-price')!, '240.50');
    await pressOn(w$(el, '#v1-sessions')!, 'Backspace');
    await sendKeys({ type: '3' });
    await expectAccessible(el);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(el) === 'Intake form', 'the intake step');
    const variants = lastPatch(calls, 'pricing')!.variants as Record<string, unknown>[];
    expect(variants.map((v) => [v.name, v.price, v.currency, v.sessions_count])).to.deep.equal([['Single', 9000, 'CHF', 1], ['Three sessions', 24050, 'CHF', 3]]);

    // 4. Intake: a required question, a yes/no one, the first labelled in German through the tabs.
    await pressOn(buttonIn(inner(el)!.shadowRoot, 'Add a question')!);
    await waitFor(() => deepActive()?.id === 'q0-label-en', 'focus on the new question');
    await sendKeys({ type: 'Your goal' });
    await pressOn(w$(el, '#q0-kind')!.closest('fieldset')!.querySelector<HTMLInputElement>('input[type="checkbox"]')!, 'Space');
    await pressOn(buttonIn(inner(el)!.shadowRoot, 'Add a question')!);
    await waitFor(() => deepActive()?.id === 'q1-label-en', 'the second question');
    await sendKeys({ type: 'Asthma?' });
    await pressOn(w$(el, '#q1-kind')!, 'ArrowDown'); // long text
    await sendKeys({ press: 'ArrowDown' }); // single choice
    await sendKeys({ press: 'ArrowDown' }); // multiple choice
    await sendKeys({ press: 'ArrowDown' }); // yes / no
    await pressOn(w$(el, '#q-tab-en')!, 'ArrowRight');
    await waitFor(() => deepActive()?.id === 'q-tab-de', 'the German tab');
    await typeInto(await waitFor(() => w$(el, '#q0-label-de'), 'the German label'), 'Ihr Ziel');
    await expectAccessible(el);
    await pressOn(buttonIn(inner(el)!.shadowRoot, 'Save draft')!);
    await waitFor(() => heading(el) === 'Milestones', 'the milestones step');
    const form = lastPatch(calls, 'intake')!.form as { 'x-order': string[]; required: string[]; properties: Record<string, { type: string; title: string; 'x-i18n'?: Record<string, { title: string }> }> };
    expect(form['x-order']).to.deep.equal(['your_goal', 'asthma']);
    expect(form.required).to.deep.equal(['your_goal']);
    expect(form.properties.your_goal!['x-i18n']!.de!.title).to.equal('Ihr Ziel');
    expect(form.properties.asthma!.type).to.equal('boolean');

    // 5. A milestone due on day 7.
    await pressOn(buttonIn(inner(el)!.shadowRoot, 'Add a milestone')!);
    await waitFor(() => deepActive()?.id === 'm0-name', 'the milestone');
    await sendKeys({ type: 'First calm breath' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '7' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(el) === 'Policies', 'the policies step');
    expect(lastPatch(calls, 'intake')!.milestones).to.deep.equal([{ name: 'First calm breath', description_md: '', due_day_offset: 7 }]);

    // 6. Visibility: by link, by the arrow keys.
    await pressOn(w$(el, 'input[name="visibility"][value="public"]')!, 'ArrowDown');
    await pressOn(w$(el, '#w-free')!);
    await waitFor(() => heading(el) === 'Languages', 'the languages step');
    expect(lastPatch(calls, 'policies')).to.include({ visibility: 'by_link', free_cancel_hours: 24 });

    // 7. The German title in its tab.
    await pressOn(w$(el, '#c-tab-en')!, 'ArrowRight');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.id).to.equal('c-title');
    await sendKeys({ type: 'Atemarbeit' });
    await typeInto(w$(el, '#c-outcomes')!, 'Ruhiger Atem');
    await pressOn(w$(el, '#c-title')!);
    await waitFor(() => heading(el) === 'Publish', 'the publish step');
    expect(lastPatch(calls, 'content')).to.deep.include({ lang: 'de', title: 'Atemarbeit', outcomes: ['Ruhiger Atem'], faq: [] });

    // 8. Complete: published.
    expect(inner(el)!.shadowRoot!.textContent).to.contain('Complete: ready to publish.');
    await pressOn(buttonIn(inner(el)!.shadowRoot, 'Publish')!);
    await waitFor(() => inner(el)!.shadowRoot!.textContent!.includes('Published.'), 'published');
    expect(calls.filter((c) => c.method !== 'GET').every((c) => c.path !== '/v1/admin/programs/pr1' || c.method === 'PATCH')).to.equal(true);
    await expectAccessible(el);
  });

  it('in German: the steps, what is missing, a refused publish and a saved step', async function () {
    this.timeout(60_000);
    const { el, calls } = await openWizard('de');
    const steps = [...inner(el)!.shadowRoot!.querySelectorAll('ol.steps button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
    expect(steps).to.deep.equal(['1. Grundlagen •', '2. Durchführung •', '3. Varianten •', '4. Anmeldeformular', '5. Meilensteine', '6. Bedingungen', '7. Sprachen', '8. Veröffentlichen']);
    await pressOn(buttonIn(inner(el)!.shadowRoot, '8. Veröffentlichen')!);
    await waitFor(() => heading(el) === 'Veröffentlichen', 'the publish step');
    expect(inner(el)!.shadowRoot!.textContent).to.contain('Vor dem Veröffentlichen');
    await pressOn(buttonIn(inner(el)!.shadowRoot, 'Veröffentlichen')!.closest('p')!.querySelector('button')!);
    await waitFor(() => inner(el)!.shadowRoot!.querySelector('[role="alert"] .error'), 'the refusal');
    expect(inner(el)!.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('pricing.variants');
    await expectAccessible(el);
    await pressOn(buttonIn(inner(el)!.shadowRoot, 'Varianten: variants')!);
    await waitFor(() => heading(el) === 'Varianten', 'back to the variants');
    await pressOn(buttonIn(inner(el)!.shadowRoot, '1. Grundlagen')!);
    await typeInto(await waitFor(() => w$(el, '#w-summary'), 'the basics'), 'Ruhig atmen.');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(el) === 'Durchführung', `the next step (${JSON.stringify(calls.at(-1))} ${inner(el)!.shadowRoot!.querySelector('[role="alert"]')!.textContent} ${deepActive()?.id})`);
    expect(inner(el)!.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Als Entwurf gespeichert.');
    expect(lastPatch(calls, 'basics')).to.include({ summary: 'Ruhig atmen.' });
    await expectAccessible(el);
  });

  it('adds a category: it is offered at once and its form empties for the next', async () => {
    const { el, calls } = await openWizard('en');
    const key = w$<HTMLInputElement>(el, '#w-newcat')!;
    key.value = 'yoga';
    w$<HTMLInputElement>(el, '#w-newcat-label')!.value = 'Yoga';
    key.form!.requestSubmit();
    await waitFor(() => w$(el, '#w-category option[value="yoga"]'), 'the new category offered');
    expect(calls.find((c) => c.method === 'POST' && c.path === '/v1/admin/categories')!.body).to.deep.equal({ key: 'yoga', labels: { en: 'Yoga' } });
    await waitFor(() => w$<HTMLInputElement>(el, '#w-newcat')!.value === '', 'the form emptied');
    expect(w$<HTMLInputElement>(el, '#w-newcat-label')!.value).to.equal('');
  });
});
