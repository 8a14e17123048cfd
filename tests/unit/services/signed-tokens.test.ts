import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signToken, verifyToken } from '../../../server/platform/signed-tokens.ts';

const secret = 'a-secret-a-secret-a-secret';
const now = new Date('2026-11-25T08:00:00Z');
const ids = { orgId: '0f1a0000-0000-4000-8000-000000000001', bookingId: '2d6d7f57-50e5-4ea2-b850-bc271538960a', customerId: '164d0cf8-e3a9-4bdf-927a-21ab2d774fda' };

describe('signed tokens', () => {
  // The manage and invoice links are opaque, revocable rows now: tests/api/identity/links.test.ts.
  test('a token verifies until it expires', () => {
    const token = signToken({ p: 'manage', exp: Math.floor(now.getTime() / 1000) + 60, o: ids.orgId }, secret);
    assert.equal(verifyToken(token, secret, 'manage', now)?.o, ids.orgId);
    assert.equal(verifyToken(token, secret, 'manage', new Date(now.getTime() + 61_000)), null);
  });

  test('tampering, another secret, another purpose: refused', () => {
    const token = signToken({ p: 'manage', exp: 2_000_000_000, o: ids.orgId, b: ids.bookingId, c: ids.customerId }, secret);
    const [body, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ p: 'manage', exp: 2_000_000_000, o: ids.orgId, b: 'another', c: ids.customerId })).toString('base64url');
    assert.equal(verifyToken(`${forged}.${mac}`, secret, 'manage', now), null);
    assert.equal(verifyToken(`${body}.${mac.slice(0, -2)}AA`, secret, 'manage', now), null);
    assert.equal(verifyToken(token, 'another-secret', 'manage', now), null);
    assert.equal(verifyToken(token, secret, 'invoice', now), null);
    assert.equal(verifyToken('garbage', secret, 'manage', now), null);
    assert.equal(verifyToken('a.b.c', secret, 'manage', now), null);
  });
});
