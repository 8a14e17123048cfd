/** Pure rules of the program wizard: completeness for publishing, variant versions. */
export * from './completeness.ts';
export * from './variant-versions.ts';
export * from './categories.ts';
export * from './program-images.ts';
