import { html, nothing } from 'lit';
import { ApiError } from './api/client.ts';
import type { Localizer } from './i18n/localizer.ts';

/** The customer-facing sentence for a failure. */
export function errorMessage(err: unknown, i18n: Localizer): string {
  const e = ApiError.from(err);
  if (e.status === 0) return i18n.t('errorNetwork');
  if (e.status === 404) return i18n.t('errorNotFound');
  if (e.status >= 500) return i18n.t('errorServer');
  return i18n.t('errorGeneric', { message: e.message || e.code });
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
