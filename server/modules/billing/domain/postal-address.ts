/**
 * An address as the post wants it on an invoice or a credit note: street and number, postal code
 * and city, and the country's name on a line of its own only when the address is abroad from the
 * studio's country. No `DE-`/`CH-` prefix before the postal code (that habit was retired by the
 * postal services; the country line replaces it). Pure.
 */
import type { Lang } from '../../../../shared/format.ts';
import type { PostalAddress } from './invoice-snapshot.ts';


/** The country's name in the document's language (`DE` in German: "Deutschland"); the code when unknown. */
export function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The address's lines; `home`: the studio's country (the country line is left out there). */
export function postalLines(a: Omit<PostalAddress, 'building_number'> & { building_number?: string | null | undefined }, home: string, lang: Lang): string[] {
  const street = `${a.street}${a.building_number ? ` ${a.building_number}` : ''}`.trim();
  const city = `${a.postal_code} ${a.city}`.trim();
  const abroad = !!a.country && a.country.toUpperCase() !== home.toUpperCase();
  return [street, city, ...(abroad ? [countryName(a.country, lang)] : [])].filter(Boolean);
}
