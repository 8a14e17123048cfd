/**
 * JSON answers compressed for clients that ask (`Accept-Encoding`, as every browser sends):
 * brotli at quality 4 where accepted, else gzip at level 1. Both are the fast ends of their
 * scales: a month of slots (70 KB of JSON) becomes ≈ 2 KB (br) or ≈ 5 KB (gzip) in ≈ 0.3–0.4 ms,
 * while the higher levels cost 3–5 times the CPU for little more. Small answers (< 1 KB), other
 * types and answers already encoded pass as they are.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const MIN_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/** The encoding to answer in for this Accept-Encoding (q=0 refuses), or undefined. */
export function chooseEncoding(accept: string | undefined): Encoding | undefined {
  if (!accept) return undefined;
  const offered = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name) offered.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined;
}

export function encode(body: Uint8Array, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
    : gzipSync(body, { level: 1 });
}

/**
 * The text of answers made from a string here (the idempotent POSTs' answers, sendAnswer): read from
 * it, not from the Response. On the Node server a Response made from a string stays a light object
 * until its body is asked for; asking (`res.body`, `arrayBuffer()`) turns it into a full web Response
 * whose body the server then reads back through a stream.
 */
const texts = new WeakMap<Response, string>();

/** Marks `res` as made from `text` (its whole body, unchanged). */
export function answeredWith(res: Response, text: string): Response {
  texts.set(res, text);
  return res;
}

export function compressJson(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const text = texts.get(res);
    if ((text === undefined && !res.body) || res.headers.has('Content-Encoding') || c.req.method === 'HEAD') return;
    if (!/^application\/(problem\+)?json\b/.test(res.headers.get('Content-Type') ?? '')) return;
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) {
      res.headers.append('Vary', 'Accept-Encoding');
      return;
    }
    const body = text === undefined ? new Uint8Array(await res.arrayBuffer()) : new TextEncoder().encode(text);
    const headers = new Headers(res.headers);
    headers.append('Vary', 'Accept-Encoding');
    // Hono would merge the old answer into the new one (reading its body): `headers` has them already.
    // No statusText: reading it turns a light answer into a full one, and ours carry none.
    c.res = undefined as unknown as Response;
    if (body.byteLength < MIN_BYTES) {
      c.res = new Response(body, { status: res.status, headers });
      return;
    }
    const packed = encode(body, encoding);
    headers.set('Content-Encoding', encoding);
    headers.set('Content-Length', String(packed.byteLength));
    c.res = new Response(new Uint8Array(packed), { status: res.status, headers });
  };
}
