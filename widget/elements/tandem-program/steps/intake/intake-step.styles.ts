import { formFieldStyles } from '../../../../components/form-fields/form-fields.styles.ts';

/** The intake step is a form of fields and nothing else. */
export const intakeStepStyles = formFieldStyles;
