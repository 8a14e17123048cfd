/**
 * The studio console in Chromium: sign-in with a code (and a studio to choose), a view picked from the
 * menu before the first pipeline answer kept, the pipeline as
 * columns and as a table, a booking with check-in, and a program step saved and published, all
 * by keyboard where a person would type; axe-clean; English and German, and French and Italian for the sign-in, menu, pipeline, booking and wizard. The admin API is a
 * stub on window.fetch that records what the console sent (CSRF token, Idempotency-Key).
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/entries/tandem-admin.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';

type Call = { method: string; path: string; headers: Record<string, string>; body: unknown };

const session = { status: 'signed_in', staff: { id: 's1', name: 'Sandra', email: 'sandra@studioflow.example', role: 'owner', timezone: 'Europe/Zurich' },
  studio: { id: 'o1', name: 'Studio Flow', timezone: 'Europe/Zurich', currency: 'CHF', default_locale: 'de' }, csrf_token: 'csrf-1', expires_at: '2026-12-07T20:00:00Z' };
const row = (id: string, status: string, name: string) => ({ id, status, booking_status: status, program: { id: 'p1', slug: 'reiki', title: 'Reiki 1:1' },
  customer: { id: `c-${id}`, name, email: `${id}@example.ch` }, instructor: { id: 'i1', name: 'Noemi Frei' },
  next_session: { id: `s-${id}`, starts_at: '2026-12-09T09:00:00.000Z', ends_at: '2026-12-09T10:00:00.000Z', timezone: 'Europe/Zurich' },
  sessions_count: 1, total_price: { amount: 14000, currency: 'CHF' }, source: {}, created_at: '2026-12-01T08:00:00.000Z' });
const pipeline = { bookings: [row('b1', 'confirmed', 'Ana Muster'), row('b2', 'reserved', 'Ben Reserved')],
  counts: { reserved: 1, confirmed: 1, in_progress: 0, awaiting_attendance: 0, payment_overdue: 0, completed: 0, cancelled: 0 }, next_cursor: null };
const detail = { ...row('b1', 'confirmed', 'Ana Muster'), variant: { id: 'v1', name: 'Single' },
  customer: { id: 'c1', name: 'Ana Muster', email: 'b1@example.ch', phone: null, language: 'de', timezone: 'Europe/Zurich' },
  hold_expires_at: null, cancelled_at: null, cancellation_reason: null,
  intake: { answers: [{ name: 'goal', label: 'Your goal', value: 'Calm', health: false }], health_withheld: true },
  // Half an hour from now: check-in is open (from an hour before the start).
  sessions: [{ id: 'se1', seq: 1, starts_at: new Date(Date.now() + 30 * 60_000).toISOString(), ends_at: new Date(Date.now() + 90 * 60_000).toISOString(), timezone: 'Europe/Zurich', status: 'scheduled', revision: 0, check_in_at: null, staff_status: 'scheduled' }],
  sessions_to_schedule: 0, order: null, progress: [], events: [] };
const program = { id: 'pr1', slug: 'breath', title: 'Breathwork', status: 'draft', category: 'coaching', summary: '', long_description_md: '', tags: [], details: {},
  delivery_mode: 'in_person', location_id: null, resource_id: null, meeting_url: null, session_length_min: 60, is_multi_session: false, default_sessions_count: 1,
  scheduling: {}, instructor_ids: [], variants: [], form: null, form_required: false, milestones: [], policies: { free_cancel_hours: 24 }, visibility: 'public',
  private_link_token: null, missing: ['basics.summary', 'pricing.variants'], updated_at: '2026-12-01T08:00:00.000Z' };

function stubApi(options: { signedIn: boolean; studios?: boolean }): Call[] {
  const calls: Call[] = [];
  let signedIn = options.signedIn;
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: url.pathname + url.search, headers, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
    const key = `${method} ${url.pathname}`;
    if (key === 'GET /v1/admin/session') return signedIn ? json(200, session) : json(401, { code: 'unauthorized', title: 'A valid API key is required' });
    if (key === 'POST /v1/admin/sign-in/code') return json(202, { status: 'sent_if_possible', expires_in_minutes: 10 });
    if (key === 'POST /v1/admin/sign-in/verify') {
      if (options.studios && !(body as { org_id?: string }).org_id) return json(200, { status: 'choose_studio', studios: [{ id: 'o1', name: 'Studio Flow', role: 'owner' }, { id: 'o2', name: 'Atelier Nord', role: 'instructor' }] });
      signedIn = true;
      return json(200, session);
    }
    if (key === 'GET /v1/admin/bookings') return json(200, pipeline);
    if (key === 'GET /v1/admin/bookings/b1') return json(200, detail);
    if (key === 'POST /v1/admin/bookings/b1/sessions/se1/check-in') return json(200, { session: { ...detail.sessions[0], check_in_at: '2026-12-09T08:55:00Z' } });
    if (key === 'GET /v1/admin/programs') return json(200, { programs: [{ id: 'pr1', slug: 'breath', title: 'Breathwork', status: 'draft', category: 'coaching', visibility: 'public', variants: 0, updated_at: program.updated_at }] });
    if (key === 'GET /v1/admin/programs/pr1') return json(200, program);
    if (key === 'PATCH /v1/admin/programs/pr1') return json(200, { ...program, summary: (body as { summary: string }).summary, missing: ['pricing.variants'] });
    if (key === 'POST /v1/admin/programs/pr1/publish') return json(422, { code: 'program_incomplete', title: 'The program is not complete enough to publish', detail: 'Still missing: pricing.variants.', missing: ['pricing.variants'] });
    return json(404, { code: 'not_found', title: 'Not found' });
  };
  return calls;
}

const root = (el: TandemAdmin) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: TandemAdmin, sel: string) => root(el).querySelector<T>(sel);
const buttonWith = (el: TandemAdmin, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(text));

/** Types into a field and submits its form with Enter, as a keyboard user does. */
async function typeAndEnter(el: TandemAdmin, selector: string, value: string): Promise<void> {
  const input = await waitFor(() => q<HTMLInputElement>(el, selector), selector);
  input.focus();
  input.value = value;
  input.form!.requestSubmit();
}

