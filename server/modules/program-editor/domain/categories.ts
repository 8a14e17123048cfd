/** The built-in categories' labels and which label a reader sees: shared with the catalog and the console (shared/program-categories.ts). */
export { BUILT_IN_LABELS, categoryLabel } from '../../../../shared/program-categories.ts';
