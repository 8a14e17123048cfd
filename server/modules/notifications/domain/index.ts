/** Pure mail composition and formatting: no I/O. */
export * from '../../../../shared/format.ts';
export * from './strings.ts';
export * from './booking-mails.ts';
