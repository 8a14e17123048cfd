/** Shared by the money tests: the seeded PRNG and short constructors. */
import type { Money } from '../../../../server/modules/billing/domain/index.ts';
export { prng } from '../../../support/random.ts';


export const chf = (amount: number): Money => ({ amount, currency: 'CHF' });
export const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

export const CASES = 5000;
