/**
 * Mails in the studio's name and colour: a band at the top of the HTML part with the studio's
 * name on its colour (the billing profile's `brand_color`), the text on it white or black,
 * whichever reads at 4.5 : 1 or better, and links in the colour where it reads on white. Pure.
 */
import { esc, inert } from './booking-mails.ts';

export interface MailBrand {
  name: string;
  /** `#rrggbb`; absent: a neutral dark band. */
  color?: string | null | undefined;
}

/** The band's colour when the studio has none. */
export const NEUTRAL_BRAND = '#1f2937';

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text on `background`: white or black, whichever contrasts more (always ≥ 4.5 : 1). */
export function textOn(background: string): '#ffffff' | '#000000' {
  return contrast('#ffffff', background) >= contrast('#000000', background) ? '#ffffff' : '#000000';
}

const isHex = (c: string | null | undefined): c is string => !!c && /^#[0-9a-f]{6}$/i.test(c);

/** The HTML part with the studio's band on top (and its colour on links where that reads on white). Text parts stay as they are. */
export function brandHtml(html: string, brand: MailBrand): string {
  const color = isHex(brand.color) ? brand.color.toLowerCase() : NEUTRAL_BRAND;
  const band = `<div style="background:${color};color:${textOn(color)};padding:12px 16px;font-weight:600;font-size:1.15em;margin-bottom:1em">${esc(inert(brand.name))}</div>`;
  // Links take the studio's own colour (none without one) where it reads on white.
  const linked = isHex(brand.color) && contrast(color, '#ffffff') >= 4.5 ? html.replace(/<a href=/g, `<a style="color:${color}" href=`) : html;
  const at = linked.search(/<body[^>]*>/);
  if (at < 0) return `${band}${linked}`;
  const end = linked.indexOf('>', at) + 1;
  return `${linked.slice(0, end)}${band}${linked.slice(end)}`;
}
