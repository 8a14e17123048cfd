import type { PaymentMethod } from '../context/types.ts';

/**
 * Detail of `tandem:booked`: the booking reached its confirmation screen — `confirmed`
 * (card, TWINT, credits) or `reserved` awaiting a bank transfer (QR-bill).
 */
export interface TandemBookedDetail {
  booking_id: string;
  status: string;
  program: string;
  variant: string;
  method: PaymentMethod | null;
  order_id: string | null;
  total: { amount: number; currency: string };
  sessions: Array<{ starts_at: string; ends_at: string }>;
  /** Sessions still to schedule (mode "schedule the rest later"). */
  sessions_to_schedule: number;
}

export class TandemBookedEvent extends CustomEvent<TandemBookedDetail> {
  static readonly eventName = 'tandem:booked';
  constructor(detail: TandemBookedDetail) {
    super(TandemBookedEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem:booked': TandemBookedEvent;
  }
}
