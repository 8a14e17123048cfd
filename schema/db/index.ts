export * from './tenancy.ts';
export * from './programs.ts';
export * from './availability.ts';
export * from './bookings.ts';
export * from './finance.ts';
export * from './messaging.ts';
export * from './payroll.ts';
export * from './platform.ts';
