/**
 * The customer portal's entry (built as `tandem-portal.js`): the page at /manage/<token> loads
 * it, and a studio may embed `<tandem-portal key="pk_…">` on its own site. Registers
 * `<tandem-portal>` once; the time step, other languages and error sentences load when needed.
 */
import { define } from '../core/define.ts';
import { TandemPortal } from '../elements/tandem-portal/tandem-portal.ts';

define('tandem-portal', TandemPortal);

export { TandemPortal };
