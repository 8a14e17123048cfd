/**
 * `<tandem-admin-wizard>`: the program wizard inside the console. One form per step (basics,
 * delivery, variants, intake form, milestones, policies and visibility, languages), each saved as
 * a draft by PATCH /v1/admin/programs/:id; publishing shows what is still missing. Everything is
 * reachable by keyboard: steps are buttons, lists have add / move / remove buttons, the language
 * tabs follow the tab pattern (arrow keys).
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { AdminProgramOut, CategoriesOut, PreviewOut } from '../../../../schema/api/admin-programs.ts';
import type { StaffListOut } from '../../../../schema/api/admin-staff.ts';
import type { RoomsOut } from '../../../../schema/api/admin-availability.ts';
import './program-images.ts';
import { AdminApi, AdminApiError } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { wizardStyles } from './wizard.styles.ts';
import { wizardWords, type WizardKey } from './words.ts';
import { consoleLang } from '../core/console-lang.ts';
import { codeWord } from '../core/booking-words.ts';
import { VARIANT_METHODS, variantMethods } from './variant-methods.ts';
import { KINDS, LANGS, blankQuestion, questionsFromSchema, schemaFromQuestions, type Lang, type QuestionDraft } from './intake-builder.ts';

export const WIZARD_STEPS = ['basics', 'delivery', 'pricing', 'intake', 'milestones', 'policies', 'content', 'publish'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

interface VariantDraft {
  id?: string; name: string; price: string; currency: string; vat: string; billing: 'package' | 'per_session'; sessions: string;
  deposit: string; credit: string; plan: boolean; installments: string; every: string; planDeposit: string;
  /** The ways to pay allowed (every one for a new variant). */
  methods: string[];
}
interface MilestoneDraft { name: string; due: string; text: string }

