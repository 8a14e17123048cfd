/**
 * Which addresses an outgoing request (a webhook) may never reach in production: private, loopback, link-local,
 * carrier-grade NAT, multicast and reserved ranges, IPv4 and IPv6 (including IPv4-mapped IPv6).
 * Checked on the address the name resolved to at send time, so DNS cannot steer a delivery inside.
 */
import { isIP } from 'node:net';

function v4(ip: string): number[] | null {
  const parts = ip.split('.').map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts : null;
}

function privateV4([a, b]: number[]): boolean {
  return a === 0 || a === 10 || a === 127 || (a === 100 && b! >= 64 && b! <= 127) || (a === 169 && b === 254)
    || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19)) || a! >= 224;
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateV4(v4(address)!);
  if (family !== 6) return true;
  const a = address.toLowerCase();
  const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a) ?? /^::(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return privateV4(v4(mapped[1]!) ?? [0]);
  if (a === '::' || a === '::1') return true;
  const first = parseInt(a.split(':')[0] || '0', 16);
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast, 2001:db8::/32 documentation, 64:ff9b::/96 NAT64
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00 || a.startsWith('2001:db8:') || a.startsWith('64:ff9b:');
}

/** What is wrong with a URL for outgoing requests, or null: https (or http where private targets are allowed, i.e. outside production), no credentials in it. */
export function endpointUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try { url = new URL(raw); } catch { return 'must be an absolute URL'; }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'must be an https URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (url.hash) return 'must not have a fragment';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (isIP(host) ? isPrivateAddress(host) : /^(localhost|.*\.localhost|.*\.internal|.*\.local)$/i.test(host))) return 'must be a public address';
  return null;
}
