/**
 * Parts of a transaction sent together must all be finished before a refusal ends the
 * transaction: a part still between two of its statements would otherwise send the second one
 * on a connection already back in the pool (the booking's customer lookup after a cap refused).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allSettledInTransaction } from '../../../server/platform/db/prepared.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A part that sends two statements one after the other, recording when its second one went out. */
function twoStatements(log: string[]): Promise<string> {
  return (async () => {
    await tick();
    await tick();
    log.push('second statement sent');
    return 'customer';
  })();
}

test('a refusal is thrown only after every sibling has finished its statements', async () => {
  const log: string[] = [];
  const refused = (async () => { await tick(); throw new Error('too_many_holds'); })();
  await assert.rejects(
    allSettledInTransaction([refused, twoStatements(log)] as const).finally(() => log.push('transaction ends')),
    /too_many_holds/,
  );
  assert.deepEqual(log, ['second statement sent', 'transaction ends']);
});

test('Promise.all, for comparison, ends the transaction first', async () => {
  const log: string[] = [];
  const refused = (async () => { await tick(); throw new Error('too_many_holds'); })();
  const sibling = twoStatements(log);
  await assert.rejects(Promise.all([refused, sibling]).finally(() => log.push('transaction ends')), /too_many_holds/);
  await sibling;
  assert.deepEqual(log, ['transaction ends', 'second statement sent']);
});

test('the first failure in the order given wins; all fulfilled: their values in order', async () => {
  const a = Promise.reject(new Error('rate_limited'));
  const b = Promise.reject(new Error('not_found'));
  await assert.rejects(allSettledInTransaction([a, b] as const), /rate_limited/);
  assert.deepEqual(await allSettledInTransaction([Promise.resolve(1), 'two', tick().then(() => 3)] as const), [1, 'two', 3]);
});
