import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readEnv } from '../../../server/config.ts';

const stripe = { STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' };
const prod = { NODE_ENV: 'production', TANDEM_SECRET: 'a-long-secret' };

describe('start-up configuration', () => {
  test('production refuses demo mode, with a message that says why and what to run instead', () => {
    assert.throws(() => readEnv({ ...prod, ...stripe }, ['--demo']), /Refusing to start: --demo is not allowed with NODE_ENV=production.*start:prod/);
    assert.equal(readEnv({ ...prod, ...stripe }, []).demo, false);
    assert.equal(readEnv({ TANDEM_TEST_PAYMENTS: '1' }, ['--demo']).demo, true);
  });

  test('/dev/* only with an explicit setting, on by default with --demo, never in production', () => {
    assert.equal(readEnv({ TANDEM_TEST_PAYMENTS: '1' }, []).devRoutes, false);
    assert.equal(readEnv({}, ['--demo']).devRoutes, true);
    assert.equal(readEnv({ TANDEM_TEST_PAYMENTS: '1', TANDEM_DEV_ROUTES: '1' }, []).devRoutes, true);
    assert.equal(readEnv({ TANDEM_DEV_ROUTES: '0' }, ['--demo']).devRoutes, false);
    assert.throws(() => readEnv({ ...prod, ...stripe, TANDEM_DEV_ROUTES: '1' }, []), /TANDEM_DEV_ROUTES is not allowed with NODE_ENV=production/);
    assert.throws(() => readEnv({ TANDEM_TEST_PAYMENTS: '1', TANDEM_DEV_ROUTES: 'maybe' }, []), /TANDEM_DEV_ROUTES must be 1 or 0/);
  });

  test('the test payment processor only when enabled, never inferred from a missing Stripe key', () => {
    assert.throws(() => readEnv({}, []), /No payment processor: set STRIPE_SECRET_KEY .* or \(outside production\) TANDEM_TEST_PAYMENTS=1/);
    assert.equal(readEnv({ TANDEM_TEST_PAYMENTS: '1' }, []).payments, 'test');
    assert.equal(readEnv({}, ['--demo']).payments, 'test', 'on by default with --demo');
    assert.throws(() => readEnv({ TANDEM_TEST_PAYMENTS: '0' }, ['--demo']), /No payment processor/);
    assert.equal(readEnv({ ...stripe }, []).payments, 'stripe');
    assert.equal(readEnv({ ...stripe }, ['--demo']).payments, 'stripe', 'a configured Stripe wins over the demo default');
    assert.throws(() => readEnv({ ...stripe, TANDEM_TEST_PAYMENTS: '1' }, []), /Choose one payment processor/);
    assert.throws(() => readEnv({ ...prod, TANDEM_TEST_PAYMENTS: '1' }, []), /TANDEM_TEST_PAYMENTS is not allowed with NODE_ENV=production/);
    assert.throws(() => readEnv({ ...prod }, []), /No payment processor/);
    assert.equal(readEnv({ ...prod, ...stripe }, []).payments, 'stripe');
  });

  test('production still needs TANDEM_SECRET', () => {
    assert.throws(() => readEnv({ NODE_ENV: 'production', ...stripe }, []), /TANDEM_SECRET must be set in production/);
  });

  test('slow-client limits: defaults, overrides, and headers within the request limit', () => {
    assert.deepEqual(readEnv({ TANDEM_TEST_PAYMENTS: '1' }, []).http, { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
    assert.deepEqual(readEnv({ TANDEM_TEST_PAYMENTS: '1', TANDEM_HEADERS_TIMEOUT_MS: '5000', TANDEM_REQUEST_TIMEOUT_MS: '60000', TANDEM_KEEP_ALIVE_TIMEOUT_MS: '65000' }, []).http,
      { headersTimeoutMs: 5_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 65_000 });
    assert.throws(() => readEnv({ TANDEM_TEST_PAYMENTS: '1', TANDEM_HEADERS_TIMEOUT_MS: '40000' }, []), /must not exceed/);
    assert.throws(() => readEnv({ TANDEM_TEST_PAYMENTS: '1', TANDEM_REQUEST_TIMEOUT_MS: 'soon' }, []), /positive number of milliseconds/);
  });
});
