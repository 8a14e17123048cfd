import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { invoicePdfUrl, manageUrl, signToken, verifyInvoiceToken, verifyManageToken, verifyToken } from '../../../server/platform/signed-tokens.ts';

const secret = 'a-secret-a-secret-a-secret';
const now = new Date('2026-11-25T08:00:00Z');
const ids = { orgId: '0f1a0000-0000-4000-8000-000000000001', bookingId: '2d6d7f57-50e5-4ea2-b850-bc271538960a', customerId: '164d0cf8-e3a9-4bdf-927a-21ab2d774fda' };

describe('signed tokens', () => {
  test('the manage link verifies, names its booking, and expires 30 days after the last session (at least 90 days)', () => {
    const url = manageUrl({ publicOrigin: 'https://api.example', secret, ...ids, now, validUntil: new Date('2027-06-01T00:00:00Z') });
    const token = url.split('/manage/')[1]!;
    assert.deepEqual(verifyManageToken(token, secret, now), ids);
    assert.deepEqual(verifyManageToken(token, secret, new Date('2027-06-30T00:00:00Z')), ids);
    assert.equal(verifyManageToken(token, secret, new Date('2027-07-02T00:00:00Z')), null);
    const soon = manageUrl({ publicOrigin: 'https://api.example', secret, ...ids, now, validUntil: null }).split('/manage/')[1]!;
    assert.ok(verifyManageToken(soon, secret, new Date(now.getTime() + 89 * 86_400_000)));
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

  test('an invoice link opens only its own booking\'s invoice, for 30 days', () => {
    const url = invoicePdfUrl({ publicOrigin: 'https://api.example', secret, orgId: ids.orgId, bookingId: ids.bookingId, now });
    assert.match(url, new RegExp(`^https://api\\.example/v1/embed/bookings/${ids.bookingId}/invoice\\.pdf\\?t=`));
    const t = new URL(url).searchParams.get('t')!;
    assert.deepEqual(verifyInvoiceToken(t, secret, ids.bookingId, now), { orgId: ids.orgId });
    assert.equal(verifyInvoiceToken(t, secret, ids.customerId, now), null);
    assert.equal(verifyInvoiceToken(t, secret, ids.bookingId, new Date(now.getTime() + 31 * 86_400_000)), null);
  });
});
