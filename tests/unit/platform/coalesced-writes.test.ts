/**
 * The PostgreSQL socket's coalescing (server/platform/db/coalesced-writes.ts), against a plain TCP
 * server: a write of 1 KB or more is held until what the same code sends after it (postgres.js's
 * end-of-turn write, setImmediate) has joined it; smaller writes go out as they come; the bytes
 * arrive complete and in order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { coalesceWrites } from '../../../server/platform/db/coalesced-writes.ts';

/** A server that collects what it receives, and a client socket whose system-call writes are counted. */
async function pair() {
  const received: Buffer[] = [];
  let ended!: () => void;
  const done = new Promise<void>((r) => { ended = r; });
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => { accepted.push(s); s.on('data', (d) => received.push(d)); s.on('end', () => { ended(); s.end(); }); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let writes = 0;
  const generic = (socket as unknown as { _writeGeneric: (...args: unknown[]) => unknown })._writeGeneric.bind(socket);
  (socket as unknown as { _writeGeneric: (...args: unknown[]) => unknown })._writeGeneric = (...args: unknown[]) => { writes++; return generic(...args); };
  coalesceWrites(socket);
  return {
    socket,
    writes: () => writes,
    close: async () => { socket.end(); await done; server.close(); return Buffer.concat(received); },
    /** After a failed assertion: nothing left open. */
    destroy: () => { socket.destroy(); accepted.forEach((s) => s.destroy()); server.close(); },
  };
}

const turn = () => new Promise((r) => setImmediate(() => setImmediate(r)));

test('a big write and the small one the same code sends after it (at the end of the turn) leave in one write, in order', async () => {
  const p = await pair();
  const big = Buffer.alloc(3000, 'a');
  p.socket.write(big);
  setImmediate(() => p.socket.write(Buffer.from('commit')));
  await turn();
  await turn();
  try { assert.equal(p.writes(), 1); } catch (error) { p.destroy(); throw error; }
  const bytes = await p.close();
  assert.equal(bytes.length, 3006);
  assert.equal(bytes.subarray(3000).toString(), 'commit');
});

test('small writes are not held', async () => {
  const p = await pair();
  p.socket.write(Buffer.from('one'));
  const first = p.writes();
  await turn();
  p.socket.write(Buffer.from('two'));
  try { assert.deepEqual([first, p.writes()], [1, 2]); } catch (error) { p.destroy(); throw error; }
  assert.equal((await p.close()).toString(), 'onetwo');
});

test('a big write with nothing after it still goes out at the end of the turn', async () => {
  const p = await pair();
  p.socket.write(Buffer.alloc(2048, 'b'));
  await turn();
  await turn();
  try { assert.equal(p.writes(), 1); } catch (error) { p.destroy(); throw error; }
  assert.equal((await p.close()).length, 2048);
});
