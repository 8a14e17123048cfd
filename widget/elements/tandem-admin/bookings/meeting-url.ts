/**
 * `<tandem-admin-meeting-url>`: one online or hybrid session's own meeting address in the booking
 * detail's session row (PUT /v1/admin/bookings/:id/sessions/:sessionId/meeting-url): an address
 * replaces the one the session was booked with, an empty field removes it (reminders then name the
 * program's). The API's field message shows beside the field.
 *
 * @attr lang - en, de, fr or it
 * @attr booking-id - the booking
 * @attr session-id - the session
 * @attr seq - the session's number (labels the field)
 * @attr value - the session's address now
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { CheckInAnswer } from '../../../../schema/api/admin-lifecycle.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { consoleLang } from '../core/console-lang.ts';
import { fieldError, fieldMessage } from '../core/form-problem.ts';
import { attempt, type Problem } from '../core/shared.ts';

const words = {
  en: { heading: 'Meeting link', label: 'Meeting link of session {n}', save: 'Save link', saved: 'Meeting link saved.', removed: 'Meeting link removed.' },
  de: { heading: 'Meeting-Link', label: 'Meeting-Link von Sitzung {n}', save: 'Link speichern', saved: 'Meeting-Link gespeichert.', removed: 'Meeting-Link entfernt.' },
  fr: { heading: 'Lien de réunion', label: 'Lien de réunion de la séance {n}', save: 'Enregistrer le lien', saved: 'Lien de réunion enregistré.', removed: 'Lien de réunion retiré.' },
  it: { heading: 'Link della riunione', label: 'Link della riunione della seduta {n}', save: 'Salva il link', saved: 'Link della riunione salvato.', removed: 'Link della riunione rimosso.' },
};

/** The session table's column heading. */
export function meetingUrlHeading(lang: string): string {
  return words[consoleLang(lang)].heading;
}

export class TandemAdminMeetingUrl extends LitElement {
  static override styles = [tokens, base, adminStyles, css`
    form { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: end; }
    label { flex-basis: 100%; }
    input { min-width: 16rem; }
    small.error { flex-basis: 100%; }
  `];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'booking-id' }) bookingId = '';
  @property({ attribute: 'session-id' }) sessionId = '';
  @property({ type: Number }) seq = 1;
  @property() value = '';

  @state() problem: Problem | null = null;
  @state() notice = '';

  private w(key: keyof typeof words.en): string {
    return words[consoleLang(this.lang || navigator.language)][key].replace('{n}', String(this.seq));
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    this.problem = null;
    this.notice = '';
    const typed = String(new FormData(e.target as HTMLFormElement).get('meeting_url') ?? '').trim();
    const path = `/v1/admin/bookings/${this.bookingId}/sessions/${this.sessionId}/meeting-url`;
    const answer = await attempt(() => this.client.send<CheckInAnswer>('PUT', path, { meeting_url: typed || null }), (p) => { this.problem = p; });
    if (!answer) return;
    this.value = answer.session.meeting_url ?? '';
    this.notice = this.w(answer.session.meeting_url ? 'saved' : 'removed');
  }

  override render(): TemplateResult {
    const id = `meeting-${this.sessionId}`;
    const bad = fieldMessage(this.problem, 'meeting_url');
    return html`<form @submit=${this.save} novalidate>
        <label for=${id}>${this.w('label')}</label>
        <input id=${id} name="meeting_url" type="url" inputmode="url" maxlength="500" .value=${this.value}
          aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? `${id}-error` : nothing}>
        <button type="submit">${this.w('save')}</button>
        ${fieldError(this.problem, 'meeting_url', id)}
        ${this.problem && !bad ? html`<small class="error" role="alert">${this.problem.message}</small>` : nothing}
      </form>
      <div role="status" aria-live="polite">${this.notice ? html`<small class="notice">${this.notice}</small>` : nothing}</div>`;
  }
}

define('tandem-admin-meeting-url', TandemAdminMeetingUrl);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-meeting-url': TandemAdminMeetingUrl }
}
