/** Reviews' pure parts. */
export * from './reviews.ts';
