/** Integer rounding lives in shared/ (the widget's deposit uses the same rules); re-exported for the billing domain. */
export * from '../../../../shared/rounding.ts';
