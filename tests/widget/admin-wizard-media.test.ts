/**
 * The wizard's banner and thumbnail and its in-person place, in Chromium: a chosen image is sent
 * at once as the body of PUT …/images/banner (its own type, the CSRF token, an Idempotency-Key)
 * and shown; a refused one shows the API's message; removal; the delivery step offers the
 * studio's locations and rooms (no ids to type) and saves both. German and French words; axe-clean.
 * The admin API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/wizard/program-wizard.ts';
import type { TandemAdminWizard } from '../../widget/elements/tandem-admin/wizard/program-wizard.ts';
import type { TandemAdminProgramImages } from '../../widget/elements/tandem-admin/wizard/program-images.ts';
import type { AdminProgramOut } from '../../schema/api/admin-programs.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; headers: Record<string, string>; body: unknown };
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const BANNER = 'http://localhost/v1/program-images/o1/pr1/b1.png';

function program(): AdminProgramOut {
  return { id: 'pr1', slug: 'breath', title: 'Breathwork', status: 'draft', category: 'coaching', summary: '', long_description_md: '', description_html: '',
    translations: {}, tags: [], details: {}, delivery_mode: 'in_person', location_id: null, resource_id: null, meeting_url: null, images: { banner: null, thumbnail: null },
    session_length_min: 60, is_multi_session: false, default_sessions_count: 1, scheduling: {}, instructor_ids: [], variants: [], form: null, form_required: false,
    milestones: [], policies: {}, visibility: 'public', private_link_token: null, missing: [], updated_at: '2026-12-01T08:00:00.000Z' } as AdminProgramOut;
}

function stubApi(): Call[] {
  const calls: Call[] = [];
  const p = program();
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const raw = init.body;
    const body = raw instanceof Blob ? raw : raw ? JSON.parse(String(raw)) as Record<string, unknown> : undefined;
    calls.push({ method, path: url.pathname, headers: { ...(init.headers as Record<string, string>) }, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    const key = `${method} ${url.pathname}`;
    if (key === 'GET /v1/admin/categories') return json(200, { categories: [{ key: 'coaching', labels: { en: 'Coaching' }, programs: 1 }] });
    if (key === 'GET /v1/admin/staff') return json(200, { staff: [] });
    if (key === 'GET /v1/admin/rooms') return json(200, { locations: [{ id: 'l1', name: 'Langstrasse', timezone: 'Europe/Zurich', rooms: [{ id: 'r1', name: 'Lotus room' }, { id: 'r2', name: 'Studio A' }] }, { id: 'l2', name: 'Oerlikon', timezone: 'Europe/Zurich', rooms: [] }] });
    if (key === 'PUT /v1/admin/programs/pr1/images/banner') {
      if (body instanceof Blob && body.type !== 'image/png') return json(422, { type: 'x', title: 'This kind of file is not accepted', status: 422, code: 'file_type_not_allowed', detail: 'Banners and thumbnails are JPEG, PNG or WebP images.' });
      p.images = { ...p.images, banner: BANNER };
      return json(200, p);
    }
    if (key === 'DELETE /v1/admin/programs/pr1/images/banner') { p.images = { ...p.images, banner: null }; return json(200, p); }
    if (key === 'PATCH /v1/admin/programs/pr1') { Object.assign(p, { ...(body as object), step: undefined }); return json(200, p); }
    return json(404, { type: 'x', title: 'Not found', status: 404, code: 'not_found' });
  };
  return calls;
}

async function mount(lang: string): Promise<{ el: TandemAdminWizard; images: TandemAdminProgramImages; calls: Call[] }> {
  const calls = stubApi();
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  const el = await fixture<TandemAdminWizard>(html`<tandem-admin-wizard lang=${lang} .client=${client} .program=${program()}></tandem-admin-wizard>`);
  const images = await waitFor(() => el.shadowRoot!.querySelector('tandem-admin-program-images'), 'the images');
  await images.updateComplete;
  return { el, images, calls };
}

/** Chooses a file in a file field, as the browser's file dialog would. */
function choose(input: HTMLInputElement, file: File): void {
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('the wizard\'s images and place', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('uploads a banner as it is chosen, shows it, hands the program on, and removes it; a refused file shows why', async () => {
    const { el, images, calls } = await mount('en');
    const field = images.shadowRoot!.querySelector<HTMLInputElement>('#img-banner')!;
    expect(images.shadowRoot!.querySelector('label[for="img-banner"]')!.textContent).to.equal('Banner (wide, on the program page)');
    await expectAccessible(images);
    let saved: AdminProgramOut | null = null;
    el.addEventListener('program-saved', (e) => { saved = (e as CustomEvent<AdminProgramOut>).detail; });
    choose(field, new File([PNG], 'sunrise.png', { type: 'image/png' }));
    const img = await waitFor(() => images.shadowRoot!.querySelector<HTMLImageElement>('img[data-role="banner"]'), 'the banner shown');
    expect(img.getAttribute('src')).to.equal(BANNER);
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.path).to.equal('/v1/admin/programs/pr1/images/banner');
    expect(put.headers['Content-Type']).to.equal('image/png');
    expect(put.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(put.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
    expect(new Uint8Array(await (put.body as Blob).arrayBuffer())).to.deep.equal(PNG);
    expect(saved!.images.banner).to.equal(BANNER);
    expect(el.program.images.banner, 'the wizard keeps the new program').to.equal(BANNER);
    expect(images.shadowRoot!.textContent).to.contain('Image saved.');
    await expectAccessible(images);

    choose(field, new File(['<svg/>'], 'x.svg', { type: 'image/svg+xml' }));
    await waitFor(() => images.shadowRoot!.querySelector('[role="alert"] .error'), 'the refusal');
    expect(images.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Banners and thumbnails are JPEG, PNG or WebP images.');

    const remove = images.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Remove: Banner (wide, on the program page)"]')!;
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !images.shadowRoot!.querySelector('img[data-role="banner"]'), 'the banner removed');
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/v1/admin/programs/pr1/images/banner')).to.equal(true);
  });

  it('the delivery step offers the studio\'s locations and rooms in German and saves both', async () => {
    const { el, calls } = await mount('de');
    expect(el.shadowRoot!.querySelector('tandem-admin-program-images')!.shadowRoot!.querySelector('legend')!.textContent).to.equal('Titelbild und Vorschaubild');
    await el.go('delivery');
    const where = await waitFor(() => el.shadowRoot!.querySelector<HTMLSelectElement>('#w-location'), 'the location select');
    await waitFor(() => where.options.length === 3, 'the locations');
    expect([...where.options].map((o) => o.textContent!.trim())).to.deep.equal(['Kein fester Standort', 'Langstrasse', 'Oerlikon']);
    const room = el.shadowRoot!.querySelector<HTMLSelectElement>('#w-room')!;
    expect([...room.options].map((o) => o.textContent!.trim())).to.deep.equal(['Beliebiger Raum', 'Lotus room', 'Studio A']);
    where.value = 'l1';
    room.value = 'r2';
    await expectAccessible(el);
    el.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
    const patch = await waitFor(() => calls.find((c) => c.method === 'PATCH'), 'the delivery step saved');
    expect(patch.body).to.include({ step: 'delivery', location_id: 'l1', resource_id: 'r2' });
  });

  it('French words for the images', async () => {
    const { images } = await mount('fr');
    expect(images.shadowRoot!.querySelector('legend')!.textContent).to.equal('Bannière et vignette');
    expect(images.shadowRoot!.querySelector('#img-hint')!.textContent).to.equal('JPEG, PNG ou WebP, jusqu’à 5\u202fMo.');
  });
});
