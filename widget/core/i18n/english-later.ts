import * as english from './errors/errors-en.ts';
import { registerTables } from './errors.ts';

/**
 * Makes the English error and later-step sentences known at once (the fallback of every language):
 * imported by the later steps and by the components they use (calendar, form fields, payment),
 * so each works on its own and never shows a bare key while another language's chunk loads.
 */
registerTables('en', english);
