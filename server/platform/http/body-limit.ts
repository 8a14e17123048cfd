/**
 * Hono's bodyLimit, without building a web Request for a body whose size its Content-Length says.
 *
 * Hono's middleware first asks `c.req.raw.body`; on the Node server (@hono/node-server) that one
 * property turns the light request object into a full WHATWG Request (headers, AbortController, a
 * ReadableStream over the socket), and the JSON body is then read through that stream instead of
 * straight from the socket, which the light object does when left alone (`c.req.text()`). In a CPU
 * profile of the API under bookings (`POST /v1/embed/bookings`) that was ≈ 5 % of the process
 * (docs/benchmarks.md). For a request with a Content-Length and no Transfer-Encoding the decision is
 * Hono's own: by that header (the server never reads more than it says). GET and HEAD, and a body
 * sent without a length (chunked), go through Hono's middleware as before, which counts the bytes
 * of a chunked body as they come.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';

export function bodyLimit(options: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const counted = honoBodyLimit(options);
  return async (c, next) => {
    const method = c.req.method;
    const length = method === 'GET' || method === 'HEAD' ? undefined : c.req.header('Content-Length');
    if (length === undefined || c.req.header('Transfer-Encoding') !== undefined) return counted(c, next);
    return parseInt(length || '0', 10) > options.maxSize ? options.onError(c) : next();
  };
}
