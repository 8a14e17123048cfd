/** The program wizard's public face: drafts, steps, publishing, and the editor's reads. */
export * from './domain/index.ts';
export * from './editor.queries.ts';
export * from './editor.mutations.ts';
export * from './categories.queries.ts';
export * from './categories.mutations.ts';
export * from './media.mutations.ts';
export { PROGRAM_IMAGE_OBJECTS_QUEUE, programImageObjectsJob, type RemoveImageJob } from './media.jobs.ts';
