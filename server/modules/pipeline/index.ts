/** The pipeline module's public face: staff's lists of bookings, their export and one booking's whole story. */
export * from './domain/index.ts';
export * from './pipeline.queries.ts';
export * from './booking-detail.queries.ts';
