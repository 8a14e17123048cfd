/** The studio's settings in the console: API keys, allowed origins, staff roles and mail preferences. */
import * as v from 'valibot';
import { Id, singleLine } from './common.ts';
import { MAIL_TOPICS, type MailTopic, type MailPreferences } from '../../shared/mail-topics.ts';

/** POST /v1/admin/keys: a new publishable or secret key (owners). */
export const CreateKeyBody = v.object({
  kind: v.picklist(['publishable', 'secret'], 'must be publishable or secret'),
  label: v.optional(v.pipe(v.string(), v.trim(), singleLine(), v.maxLength(100)), ''),
});
export type CreateKeyBody = v.InferOutput<typeof CreateKeyBody>;

export const KeyOut = v.object({
  id: v.string(), kind: v.picklist(['publishable', 'secret']),
  /** The whole publishable key; the first characters of a secret one. */
  prefix: v.string(), label: v.string(), revoked_at: v.nullable(v.string()), created_at: v.string(),
});
export type KeyOut = v.InferOutput<typeof KeyOut>;
/** The new key: `key` is the only time a secret key is shown. */
export const KeyCreatedOut = v.object({ ...KeyOut.entries, key: v.string() });
export const KeyListOut = v.object({ keys: v.array(KeyOut) });
export type KeyListOut = v.InferOutput<typeof KeyListOut>;

/**
 * An origin a publishable key may be used from, as the browser sends it: scheme, host and port
 * only (`https://studio.example`, `http://localhost:8788`); plain http only for localhost.
 */
export function originProblem(input: string): string | undefined {
  let url: URL;
  try { url = new URL(input); } catch { return 'must be an origin such as https://studio.example'; }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https://';
  if (url.origin !== input) return `must be the origin only (${url.origin}), without path, query or trailing slash`;
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol === 'http:' && !local) return 'must use https:// (plain http only for localhost)';
  return undefined;
}

export const OriginBody = v.object({
  origin: v.pipe(v.string('is required'), v.trim(), v.toLowerCase(), v.maxLength(300), v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = originProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  })),
});
export type OriginBody = v.InferOutput<typeof OriginBody>;
export const OriginOut = v.object({ id: v.string(), origin: v.string(), created_at: v.string() });
export const OriginListOut = v.object({ origins: v.array(OriginOut) });
export type OriginListOut = v.InferOutput<typeof OriginListOut>;

export const SettingIdParams = v.object({ id: Id });

/** PATCH /v1/admin/staff/:id: an owner changes someone's role. */
export const ChangeRoleBody = v.object({ role: v.picklist(['owner', 'manager', 'instructor'], 'must be owner, manager or instructor') });
export type ChangeRoleBody = v.InferOutput<typeof ChangeRoleBody>;

// The topics are shared with the staff module, which stores and reads them.
export { MAIL_TOPICS, type MailTopic, type MailPreferences };

export const MailPreferencesBody = v.strictObject({
  new_booking: v.optional(v.boolean('must be true or false')),
  cancellation: v.optional(v.boolean('must be true or false')),
  reschedule: v.optional(v.boolean('must be true or false')),
  payment_failure: v.optional(v.boolean('must be true or false')),
  message: v.optional(v.boolean('must be true or false')),
}, 'is not a mail topic');
export type MailPreferencesBody = v.InferOutput<typeof MailPreferencesBody>;
export const MailPreferencesOut = v.object({
  staff_id: v.string(), role: v.string(),
  preferences: v.object({ new_booking: v.boolean(), cancellation: v.boolean(), reschedule: v.boolean(), payment_failure: v.boolean(), message: v.boolean() }),
});
export type MailPreferencesOut = v.InferOutput<typeof MailPreferencesOut>;

/** A Swiss UID-MWST number (CHE-123.456.789 MWST / TVA / IVA) or another country's VAT id (DE123456789). */
const VAT_NUMBER = /^(CHE-\d{3}\.\d{3}\.\d{3} (MWST|TVA|IVA)|[A-Z]{2}[A-Z0-9]{8,12})$/;

