/** Pure parts of the staff's view of bookings: the page cursor, CSV, who reads health answers. */
export * from './cursor.ts';
export * from './health.ts';
export * from '../../../../shared/pipeline.ts';
