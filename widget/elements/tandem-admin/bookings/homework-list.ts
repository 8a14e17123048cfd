/**
 * `<tandem-admin-homework>`: the files a booking's customer uploaded, read-only, grouped by nothing
 * but listed oldest first with their milestone, size and date. Each link asks the admin API for the
 * file (`…/artifacts/:id?download=1`), which answers a fresh signed link: a page left open longer
 * than the five minutes a signed link lives still downloads.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { ArtifactList } from '../../../../schema/api/homework.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, when } from '../core/shared.ts';
import { consoleLang, intlLocale, type ConsoleLang } from '../core/console-lang.ts';

export const homeworkWords: Record<ConsoleLang, Record<'homework' | 'none' | 'loading' | 'failed' | 'download' | 'uploaded', string>> = {
  en: { homework: 'Homework', none: 'No homework uploaded.', loading: 'Loading…', failed: 'The homework could not be loaded:', download: 'Download', uploaded: 'uploaded' },
  de: { homework: 'Hausaufgaben', none: 'Keine Hausaufgaben hochgeladen.', loading: 'Wird geladen…', failed: 'Die Hausaufgaben konnten nicht geladen werden:', download: 'Herunterladen', uploaded: 'hochgeladen' },
  fr: { homework: 'Devoirs', none: 'Aucun devoir déposé.', loading: 'Chargement…', failed: 'Les devoirs n’ont pas pu être chargés\u202f:', download: 'Télécharger', uploaded: 'déposé le' },
  it: { homework: 'Compiti', none: 'Nessun compito caricato.', loading: 'Caricamento…', failed: 'Non è stato possibile caricare i compiti:', download: 'Scarica', uploaded: 'caricato il' },
};

/** Bytes as kB/MB in the console's language. */
export function fileSize(lang: ConsoleLang, bytes: number): string {
  const locale = intlLocale(lang);
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)))} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

export class TandemAdminHomework extends LitElement {
  static override styles = [tokens, base, adminStyles];

  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'booking-id' }) bookingId = '';
  /** Milestone names by id (from the booking's progress). */
  @property({ attribute: false }) milestones: Record<string, string> = {};
  @property() override lang: string = 'en';

  @state() files: ArtifactList['artifacts'] | null = null;
  @state() problem = '';

  private get w() {
    return homeworkWords[consoleLang(this.lang)];
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('bookingId') && this.bookingId) void this.load(this.bookingId);
  }

  private async load(id: string): Promise<void> {
    this.files = null;
    this.problem = '';
    const list = await attempt(() => this.client.get<ArtifactList>(`/v1/admin/bookings/${id}/artifacts`), (p) => { this.problem = p.message; });
    if (list && id === this.bookingId) this.files = list.artifacts;
  }

  override render(): TemplateResult {
    const w = this.w;
    const lang = consoleLang(this.lang);
    return html`<section aria-labelledby="homework-h">
      <h3 id="homework-h">${w.homework}</h3>
      ${this.problem ? html`<p class="error" role="alert">${w.failed} ${this.problem}</p>`
        : this.files === null ? html`<p>${w.loading}</p>`
        : this.files.length === 0 ? html`<p>${w.none}</p>`
        : html`<ul>${this.files.map((f) => html`<li>
            <a href=${this.client.url(`/v1/admin/bookings/${this.bookingId}/artifacts/${f.id}?download=1`)} download=${f.filename}
              aria-label=${`${w.download} ${f.filename}`}>${f.filename}</a>
            (${fileSize(lang, f.size_bytes)})${this.milestones[f.milestone_id] ? html` · ${this.milestones[f.milestone_id]}` : nothing}
            · ${w.uploaded} ${when(lang, f.uploaded_at, Intl.DateTimeFormat().resolvedOptions().timeZone)}
          </li>`)}</ul>`}
    </section>`;
  }
}

define('tandem-admin-homework', TandemAdminHomework);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-homework': TandemAdminHomework }
}
