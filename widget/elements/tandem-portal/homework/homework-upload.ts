/**
 * Homework per milestone in the portal: the files the customer uploaded (download links signed
 * for five minutes, renewed when a click comes later), an upload control (a labelled native
 * file input, progress, errors said in the customer's words) and removal of their own files.
 * Loaded as its own chunk when a booking with milestones is shown; the milestones of one booking
 * share one request for the list.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base } from '../../../core/styles.ts';
import { ApiError, type ApiClient } from '../../../core/api/client.ts';
import { errorMessage } from '../../../core/templates.ts';
import { listArtifacts, removeArtifact, uploadArtifact, type ArtifactList, type ArtifactOut } from '../../../core/api/homework.ts';
import type { PortalBookingDetail } from '../../../core/api/portal.ts';
import { fillTemplate } from '../../../../shared/template.ts';
import { portalStyles } from '../tandem-portal.styles.ts';
import type { PortalHost } from '../portal-host.ts';
import { homeworkStrings, type HomeworkKey } from './homework-i18n.ts';

type Milestone = PortalBookingDetail['milestones'][number];

/** What the file picker offers first; the server decides by the content, whatever is chosen. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.heic,.heif,.webp,.mp3,.m4a,.mp4,.txt,.docx,application/pdf,image/jpeg,image/png,image/heic,image/webp,audio/mpeg,audio/mp4,video/mp4,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * One list request per booking for the milestones one portal shows together; asked afresh after a
 * change. Kept per portal element, so another portal (or a later one) never sees this one's list.
 */
const listsOf = new WeakMap<object, Map<string, Promise<ArtifactList>>>();
const changes = new EventTarget();
const listKey = (api: ApiClient, bookingId: string) => `${api.key}\n${bookingId}`;

function filesOf(owner: object, api: ApiClient, bookingId: string, fresh = false): Promise<ArtifactList> {
  let lists = listsOf.get(owner);
  if (!lists) listsOf.set(owner, (lists = new Map()));
  const key = listKey(api, bookingId);
  if (fresh || !lists.has(key)) {
    const request = listArtifacts(api, bookingId);
    lists.set(key, request);
    // Shared by the milestones rendered together, not kept: links are signed for minutes only.
    const forget = () => setTimeout(() => { if (lists.get(key) === request) lists.delete(key); }, 1000);
    request.then(forget, () => lists.delete(key));
  }
  return lists.get(key)!;
}

function changed(owner: object, api: ApiClient, bookingId: string): void {
  void filesOf(owner, api, bookingId, true).then(() => changes.dispatchEvent(new Event(listKey(api, bookingId))), () => undefined);
}

/** @internal */
export class TandemPortalHomework extends LitElement {
  static override styles = [base, portalStyles, css`
    :host { display: block; margin-top: 0.5rem; }
    h4 { margin: 0.5rem 0 0.25rem; font-size: 1em; }
    ul { margin: 0 0 0.5rem; }
    li { margin: 0 0 0.25rem; }
    .hint { color: var(--_muted); }
    progress { width: 100%; }
  `];

  @property({ attribute: false }) portal?: PortalHost;
  @property({ attribute: false }) booking?: PortalBookingDetail;
  @property({ attribute: false }) milestone?: Milestone;
  @state() private files: ArtifactOut[] = [];
  @state() private maxBytes = DEFAULT_MAX_BYTES;
  @state() private sent: number | null = null;
  @state() private sending = '';
  @state() private error: unknown = null;
  @state() private status = '';
  private readonly onChange = () => void this.load();

  private get api(): ApiClient | null {
    return this.portal?.portalApi ?? null;
  }

  private s(key: HomeworkKey, vars: Record<string, string | number> = {}): string {
    return fillTemplate(homeworkStrings[this.portal?.localizer.lang ?? 'en'][key], vars);
  }

  private subscribed = '';

  /** Hears of changes made by the other milestones' controls of the same booking. */
  private subscribe(): void {
    const api = this.api;
    const key = api && this.booking ? listKey(api, this.booking.id) : '';
    if (key === this.subscribed) return;
    this.unsubscribe();
    if (key) changes.addEventListener(key, this.onChange);
    this.subscribed = key;
  }

  private unsubscribe(): void {
    if (this.subscribed) changes.removeEventListener(this.subscribed, this.onChange);
    this.subscribed = '';
  }

