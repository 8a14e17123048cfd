/** A studio's own domain, pure: the host as stored, the DNS records it needs and whether the ones found are them. */

/** The name of the TXT record that proves the studio holds the domain. */
export const VERIFY_PREFIX = '_tandem';
/** The TXT record's value: `tandem-verify=<token>`. */
export const verifyValue = (token: string) => `tandem-verify=${token}`;

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The host as stored: lower case, without a trailing dot; undefined when it is not a host name a
 * studio can point at the pages (a bare word, an address, a port, a path, a wildcard, ours).
 */
export function normalHost(input: string, pagesHost: string): string | undefined {
  const host = input.trim().toLowerCase().replace(/\.$/, '');
  if (host.length > 253) return undefined;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  // An address is not a domain; the top-level label of a name is never all digits.
  if (/^\d+$/.test(labels.at(-1)!)) return undefined;
  const ours = pagesHost.toLowerCase();
  if (host === ours || host.endsWith(`.${ours}`) || host === 'localhost' || host.endsWith('.localhost')) return undefined;
  return host;
}

export interface DnsRecord { type: 'CNAME' | 'TXT'; name: string; value: string }

/** The records the studio creates at its DNS provider. */
export function recordsFor(host: string, token: string, pagesHost: string): DnsRecord[] {
  return [
    { type: 'CNAME', name: host, value: pagesHost },
    { type: 'TXT', name: `${VERIFY_PREFIX}.${host}`, value: verifyValue(token) },
  ];
}

export interface Found { cname: string[]; txt: string[][] }

/** Which of the two records are missing (none: verified). A CNAME compares without case or a trailing dot; a TXT record's strings are joined. */
export function missingRecords(found: Found, token: string, pagesHost: string): ('cname' | 'txt')[] {
  const same = (a: string) => a.toLowerCase().replace(/\.$/, '') === pagesHost.toLowerCase();
  const missing: ('cname' | 'txt')[] = [];
  if (!found.cname.some(same)) missing.push('cname');
  if (!found.txt.some((parts) => parts.join('').trim() === verifyValue(token))) missing.push('txt');
  return missing;
}
