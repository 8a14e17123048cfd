/** The program wizard's public face: drafts, steps, publishing, and the editor's reads. */
export * from './domain/index.ts';
export * from './editor.queries.ts';
export * from './editor.mutations.ts';
export * from './categories.queries.ts';
