import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { isDatabaseUnavailable } from '../../../server/platform/http/database-outage.ts';
import { errorFacts } from '../../../server/platform/http/safe-log.ts';
import { isLoopbackAddress } from '../../../server/platform/http/loopback.ts';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database outages are told apart from request errors', () => {
  test('connection-level codes, through Drizzle\'s wrapping', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '08001', '53300']) {
      assert.equal(isDatabaseUnavailable(coded(code)), true, code);
      assert.equal(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], coded(code))), true, `${code} wrapped`);
    }
    assert.equal(isDatabaseUnavailable(new AggregateError([coded('ECONNREFUSED')])), true, 'happy eyeballs');
  });
  test('constraint violations, bad input and bugs are not outages', () => {
    for (const code of ['23505', '23P01', '22P02', '40001', '42P01']) assert.equal(isDatabaseUnavailable(new DrizzleQueryError('insert', [], coded(code))), false, code);
    assert.equal(isDatabaseUnavailable(new TypeError('x is undefined')), false);
    assert.equal(isDatabaseUnavailable(undefined), false);
  });
});

describe('error logs carry codes, never values', () => {
  test('a Drizzle error: SQLSTATE and constraint, not the query\'s parameters or the server\'s message', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "customers_email_key"'), {
      code: '23505', constraint_name: 'customers_email_key', detail: 'Key (email)=(anna@example.com) already exists.',
    });
    const error = new DrizzleQueryError('insert into customers (name, email) values ($1, $2)', ['Anna Muster', 'anna@example.com'], cause);
    const facts = errorFacts(error);
    assert.equal(facts.error, 'DrizzleQueryError');
    assert.equal(facts.sqlstate, '23505');
    assert.equal(facts.constraint, 'customers_email_key');
    const text = JSON.stringify(facts);
    for (const secret of ['anna@example.com', 'Anna Muster', 'values', 'duplicate key']) assert.ok(!text.includes(secret), `no "${secret}" in ${text}`);
  });
  test('a driver connection error keeps its code', () => {
    assert.equal(errorFacts(coded('CONNECTION_CLOSED', 'write CONNECTION_CLOSED db.internal:5432')).code, 'CONNECTION_CLOSED');
  });
});

test('loopback addresses', () => {
  for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) assert.equal(isLoopbackAddress(a), true, a);
  for (const a of ['10.0.0.1', '203.0.113.7', '::ffff:192.168.1.1', 'fe80::1', '', undefined]) assert.equal(isLoopbackAddress(a), false, String(a));
});