  // The properties arrive with the first update (the element may be defined after the portal rendered it).
  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('portal') || changed.has('booking') || changed.has('milestone')) {
      this.subscribe();
      void this.load();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) {
      this.subscribe();
      void this.load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe();
  }

  private async load(fresh = false): Promise<ArtifactOut[]> {
    const api = this.api;
    if (!api || !this.booking || !this.milestone) return [];
    try {
      const list = await filesOf(this.portal!, api, this.booking.id, fresh);
      this.files = list.artifacts.filter((a) => a.milestone_id === this.milestone!.id);
      this.maxBytes = list.max_bytes;
    } catch (err) {
      this.error = err;
    }
    return this.files;
  }

  /** Uploads are for a paid booking that is not cancelled; its files stay listed either way. */
  private get open(): boolean {
    const status = this.booking?.status;
    return status === 'confirmed' || status === 'in_progress' || status === 'completed';
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const api = this.api;
    const form = e.target as HTMLFormElement;
    const input = form.elements.namedItem('file') as HTMLInputElement;
    const file = input.files?.[0];
    this.error = null;
    this.status = '';
    if (!api || !this.booking || !this.milestone) return;
    if (!file) {
      this.status = this.s('noFile');
      input.focus();
      return;
    }
    if (file.size > this.maxBytes) {
      this.error = new ApiError(413, 'file_too_large', 'file too large');
      return;
    }
    this.sent = 0;
    this.sending = file.name;
    this.status = this.s('uploading', { file: file.name, percent: 0 });
    try {
      const stored = await uploadArtifact(api, this.booking.id, this.milestone.id, file, (fraction) => { this.sent = fraction; });
      form.reset();
      this.files = [...this.files, stored];
      this.status = this.s('uploaded', { file: stored.filename });
      changed(this.portal!, api, this.booking.id);
    } catch (err) {
      this.error = err;
    } finally {
      this.sent = null;
    }
  }

  private async removeFile(file: ArtifactOut): Promise<void> {
    const api = this.api;
    if (!api || !this.booking) return;
    this.error = null;
    try {
      await removeArtifact(api, this.booking.id, file.id);
      this.files = this.files.filter((f) => f.id !== file.id);
      this.status = this.s('removed', { file: file.filename });
      changed(this.portal!, api, this.booking.id);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('input[type="file"]')?.focus();
    } catch (err) {
      this.error = err;
    }
  }

  /** A link signed more than a few minutes ago has run out: sign it again, then follow it. */
  private async follow(e: Event, file: ArtifactOut): Promise<void> {
    if (Date.parse(file.download_expires_at) - Date.now() > 15_000) return;
    e.preventDefault();
    const fresh = (await this.load(true)).find((f) => f.id === file.id);
    if (!fresh) return;
    const a = document.createElement('a');
    a.href = fresh.download_url;
    a.download = fresh.filename;
    a.click();
  }

  private size(bytes: number): string {
    const lang = this.portal?.localizer.lang ?? 'en';
    const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [Math.max(bytes / 1024, 0.1), 'kilobyte'];
    return new Intl.NumberFormat(`${lang}-CH`, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
  }

  override render() {
    const m = this.milestone;
    if (!m || !this.portal) return nothing;
    const uploading = this.sent !== null;
    const percent = Math.round((this.sent ?? 0) * 100);
    return html`<div part="homework">
      <h4 id="files">${this.s('files', { milestone: m.name })}</h4>
      ${this.files.length ? html`<ul aria-labelledby="files">${this.files.map((f) => html`<li>
        <a href=${f.download_url} download=${f.filename} aria-label=${this.s('download', { file: f.filename })} @click=${(e: Event) => this.follow(e, f)}>${f.filename}</a>
        <small>(${this.size(f.size_bytes)})</small>
        ${this.open ? html`<button type="button" class="btn link" aria-label=${this.s('removeLabel', { file: f.filename })} @click=${() => this.removeFile(f)}>${this.s('remove')}</button>` : nothing}
      </li>`)}</ul>` : html`<p>${this.s('noFiles')}</p>`}
      ${this.open ? html`<form @submit=${this.submit}>
        <label for="file">${this.s('choose', { milestone: m.name })}</label>
        <input id="file" name="file" type="file" accept=${ACCEPT} aria-describedby="hint" ?disabled=${uploading}>
        <small id="hint" class="hint">${this.s('hint', { size: this.size(this.maxBytes) })}</small>
        <button class="btn primary" ?disabled=${uploading}>${this.s('upload')}</button>
        ${uploading ? html`<progress max="100" .value=${percent} aria-label=${this.s('progress', { file: this.sending })}></progress><span aria-hidden="true">${percent} %</span>` : nothing}
      </form>` : nothing}
      <div class="live" role="status" aria-live="polite">${this.status}</div>
      ${this.error ? html`<div class="notice error" role="alert"><p>${errorMessage(ApiError.from(this.error), this.portal.localizer)}</p></div>` : nothing}
    </div>`;
  }
}

define('tandem-portal-homework', TandemPortalHomework);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-portal-homework': TandemPortalHomework;
  }
}
