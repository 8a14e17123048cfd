/** Every recorded domain event that is a public webhook event becomes deliveries, in its own transaction. */
import { onEveryEvent } from '../../platform/events/record.ts';
import { fanOutEvent } from './fanout.mutations.ts';

onEveryEvent(fanOutEvent);
