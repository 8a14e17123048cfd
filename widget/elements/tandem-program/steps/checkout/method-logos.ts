/**
 * A small mark beside each way to pay, drawn inline as SVG: no image requests, nothing for a strict
 * CSP to refuse (no `style` attributes, no data: URLs), colours from the theme (`currentColor`
 * and the primary colour) so that they read in light and dark. Decorative: the label says the name.
 * Our own simplified marks, not the schemes' trademarked logos.
 */
import { html, svg, type SVGTemplateResult } from 'lit';
import type { PaymentMethod } from '../../../../core/context/types.ts';

const marks: Record<PaymentMethod, SVGTemplateResult> = {
  // A card with its magnetic stripe.
  card: svg`<rect x="2" y="5" width="28" height="20" rx="3" fill="none" stroke="currentColor" stroke-width="2"/><rect x="2" y="10" width="28" height="4" fill="currentColor"/><rect x="6" y="18" width="8" height="3" rx="1" fill="currentColor"/>`,
  // A phone with a play mark (paying in an app).
  twint: svg`<rect x="9" y="2" width="14" height="28" rx="3" fill="none" stroke="currentColor" stroke-width="2"/><path d="M14 11v10l8-5z" fill="currentColor"/>`,
  // A QR code with the Swiss cross in its middle.
  qr_bill: svg`<path d="M3 3h9v9H3zM20 3h9v9h-9zM3 20h9v9H3z" fill="none" stroke="currentColor" stroke-width="2"/><path d="M6 6h3v3H6zM23 6h3v3h-3zM6 23h3v3H6zM20 20h3v3h-3zM26 26h3v3h-3zM26 20h3v3h-3zM20 26h3v3h-3z" fill="currentColor"/><rect x="12.5" y="12.5" width="7" height="7" fill="currentColor"/><path d="M15.2 13.6h1.6v1.6h1.6v1.6h-1.6v1.6h-1.6v-1.6h-1.6v-1.6h1.6z" class="cross"/>`,
  // A bank: pediment, columns, base.
  bank_transfer: svg`<path d="M16 2 2 10h28z" fill="currentColor"/><path d="M6 13v11M12.7 13v11M19.3 13v11M26 13v11" stroke="currentColor" stroke-width="2.5"/><rect x="2" y="26" width="28" height="3" fill="currentColor"/>`,
  // A ticket with a notch (a class credit).
  credits: svg`<path d="M3 8h26v5a3 3 0 0 0 0 6v5H3v-5a3 3 0 0 0 0-6z" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 8v16" stroke="currentColor" stroke-width="2" stroke-dasharray="2 2"/>`,
};

export function methodLogo(method: PaymentMethod) {
  return html`<svg class="method-logo" part="method-logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">${marks[method]}</svg>`;
}
