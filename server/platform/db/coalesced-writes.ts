/**
 * The PostgreSQL connection's socket, sending each round trip's statements in one write.
 *
 * postgres.js gathers what a turn of the event loop sends and writes it at the end of the turn
 * (setImmediate), except that it writes at once as soon as 1,024 bytes are waiting. A round trip
 * whose statements add up to more (the booking's calendar reads and customer, or its one big
 * statement followed by COMMIT) therefore left in two or three writes, and every write is a system
 * call and a loopback TCP send, and a read on the server's side: the largest single item in a CPU
 * profile of the API under bookings (docs/benchmarks.md, "The booking path's writes").
 *
 * Here such an early write is held (the socket is corked) until the code that sent it has sent
 * the rest: the release is scheduled from a microtask, so it comes after postgres.js's own
 * end-of-turn write of the smaller statements that followed, and both leave in one write. Smaller
 * turns are untouched. Nothing is reordered and nothing waits on an answer: the delay is at most
 * the rest of the turn.
 */
import net from 'node:net';

/** postgres.js's threshold for writing at once (connection.js `write`). */
const EARLY_WRITE_BYTES = 1024;

export function coalesceWrites<S extends net.Socket>(socket: S): S {
  const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
  let held = false;
  const release = () => {
    held = false;
    socket.uncork();
  };
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!held && (chunk as { length?: number }).length! >= EARLY_WRITE_BYTES) {
      held = true;
      socket.cork();
      // After the current synchronous code (which may send more statements) and after the
      // setImmediate postgres.js schedules for them.
      queueMicrotask(() => setImmediate(release));
    }
    return write(chunk, ...rest);
  }) as S['write'];
  return socket;
}

/**
 * postgres.js's `socket` option: a TCP (or Unix-socket) connection to the server whose writes are
 * coalesced. postgres.js still runs the connection's start-up, TLS and connect timeout on it;
 * for several hosts (fail-over) keep postgres.js's own socket, which cycles through them.
 */
export function coalescedSocket(options: { host: string[]; port: number[]; path?: string | false }): net.Socket {
  const socket = options.path ? net.connect(options.path) : net.connect(options.port[0]!, options.host[0]!);
  return coalesceWrites(socket);
}

/** Whether a connection URL names a single server, so `coalescedSocket` can stand in for postgres.js's own. */
export function singleServer(url: string): boolean {
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '';
  return !authority.slice(authority.lastIndexOf('@') + 1).includes(',') && !/[?&]host=/.test(url);
}
