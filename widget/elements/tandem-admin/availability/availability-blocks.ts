/**
 * The availability view's lower part: the week's group classes of the instructor shown (owners and
 * managers schedule and remove them; a class over booked sessions is refused with those sessions,
 * there is no "anyway"), the instructor's imported `.ics` calendar feeds (add, read now, remove)
 * and the studio's rooms by location (owners and managers add them). Times are entered in the
 * instructor's zone.
 *
 * @event availability-changed - a class or feed changed what blocks the week; the view reads it again
 * @attr lang - en, de, fr or it
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { base, tokens } from '../../../core/styles.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { AdminApi, AdminApiError } from '../core/api.ts';
import { adminLang, type AdminLang } from '../i18n.ts';
import { intlLocale } from '../core/console-lang.ts';
import { blocksWords, type BlocksKey } from './availability-blocks-i18n.ts';
import { availabilityWords } from './availability-i18n.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { fieldError, problemAlert } from '../core/form-problem.ts';
import { localToIso } from './zoned-input.ts';
import type { RoomsOut, StrandedSessionOut, WeekOut } from '../../../../schema/api/admin-availability.ts';

interface Feed { id: string; instructor_id: string; url: string; label: string; last_synced_at: string | null; last_error: string | null; events_imported: number }
type Form = 'class' | 'feed' | 'room';

export class TandemAdminAvailabilityBlocks extends LitElement {
  static override styles = [tokens, base, adminStyles];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'staff-role' }) staffRole: 'owner' | 'manager' | 'instructor' = 'instructor';
  /** The week the view shows (its instructor, zone and classes). */
  @property({ attribute: false }) week: WeekOut | null = null;

  @state() feeds: Feed[] = [];
  @state() rooms: RoomsOut['locations'] = [];
  @state() problems: Partial<Record<Form, Problem>> = {};
  @state() inTheWay: StrandedSessionOut[] = [];
  @state() notice = '';

  get language(): AdminLang {
    return adminLang(this.lang || navigator.language);
  }

  t(key: BlocksKey): string {
    return blocksWords[this.language][key];
  }

  private get manages(): boolean {
    return this.staffRole !== 'instructor';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const [feeds, rooms] = await Promise.all([
      attempt(() => this.client.get<{ feeds: Feed[] }>('/v1/admin/calendar-feeds'), (p) => { this.problems = { ...this.problems, feed: p }; }),
      attempt(() => this.client.get<RoomsOut>('/v1/admin/rooms'), (p) => { this.problems = { ...this.problems, room: p }; }),
    ]);
    if (feeds) this.feeds = feeds.feeds;
    if (rooms) this.rooms = rooms.locations;
  }

  /** Sends one change; on success the form is reset, the lists read again and the week told. */
  private async send(form: Form, method: 'POST' | 'DELETE', path: string, body: unknown, done: string, target?: HTMLFormElement): Promise<void> {
    this.problems = { ...this.problems, [form]: undefined };
    this.inTheWay = [];
    this.notice = '';
    try {
      await this.client.send(method, path, body);
    } catch (e) {
      if (form === 'class' && e instanceof AdminApiError && e.code === 'sessions_in_the_way') {
        this.inTheWay = (e.body.sessions ?? []) as StrandedSessionOut[];
        return;
      }
      const message = form === 'class' && e instanceof AdminApiError && e.code === 'conflict' ? this.t('classConflict') : '';
      await attempt(() => Promise.reject(e), (p) => { this.problems = { ...this.problems, [form]: message ? { ...p, message } : p }; });
      return;
    }
    target?.reset();
    this.notice = done;
    await this.load();
    this.dispatchEvent(new CustomEvent('availability-changed', { bubbles: true, composed: true }));
  }

  private when(iso: string, style: 'short' | 'medium' = 'short'): string {
    const options: Intl.DateTimeFormatOptions = style === 'medium' ? { dateStyle: 'medium', timeStyle: 'short' } : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
    return new Intl.DateTimeFormat(intlLocale(this.language), { ...options, timeZone: this.week?.instructor.timezone ?? 'UTC' }).format(new Date(iso));
  }

  private clock(iso: string): string {
    return new Intl.DateTimeFormat(intlLocale(this.language), { hour: '2-digit', minute: '2-digit', timeZone: this.week?.instructor.timezone ?? 'UTC' }).format(new Date(iso));
  }

  /** `aria-invalid` and `aria-describedby` of a field the API refused, else none. */
  private invalid(p: Problem | null, field: string, id: string) {
    return p?.fields.some((f) => f.field === field) ? { invalid: 'true', describedBy: `${id}-error` } : { invalid: undefined, describedBy: undefined };
  }

  override render(): TemplateResult {
    const w = this.week;
    if (!w) return html``;
    return html`
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${this.classesPart(w)}${this.feedsPart(w)}${this.roomsPart()}`;
  }

  private roomName(id: string | null): string {
    for (const l of this.rooms) for (const r of l.rooms) if (r.id === id) return r.name;
    return '';
  }

  private classesPart(w: WeekOut): TemplateResult {
    const words = availabilityWords[this.language];
    const zone = w.instructor.timezone;
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const d = new FormData(form);
      const room = String(d.get('room') ?? '');
      void this.send('class', 'POST', '/v1/admin/classes', {
        instructor_id: w.instructor.id, title: String(d.get('title')), starts_at: localToIso(String(d.get('starts')), zone), ends_at: localToIso(String(d.get('ends')), zone),
        capacity: Number(d.get('capacity') || 12), ...(room ? { resource_id: room } : {}),
      }, words.saved, form);
    };
    const p = this.problems.class ?? null;
    return html`<h3>${this.t('classes')}</h3>
      ${w.classes.length ? html`<ul>${w.classes.map((c) => html`<li>${this.when(c.starts_at)}–${this.clock(c.ends_at)} · ${c.title}${c.resource_id ? ` · ${this.roomName(c.resource_id)}` : ''}
          ${c.feed_id ? html` · <em>${this.t('fromFeed')}</em>` : this.manages
            ? html`<button @click=${() => this.send('class', 'DELETE', `/v1/admin/classes/${c.id}`, {}, words.removed)} aria-label="${words.remove}: ${c.title} ${this.when(c.starts_at)}">${words.remove}</button>` : nothing}</li>`)}</ul>`
        : html`<p>${this.t('noClasses')}</p>`}
      ${this.inTheWay.length ? html`<div role="alert" class="error"><p>${this.t('classInTheWay')}</p>
        <ul>${this.inTheWay.map((s) => html`<li>${this.when(s.starts_at, 'medium')} · ${s.program}${s.customer ? ` · ${s.customer}` : ''}</li>`)}</ul></div>` : nothing}
      ${this.manages ? html`${problemAlert(p, this.t('classes'))}
        <form class="stack" @submit=${save}>
          <label for="cls-title">${this.t('classTitle')}</label>
          <input id="cls-title" name="title" required maxlength="200" aria-invalid=${ifDefined(this.invalid(p, 'title', 'cls-title').invalid)} aria-describedby=${ifDefined(this.invalid(p, 'title', 'cls-title').describedBy)}>${fieldError(p, 'title', 'cls-title')}
          <label for="cls-start">${this.t('starts')}</label><input id="cls-start" name="starts" type="datetime-local" required>
          <label for="cls-end">${this.t('ends')}</label>
          <input id="cls-end" name="ends" type="datetime-local" required aria-invalid=${ifDefined(this.invalid(p, 'ends_at', 'cls-end').invalid)} aria-describedby=${ifDefined(this.invalid(p, 'ends_at', 'cls-end').describedBy)}>${fieldError(p, 'ends_at', 'cls-end')}
          <label for="cls-room">${this.t('room')}</label>
          <select id="cls-room" name="room"><option value="">${this.t('noRoom')}</option>
            ${this.rooms.map((l) => html`<optgroup label=${l.name}>${l.rooms.map((r) => html`<option value=${r.id}>${r.name}</option>`)}</optgroup>`)}</select>
          <label for="cls-capacity">${this.t('capacity')}</label><input id="cls-capacity" name="capacity" type="number" min="1" max="1000" value="12">
          <button class="primary" type="submit">${this.t('addClass')}</button>
        </form>` : nothing}`;
  }

  private feedsPart(w: WeekOut): TemplateResult {
    const words = availabilityWords[this.language];
    const mine = this.feeds.filter((f) => f.instructor_id === w.instructor.id);
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const d = new FormData(form);
      void this.send('feed', 'POST', '/v1/admin/calendar-feeds', { instructor_id: w.instructor.id, url: String(d.get('url')), label: String(d.get('label') ?? '') }, words.saved, form);
    };
    const p = this.problems.feed ?? null;
    return html`<h3>${this.t('feeds')}</h3>
      <p>${this.t('feedsHint')}</p>
      ${mine.length ? html`<ul>${mine.map((f) => html`<li><strong>${f.label || f.url}</strong>
          · ${this.t('lastRead')}: ${f.last_synced_at ? this.when(f.last_synced_at, 'medium') : this.t('neverRead')} · ${f.events_imported} ${this.t('imported')}
          ${f.last_error ? html`<br><small class="error">${f.last_error}</small>` : nothing}
          <button @click=${() => this.send('feed', 'POST', `/v1/admin/calendar-feeds/${f.id}/sync`, {}, this.t('syncQueued'))} aria-label="${this.t('syncNow')}: ${f.label || f.url}">${this.t('syncNow')}</button>
          <button @click=${() => this.send('feed', 'DELETE', `/v1/admin/calendar-feeds/${f.id}`, {}, words.removed)} aria-label="${this.t('removeFeed')}: ${f.label || f.url}">${words.remove}</button></li>`)}</ul>`
        : html`<p>${this.t('noFeeds')}</p>`}
      ${problemAlert(p, this.t('feeds'))}
      <form class="stack" @submit=${save}>
        <label for="feed-url">${this.t('feedUrl')}</label>
        <input id="feed-url" name="url" type="url" required maxlength="2000" placeholder="https://…/calendar.ics"
          aria-invalid=${ifDefined(this.invalid(p, 'url', 'feed-url').invalid)} aria-describedby=${ifDefined(this.invalid(p, 'url', 'feed-url').describedBy)}>${fieldError(p, 'url', 'feed-url')}
        <label for="feed-label">${this.t('feedLabel')}</label><input id="feed-label" name="label" maxlength="200">
        <button class="primary" type="submit">${this.t('addFeed')}</button>
      </form>`;
  }

  private roomsPart(): TemplateResult {
    const words = availabilityWords[this.language];
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const d = new FormData(form);
      void this.send('room', 'POST', '/v1/admin/rooms', { location_id: String(d.get('location')), name: String(d.get('name')) }, words.saved, form);
    };
    const p = this.problems.room ?? null;
    return html`<h3>${this.t('rooms')}</h3>
      ${this.rooms.length ? html`<ul>${this.rooms.map((l) => html`<li>${l.name}: ${l.rooms.length ? l.rooms.map((r) => r.name).join(', ') : this.t('noRooms')}</li>`)}</ul>` : html`<p>${this.t('noRooms')}</p>`}
      ${this.manages && this.rooms.length ? html`${problemAlert(p, this.t('rooms'))}
        <form class="stack" @submit=${save}>
          <label for="room-location">${words.location}</label>
          <select id="room-location" name="location">${this.rooms.map((l) => html`<option value=${l.id}>${l.name}</option>`)}</select>
          <label for="room-name">${this.t('roomName')}</label>
          <input id="room-name" name="name" required maxlength="200" aria-invalid=${ifDefined(this.invalid(p, 'name', 'room-name').invalid)} aria-describedby=${ifDefined(this.invalid(p, 'name', 'room-name').describedBy)}>${fieldError(p, 'name', 'room-name')}
          <button class="primary" type="submit">${this.t('addRoom')}</button>
        </form>` : nothing}`;
  }
}

if (!customElements.get('tandem-admin-availability-blocks')) customElements.define('tandem-admin-availability-blocks', TandemAdminAvailabilityBlocks);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-availability-blocks': TandemAdminAvailabilityBlocks }
}
