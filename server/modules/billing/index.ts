/** The billing module's public face: surfaces and other modules import only from here. */
export * from './domain/index.ts';
export * from './checkout.mutations.ts';
export * from './confirm.mutations.ts';
export * from './context.queries.ts';
export * from './installments.jobs.ts';
export * from './invoice-pdf.ts';
export * from './invoice-snapshot.ts';
export * from './invoices.mutations.ts';
export * from './invoices.queries.ts';
export * from './late-payment.mutations.ts';
export * from './order-lines.ts';
export * from './order-view.ts';
export * from './payment-events.mutations.ts';
export * from './transfers.mutations.ts';
export * from './invoices.jobs.ts';
export * from './invoices.queries.ts';
