/** Pure rules of the finance reports. */
export * from './vat-return.ts';
