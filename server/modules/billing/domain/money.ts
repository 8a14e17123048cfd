/** Money values and their checks live in shared/ (the widget uses the same rules); re-exported for the billing domain. */
export * from '../../../../shared/money.ts';
