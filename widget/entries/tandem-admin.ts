/**
 * The studio console's entry (built as `tandem-admin.js`), loaded by the page at /admin on the
 * API's origin. Registers `<tandem-admin>` once.
 */
import { define } from '../core/define.ts';
import { TandemAdmin } from '../elements/tandem-admin/tandem-admin.ts';

define('tandem-admin', TandemAdmin);

export { TandemAdmin };