const major = (minor: number | null | undefined) => (minor == null ? '' : (minor / 100).toFixed(2));
const minor = (s: string) => Math.round(Number.parseFloat(s.replace(',', '.').replace(/[’' ]/g, '')) * 100);
const pct = (bp: unknown) => (typeof bp === 'number' ? String(bp / 100) : '');
const bp = (s: string) => Math.round(Number.parseFloat(s.replace(',', '.')) * 100);
const int = (s: string) => Number.parseInt(s, 10);
const pairs = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { const i = l.indexOf('|'); return i < 0 ? [l, ''] : [l.slice(0, i).trim(), l.slice(i + 1).trim()]; });
const text = (d: FormData, k: string) => String(d.get(k) ?? '').trim();

function variantDrafts(p: AdminProgramOut, currency: string): VariantDraft[] {
  return p.variants.filter((v) => v.is_active).map((v) => {
    const plan = v.pay_plan as { installments?: number; every?: { weeks?: number }; deposit?: { kind: string; bp?: number } } | null;
    return {
      id: v.id, name: v.name, price: major(v.price), currency: v.currency || currency, vat: String(v.vat_rate_bp / 100), billing: v.billing === 'per_session' ? 'per_session' : 'package',
      sessions: String(v.sessions_count), deposit: major(v.deposit_amount), credit: v.credit_price == null ? '' : String(v.credit_price), plan: Boolean(plan),
      installments: String(plan?.installments ?? 3), every: String(plan?.every?.weeks ?? 4), planDeposit: plan?.deposit?.kind === 'percent' ? String((plan.deposit.bp ?? 0) / 100) : '30',
      methods: [...(v.allowed_methods ?? VARIANT_METHODS)],
    };
  });
}

export class TandemAdminWizard extends LitElement {
  static override styles = [tokens, base, adminStyles, wizardStyles];

  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: false }) program!: AdminProgramOut;
  @property() override lang: 'en' | 'de' = 'en';
  /** The studio's currency: new variants start with it. */
  @property() currency = 'CHF';

  @state() step: WizardStep = 'basics';
  @state() notice = '';
  @state() error = '';
  @state() fieldErrors: { field: string; message: string }[] = [];
  @state() categories: CategoriesOut['categories'] = [];
  @state() staff: StaffListOut['staff'] = [];
  /** The studio's locations and their rooms (in-person delivery). */
  @state() locations: RoomsOut['locations'] = [];
  @state() preview = '';
  @state() variants: VariantDraft[] = [];
  @state() questions: QuestionDraft[] = [];
  @state() milestones: MilestoneDraft[] = [];
  @state() tab: Lang = 'en';
  @state() questionLang: Lang = 'en';
  private loadedFor = '';

  w(key: WizardKey): string {
    return wizardWords[consoleLang(this.lang)][key];
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('program') && this.program && this.loadedFor !== this.program.id) {
      this.loadedFor = this.program.id;
      this.resetDrafts();
      void this.loadLists();
    }
  }

  private resetDrafts(): void {
    const p = this.program;
    this.variants = variantDrafts(p, this.currency);
    if (!this.variants.length) this.variants = [this.blankVariant()];
    this.questions = questionsFromSchema(p.form);
    this.milestones = p.milestones.map((m) => ({ name: m.name, due: m.due_day_offset == null ? '' : String(m.due_day_offset), text: m.description_md }));
    this.preview = p.description_html ?? '';
  }

  private blankVariant(): VariantDraft {
    return { name: '', price: '', currency: this.currency, vat: '0', billing: 'package', sessions: String(this.program?.default_sessions_count ?? 1), deposit: '', credit: '', plan: false, installments: '3', every: '4', planDeposit: '30', methods: [...VARIANT_METHODS] };
  }

  private async loadLists(): Promise<void> {
    try {
      const [cats, staff] = await Promise.all([
        this.client.get<CategoriesOut>('/v1/admin/categories'),
        this.client.get<StaffListOut>('/v1/admin/staff').catch(() => ({ staff: [] })),
        this.client.get<RoomsOut>('/v1/admin/rooms').catch(() => ({ locations: [] })).then((r) => { this.locations = r.locations; }),
      ]);
      this.categories = cats.categories;
      this.staff = staff.staff;
    } catch { /* the selects fall back to the program's own values */ }
  }

  /** Runs a call; a problem shows as an alert with its per-field messages. */
  private async attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.error = '';
    this.fieldErrors = [];
    this.notice = '';
    try {
      return await work();
    } catch (e) {
      if (e instanceof AdminApiError) {
        this.error = e.message;
        const errors = e.body.errors;
        if (Array.isArray(errors)) this.fieldErrors = errors as { field: string; message: string }[];
        const missing = e.body.missing;
        if (Array.isArray(missing)) this.fieldErrors = missing.map((m) => ({ field: String(m), message: '' }));
      } else this.error = e instanceof Error ? e.message : String(e);
      return undefined;
    }
  }

  private changed(p: AdminProgramOut, message: string): void {
    this.program = p;
    this.notice = message;
    this.dispatchEvent(new CustomEvent('program-saved', { detail: p, bubbles: true, composed: true }));
  }

  private async save(body: Record<string, unknown>, advance = true): Promise<boolean> {
    const saved = await this.attempt(() => this.client.send<AdminProgramOut>('PATCH', `/v1/admin/programs/${this.program.id}`, body));
    if (!saved) return false;
    const keepLang = this.questionLang;
    this.changed(saved, this.w('saved'));
    if (body.step === 'pricing' || body.step === 'intake') this.resetDrafts();
    this.questionLang = keepLang;
    if (advance) await this.go(WIZARD_STEPS[WIZARD_STEPS.indexOf(this.step) + 1] ?? 'publish');
    return true;
  }

  async go(step: WizardStep): Promise<void> {
    this.step = step;
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('#step-heading')?.focus();
  }

  private async publish(): Promise<void> {
    const done = await this.attempt(() => this.client.send<AdminProgramOut>('POST', `/v1/admin/programs/${this.program.id}/publish`));
    if (done) this.changed(done, this.w('published'));
  }

  override render(): TemplateResult {
    const p = this.program;
    if (!p) return html``;
    return html`
      <h2>${p.title} <small>(${this.w('status')}: ${codeWord(consoleLang(this.lang), 'program', p.status)})</small></h2>
      <nav aria-label=${this.w('steps')}><ol class="steps">${WIZARD_STEPS.map((s, i) => html`<li>
        <button type="button" aria-current=${this.step === s ? 'step' : 'false'} @click=${() => this.go(s)}>${i + 1}. ${this.w(s)}${s !== 'publish' && p.missing.some((m) => m.startsWith(`${s}.`)) ? ' •' : ''}</button></li>`)}</ol></nav>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<div class="error"><p>${this.error}</p>${this.fieldErrors.length ? html`<ul>${this.fieldErrors.map((f) => html`<li>${f.field}${f.message ? html`: ${f.message}` : nothing}</li>`)}</ul>` : nothing}</div>` : nothing}</div>
      <section aria-labelledby="step-heading">
        <h3 id="step-heading" tabindex="-1">${this.w(this.step)}</h3>
        ${this.stepBody(p)}
      </section>`;
  }

  private stepBody(p: AdminProgramOut): TemplateResult {
    switch (this.step) {
      case 'basics': return this.basics(p);
      case 'delivery': return this.delivery(p);
      case 'pricing': return this.pricing(p);
      case 'intake': return this.intake(p);
      case 'milestones': return this.milestonesStep();
      case 'policies': return this.policies(p);
      case 'content': return this.content(p);
      case 'publish': return this.publishStep(p);
    }
  }

  private submit(build: (d: FormData) => Record<string, unknown>) {
    return (e: SubmitEvent) => {
      e.preventDefault();
      void this.save(build(new FormData(e.target as HTMLFormElement)));
    };
  }

  private saveButton(): TemplateResult {
    return html`<p><button class="primary" type="submit">${this.w('save')}</button></p>`;
  }

  private basics(p: AdminProgramOut): TemplateResult {
    const d = p.details as { itinerary?: { title: string; description: string }[]; outcomes?: string[]; host_bio_md?: string; testimonials?: { quote: string; author: string }[]; faq?: { question: string; answer: string }[] };
    const cats = this.categories.length ? this.categories : [{ key: p.category, labels: {}, programs: 0 }];
    const label = (c: { key: string; labels: Record<string, string> }) => c.labels[this.lang] || c.labels.en || c.key;
    return html`<form class="stack" @submit=${this.submit((f) => ({
      step: 'basics', title: text(f, 'title'), slug: text(f, 'slug'), category: text(f, 'category'), summary: text(f, 'summary'),
      long_description_md: String(f.get('long_description_md') ?? ''), tags: text(f, 'tags').split(',').map((x) => x.trim()).filter(Boolean),
      itinerary: pairs(String(f.get('itinerary') ?? '')).map(([title, description]) => ({ title, description })),
      outcomes: String(f.get('outcomes') ?? '').split('\n').map((x) => x.trim()).filter(Boolean),
      host_bio_md: String(f.get('host_bio_md') ?? ''),
      testimonials: pairs(String(f.get('testimonials') ?? '')).map(([quote, author]) => ({ quote, author })),
      faq: pairs(String(f.get('faq') ?? '')).map(([question, answer]) => ({ question, answer })),
    }))}>
      <label for="w-title">${this.w('title')}</label><input id="w-title" name="title" required maxlength="200" .value=${p.title}>
      <label for="w-slug">${this.w('slug')}</label><input id="w-slug" name="slug" required pattern="[a-z0-9][a-z0-9\\-]{0,63}" .value=${p.slug}>
      <label for="w-category">${this.w('category')}</label>
      <select id="w-category" name="category">${cats.map((c) => html`<option value=${c.key} ?selected=${c.key === p.category}>${label(c)}</option>`)}</select>
      <label for="w-summary">${this.w('summary')}</label><input id="w-summary" name="summary" maxlength="500" .value=${p.summary}>
      <label for="w-desc">${this.w('description')}</label><textarea id="w-desc" name="long_description_md" rows="6" .value=${p.long_description_md}></textarea>
      <p><button type="button" @click=${() => this.showPreview()}>${this.w('preview')}</button></p>
      ${this.preview ? html`<figure class="preview" aria-labelledby="w-preview-title"><figcaption id="w-preview-title">${this.w('previewTitle')}</figcaption><div>${unsafeHTML(this.preview)}</div></figure>` : nothing}
      <label for="w-tags">${this.w('tags')}</label><input id="w-tags" name="tags" .value=${p.tags.join(', ')}>
      <label for="w-itinerary">${this.w('itinerary')}</label><textarea id="w-itinerary" name="itinerary" rows="3" .value=${(d.itinerary ?? []).map((x) => `${x.title} | ${x.description}`).join('\n')}></textarea>
      <label for="w-outcomes">${this.w('outcomes')}</label><textarea id="w-outcomes" name="outcomes" rows="3" .value=${(d.outcomes ?? []).join('\n')}></textarea>
      <label for="w-host">${this.w('hostBio')}</label><textarea id="w-host" name="host_bio_md" rows="3" .value=${d.host_bio_md ?? ''}></textarea>
      <label for="w-testimonials">${this.w('testimonials')}</label><textarea id="w-testimonials" name="testimonials" rows="3" .value=${(d.testimonials ?? []).map((x) => `${x.quote} | ${x.author}`).join('\n')}></textarea>
      <label for="w-faq">${this.w('faq')}</label><textarea id="w-faq" name="faq" rows="3" .value=${(d.faq ?? []).map((x) => `${x.question} | ${x.answer}`).join('\n')}></textarea>
      ${this.saveButton()}
    </form>
    <tandem-admin-program-images lang=${this.lang} .client=${this.client} .program=${p}
      @program-saved=${(e: CustomEvent<AdminProgramOut>) => { this.program = e.detail; }}></tandem-admin-program-images>
    <form class="inline" @submit=${this.addCategory}>
      <div><label for="w-newcat">${this.w('newCategory')}</label><input id="w-newcat" name="key" pattern="[a-z0-9][a-z0-9_\\-]{0,39}" required></div>
      <div><label for="w-newcat-label">${this.w('newCategoryLabel')}</label><input id="w-newcat-label" name="label" required maxlength="60"></div>
      <button type="submit">${this.w('addCategory')}</button>
    </form>`;
  }

  private async showPreview(): Promise<void> {
    const md = this.shadowRoot?.querySelector<HTMLTextAreaElement>('#w-desc')?.value ?? '';
    const out = await this.attempt(() => this.client.send<PreviewOut>('POST', '/v1/admin/programs/preview', { markdown: md }));
    if (out) this.preview = out.html;
  }

  private async addCategory(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    // Kept before the request: once the event is over, its target (inside the shadow root) reads null.
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const out = await this.attempt(() => this.client.send<CategoriesOut>('POST', '/v1/admin/categories', { key: text(f, 'key'), labels: { [this.lang]: text(f, 'label') } }));
    if (out) { this.categories = out.categories; form.reset(); }
  }

  private delivery(p: AdminProgramOut): TemplateResult {
    const s = p.scheduling as { buffer_before_min?: number; buffer_after_min?: number; cadence?: { every: number; unit: string } };
    return html`<form class="stack" @submit=${this.submit((f) => ({
      step: 'delivery', delivery_mode: text(f, 'delivery_mode'), session_length_min: int(text(f, 'length')),
      buffer_before_min: int(text(f, 'before')), buffer_after_min: int(text(f, 'after')), is_multi_session: f.get('multi') === 'on',
      default_sessions_count: int(text(f, 'count')), cadence: { every: int(text(f, 'every')) || 1, unit: 'week' },
      location_id: text(f, 'location_id') || null, resource_id: text(f, 'resource_id') || null, meeting_url: text(f, 'meeting_url') || null, instructor_ids: f.getAll('instructor_ids').map(String),
    }))}>
      <fieldset><legend>${this.w('mode')}</legend>${(['in_person', 'online', 'hybrid'] as const).map((m) => html`
        <label><input type="radio" name="delivery_mode" value=${m} ?checked=${p.delivery_mode === m}> ${this.w(m)}</label>`)}</fieldset>
      <label for="w-location">${this.w('location')}</label>
      <select id="w-location" name="location_id"><option value="" ?selected=${!p.location_id}>${this.w('noLocation')}</option>
        ${this.locations.map((l) => html`<option value=${l.id} ?selected=${l.id === p.location_id}>${l.name}</option>`)}
        ${p.location_id && !this.locations.some((l) => l.id === p.location_id) ? html`<option value=${p.location_id} selected>${p.location_id}</option>` : nothing}</select>
      <label for="w-room">${this.w('room')}</label>
      <select id="w-room" name="resource_id"><option value="" ?selected=${!p.resource_id}>${this.w('anyRoom')}</option>
        ${this.locations.filter((l) => l.rooms.length).map((l) => html`<optgroup label=${l.name}>${l.rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === p.resource_id}>${r.name}</option>`)}</optgroup>`)}</select>
      <label for="w-url">${this.w('meetingUrl')}</label><input id="w-url" name="meeting_url" type="url" .value=${p.meeting_url ?? ''}>
      <label for="w-length">${this.w('length')}</label><input id="w-length" name="length" type="number" min="5" max="1440" required .value=${String(p.session_length_min)}>
      <label for="w-before">${this.w('bufferBefore')}</label><input id="w-before" name="before" type="number" min="0" max="240" .value=${String(s.buffer_before_min ?? 0)}>
      <label for="w-after">${this.w('bufferAfter')}</label><input id="w-after" name="after" type="number" min="0" max="240" .value=${String(s.buffer_after_min ?? 0)}>
      <label><input type="checkbox" name="multi" ?checked=${p.is_multi_session}> ${this.w('multi')}</label>
      <label for="w-count">${this.w('sessionsCount')}</label><input id="w-count" name="count" type="number" min="1" max="52" .value=${String(p.default_sessions_count)}>
      <label for="w-every">${this.w('cadenceWeeks')}</label><input id="w-every" name="every" type="number" min="1" max="52" .value=${String(s.cadence?.every ?? 1)}>
      <fieldset><legend>${this.w('instructors')}</legend>
        ${(this.staff.length ? this.staff.filter((x) => x.is_active) : p.instructor_ids.map((id) => ({ id, name: id }))).map((x) => html`
          <label><input type="checkbox" name="instructor_ids" value=${x.id} ?checked=${p.instructor_ids.includes(x.id)}> ${x.name}</label>`)}
      </fieldset>
      ${this.saveButton()}
    </form>`;
  }

  private editVariant(i: number, patch: Partial<VariantDraft>): void {
    this.variants = this.variants.map((v, j) => (j === i ? { ...v, ...patch } : v));
  }

  private moveIn<T>(list: T[], i: number, by: number): T[] {
    const j = i + by;
    if (j < 0 || j >= list.length) return list;
    const out = [...list];
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  }

  private input(id: string, label: string, value: string, set: (v: string) => void, attrs: { type?: string; required?: boolean; min?: string; step?: string; pattern?: string } = {}): TemplateResult {
    return html`<div><label for=${id}>${label}</label><input id=${id} type=${attrs.type ?? 'text'} ?required=${attrs.required ?? false} min=${attrs.min ?? nothing} step=${attrs.step ?? nothing} pattern=${attrs.pattern ?? nothing}
      .value=${value} @input=${(e: Event) => set((e.target as HTMLInputElement).value)}></div>`;
  }

  private pricing(p: AdminProgramOut): TemplateResult {
    const retired = p.variants.filter((v) => !v.is_active);
    return html`<form class="stack" @submit=${(e: SubmitEvent) => { e.preventDefault(); void this.save({ step: 'pricing', variants: this.variants.map((v) => ({
      ...(v.id ? { id: v.id } : {}), name: v.name.trim(), currency: v.currency.trim().toUpperCase(), price: minor(v.price), vat_rate_bp: bp(v.vat || '0'), billing: v.billing,
      sessions_count: int(v.sessions) || 1, deposit_amount: v.deposit.trim() ? minor(v.deposit) : null, credit_price: v.credit.trim() ? int(v.credit) : null,
      pay_plan: v.plan ? { installments: int(v.installments) || 1, every_weeks: int(v.every) || 1, deposit_bp: bp(v.planDeposit || '0') } : null,
      allowed_methods: v.methods,
    })) }); }}>
      ${this.variants.map((v, i) => html`<fieldset class="item"><legend>${this.w('variant')} ${i + 1}</legend>
        <div class="row">
          ${this.input(`v${i}-name`, this.w('variantName'), v.name, (x) => this.editVariant(i, { name: x }), { required: true })}
          ${this.input(`v${i}-price`, `${this.w('price')} (${v.currency})`, v.price, (x) => this.editVariant(i, { price: x }), { required: true, pattern: '[0-9]+([.,][0-9]{1,2})?' })}
          ${this.input(`v${i}-currency`, this.w('currency'), v.currency, (x) => this.editVariant(i, { currency: x }), { required: true, pattern: '[A-Za-z]{3}' })}
          ${this.input(`v${i}-vat`, this.w('vat'), v.vat, (x) => this.editVariant(i, { vat: x }), { pattern: '[0-9]+([.,][0-9]{1,2})?' })}
          ${this.input(`v${i}-sessions`, this.w('sessions'), v.sessions, (x) => this.editVariant(i, { sessions: x }), { type: 'number', min: '1' })}
          <div><label for=${`v${i}-billing`}>${this.w('billing')}</label><select id=${`v${i}-billing`} @change=${(e: Event) => this.editVariant(i, { billing: (e.target as HTMLSelectElement).value as VariantDraft['billing'] })}>
            ${(['package', 'per_session'] as const).map((b) => html`<option value=${b} ?selected=${v.billing === b}>${this.w(b)}</option>`)}</select></div>
          ${this.input(`v${i}-deposit`, this.w('deposit'), v.deposit, (x) => this.editVariant(i, { deposit: x }), { pattern: '[0-9]+([.,][0-9]{1,2})?' })}
          ${this.input(`v${i}-credit`, this.w('creditPrice'), v.credit, (x) => this.editVariant(i, { credit: x }), { type: 'number', min: '1' })}
        </div>
        <label><input type="checkbox" .checked=${v.plan} @change=${(e: Event) => this.editVariant(i, { plan: (e.target as HTMLInputElement).checked })}> ${this.w('plan')}</label>
        ${v.plan ? html`<div class="row">
          ${this.input(`v${i}-inst`, this.w('installments'), v.installments, (x) => this.editVariant(i, { installments: x }), { type: 'number', min: '1' })}
          ${this.input(`v${i}-every`, this.w('everyWeeks'), v.every, (x) => this.editVariant(i, { every: x }), { type: 'number', min: '1' })}
          ${this.input(`v${i}-pdep`, this.w('planDeposit'), v.planDeposit, (x) => this.editVariant(i, { planDeposit: x }), { type: 'number', min: '0' })}</div>` : nothing}
        ${variantMethods(consoleLang(this.lang), i, v.methods, (methods) => this.editVariant(i, { methods }))}
        <p class="tools">
          <button type="button" ?disabled=${i === 0} @click=${() => { this.variants = this.moveIn(this.variants, i, -1); }}>${this.w('moveUp')} (${this.w('variant')} ${i + 1})</button>
          <button type="button" ?disabled=${i === this.variants.length - 1} @click=${() => { this.variants = this.moveIn(this.variants, i, 1); }}>${this.w('moveDown')} (${this.w('variant')} ${i + 1})</button>
          <button type="button" @click=${() => { this.variants = this.variants.filter((_, j) => j !== i); }}>${this.w('remove')} (${this.w('variant')} ${i + 1})</button>
        </p>
      </fieldset>`)}
      <p><button type="button" @click=${() => { this.variants = [...this.variants, this.blankVariant()]; }}>${this.w('addVariant')}</button></p>
      ${this.saveButton()}
    </form>
    ${retired.length ? html`<h4>${this.w('retired')}</h4><ul>${retired.map((v) => html`<li>${v.name}: ${major(v.price)} ${v.currency}</li>`)}</ul>` : nothing}`;
  }

  private editQuestion(i: number, patch: Partial<QuestionDraft>): void {
    this.questions = this.questions.map((q, j) => (j === i ? { ...q, ...patch } : q));
  }

  private langTabs(current: Lang, set: (l: Lang) => void, idPrefix: string): TemplateResult {
    const keydown = (e: KeyboardEvent) => {
      const i = LANGS.indexOf(current);
      const next = e.key === 'ArrowRight' ? LANGS[(i + 1) % LANGS.length] : e.key === 'ArrowLeft' ? LANGS[(i + LANGS.length - 1) % LANGS.length] : e.key === 'Home' ? LANGS[0] : e.key === 'End' ? LANGS[LANGS.length - 1] : undefined;
      if (!next) return;
      e.preventDefault();
      set(next);
      void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#${idPrefix}-tab-${next}`)?.focus());
    };
    return html`<div role="tablist" aria-label=${this.w('langTabs')} class="tabs" @keydown=${keydown}>${LANGS.map((l) => html`
      <button type="button" role="tab" id=${`${idPrefix}-tab-${l}`} aria-selected=${String(current === l)} aria-controls=${`${idPrefix}-panel`} tabindex=${current === l ? '0' : '-1'}
        @click=${() => set(l)}>${this.w(l)}</button>`)}</div>`;
  }

  private intake(p: AdminProgramOut): TemplateResult {
    const l = this.questionLang;
    const kindWord = (k: (typeof KINDS)[number]): WizardKey => (k === 'multi' ? 'multi_choice' : k);
    return html`<form class="stack" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const required = (e.target as HTMLFormElement).querySelector<HTMLInputElement>('#w-form-required')?.checked ?? true;
      void this.save({ step: 'intake', form: this.questions.length ? schemaFromQuestions(this.questions) : null, ...(this.questions.length ? { form_required: required } : {}) });
    }}>
      ${this.langTabs(l, (x) => { this.questionLang = x; }, 'q')}
      <div role="tabpanel" id="q-panel" aria-labelledby=${`q-tab-${l}`}>
      ${this.questions.map((q, i) => html`<fieldset class="item"><legend>${this.w('field')} ${i + 1}</legend>
        <div class="row">
          <div><label for=${`q${i}-label-${l}`}>${this.w('fieldLabel')} (${this.w(l)})</label><input id=${`q${i}-label-${l}`} ?required=${l === 'en'} .value=${q.labels[l]}
            @input=${(e: Event) => this.editQuestion(i, { labels: { ...q.labels, [l]: (e.target as HTMLInputElement).value } })}></div>
          <div><label for=${`q${i}-kind`}>${this.w('fieldType')}</label><select id=${`q${i}-kind`} @change=${(e: Event) => this.editQuestion(i, { kind: (e.target as HTMLSelectElement).value as QuestionDraft['kind'] })}>
            ${KINDS.map((k) => html`<option value=${k} ?selected=${q.kind === k}>${this.w(kindWord(k))}</option>`)}</select></div>
        </div>
        <label><input type="checkbox" .checked=${q.required || q.kind === 'consent'} ?disabled=${q.kind === 'consent'} @change=${(e: Event) => this.editQuestion(i, { required: (e.target as HTMLInputElement).checked })}> ${this.w('required')}</label>
        ${q.kind === 'choice' || q.kind === 'multi' ? html`<div><label for=${`q${i}-options-${l}`}>${this.w('options')} (${this.w(l)})</label>
          <textarea id=${`q${i}-options-${l}`} rows="3" .value=${q.options[l]} @input=${(e: Event) => this.editQuestion(i, { options: { ...q.options, [l]: (e.target as HTMLTextAreaElement).value } })}></textarea></div>` : nothing}
        <p class="tools">
          <button type="button" ?disabled=${i === 0} @click=${() => { this.questions = this.moveIn(this.questions, i, -1); }}>${this.w('moveUp')} (${this.w('field')} ${i + 1})</button>
          <button type="button" ?disabled=${i === this.questions.length - 1} @click=${() => { this.questions = this.moveIn(this.questions, i, 1); }}>${this.w('moveDown')} (${this.w('field')} ${i + 1})</button>
          <button type="button" @click=${() => { this.questions = this.questions.filter((_, j) => j !== i); }}>${this.w('remove')} (${this.w('field')} ${i + 1})</button>
        </p>
      </fieldset>`)}
      </div>
      <p><button type="button" id="w-add-question" @click=${() => this.addQuestion()}>${this.w('addField')}</button></p>
      <label><input type="checkbox" id="w-form-required" ?checked=${p.form ? p.form_required : true}> ${this.w('formRequired')}</label>
      ${this.saveButton()}
    </form>`;
  }

  private async addQuestion(): Promise<void> {
    this.questions = [...this.questions, blankQuestion()];
    this.questionLang = 'en';
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>(`#q${this.questions.length - 1}-label-en`)?.focus();
  }

  private milestonesStep(): TemplateResult {
    const edit = (i: number, patch: Partial<MilestoneDraft>) => { this.milestones = this.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)); };
    return html`<form class="stack" @submit=${(e: SubmitEvent) => { e.preventDefault(); void this.save({ step: 'intake', milestones: this.milestones.map((m) => ({
      name: m.name.trim(), description_md: m.text, due_day_offset: m.due.trim() ? int(m.due) : null })) }); }}>
      ${this.milestones.map((m, i) => html`<fieldset class="item"><legend>${this.w('milestone')} ${i + 1}</legend>
        <div class="row">
          ${this.input(`m${i}-name`, this.w('milestoneName'), m.name, (x) => edit(i, { name: x }), { required: true })}
          ${this.input(`m${i}-due`, this.w('dueDay'), m.due, (x) => edit(i, { due: x }), { type: 'number', min: '0' })}
        </div>
        <label for=${`m${i}-text`}>${this.w('milestoneText')}</label><textarea id=${`m${i}-text`} rows="2" .value=${m.text} @input=${(e: Event) => edit(i, { text: (e.target as HTMLTextAreaElement).value })}></textarea>
        <p class="tools"><button type="button" @click=${() => { this.milestones = this.milestones.filter((_, j) => j !== i); }}>${this.w('remove')} (${this.w('milestone')} ${i + 1})</button></p>
      </fieldset>`)}
      <p><button type="button" @click=${async () => { this.milestones = [...this.milestones, { name: '', due: '', text: '' }]; await this.updateComplete; this.shadowRoot?.querySelector<HTMLElement>(`#m${this.milestones.length - 1}-name`)?.focus(); }}>${this.w('addMilestone')}</button></p>
      ${this.saveButton()}
    </form>`;
  }

  private policies(p: AdminProgramOut): TemplateResult {
    const pol = p.policies as { free_cancel_hours?: number; late_cancel_fee_bp?: number; no_show_fee_bp?: number; reschedule_notice_hours?: number; max_reschedules_per_session?: number; charge_fees?: string; valid_days?: number; notes?: string };
    const opt = (f: FormData, k: string) => (text(f, k) ? int(text(f, k)) : null);
    return html`<form class="stack" @submit=${this.submit((f) => ({
      step: 'policies', free_cancel_hours: int(text(f, 'free')), late_cancel_fee_bp: bp(text(f, 'late') || '0'), no_show_fee_bp: bp(text(f, 'noshow') || '0'),
      reschedule_notice_hours: opt(f, 'notice'), max_reschedules_per_session: opt(f, 'moves'), valid_days: opt(f, 'valid'),
      charge_fees: text(f, 'charge_fees') || 'balance', notes: String(f.get('notes') ?? ''), visibility: text(f, 'visibility'), rotate_link: f.get('rotate') === 'on',
    }))}>
      <label for="w-free">${this.w('freeCancel')}</label><input id="w-free" name="free" type="number" min="0" max="2160" required .value=${String(pol.free_cancel_hours ?? 24)}>
      <label for="w-late">${this.w('lateFee')}</label><input id="w-late" name="late" type="number" min="0" max="100" step="0.01" .value=${pct(pol.late_cancel_fee_bp)}>
      <label for="w-noshow">${this.w('noShowFee')}</label><input id="w-noshow" name="noshow" type="number" min="0" max="100" step="0.01" .value=${pct(pol.no_show_fee_bp)}>
      <label for="w-notice">${this.w('rescheduleNotice')}</label><input id="w-notice" name="notice" type="number" min="0" max="2160" .value=${pol.reschedule_notice_hours == null ? '' : String(pol.reschedule_notice_hours)}>
      <label for="w-moves">${this.w('maxReschedules')}</label><input id="w-moves" name="moves" type="number" min="0" max="20" .value=${pol.max_reschedules_per_session == null ? '' : String(pol.max_reschedules_per_session)}>
      <label for="w-valid">${this.w('validDays')}</label><input id="w-valid" name="valid" type="number" min="1" max="3650" .value=${pol.valid_days == null ? '' : String(pol.valid_days)}>
      <fieldset><legend>${this.w('chargeFees')}</legend>${(['balance', 'auto'] as const).map((c) => html`
        <label><input type="radio" name="charge_fees" value=${c} ?checked=${(pol.charge_fees ?? 'balance') === c}> ${this.w(c)}</label>`)}</fieldset>
      <label for="w-notes">${this.w('policyNotes')}</label><textarea id="w-notes" name="notes" rows="2" .value=${pol.notes ?? ''}></textarea>
      <fieldset><legend>${this.w('visibility')}</legend>${(['public', 'by_link', 'hidden'] as const).map((v) => html`
        <label><input type="radio" name="visibility" value=${v} ?checked=${p.visibility === v}> ${this.w(v)}</label>`)}</fieldset>
      ${p.private_link_token ? html`<p>${this.w('privateLink')}: <code>${p.private_link_token}</code></p>
        <label><input type="checkbox" name="rotate"> ${this.w('rotateLink')}</label>` : nothing}
      ${this.saveButton()}
    </form>`;
  }

  private content(p: AdminProgramOut): TemplateResult {
    const l = this.tab;
    const tr = (p.translations[l] ?? {}) as { title?: string; summary?: string; long_description_md?: string; host_bio_md?: string; outcomes?: string[]; faq?: { question: string; answer: string }[] };
    const fallback = (s: string) => `${this.w('fallback')}: ${s.slice(0, 60)}`;
    return html`${this.langTabs(l, (x) => { this.tab = x; }, 'c')}
      <form class="stack" role="tabpanel" id="c-panel" aria-labelledby=${`c-tab-${l}`} @submit=${this.submit((f) => ({
        step: 'content', lang: l, title: text(f, 'title'), summary: text(f, 'summary'), long_description_md: String(f.get('long_description_md') ?? ''), host_bio_md: String(f.get('host_bio_md') ?? ''),
        outcomes: String(f.get('outcomes') ?? '').split('\n').map((x) => x.trim()).filter(Boolean),
        faq: pairs(String(f.get('faq') ?? '')).map(([question, answer]) => ({ question, answer })),
      }))}>
        <label for="c-title">${this.w('title')} (${this.w(l)})</label><input id="c-title" name="title" maxlength="200" placeholder=${fallback(p.title)} .value=${tr.title ?? ''}>
        <label for="c-summary">${this.w('summary')} (${this.w(l)})</label><input id="c-summary" name="summary" maxlength="500" placeholder=${fallback(p.summary)} .value=${tr.summary ?? ''}>
        <label for="c-desc">${this.w('description')} (${this.w(l)})</label><textarea id="c-desc" name="long_description_md" rows="5" placeholder=${fallback(p.long_description_md)} .value=${tr.long_description_md ?? ''}></textarea>
        <label for="c-host">${this.w('hostBio')} (${this.w(l)})</label><textarea id="c-host" name="host_bio_md" rows="3" .value=${tr.host_bio_md ?? ''}></textarea>
        <label for="c-outcomes">${this.w('outcomes')} (${this.w(l)})</label><textarea id="c-outcomes" name="outcomes" rows="3" .value=${(tr.outcomes ?? []).join('\n')}></textarea>
        <label for="c-faq">${this.w('faq')} (${this.w(l)})</label><textarea id="c-faq" name="faq" rows="3" .value=${(tr.faq ?? []).map((x) => `${x.question} | ${x.answer}`).join('\n')}></textarea>
        ${this.saveButton()}
      </form>`;
  }

  private publishStep(p: AdminProgramOut): TemplateResult {
    const stepOf = (m: string) => (WIZARD_STEPS as readonly string[]).includes(m.split('.')[0]!) ? m.split('.')[0] as WizardStep : 'basics';
    return html`${p.missing.length ? html`<h4>${this.w('missingTitle')}</h4>
      <ul>${p.missing.map((m) => html`<li><button type="button" @click=${() => this.go(stepOf(m))}>${this.w(stepOf(m))}: ${m.split('.').slice(1).join('.')}</button></li>`)}</ul>`
      : html`<p>${this.w('complete')}</p>`}
      <p><button class="primary" type="button" @click=${() => this.publish()}>${this.w('publish')}</button></p>`;
  }
}

define('tandem-admin-wizard', TandemAdminWizard);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-wizard': TandemAdminWizard }
}
