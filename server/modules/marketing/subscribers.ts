/**
 * What the marketing module does when something happens: a confirmed booking is its visit's
 * `paid` step in the funnel, whenever and however the money came (a QR-bill paid days later too).
 */
import { onEvent } from '../../platform/events/record.ts';
import { recordPaidStep } from './funnel.mutations.ts';

onEvent('booking.confirmed', (tx, e, ctx) => recordPaidStep(tx, e.orgId, e.subjectId!, ctx.now));
