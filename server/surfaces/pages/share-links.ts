/**
 * Share links under a public program page: plain links (no script, no third-party code on the page),
 * each address tagged `utm_source=<channel>&utm_medium=share` so that the funnel and the booking's
 * `source` show what sharing brought.
 */
import type { Lang } from '../../../shared/format.ts';
import { html, type Html } from './html.ts';

const WORDS: Record<Lang, { share: string; email: string }> = {
  en: { share: 'Share', email: 'E-mail' },
  de: { share: 'Teilen', email: 'E-Mail' },
  fr: { share: 'Partager', email: 'E-mail' },
  it: { share: 'Condividi', email: 'E-mail' },
};

export function shareUrl(url: string, channel: string): string {
  return `${url}?utm_source=${channel}&utm_medium=share`;
}

export function shareLinks(url: string, title: string, lang: Lang): Html {
  const w = WORDS[lang];
  const e = encodeURIComponent;
  const links: [string, string][] = [
    [w.email, `mailto:?subject=${e(title)}&body=${e(shareUrl(url, 'email'))}`],
    ['WhatsApp', `https://wa.me/?text=${e(`${title} ${shareUrl(url, 'whatsapp')}`)}`],
    ['Facebook', `https://www.facebook.com/sharer/sharer.php?u=${e(shareUrl(url, 'facebook'))}`],
    ['X', `https://x.com/intent/post?text=${e(title)}&url=${e(shareUrl(url, 'x'))}`],
    ['LinkedIn', `https://www.linkedin.com/sharing/share-offsite/?url=${e(shareUrl(url, 'linkedin'))}`],
  ];
  return html`<nav class="share" aria-label="${w.share}"><h2>${w.share}</h2><ul>${links.map(([name, href]) =>
    html`<li><a href="${href}" rel="noopener noreferrer" target="_blank">${name}</a></li>`)}</ul></nav>`;
}
