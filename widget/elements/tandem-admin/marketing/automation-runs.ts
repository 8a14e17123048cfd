/**
 * An automation's run log: each run's status (and why one was skipped), each action's status,
 * attempts, next attempt and last error, so a failed action is visible; a failed run offers "Retry".
 * Paged by the last run's time ("older runs"); "failed runs only" filters.
 */
import { html, nothing } from 'lit';
import type { AutomationOut, RunOut } from '../../../../schema/api/admin-automations.ts';
import { formatWhen } from '../core/console-lang.ts';
import type { AutomationsHost } from './automation-form.ts';
import type { AutomationsKey } from './automations-i18n.ts';

export const RUNS_PAGE = 50;
export interface RunLog { automation: AutomationOut; runs: RunOut[]; failedOnly: boolean; more: boolean }

export function runsPath(log: Pick<RunLog, 'automation' | 'failedOnly'>, before?: string): string {
  const p = new URLSearchParams({ limit: String(RUNS_PAGE) });
  if (log.failedOnly) p.set('status', 'failed');
  if (before) p.set('before', before);
  return `/v1/admin/automations/${log.automation.id}/runs?${p}`;
}

function actionLine(v: AutomationsHost, a: RunOut['actions'][number]) {
  const parts = [v.t(`at_${a.type}` as AutomationsKey) || a.type, v.t(`as_${a.status}` as AutomationsKey), v.t('attempts', { n: a.attempts })];
  if (a.next_attempt_at && (a.status === 'retrying' || a.status === 'pending')) parts.push(v.t('nextAttempt', { when: formatWhen(v.language, a.next_attempt_at) }));
  const reason = typeof a.result?.reason === 'string' ? a.result.reason : null;
  if (reason) parts.push(v.t('skipReason', { reason }));
  return html`<li class=${a.status === 'failed' ? 'failed' : ''}>${parts.join(' · ')}${a.last_error ? html`<br><small>${v.t('lastError', { error: a.last_error })}</small>` : nothing}</li>`;
}

export function runLog(v: AutomationsHost, log: RunLog) {
  return html`<section aria-labelledby="au-log">
    <h3 id="au-log" tabindex="-1">${v.t('runLogOf', { name: log.automation.name })}</h3>
    <p class="tools"><label><input type="checkbox" .checked=${log.failedOnly} @change=${(e: Event) => v.showRuns(log.automation, (e.target as HTMLInputElement).checked)}> ${v.t('failedOnly')}</label>
      <button @click=${() => v.closeRuns()}>${v.t('closeLog')}</button></p>
    ${log.runs.length === 0 ? html`<p>${v.t('noRuns')}</p>` : html`<table>
      <thead><tr><th scope="col">${v.t('created')}</th><th scope="col">${v.t('status')}</th><th scope="col">${v.t('actions')}</th><th scope="col">${v.t('tools')}</th></tr></thead>
      <tbody>${log.runs.map((r) => html`<tr>
        <td>${formatWhen(v.language, r.created_at)}<br><small>${v.t('due')}: ${formatWhen(v.language, r.due_at)}</small></td>
        <td>${v.t(`rs_${r.status}` as AutomationsKey)}${r.skip_reason ? html`<br><small>${v.t('skipReason', { reason: r.skip_reason })}</small>` : nothing}</td>
        <td>${r.actions.length ? html`<ul>${r.actions.map((a) => actionLine(v, a))}</ul>` : '—'}</td>
        <td>${r.status === 'failed' ? html`<button ?disabled=${v.busy} aria-label=${`${v.t('retry')}: ${formatWhen(v.language, r.created_at)}`} @click=${() => v.retry(log.automation, r)}>${v.t('retry')}</button>` : nothing}</td>
      </tr>`)}</tbody></table>`}
    ${log.more ? html`<p><button ?disabled=${v.busy} @click=${() => v.moreRuns()}>${v.t('olderRuns')}</button></p>` : nothing}
  </section>`;
}
