/**
 * Hono's bodyLimit, without building a web Request for every request that has a Content-Length.
 *
 * Hono's middleware first asks `c.req.raw.body`; on the Node server (@hono/node-server) that one
 * property turns the light request object into a full WHATWG Request (headers, AbortController, a
 * ReadableStream over the socket), and the JSON body is then read through that stream instead of
 * straight from the socket. In a profile of the booking (`POST /v1/embed/bookings`) that was ≈ 4 % of
 * the API's CPU, on GETs too, for a check the Content-Length header answers alone (docs/benchmarks.md). The
 * decision is the same as Hono's: GET and HEAD have no body; a request with a Content-Length and no
 * Transfer-Encoding is judged by that header (the server never reads more than it says); any
 * other request (chunked) goes through Hono's own middleware, which counts the bytes as they come.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';

export function bodyLimit(options: { maxSize: number; onError: Parameters<typeof honoBodyLimit>[0]['onError'] & {} }): MiddlewareHandler {
  const counted = honoBodyLimit(options);
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      return parseInt(length || '0', 10) > options.maxSize ? options.onError(c) : next();
    }
    return counted(c, next);
  };
}
