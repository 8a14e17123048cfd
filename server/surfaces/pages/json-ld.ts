/**
 * Structured data (schema.org, JSON-LD) for the hosted pages, built from the same answer shapes
 * the embed API sends: a program is a `Service` with an `Offer` per variant, provided by the
 * studio (`Organization`) whose hosts are `Person`s; its FAQ a `FAQPage`.
 */
import type { ProgramDetail, ProgramSummary } from '../../../schema/api/embed-programs.ts';

export interface StudioLd { name: string; url: string }

/** schema.org prices are decimal strings in the currency's major unit: 58000 CHF minor units → "580.00". */
export function decimalPrice(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

/** Text without markup, for `description` fields (the page's own HTML is the rich version). */
export function plainText(htmlText: string): string {
  return htmlText.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
}

function organization(studio: StudioLd) {
  return { '@type': 'Organization', '@id': `${studio.url}#studio`, name: studio.name, url: studio.url };
}

export function programLd(p: ProgramDetail, studio: StudioLd, url: string): Record<string, unknown> {
  const description = plainText(p.description_html) || p.summary;
  const service: Record<string, unknown> = {
    '@type': 'Service',
    '@id': `${url}#service`,
    name: p.title,
    description: p.summary || description,
    url,
    serviceType: p.category,
    provider: {
      ...organization(studio),
      ...(p.instructors.length
        ? { employee: p.instructors.map((i) => ({ '@type': 'Person', name: i.name, ...(i.bio ? { description: i.bio } : {}), ...(i.photo_url ? { image: i.photo_url } : {}) })) }
        : {}),
    },
    offers: p.variants.map((v) => ({
      '@type': 'Offer',
      name: v.name,
      price: decimalPrice(v.price, v.currency),
      priceCurrency: v.currency,
      availability: 'https://schema.org/InStock',
      url,
    })),
  };
  if (p.banner_url) service.image = p.banner_url;
  if (p.location) service.areaServed = { '@type': 'Place', name: p.location.name, address: p.location.address };
  const graph: Record<string, unknown>[] = [service];
  if (p.faq.length) {
    graph.push({
      '@type': 'FAQPage',
      '@id': `${url}#faq`,
      mainEntity: p.faq.map((f) => ({ '@type': 'Question', name: f.question, acceptedAnswer: { '@type': 'Answer', text: f.answer } })),
    });
  }
  return { '@context': 'https://schema.org', '@graph': graph };
}

export function studioLd(programs: ProgramSummary[], studio: StudioLd, programUrl: (slug: string) => string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@graph': [
      organization(studio),
      {
        '@type': 'ItemList',
        itemListElement: programs.map((p, i) => ({ '@type': 'ListItem', position: i + 1, url: programUrl(p.slug), name: p.title })),
      },
    ],
  };
}
