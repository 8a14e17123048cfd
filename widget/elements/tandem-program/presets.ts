/**
 * Prefill and deep links: what the studio's page chooses in advance with attributes, or a link to
 * that page with `tandem-*` query parameters (a newsletter linking straight to a variant and a
 * date). Loaded only when one of them is present. Everything stays editable; a value that does not
 * fit the program is ignored with a console warning, never an error screen.
 *
 *   attribute        query parameter       what it does
 *   variant          tandem-variant        chooses the price option (a variant id)
 *   instructor       tandem-instructor     chooses the instructor (a staff id of the program)
 *   start            tandem-start          opens the calendar on a date (YYYY-MM-DD), and with a time
 *                                          (YYYY-MM-DDTHH:MM, the visitor's zone) chooses it when free
 *   prefill-name     tandem-name           the customer's name in the details form
 *   prefill-email    tandem-email          the customer's e-mail address in the details form
 *   coupon           tandem-coupon         the coupon code at the payment
 *                    tandem-program        the program slug the parameters are for (several widgets on a page)
 *
 * A query parameter wins over the attribute: the link is more specific than the page.
 */
import type { ApiClient } from '../../core/api/client.ts';
import type { BookingState, ProgramDetail } from '../../core/context/types.ts';
import type { SlotsResponse } from '../../../schema/api/embed-slots.ts';

const FIELDS = [
  ['variant', 'variant'],
  ['instructor', 'instructor'],
  ['start', 'start'],
  ['prefill-name', 'name'],
  ['prefill-email', 'email'],
  ['coupon', 'coupon'],
] as const;
export type Preset = Partial<Record<(typeof FIELDS)[number][1], string>>;

/** The presets of one widget: its attributes, overridden by the page's `tandem-*` parameters (when they are for its program). */
export function readPresets(el: Element, program: string, search: string): Preset {
  const q = new URLSearchParams(search);
  const forThis = !q.has('tandem-program') || q.get('tandem-program') === program;
  const out: Preset = {};
  for (const [attr, param] of FIELDS) {
    const value = ((forThis ? q.get(`tandem-${param}`) : null) ?? el.getAttribute(attr) ?? '').trim();
    if (value) out[param] = value;
  }
  return out;
}

/** Today in the visitor's zone (en-CA writes dates as YYYY-MM-DD). Not shared/zone.ts todayIn: importing it here splits a chunk off the first screen (+130 B gzip). */
const today = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(Date.now());

const warn = (what: string, value: string) => console.warn(`[tandem] ignoring ${what}="${value}": ${what === 'start' ? 'not a future date (YYYY-MM-DD or YYYY-MM-DDTHH:MM) of this program' : 'not valid for this program'}.`);

/**
 * Turns presets into a change of the booking state; a time is looked up among the free ones
 * (`path`: the program's API path, programs.ts `programPath`, passed in so that this chunk shares no module with the first screen).
 */
export async function applyPresets(p: Preset, program: ProgramDetail, s: BookingState, api: ApiClient, link: string, path: string): Promise<Partial<BookingState>> {
  const patch: Partial<BookingState> = {};
  if (p.variant) {
    if (program.variants.some((v) => v.id === p.variant)) patch.variantId = p.variant;
    else warn('variant', p.variant);
  }
  if (p.instructor) {
    if (program.instructors.some((i) => i.id === p.instructor)) patch.instructorId = p.instructor;
    else warn('instructor', p.instructor);
  }
  const customer = { ...s.customer };
  if (p.name) {
    if (p.name.length <= 200) customer.name = p.name;
    else warn('prefill-name', p.name);
  }
  if (p.email) {
    if (/^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(p.email) && p.email.length <= 254) customer.email = p.email;
    else warn('prefill-email', p.email);
  }
  if (customer.name !== s.customer.name || customer.email !== s.customer.email) patch.customer = customer;
  if (p.coupon) {
    if (/^[A-Za-z0-9_-]{1,64}$/.test(p.coupon)) patch.coupon = p.coupon;
    else warn('coupon', p.coupon);
  }
  if (p.start) {
    const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(p.start);
    const date = m?.[1];
    if (!date || Number.isNaN(Date.parse(`${date}T12:00:00Z`)) || new Date(`${date}T12:00:00Z`).toISOString().slice(0, 10) !== date || date < today(s.timezone)) {
      warn('start', p.start);
    } else {
      patch.openDate = date;
      if (m[2]) {
        try {
          const res = await api.get<SlotsResponse>(`${path}/slots`, {
            query: {
              from: date, to: date, tz: s.timezone, link: link || undefined,
              variant: patch.variantId ?? s.variantId ?? undefined, instructor: patch.instructorId || s.instructorId || undefined,
            },
          });
          const slot = res.days.find((d) => d.date === date)?.slots.find((x) => x.local_start === m[2]);
          if (slot) patch.firstSlot = slot;
          else console.warn(`[tandem] ${p.start} is not a free time; the calendar opens on ${date}.`);
        } catch {
          // The time step asks again and shows its own error if the service is down.
        }
      }
    }
  }
  return patch;
}
