/**
 * One POST of a JSON body to a URL outside: a timeout for the whole exchange, the answer's body read
 * up to a cap, redirects not followed, and (unless private targets are allowed) every address the
 * host name resolves to checked at connect time, so neither the URL nor DNS can steer it inside.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { isPrivateAddress } from './public-address.ts';

export interface PostResult {
  /** The answer's status, or null when there was none (refused, timed out, blocked). */
  status: number | null;
  /** At most `bodyLimit` characters of the answer. */
  body: string | null;
  error: string | null;
  durationMs: number;
}

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  bodyLimit: number;
  /** Outside production: loopback and private targets (a receiver in a test, a dev tunnel). */
  allowPrivate: boolean;
}

export type JsonPoster = (url: string, body: string, options: PostOptions) => Promise<PostResult>;

/** A DNS lookup that refuses private addresses (node calls it when connecting). */
export function guardedLookup(hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const blocked = list.find((a) => isPrivateAddress(a.address));
    if (blocked || list.length === 0) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address`), { code: 'EPRIVATE' }), []);
    if ((options as { all?: boolean }).all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

export const postJson: JsonPoster = (url, body, options) => new Promise((resolve) => {
  const started = Date.now();
  const done = (r: Omit<PostResult, 'durationMs'>) => resolve({ ...r, durationMs: Date.now() - started });
  let target: URL;
  try { target = new URL(url); } catch { return done({ status: null, body: null, error: 'invalid URL' }); }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(host) && isPrivateAddress(host)) return done({ status: null, body: null, error: `refused: ${host} is a private address` });
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const req = send(target, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'Tandem-Webhooks/1', ...options.headers },
    timeout: options.timeoutMs,
    ...(options.allowPrivate ? {} : { lookup: guardedLookup as never }),
  }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      if (text.length < options.bodyLimit) text += chunk.slice(0, options.bodyLimit - text.length);
    });
    res.on('end', () => done({ status: res.statusCode ?? null, body: text, error: null }));
    res.on('error', (e) => done({ status: res.statusCode ?? null, body: text, error: e.message }));
  });
  const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
  req.on('close', () => clearTimeout(timer));
  req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
  req.on('error', (e) => done({ status: null, body: null, error: e.message }));
  req.end(body);
});
