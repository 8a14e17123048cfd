/** Pure rules of homework uploads. */
export * from './file-kinds.ts';