const line = (max: number) => v.pipe(v.string('is required'), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(max));
const compactIban = (s: string) => s.replace(/\s+/g, '').toUpperCase();
/** An IBAN as typed (spaces and case as people write it), kept compact and upper-case; its check digits must hold (ISO 7064 MOD 97-10). */
export const Iban = v.pipe(v.string(), v.maxLength(64), v.transform(compactIban), v.check((s: string) => isValidIbanText(s), 'is not a valid IBAN (check digits)'));

/**
 * PUT /v1/admin/studio/profile: the creditor data invoices and QR-bills print. Structured address
 * (the QR-bill standard asks for it); `vat_number` null when the studio is not registered for VAT.
 * IBANs are checked by their check digits; `qr_iban` must be a QR-IBAN (IID 30000–31999) and
 * `iban` must not be one.
 */
export const StudioProfileBody = v.object({
  legal_name: line(140),
  street: line(70),
  building_number: v.optional(v.pipe(v.string(), v.trim(), singleLine(), v.maxLength(16))),
  postal_code: line(16),
  city: line(35),
  country: v.pipe(v.string('is required'), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, 'must be a two-letter country code (CH, DE, …)')),
  vat_number: v.nullable(v.pipe(v.string(), v.trim(), v.regex(VAT_NUMBER, 'must be a VAT number such as CHE-123.456.789 MWST, or null when not registered')), null),
  iban: v.optional(v.pipe(Iban, v.check((s) => !isQrIbanText(s), 'is a QR-IBAN: give it as qr_iban'))),
  qr_iban: v.optional(v.pipe(v.string(), v.transform(compactIban), v.check(isValidIbanText, 'is not a valid IBAN (check digits)'), v.check(isQrIbanText, 'is not a QR-IBAN (a Swiss or Liechtenstein IBAN with an IID from 30000 to 31999)'))),
  email: v.optional(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('must be an email address'), v.maxLength(320))),
  /** The studio's colour for its mails (`#rrggbb`); absent: kept as it is; null: none (a neutral band). */
  brand_color: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^#[0-9a-f]{6}$/, 'must be a colour as #rrggbb')))),
});
export type StudioProfileBody = v.InferOutput<typeof StudioProfileBody>;

function isValidIbanText(s: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  let rest = 0;
  for (const ch of s.slice(4) + s.slice(0, 4)) {
    const code = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of code) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}
function isQrIbanText(s: string): boolean {
  if (!/^(CH|LI)\d{7}[0-9A-Z]{12}$/.test(s)) return false;
  const iid = Number(s.slice(4, 9));
  return iid >= 30000 && iid <= 31999;
}

/** The profile as stored (PUT /v1/admin/studio/profile answers it too); `vat_number` null: not registered. */
export const StudioProfileOut = v.object({
  legal_name: v.string(), street: v.string(), building_number: v.optional(v.string()), postal_code: v.string(), city: v.string(), country: v.string(),
  vat_number: v.nullable(v.string()), iban: v.optional(v.string()), qr_iban: v.optional(v.string()), email: v.optional(v.string()),
  /** `#rrggbb`: the band with the studio's name on its mails. */
  brand_color: v.optional(v.nullable(v.string())),
});
export type StudioProfileOut = v.InferOutput<typeof StudioProfileOut>;

export const OnboardingOut = v.object({
  steps: v.array(v.object({ key: v.picklist(['profile', 'program', 'availability', 'origin', 'payments']), done: v.boolean() })),
  complete: v.boolean(),
  /** The studio's profile as stored, for the form to start from; null before it is first given. */
  profile: v.nullable(StudioProfileOut),
  /** What to paste into the studio's site: null until the studio has a live publishable key. */
  embed: v.nullable(v.object({ script: v.string(), element: v.string(), program: v.nullable(v.string()) })),
  /**
   * Stripe Connect: `configured` false when this Tandem takes no card payments (the step is not offered); `state` as
   * GET /v1/admin/settings/stripe says it (the owner starts the onboarding there).
   */
  stripe: v.object({ configured: v.boolean(), state: v.picklist(['not_connected', 'details_pending', 'charges_enabled']) }),
});
export type OnboardingOut = v.InferOutput<typeof OnboardingOut>;
