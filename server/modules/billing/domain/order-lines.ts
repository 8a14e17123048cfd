import { allocateEvenly } from './allocate.ts';
import type { OrderLineInput } from './order.ts';
import { formatDate, type Lang } from '../../../../shared/format.ts';

/** What the order lines are made of: the booking's price, its program and variant, its sessions by seq (a booking's context). */
export interface OrderLinesSource {
  booking: { totalPrice: number; currency: string };
  program: { id: string; title: string };
  variant: { id: string; name: string; vatRateBp: number; billing: string };
  /** All sessions by seq; unscheduled ones have no start. */
  sessions: readonly { id: string; seq: number; startsAt: Date | null }[];
}

/** The word invoices and the widget's order use for one session (the mails say the same). */
const SESSION_WORD: Record<Lang, string> = { en: 'session', de: 'Termin', fr: 'séance', it: 'seduta' };

export interface CheckoutLine extends OrderLineInput {
  sessionId?: string | undefined;
}

/**
 * The order lines of a booking: one package line, or — when the variant bills per session —
 * one line per session, the booking's price split evenly (the first sessions carry the
 * remainder's extra units, so the lines add up to the price exactly). Paid in credits, the
 * lines are at zero: the money was paid (and its VAT declared) when the credits were bought.
 */
export function orderLines(ctx: OrderLinesSource, options: { lang: Lang; zone: string; credits: boolean }): CheckoutLine[] {
  const { booking, program, variant } = ctx;
  const base = { quantity: 1, vatRateBp: variant.vatRateBp, programId: program.id, variantId: variant.id };
  const money = (amount: number) => ({ amount: options.credits ? 0 : amount, currency: booking.currency });
  if (variant.billing !== 'per_session' || ctx.sessions.length <= 1) {
    return [{ ...base, description: `${program.title} — ${variant.name}`, unitPrice: money(booking.totalPrice) }];
  }
  const shares = allocateEvenly(booking.totalPrice, ctx.sessions.length);
  const word = SESSION_WORD[options.lang];
  return ctx.sessions.map((s, i) => ({
    ...base,
    description: `${program.title} — ${word} ${s.seq}/${ctx.sessions.length}${s.startsAt ? ` (${formatDate(s.startsAt, options.zone, options.lang)})` : ''}`,
    unitPrice: money(shares[i] as number),
    sessionId: s.id,
  }));
}
