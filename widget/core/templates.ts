import { html, nothing } from 'lit';
import { ApiError } from './api/client.ts';
import type { Localizer } from './i18n/localizer.ts';
import { errorTable } from './i18n/errors.ts';

/**
 * The customer-facing sentence for a failure: the code's own sentence (errors/errors-<lang>.ts, loaded
 * with the later steps), else one by kind. Never the server's English detail.
 */
export function errorMessage(err: unknown, i18n: Localizer): string {
  const e = ApiError.from(err);
  if (e.status === 404 && e.code === 'not_found') return i18n.t('errorNotFound');
  // A 403 with its own sentence (identity_required) says it; other 401/403s are the studio's setup.
  const own = errorTable(i18n.lang)?.[e.code];
  if (own && e.status !== 401) return own;
  if (e.status === 401 || e.status === 403) return i18n.t('errorSetup');
  if (e.status === 0) return i18n.t('errorNetwork');
  if (e.status >= 500) return i18n.t('errorServer');
  return i18n.t('errorGeneric');
}

/** An error box with a retry button (when retrying can help): never a blank box. */
export function errorBox(err: unknown, i18n: Localizer, retry?: () => void) {
  const e = ApiError.from(err);
  return html`<div class="notice error" role="alert" part="error">
    <p>${errorMessage(e, i18n)}</p>
    ${retry && (e.retryable || e.code === 'load_failed')
      ? html`<button type="button" class="btn" part="button retry" @click=${retry}>${i18n.t('retry')}</button>`
      : nothing}
  </div>`;
}

export function loadingBox(i18n: Localizer) {
  return html`<div class="notice" role="status" part="loading"><p>${i18n.t('loading')}</p></div>`;
}