describe('<tandem-admin>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('signs in with the mailed code, picking a studio, then shows the pipeline in columns (German)', async function () {
    this.timeout(30_000); // the first test of the page also loads axe
    const calls = stubApi({ signedIn: false, studios: true });
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="de"></tandem-admin>`);
    await waitFor(() => q(el, '#email'), 'the sign-in form');
    expect(q(el, 'h2')!.textContent).to.equal('Anmelden');
    await expectAccessible(el);
    await typeAndEnter(el, '#email', 'sandra@studioflow.example');
    await typeAndEnter(el, '#code', '123456');
    await waitFor(() => buttonWith(el, 'Atelier Nord'), 'the studios to choose from');
    buttonWith(el, 'Studio Flow')!.click();
    await waitFor(() => q(el, '.board'), 'the pipeline');
    const verify = calls.filter((c) => c.path === '/v1/admin/sign-in/verify').map((c) => c.body);
    expect(verify).to.deep.equal([{ email: 'sandra@studioflow.example', code: '123456' }, { email: 'sandra@studioflow.example', code: '123456', org_id: 'o1' }]);
    const columns = [...root(el).querySelectorAll('.board h3')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
    expect(columns).to.deep.equal(['Reserviert 1', 'Bestätigt 1', 'Laufend 0', 'Anwesenheit offen 0', 'Zahlung überfällig 0', 'Abgeschlossen 0', 'Storniert 0']);
    await expectAccessible(el);
  });

  it('a view picked from the menu while the pipeline is still loading stays open when the list arrives', async () => {
    stubApi({ signedIn: true });
    const stub = window.fetch;
    let release = () => {};
    const held = new Promise<void>((r) => { release = r; });
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (new URL(String(input), location.href).pathname === '/v1/admin/bookings') await held;
      return stub(input, init);
    };
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="en"></tandem-admin>`);
    const marketing = await waitFor(() => [...root(el).querySelectorAll<HTMLButtonElement>('nav button')].find((b) => b.textContent!.trim() === 'Marketing'), 'the menu');
    marketing.click();
    await waitFor(() => marketing.getAttribute('aria-pressed') === 'true', 'marketing open');
    release();
    await new Promise((r) => setTimeout(r, 100));
    await el.updateComplete;
    expect(marketing.getAttribute('aria-pressed')).to.equal('true');
    expect(q(el, '.board')).to.equal(null);
    expect(root(el).querySelector('tandem-admin-marketing')).to.not.equal(null);
  });

  it('filters, switches to the table, opens a booking and checks a session in with the CSRF token (English)', async () => {
    const calls = stubApi({ signedIn: true });
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="en"></tandem-admin>`);
    await waitFor(() => q(el, '.board'), 'the pipeline');
    await typeAndEnter(el, '#f-q', 'ana');
    await waitFor(() => calls.some((c) => c.path === '/v1/admin/bookings?q=ana'), 'the filtered list');
    buttonWith(el, 'Table')!.click();
    await waitFor(() => q(el, 'table'), 'the table');
    await expectAccessible(el);
    buttonWith(el, 'Ana Muster')!.click();
    const actions = () => root(el).querySelector('tandem-admin-booking-actions')?.shadowRoot;
    const inActions = (text: string) => [...(actions()?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.trim().startsWith(text));
    await waitFor(() => inActions('Check in'), 'the booking');
    expect(root(el).textContent).to.contain('Health answers are shown only to the instructor and managers.');
    await expectAccessible(el);
    inActions('Check in')!.click();
    const checkIn = await waitFor(() => calls.find((c) => c.method === 'POST' && c.path.endsWith('/check-in')), 'the check-in');
    expect(checkIn.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(checkIn.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('the program wizard saves a step and shows what publishing still needs', async () => {
    const calls = stubApi({ signedIn: true });
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="en"></tandem-admin>`);
    await waitFor(() => q(el, '.board'), 'the pipeline');
    buttonWith(el, 'Programs')!.click();
    await waitFor(() => buttonWith(el, 'Breathwork'), 'the programs');
    buttonWith(el, 'Breathwork')!.click();
    const wizard = () => root(el).querySelector('tandem-admin-wizard')?.shadowRoot;
    const input = await waitFor(() => wizard()?.querySelector<HTMLInputElement>('#w-summary'), 'the wizard');
    input.value = 'Calm in six breaths.';
    input.form!.requestSubmit();
    await waitFor(() => wizard()!.textContent!.includes('Saved as draft.'), 'saved');
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).to.include({ step: 'basics', summary: 'Calm in six breaths.' });
    [...wizard()!.querySelectorAll('button')].find((b) => b.textContent!.includes('Publish'))!.click();
    await waitFor(() => wizard()!.querySelector('button.primary'), 'the publish step');
    (wizard()!.querySelector('button.primary') as HTMLButtonElement).click();
    await waitFor(() => wizard()!.querySelector('[role="alert"] .error'), 'the refusal');
    expect(wizard()!.querySelector('[role="alert"]')!.textContent).to.contain('pricing.variants');
    await expectAccessible(el);
  });

  it('French and Italian: sign-in, header, menu, pipeline, booking and wizard speak the language (no English left)', async () => {
    stubApi({ signedIn: false });
    const fr = await fixture<TandemAdmin>(html`<tandem-admin lang="fr-CH"></tandem-admin>`);
    await waitFor(() => q(fr, '#email'), 'the sign-in form');
    expect(q(fr, 'h1')!.textContent!.trim()).to.equal('Console du studio');
    expect(q(fr, 'h2')!.textContent).to.equal('Se connecter');
    expect(buttonWith(fr, 'Envoyer le code'), 'the send button').to.exist;

    const words = {
      fr: { title: 'Console du studio', menu: ['Réservations', 'Programmes', 'Disponibilités'], columns: ['Réservée 1', 'Confirmée 1', 'En cours 0'], signOut: 'Se déconnecter',
        booking: 'Seuls l’intervenant·e et la direction voient les réponses de santé.', checkIn: 'Enregistrer la présence', wizardSave: 'Enregistrer le brouillon', wizardStep: '1. Bases' },
      it: { title: 'Console dello studio', menu: ['Prenotazioni', 'Programmi', 'Disponibilità'], columns: ['Riservata 1', 'Confermata 1', 'In corso 0'], signOut: 'Esci',
        booking: 'Le risposte sulla salute sono visibili solo all’insegnante e alla direzione.', checkIn: 'Registra la presenza', wizardSave: 'Salva la bozza', wizardStep: '1. Dati di base' },
    } as const;
    for (const lang of ['fr', 'it'] as const) {
      const w = words[lang];
      stubApi({ signedIn: true });
      const el = await fixture<TandemAdmin>(html`<tandem-admin lang=${lang}></tandem-admin>`);
      await waitFor(() => q(el, '.board'), `the pipeline (${lang})`);
      expect(q(el, 'h1')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`${w.title} · Studio Flow`);
      const menu = [...root(el).querySelectorAll('nav button')].map((b) => b.textContent!.trim());
      expect(menu.slice(0, 3), lang).to.deep.equal(w.menu);
      expect(menu.at(-1)).to.equal(w.signOut);
      const columns = [...root(el).querySelectorAll('.board h3')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
      expect(columns.slice(0, 3), lang).to.deep.equal(w.columns);
      await expectAccessible(el);
      buttonWith(el, 'Ana Muster')!.click();
      const actions = () => root(el).querySelector('tandem-admin-booking-actions')?.shadowRoot;
      await waitFor(() => [...(actions()?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.trim().startsWith(w.checkIn)), `the booking's actions (${lang})`);
      expect(root(el).textContent).to.contain(w.booking);
      buttonWith(el, w.menu[1])!.click();
      await waitFor(() => buttonWith(el, 'Breathwork'), `the programs (${lang})`);
      buttonWith(el, 'Breathwork')!.click();
      const wizard = () => root(el).querySelector('tandem-admin-wizard')?.shadowRoot;
      await waitFor(() => wizard()?.querySelector('#w-summary'), `the wizard (${lang})`);
      const wizardButtons = [...wizard()!.querySelectorAll('button')].map((b) => b.textContent!.trim());
      expect(wizardButtons, lang).to.include(w.wizardSave);
      expect(wizardButtons.filter((b) => b.startsWith(w.wizardStep)), lang).to.have.length(1);
      await expectAccessible(el);
    }
  });
});
