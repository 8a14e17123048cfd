import { html, nothing } from 'lit';
import type { Localizer } from '../../../../core/i18n/localizer.ts';

/** Where the inline e-mail code prompt stands: not needed, offer to send a code, sending, the code field, checking it. */
export type ProofPhase = 'none' | 'ask' | 'sending' | 'code' | 'verifying';

export interface IdentityPromptProps {
  phase: ProofPhase;
  email: string;
  code: string;
  error: string;
  i18n: Localizer;
  onSend: () => void;
  onCodeInput: (value: string) => void;
  onConfirm: () => void;
}

/**
 * The checkout's inline proof of the e-mail address, asked for only where the API answers
 * `identity_required` (class credits, per-customer coupons, referral codes): a code is mailed
 * to the address the booking was made with, typed here, and the payment is tried again.
 */
export function identityPrompt(p: IdentityPromptProps) {
  if (p.phase === 'none') return nothing;
  const { i18n } = p;
  const entering = p.phase === 'code' || p.phase === 'verifying';
  return html`<div class="notice identity" part="identity" role="group" aria-labelledby="tandem-identity-heading">
    <p id="tandem-identity-heading"><strong>${i18n.t('identityHeading')}</strong></p>
    <p>${entering ? i18n.t('identitySent', { email: p.email }) : i18n.t('identityNote', { email: p.email })}</p>
    ${entering
      ? html`<label class="field"
            >${i18n.t('identityCode')}
            <input
              name="identity-code"
              part="input"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength="6"
              pattern="[0-9]{6}"
              .value=${p.code}
              aria-invalid=${p.error ? 'true' : 'false'}
              aria-describedby=${p.error ? 'tandem-identity-error' : nothing}
              @input=${(e: Event) => p.onCodeInput((e.target as HTMLInputElement).value)}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  p.onConfirm();
                }
              }}
          /></label>
          <div class="actions">
            <button type="button" class="link" part="button" ?disabled=${p.phase === 'verifying'} @click=${p.onSend}>${i18n.t('identityResend')}</button>
            <button type="button" class="btn primary" part="button button-primary" ?disabled=${p.phase === 'verifying' || !/^\d{6}$/.test(p.code.trim())} @click=${p.onConfirm}>
              ${p.phase === 'verifying' ? i18n.t('processing') : i18n.t('identityConfirm')}
            </button>
          </div>`
      : html`<div class="actions">
          <span></span>
          <button type="button" class="btn primary" part="button button-primary" ?disabled=${p.phase === 'sending'} @click=${p.onSend}>
            ${p.phase === 'sending' ? i18n.t('identitySending') : i18n.t('identitySend')}
          </button>
        </div>`}
    ${p.error ? html`<p id="tandem-identity-error" class="error-text" role="alert" part="error">${p.error}</p>` : nothing}
  </div>`;
}
