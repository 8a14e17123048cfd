/** Pure mail composition and formatting: no I/O. */
export * from '../../../../shared/format.ts';
export * from './strings.ts';
export * from './booking-mails.ts';
export * from './nudges.ts';
export * from './nudge-strings.ts';
export * from './nudge-mails.ts';
export * from './staff-mails.ts';
export * from './settlement-strings.ts';
export * from './settlement-mails.ts';
export * from './settlement-lines.ts';
export * from './staff-notices.ts';
export * from './homework-mails.ts';
export * from './referral-mails.ts';
export * from './mail-brand.ts';
