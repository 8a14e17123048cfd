/**
 * Homework in <tandem-portal> (Chromium, fake portal API): per milestone the uploaded files with
 * download links and an upload control, labelled in the customer's language; uploading shows
 * progress and then the file; refusals (a type the server does not take, a file over the limit,
 * which is never sent) are said in words; the controls work from the keyboard; axe-clean.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { problem, startMocks, worker } from './helpers/mock-api.ts';
import { waitFor } from './helpers/dom.ts';
import type { TandemPortal } from '../../widget/elements/tandem-portal/tandem-portal.ts';
import '../../widget/entries/tandem-portal.ts';

const ID = '11111111-1111-4111-8111-111111111111';
const MS1 = '44444444-4444-4444-8444-444444444444';
const MS2 = '44444444-4444-4444-8444-555555555555';
const TOKEN = 'H'.repeat(43);
const detail = {
  id: ID, status: 'confirmed', program: { slug: 'split', title: 'SPLIT' }, variant: { name: '6 weekly sessions' },
  instructor: { id: '33333333-3333-4333-8333-333333333333', name: 'Luca Brunner' },
  next_session: null, sessions_to_schedule: 0, sessions_count: 1, total_price: { amount: 18000, currency: 'CHF' },
  sessions: [{ id: '22222221-2222-4222-8222-222222222222', seq: 1, starts_at: '2030-03-06T07:00:00.000Z', ends_at: '2030-03-06T08:00:00.000Z', timezone: 'Europe/Zurich', state: 'scheduled', revision: 0, change_deadline: null, actions: { reschedule: false, cancel: false } }],
  milestones: [
    { id: MS1, order: 1, name: 'Baseline measured', description_html: '<p>Front and side splits.</p>', due_at: null, completed_at: null, notes_html: null },
    { id: MS2, order: 2, name: 'Halfway check', description_html: '<p>After three weeks.</p>', due_at: null, completed_at: null, notes_html: null },
  ],
  money: null,
  policy: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 },
  actions: { schedule_sessions: false, reschedule_series: false, cancel: false, message: true },
};

type Artifact = { id: string; milestone_id: string; filename: string; content_type: string; kind: string; size_bytes: number; uploaded_at: string; download_url: string; download_expires_at: string };
const store = { artifacts: [] as Artifact[], maxBytes: 4096, delayMs: 0 };
const calls: { method: string; path: string; auth: string | null; key: string | null; file?: { name: string; size: number } }[] = [];
const artifact = (milestone: string, filename: string, size: number): Artifact => {
  const id = crypto.randomUUID();
  return { id, milestone_id: milestone, filename, content_type: 'application/pdf', kind: 'pdf', size_bytes: size, uploaded_at: '2030-03-06T09:00:00.000Z', download_url: `https://api.tandem.test/v1/files/${id}.sig`, download_expires_at: new Date(Date.now() + 300_000).toISOString() };
};

function handlers() {
  const note = (request: Request, file?: { name: string; size: number }) => calls.push({ method: request.method, path: new URL(request.url).pathname, auth: request.headers.get('Authorization'), key: request.headers.get('Idempotency-Key'), ...(file ? { file } : {}) });
  return [
    http.get('*/v1/portal/bookings', () => HttpResponse.json({ bookings: [detail] })),
    http.get(`*/v1/portal/bookings/${ID}`, () => HttpResponse.json(detail)),
    http.get(`*/v1/portal/bookings/${ID}/messages`, () => HttpResponse.json({ messages: [] })),
    http.get(`*/v1/portal/bookings/${ID}/artifacts`, ({ request }) => { note(request); return HttpResponse.json({ artifacts: store.artifacts, max_bytes: store.maxBytes }); }),
    http.post(`*/v1/portal/bookings/${ID}/milestones/:milestone/artifacts`, async ({ request, params }) => {
      const file = (await request.formData()).get('file') as File;
      note(request, { name: file.name, size: file.size });
      if (store.delayMs) await new Promise((r) => setTimeout(r, store.delayMs));
      if (file.name.endsWith('.exe.pdf')) return problem(422, 'file_type_not_allowed');
      const a = artifact(String(params.milestone), file.name, file.size);
      store.artifacts.push(a);
      return HttpResponse.json(a, { status: 201 });
    }),
    http.delete(`*/v1/portal/bookings/${ID}/artifacts/:artifact`, ({ request, params }) => {
      note(request);
      store.artifacts = store.artifacts.filter((a) => a.id !== params.artifact);
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}

const portalRoot = (el: TandemPortal) => el.shadowRoot!;
/** The homework control of a milestone (by its position). */
async function homeworkOf(el: TandemPortal, index: number) {
  const control = await waitFor(() => portalRoot(el).querySelectorAll('tandem-portal-homework')[index]?.shadowRoot?.querySelector('form') ? portalRoot(el).querySelectorAll('tandem-portal-homework')[index]! : null, `the homework control ${index}`);
  return control.shadowRoot!;
}
const choose = (root: ShadowRoot, file: File) => {
  const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
};
const submitButton = (root: ShadowRoot) => root.querySelector<HTMLButtonElement>('form button')!;

describe('<tandem-portal> homework', () => {
  before(async () => { await startMocks(); });
  beforeEach(() => { calls.length = 0; store.artifacts = []; store.maxBytes = 4096; store.delayMs = 0; worker.resetHandlers(...handlers()); });
  after(() => worker.stop());

  it('in German: per milestone a labelled upload control; an upload shows progress, then the file with its download link; axe-clean', async function () {
    // Two axe runs over the whole portal: slow on a busy machine.
    this.timeout(30_000);
    store.artifacts = [artifact(MS2, 'Messung Woche 3.pdf', 2048)];
    const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="de"></tandem-portal>`);
    const first = await homeworkOf(el, 0);
    const second = await homeworkOf(el, 1);
    await waitFor(() => second.querySelector('a'), 'the listed file');
    // One list request serves both milestones.
    expect(calls.filter((c) => c.path.endsWith('/artifacts') && c.method === 'GET')).to.have.length(1);
    expect(first.querySelector('label')!.textContent).to.equal('Hausaufgabe zu «Baseline measured» hochladen');
    expect(first.textContent).to.include('Noch keine Dateien hochgeladen.');
    expect(first.querySelector('#hint')!.textContent).to.include('bis 4 kB.');
    const link = second.querySelector('a')!;
    expect(link.textContent).to.equal('Messung Woche 3.pdf');
    expect(link.getAttribute('aria-label')).to.equal('Messung Woche 3.pdf herunterladen');
    expect(link.getAttribute('href')).to.match(/^https:\/\/api\.tandem\.test\/v1\/files\//);
    await expect(el).to.be.accessible();

    store.delayMs = 400;
    choose(first, new File([new Uint8Array(1500)], 'Spagat.pdf', { type: 'application/pdf' }));
    submitButton(first).click();
    const bar = await waitFor(() => first.querySelector('progress'), 'the progress bar');
    expect(bar.getAttribute('aria-label')).to.equal('Hochladen von Spagat.pdf');
    expect(submitButton(first).disabled).to.equal(true);
    expect(first.querySelector('[role="status"]')!.textContent).to.include('Spagat.pdf wird hochgeladen');
    const uploaded = await waitFor(() => first.querySelector('a'), 'the uploaded file', 6000);
    expect(uploaded.textContent).to.equal('Spagat.pdf');
    expect(first.querySelector('progress')).to.equal(null);
    expect(first.querySelector('[role="status"]')!.textContent).to.equal('Spagat.pdf ist hochgeladen.');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).to.equal(`/v1/portal/bookings/${ID}/milestones/${MS1}/artifacts`);
    expect(post.auth).to.equal(`Bearer ${TOKEN}`);
    expect(post.key).to.match(/^[0-9a-f-]{36}$/);
    expect(post.file).to.deep.equal({ name: 'Spagat.pdf', size: 1500 });
    await expect(el).to.be.accessible();
  });

  it('refusals are said in words: a type the server does not take, and a file over the limit (never sent)', async () => {
    const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="en"></tandem-portal>`);
    const root = await homeworkOf(el, 0);
    choose(root, new File([new Uint8Array(100)], 'setup.exe.pdf', { type: 'application/pdf' }));
    submitButton(root).click();
    const alert = await waitFor(() => root.querySelector('[role="alert"]'), 'the refusal');
    expect(alert.textContent).to.include('This kind of file is not accepted');
    choose(root, new File([new Uint8Array(store.maxBytes + 1)], 'huge.pdf', { type: 'application/pdf' }));
    submitButton(root).click();
    await waitFor(() => root.querySelector('[role="alert"]')?.textContent?.includes('too large'), 'the size refusal');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.file!.name)).to.deep.equal(['setup.exe.pdf']);
    await expect(el).to.be.accessible();
  });

  it('from the keyboard: the file input, then the button; no file chosen says so and returns to the input; a file is removed with Enter', async () => {
    store.artifacts = [artifact(MS1, 'old.pdf', 900)];
    const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="de"></tandem-portal>`);
    const root = await homeworkOf(el, 0);
    await waitFor(() => root.querySelector('a'), 'the file');
    root.querySelector<HTMLInputElement>('input[type="file"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement).to.equal(submitButton(root));
    await sendKeys({ press: 'Enter' });
    await waitFor(() => root.querySelector('[role="status"]')?.textContent === 'Wählen Sie zuerst eine Datei.', 'the hint to choose a file');
    expect(root.activeElement).to.equal(root.querySelector('input[type="file"]'));
    const remove = root.querySelector<HTMLButtonElement>('li button')!;
    expect(remove.getAttribute('aria-label')).to.equal('old.pdf entfernen');
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => root.textContent!.includes('Noch keine Dateien hochgeladen.'), 'the emptied list');
    expect(calls.filter((c) => c.method === 'DELETE')).to.have.length(1);
    expect(root.querySelector('[role="status"]')!.textContent).to.equal('old.pdf ist entfernt.');
    expect(root.activeElement).to.equal(root.querySelector('input[type="file"]'));
  });

  it('speaks French and Italian too', async () => {
    for (const [lang, label] of [['fr', 'Déposer un devoir pour « Baseline measured »'], ['it', 'Carica un compito per «Baseline measured»']] as const) {
      const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang=${lang}></tandem-portal>`);
      const root = await homeworkOf(el, 0);
      expect(root.querySelector('label')!.textContent).to.equal(label);
    }
  });
});
