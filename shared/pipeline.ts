/**
 * Where a booking stands in a studio's pipeline, one column each (the admin API and the console):
 *   reserved             held and awaiting payment (card checkout, a QR-bill awaiting its transfer)
 *   confirmed            paid (or its deposit), no session begun
 *   in_progress          a session has begun
 *   awaiting_attendance  a session has ended and its attendance is still to be recorded (within the grace period)
 *   payment_overdue      an installment or invoice is overdue
 *   completed, cancelled
 */
export const PIPELINE_STATUSES = ['reserved', 'confirmed', 'in_progress', 'awaiting_attendance', 'payment_overdue', 'completed', 'cancelled'] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];
