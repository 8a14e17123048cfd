import * as v from 'valibot';
import { Id, singleLine } from './common.ts';

/** GET /v1/embed/marketing-consent: the words next to the checkout's unticked box, in `lang` (else `Accept-Language`). */
export const ConsentWordingQuery = v.object({ lang: v.optional(v.picklist(['en', 'de', 'fr', 'it'])) });
export const ConsentWordingOut = v.object({
  lang: v.picklist(['en', 'de', 'fr', 'it']),
  /** Shown as written, next to an unticked box; the consent record keeps these words. */
  text: v.string(),
  version: v.string(),
});
export type ConsentWordingOut = v.InferOutput<typeof ConsentWordingOut>;

/** GET /v1/admin/marketing/consents: the consent records, newest first. */
export const ConsentsQuery = v.object({
  customer_id: v.optional(Id),
  /** `withdrawn`: unsubscribed (by the link, the mail client or recorded by staff). */
  status: v.optional(v.picklist(['pending', 'confirmed', 'withdrawn', 'expired'])),
  /** Part of the consenting e-mail address, any case. */
  q: v.optional(v.pipe(v.string(), v.trim(), singleLine(), v.maxLength(254))),
  /** `next_cursor` of the page before. */
  cursor: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,200}$/, 'is not a cursor from this list'))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be 1 to 500'), v.transform(Number), v.minValue(1, 'must be 1 to 500'), v.maxValue(500, 'must be 1 to 500'))),
});

export const ConsentOut = v.object({
  id: Id,
  customer: v.object({ id: Id, name: v.string() }),
  /** The address the confirmation mail went to. */
  email: v.string(),
  /** pending (not confirmed yet) · confirmed · withdrawn (unsubscribed) · expired (never confirmed). */
  status: v.picklist(['pending', 'confirmed', 'withdrawn', 'expired']),
  source: v.string(),
  locale: v.string(),
  /** The words the customer ticked, as shown, and their version. */
  wording: v.string(),
  wording_version: v.string(),
  requested_at: v.string(),
  /** HMAC-SHA256 under the server's secret of the address the request came from (never the address). */
  request_ip_hash: v.string(),
  confirmed_at: v.nullable(v.string()),
  confirm_ip_hash: v.nullable(v.string()),
  withdrawn_at: v.nullable(v.string()),
  /** `link` (the unsubscribe page), `one_click` (the mail client, RFC 8058) or `staff` (recorded in the console). */
  withdrawn_via: v.nullable(v.string()),
});
export type ConsentOut = v.InferOutput<typeof ConsentOut>;
/** `next_cursor`: pass it as `cursor` for the next page; null on the last. */
export const ConsentsOut = v.object({ consents: v.array(ConsentOut), next_cursor: v.nullable(v.string()) });
export const ConsentParams = v.object({ id: Id });
