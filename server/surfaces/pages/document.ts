/** The frame of every hosted page: head (title, description, robots, canonical, social tags, hreflang, JSON-LD) and body. */
import { randomBytes } from 'node:crypto';
import { html, jsonForScript, trusted, type Html, type Part } from './html.ts';
import { PAGE_CSS } from './page-styles.ts';

export interface PageHead {
  /** BCP 47 (`de-CH`): the page's `lang`, its `hreflang` and `og:locale`. */
  lang: string;
  title: string;
  description: string;
  /** The page's one address; absent for a private (by_link) page, which must not be indexed. */
  canonical: string | null;
  /** The same page in each language it has (BCP 47, `x-default` last), this one included; default: this page alone. */
  alternates?: { lang: string; href: string }[];
  /** The studio's name (og:site_name). */
  site: string;
  /** The share image; its size when known (og:image:width/height let a scraper lay it out before fetching it). */
  image: { url: string; alt: string; width?: number; height?: number } | null;
  indexable: boolean;
  jsonLd: Record<string, unknown>;
}

/** A fresh CSP nonce per answer. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The page's CSP: only scripts carrying the nonce (the widget's entry) and what they load
 * (`'strict-dynamic'`: the widget's later steps, Stripe.js), only the nonce'd style sheet
 * (the widget styles itself through constructed style sheets), the API itself for data, and
 * no framing by others. Images may come from wherever the studio keeps them.
 */
export function pageCsp(nonce: string, publicOrigin: string): string {
  const images = publicOrigin.startsWith('https://') ? "'self' data: https:" : "'self' data: https: http:";
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'nonce-${nonce}'`,
    `img-src ${images}`,
    `media-src ${images}`,
    "connect-src 'self' https://api.stripe.com",
    'frame-src https://js.stripe.com https://hooks.stripe.com',
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Open Graph writes locales `de_CH`. */
const ogLocale = (tag: string) => tag.replace('-', '_');

export function pageDocument(head: PageHead, body: Part, nonce: string, scripts: Part = null): Html {
  const description = head.description.length > 160 ? `${head.description.slice(0, 157).trimEnd()}…` : head.description;
  return html`<!DOCTYPE html>
<html lang="${head.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${head.title}</title>
<meta name="description" content="${description}">
<meta name="robots" content="${head.indexable ? 'index, follow' : 'noindex, nofollow'}">
${head.canonical ? html`<link rel="canonical" href="${head.canonical}">
${(head.alternates ?? [{ lang: head.lang, href: head.canonical }, { lang: 'x-default', href: head.canonical }]).map((a) => html`<link rel="alternate" hreflang="${a.lang}" href="${a.href}">
`)}` : ''}<meta property="og:type" content="website">
<meta property="og:title" content="${head.title}">
<meta property="og:description" content="${description}">
<meta property="og:site_name" content="${head.site}">
<meta property="og:locale" content="${ogLocale(head.lang)}">
${head.canonical ? html`<meta property="og:url" content="${head.canonical}">
` : ''}${head.image ? html`<meta property="og:image" content="${head.image.url}">
${head.image.width && head.image.height ? html`<meta property="og:image:width" content="${String(head.image.width)}">
<meta property="og:image:height" content="${String(head.image.height)}">
` : ''}<meta property="og:image:alt" content="${head.image.alt}">
` : ''}<meta name="twitter:card" content="${head.image ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${head.title}">
<meta name="twitter:description" content="${description}">
${head.image ? html`<meta name="twitter:image" content="${head.image.url}">
<meta name="twitter:image:alt" content="${head.image.alt}">
` : ''}<style nonce="${nonce}">${trusted(PAGE_CSS)}</style>
<script type="application/ld+json">${jsonForScript(head.jsonLd)}</script>
${scripts}</head>
<body>
${body}
</body>
</html>
`;
}
