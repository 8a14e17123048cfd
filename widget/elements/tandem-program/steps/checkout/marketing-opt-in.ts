import { html, nothing } from 'lit';
import type { ConsentWording } from '../../../../core/api/marketing.ts';

/**
 * The marketing opt-in at the payment: an unticked box with the studio's words in the visitor's
 * language, as the server gives them (and keeps with the consent). Nothing when the words could
 * not be had: no consent is asked then. Booking never depends on it.
 */
export function marketingOptIn(wording: ConsentWording | null, checked: boolean, onChange: (checked: boolean) => void) {
  if (!wording) return nothing;
  return html`<div class="field opt-in" part="field marketing-opt-in">
    <label class="choice">
      <input type="checkbox" name="marketing_opt_in" .checked=${checked} @change=${(e: Event) => onChange((e.currentTarget as HTMLInputElement).checked)} />
      <span lang=${wording.lang}>${wording.text}</span>
    </label>
  </div>`;
}
