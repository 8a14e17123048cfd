import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { forgetKeys, KEY_TTL_MS, KEYS_CHANGED_CHANNEL } from '../../../server/platform/http/key-cache.ts';
import { hashKey } from '../../../server/platform/http/api-keys.ts';

/**
 * Publishable keys are resolved once per few seconds per process (no transaction of their own
 * on every embed request), and a change to api_keys is announced by the database, so a revoked
 * key stops working at once in every process that listens.
 */
describe('publishable keys kept in process', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const program = () => app.request('/v1/embed/programs/reiki', { headers: flowKey });
  const setRevoked = (revoked: boolean) => db.db.execute(sql`update api_keys set revoked_at = ${revoked ? sql`now()` : sql`null`} where key_hash = ${hashKey('pk_test_flow')}`);

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db);
  });
  after(async () => db.close());

  test('a resolved key is not looked up again within its TTL (the lookup costs a transaction)', async () => {
    assert.equal((await program()).status, 200);
    // Revoked behind the process's back, with nobody listening: the kept key still answers.
    await setRevoked(true);
    assert.equal((await program()).status, 200);
    assert.ok(KEY_TTL_MS <= 10_000, 'kept for a few seconds at most');
    forgetKeys(db.db);
    assert.equal((await program()).status, 401, 'forgotten: looked up again, revoked');
    await setRevoked(false);
    assert.equal((await program()).status, 200, 'an unknown or revoked key is never kept');
  });

  test('a revocation is announced by the database: a listening process refuses the key at once', async () => {
    await db.listen(KEYS_CHANGED_CHANNEL, () => forgetKeys(db.db));
    assert.equal((await program()).status, 200);
    await setRevoked(true);
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i++) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await program()).status;
    }
    assert.equal(status, 401);
    await setRevoked(false);
  });
});
