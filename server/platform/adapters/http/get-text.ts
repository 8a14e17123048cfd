/**
 * One GET of a text document outside (a calendar feed): the same guards as the webhooks' POST
 * (post-json.ts): a timeout for the whole exchange, the body read up to a cap (over it: an error,
 * not a truncated document), redirects not followed, and unless private targets are allowed,
 * every address the host resolves to checked at connect time.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress } from './public-address.ts';
import { guardedLookup } from './post-json.ts';

export interface GetResult { status: number | null; body: string | null; error: string | null }
export interface GetOptions { timeoutMs: number; byteLimit: number; allowPrivate: boolean; accept?: string }
export type TextGetter = (url: string, options: GetOptions) => Promise<GetResult>;

export const getText: TextGetter = (url, options) => new Promise((resolve) => {
  let settled = false;
  const done = (r: GetResult) => { if (!settled) { settled = true; resolve(r); } };
  let target: URL;
  try { target = new URL(url); } catch { return done({ status: null, body: null, error: 'invalid URL' }); }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(host) && isPrivateAddress(host)) return done({ status: null, body: null, error: `refused: ${host} is a private address` });
  const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : null;
  if (!send) return done({ status: null, body: null, error: 'only http(s) URLs are fetched' });
  const req = send(target, {
    method: 'GET',
    headers: { Accept: options.accept ?? '*/*', 'User-Agent': 'Tandem-Calendar/1' },
    timeout: options.timeoutMs,
    ...(options.allowPrivate ? {} : { lookup: guardedLookup as never }),
  }, (res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.byteLimit) {
        req.destroy();
        return done({ status: res.statusCode ?? null, body: null, error: `larger than ${options.byteLimit} bytes` });
      }
      chunks.push(chunk);
    });
    res.on('end', () => done({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8'), error: null }));
    res.on('error', (e) => done({ status: res.statusCode ?? null, body: null, error: e.message }));
  });
  const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
  req.on('close', () => clearTimeout(timer));
  req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
  req.on('error', (e) => done({ status: null, body: null, error: e.message }));
  req.end();
});
