/** Pure rules of the message threads. */
export * from './batching.ts';
