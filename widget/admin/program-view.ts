/** The program wizard in the console: one form per step, each saved on its own; publish shows what is missing. */
import { html, nothing, type TemplateResult } from 'lit';
import type { AdminProgramOut } from '../../schema/api/admin-programs.ts';
import type { TandemAdmin } from './tandem-admin.ts';

export type WizardStep = 'basics' | 'delivery' | 'pricing' | 'policies';
const STEPS: WizardStep[] = ['basics', 'delivery', 'pricing', 'policies'];

const text = (d: FormData, k: string) => String(d.get(k) ?? '').trim();
const int = (d: FormData, k: string) => Number.parseInt(text(d, k), 10);

function bodyOf(step: WizardStep, d: FormData): Record<string, unknown> {
  switch (step) {
    case 'basics': return { step, title: text(d, 'title'), summary: text(d, 'summary'), long_description_md: String(d.get('long_description_md') ?? '') };
    case 'delivery': {
      const instructors = text(d, 'instructor_ids').split(',').map((x) => x.trim()).filter(Boolean);
      return { step, delivery_mode: text(d, 'delivery_mode'), session_length_min: int(d, 'session_length_min'), default_sessions_count: int(d, 'default_sessions_count'),
        location_id: text(d, 'location_id') || null, meeting_url: text(d, 'meeting_url') || null, instructor_ids: instructors };
    }
    case 'pricing': return { step, variants: [{ ...(text(d, 'variant_id') ? { id: text(d, 'variant_id') } : {}), name: text(d, 'variant_name'), price: int(d, 'price'), currency: text(d, 'currency'), vat_rate_bp: int(d, 'vat_rate_bp') }] };
    case 'policies': return { step, free_cancel_hours: int(d, 'free_cancel_hours'), visibility: text(d, 'visibility') };
  }
}

async function save(el: TandemAdmin, p: AdminProgramOut, e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const saved = await el.attempt(() => el.client.send<AdminProgramOut>('PATCH', `/v1/admin/programs/${p.id}`, bodyOf(el.step, new FormData(e.target as HTMLFormElement))));
  if (saved) { el.program = saved; el.notice = el.t('saved'); }
}

async function publish(el: TandemAdmin, p: AdminProgramOut): Promise<void> {
  const done = await el.attempt(() => el.client.send<AdminProgramOut>('POST', `/v1/admin/programs/${p.id}/publish`));
  if (done) { el.program = done; el.notice = el.t('published'); }
}

function field(id: string, label: string, input: TemplateResult): TemplateResult {
  return html`<label for=${id}>${label}</label>${input}`;
}

function stepForm(el: TandemAdmin, p: AdminProgramOut): TemplateResult {
  const t = el.t.bind(el);
  const v = p.variants.find((x) => x.is_active);
  switch (el.step) {
    case 'basics': return html`
      ${field('w-title', t('titleField'), html`<input id="w-title" name="title" required .value=${p.title}>`)}
      ${field('w-summary', t('summary'), html`<input id="w-summary" name="summary" .value=${p.summary}>`)}
      ${field('w-desc', t('description'), html`<textarea id="w-desc" name="long_description_md" rows="6" .value=${p.long_description_md}></textarea>`)}`;
    case 'delivery': return html`
      ${field('w-mode', t('mode'), html`<select id="w-mode" name="delivery_mode">${(['in_person', 'online', 'hybrid'] as const).map((m) => html`<option value=${m} ?selected=${p.delivery_mode === m}>${t(m)}</option>`)}</select>`)}
      ${field('w-length', t('length'), html`<input id="w-length" name="session_length_min" type="number" min="5" max="1440" .value=${String(p.session_length_min)}>`)}
      ${field('w-count', t('sessionsCount'), html`<input id="w-count" name="default_sessions_count" type="number" min="1" max="52" .value=${String(p.default_sessions_count)}>`)}
      ${field('w-location', t('location'), html`<input id="w-location" name="location_id" .value=${p.location_id ?? ''}>`)}
      ${field('w-url', t('meetingUrl'), html`<input id="w-url" name="meeting_url" type="url" .value=${p.meeting_url ?? ''}>`)}
      ${field('w-instructors', t('instructors'), html`<input id="w-instructors" name="instructor_ids" .value=${p.instructor_ids.join(', ')}>`)}`;
    case 'pricing': return html`
      <input type="hidden" name="variant_id" .value=${v?.id ?? ''}>
      ${field('w-vname', t('variantName'), html`<input id="w-vname" name="variant_name" required .value=${v?.name ?? ''}>`)}
      ${field('w-price', t('price'), html`<input id="w-price" name="price" type="number" min="0" required .value=${v ? String(v.price) : ''}>`)}
      ${field('w-currency', t('currency'), html`<input id="w-currency" name="currency" required pattern="[A-Z]{3}" .value=${v?.currency ?? el.session?.studio.currency ?? 'CHF'}>`)}
      ${field('w-vat', t('vat'), html`<input id="w-vat" name="vat_rate_bp" type="number" min="0" max="10000" required .value=${String(v?.vat_rate_bp ?? 0)}>`)}`;
    case 'policies': return html`
      ${field('w-free', t('freeCancel'), html`<input id="w-free" name="free_cancel_hours" type="number" min="0" .value=${String((p.policies.free_cancel_hours as number | undefined) ?? 24)}>`)}
      ${field('w-vis', t('visibility'), html`<select id="w-vis" name="visibility">${(['public', 'by_link', 'hidden'] as const).map((m) => html`<option value=${m} ?selected=${p.visibility === m}>${t(m)}</option>`)}</select>`)}`;
  }
}

export function programView(el: TandemAdmin, p: AdminProgramOut): TemplateResult {
  const t = el.t.bind(el);
  const canEdit = el.session?.staff.role !== 'instructor';
  return html`<p><button @click=${() => el.openPrograms()}>${t('back')}</button></p>
    <h2>${p.title} · ${t(p.status)}</h2>
    <nav class="steps" aria-label=${t('steps')}>${STEPS.map((s, i) => html`<button aria-pressed=${String(el.step === s)} @click=${() => { el.step = s; el.notice = ''; }}>${i + 1}. ${t(s)}</button>`)}</nav>
    <form class="stack" @submit=${(e: SubmitEvent) => save(el, p, e)}>
      <fieldset ?disabled=${!canEdit}><legend>${t(el.step)}</legend><div class="stack">${stepForm(el, p)}</div></fieldset>
      ${canEdit ? html`<button class="primary" type="submit">${t('save')}</button>` : nothing}
    </form>
    ${p.missing.length ? html`<h3>${t('missing')}</h3><ul>${p.missing.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
    ${canEdit && p.status !== 'published' ? html`<p><button class="primary" @click=${() => publish(el, p)}>${t('publish')}</button></p>` : nothing}`;
}
