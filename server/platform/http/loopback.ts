import type { Context } from 'hono';
import { isIP } from 'node:net';

/** Headers a reverse proxy adds: behind one, every request arrives from the proxy's (often loopback) address. */
const forwardingHeaders = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'x-forwarded-host', 'true-client-ip', 'cf-connecting-ip'];

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/**
 * Whether the request comes from this machine: its socket's peer is a loopback address and
 * no proxy forwarded it. A request handed to the app in-process (`app.request()`, which has no
 * socket at all) never crossed a network and counts as local.
 */
export function isLoopbackClient(c: Context): boolean {
  if (forwardingHeaders.some((name) => c.req.header(name) !== undefined)) return false;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } } | undefined;
  const incoming = env?.server?.incoming ?? env?.incoming;
  if (!incoming) return true;
  return isLoopbackAddress(incoming.socket?.remoteAddress);
}
