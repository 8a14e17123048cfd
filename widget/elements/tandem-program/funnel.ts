/**
 * The visit's steps, reported to the studio's conversion funnel (`POST /v1/embed/events`).
 * Loaded with the program (arrival.ts); it follows the element's own events (`tandem:ready`, the
 * steps' `tandem:step`, the booking made and the checkout begun), so the first screen carries nothing of it. What it sends: the program, the variant, the step, a random id
 * for this visit kept in memory only (a reload is a new visit: no cookie, no storage, no
 * fingerprint), the page's campaign parameters and the referring site's host. Events are batched
 * (up to 20, a few seconds) and sent with `fetch(…, {keepalive: true})`, which outlives the page
 * as `sendBeacon` does but carries the publishable key as the other calls do. Failures are
 * dropped silently: the funnel never disturbs a booking.
 */
import type { ApiClient } from '../../core/api/client.ts';
import { CONFIRMED, type BookingState } from '../../core/context/types.ts';
// By name, not by class: importing the event classes here would split them off the first screen into chunks of their own.
import type {} from '../../core/events/booking-change-event.ts';
import type {} from '../../core/events/step-event.ts';
import type {} from '../../core/events/ready-event.ts';
import { uuid } from '../../core/ids.ts';
import { referrerHost } from '../../core/source.ts';
import type { FunnelStep } from '../../../shared/funnel.ts';

interface FunnelEvent { program: string; variant?: string; step: FunnelStep }

const BATCH_MS = 3000;

export class FunnelReporter {
  readonly visit = uuid();
  private readonly seen = new Set<string>();
  private queue: FunnelEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly source: Record<string, string>;

  constructor(
    private readonly client: ApiClient,
    private readonly link: string,
  ) {
    const q = new URLSearchParams(location.search);
    this.source = {};
    for (const k of ['utm_source', 'utm_medium', 'utm_campaign'] as const) {
      const v = q.get(k);
      if (v) this.source[k] = v.slice(0, 200);
    }
    const from = referrerHost();
    if (from) this.source.referrer = from;
    // The last events of a visit leave with the page.
    addEventListener('pagehide', this.flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.flush();
    });
  }

  /** A step of a program, once per visit; `paid` is sent at once, the others with the next batch. */
  report(program: string, variant: string | null, step: FunnelStep): void {
    if (this.seen.has(`${program}:${step}`)) return;
    this.seen.add(`${program}:${step}`);
    this.queue.push(variant ? { program, variant, step } : { program, step });
    clearTimeout(this.timer);
    if (step === 'paid' || this.queue.length >= 20) this.flush();
    else this.timer = setTimeout(this.flush, BATCH_MS);
  }

  readonly flush = (): void => {
    clearTimeout(this.timer);
    const events = this.queue.splice(0, 20);
    if (!events.length) return;
    const body: Record<string, unknown> = { visit: this.visit, source: this.source, events };
    if (this.link) body.link = this.link;
    void fetch(this.client.url('/v1/embed/events'), {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      mode: 'cors',
      headers: { Authorization: `Bearer ${this.client.key}`, 'Content-Type': 'application/json', 'Idempotency-Key': uuid() },
      body: JSON.stringify(body),
    }).catch(() => undefined);
    if (this.queue.length) this.flush();
  };
}

/** Confirmed (paid, or paid in credits): the booking's status as the checkout or its polling last saw it. */
function isPaid(s: Readonly<BookingState>): boolean {
  const status = s.checkout?.booking.status ?? s.booking?.status;
  return !!status && CONFIRMED.has(status);
}

/** The element as the funnel reads it: its events and its state. */
export type Watched = HTMLElement & { readonly state: Readonly<BookingState>; link: string | null };

const watched = new WeakMap<Watched, string>();

/**
 * Follows an element's visit (once per element): `viewed` when the program is shown (`tandem:ready`),
 * then each step reached: time chosen, questions answered, details given (a booking held), payment
 * begun, paid (the confirmation of a confirmed booking; an invoice's reservation is not paid yet:
 * the server records its `paid` when the money arrives, for the visit the booking names).
 * Answers the visit's id, for the booking.
 */
export function watchFunnel(el: Watched, client: ApiClient): string {
  const known = watched.get(el);
  if (known) return known;
  const reporter = new FunnelReporter(client, el.link ?? '');
  watched.set(el, reporter.visit);
  const report = (step: FunnelStep) => {
    const s = el.state;
    if (s.program) reporter.report(s.program.id, s.variantId, step);
  };
  el.addEventListener('tandem:ready', () => report('viewed'));
  el.addEventListener('tandem:step', (e) => {
    const { step, previous } = e.detail;
    // `paid` only when the booking is confirmed: a QR-bill or bank-transfer reservation reaches the
    // confirmation unpaid, and is paid when the money arrives (staff record it), not on this page.
    if (step === 'confirmation') {
      if (isPaid(el.state)) report('paid');
    }
    else if (previous === 'time' && (step === 'intake' || step === 'checkout')) report('time_chosen');
    else if (previous === 'intake' && step === 'checkout') report('intake_done');
  });
  // The root stops the steps' internal events from reaching the page; a listener on the element itself still hears them.
  el.addEventListener('tandem-booking-change', (e) => {
    if (e.detail.patch.booking) report('details_done');
    if (e.detail.patch.checkout) report('checkout_started');
  });
  return reporter.visit;
}
