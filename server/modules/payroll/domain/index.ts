/** Payroll's pure rules: periods, pay rules, a session's revenue, earnings and their adjustments, statements, CSV. */
export * from './periods.ts';
export * from './rules.ts';
export * from './revenue.ts';
export * from './earnings.ts';
export * from './statements.ts';
