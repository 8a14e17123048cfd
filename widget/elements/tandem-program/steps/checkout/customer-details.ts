import { normalize, type FormField } from '../../../../../shared/intake-form.ts';
import type { CustomerDetails } from '../../../../core/context/types.ts';

export type DetailKey = keyof CustomerDetails;

/** The customer's details form: name, email, phone (labels are message keys). */
export const DETAILS: Array<FormField & { name: DetailKey; label: DetailKey; autocomplete: string }> = [
  { name: 'name', kind: 'text', label: 'name', description: '', required: true, options: [], maxLength: 200, autocomplete: 'name' },
  { name: 'email', kind: 'email', label: 'email', description: '', required: true, options: [], maxLength: 320, autocomplete: 'email' },
  { name: 'phone', kind: 'tel', label: 'phone', description: '', required: false, options: [], autocomplete: 'tel' },
];

export const isDetail = (name: string): name is DetailKey => DETAILS.some((d) => d.name === name);

/** The details as sent (trimmed). */
export function customerFrom(values: CustomerDetails): CustomerDetails {
  const [name, email, phone] = DETAILS.map((f) => String(normalize(f, values[f.name]) ?? ''));
  return { name: name!, email: email!, phone: phone! };
}
