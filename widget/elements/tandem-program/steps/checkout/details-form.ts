import { html, type nothing, type TemplateResult } from 'lit';
import type { Localizer } from '../../../../core/i18n/localizer.ts';
import type { BookingState, CustomerDetails } from '../../../../core/context/types.ts';
import type { FieldBlurEvent } from '../../../../core/events/field-blur-event.ts';
import type { FieldInputEvent } from '../../../../core/events/field-input-event.ts';
import type { FormField } from '../../../../../shared/intake-form.ts';
import { renderField } from '../../../../components/form-fields/form-fields.ts';
import { bookingSummary } from './booking-summary.ts';
import { DETAILS } from './customer-details.ts';

export interface DetailsFormProps {
  state: BookingState;
  i18n: Localizer;
  values: CustomerDetails;
  fieldError: (f: FormField) => string;
  busy: boolean;
  /** The error box (or nothing). */
  error: TemplateResult | typeof nothing;
  onSubmit: (e: Event) => void;
  onInput: (e: FieldInputEvent) => void;
  onBlur: (e: FieldBlurEvent) => void;
  onBack: () => void;
}

/** The checkout's first part: what is booked and the customer's name, e-mail and phone, then "Reserve". */
export function detailsForm(p: DetailsFormProps) {
  const { i18n } = p;
  return html`<h2 tabindex="-1" part="heading">${i18n.t('detailsHeading')}</h2>
    ${bookingSummary(p.state, i18n)}
    <form novalidate @submit=${p.onSubmit} @tandem-field-input=${p.onInput} @tandem-field-blur=${p.onBlur}>
      <div class="grid2">
        ${DETAILS.map((f) =>
          renderField({ field: { ...f, label: i18n.t(f.label) }, value: p.values[f.name], error: p.fieldError(f), autocomplete: f.autocomplete }, i18n),
        )}
      </div>
      ${p.error}
      <div class="actions">
        <button type="button" class="btn" part="button" @click=${p.onBack}>${i18n.t('back')}</button>
        <button type="submit" class="btn primary" part="button button-primary" ?disabled=${p.busy}>
          ${p.busy ? i18n.t('reserving') : i18n.t('reserve')}
        </button>
      </div>
    </form>`;
}
