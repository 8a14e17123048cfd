import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { codeHash, derivedToken, identityToken, identityTokenOf, newCode, sameDigest, tokenHash } from '../../../server/modules/identity/secrets.ts';
import { linkTokenOf } from '../../../server/modules/bookings/index.ts';
import { CODE_TTL_MS, LOCK_MS, MAX_FAILED_ATTEMPTS, judgeAttempt, normalizeCode, type CodeState } from '../../../server/modules/identity/domain/index.ts';

const secret = 'a-secret-a-secret-a-secret';
const now = Date.parse('2026-11-25T08:00:00Z');
const ids = { orgId: '0f1a0000-0000-4000-8000-000000000001', rowId: '2d6d7f57-50e5-4ea2-b850-bc271538960a' };

describe('identity tokens and codes', () => {
  test('a token is derived from its row and purpose, names nothing readable, and only its hash is stored', () => {
    const token = derivedToken(secret, 'link:manage', ids.rowId);
    assert.equal(token, derivedToken(secret, 'link:manage', ids.rowId), 'the same row gives the same token (a second mail, a replay)');
    assert.notEqual(token, derivedToken(secret, 'link:invoice', ids.rowId), 'a manage token is no invoice token');
    assert.notEqual(token, derivedToken('another-secret', 'link:manage', ids.rowId));
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const decoded = Buffer.from(token, 'base64url').toString('hex');
    assert.ok(!decoded.includes(ids.rowId.replaceAll('-', '')));
    assert.equal(linkTokenOf(token), token);
    assert.equal(linkTokenOf(`${token}.x`), undefined);
    assert.match(tokenHash(token), /^[0-9a-f]{64}$/);
    assert.notEqual(tokenHash(token), token);
    const identity = identityToken(secret, ids.rowId);
    assert.equal(identityTokenOf(identity), identity);
    assert.equal(identityTokenOf(token), undefined, 'a link token is no identity token');
  });

  test('codes: six digits, stored as a keyed hash of org, address and code, compared in constant time', () => {
    for (let i = 0; i < 50; i++) assert.match(newCode(), /^\d{6}$/);
    const h = codeHash(secret, ids.orgId, 'a@b.ch', '012345');
    assert.ok(sameDigest(h, codeHash(secret, ids.orgId, 'a@b.ch', '012345')));
    assert.ok(!sameDigest(h, codeHash(secret, ids.orgId, 'a@b.ch', '012346')));
    assert.ok(!sameDigest(h, codeHash(secret, ids.orgId, 'c@b.ch', '012345')), 'another address');
    assert.ok(!sameDigest(h, codeHash('another-secret', ids.orgId, 'a@b.ch', '012345')));
    assert.ok(!sameDigest(h, ''));
    assert.equal(normalizeCode(' 012-345 '), '012345');
    assert.equal(normalizeCode('01234'), null);
    assert.equal(normalizeCode('abcdef'), null);
  });

  test('attempts: a right code within 10 minutes passes; wrong ones count and the fifth locks for 15 minutes', () => {
    const fresh: CodeState = { hasCode: true, codeExpiresAt: now + CODE_TTL_MS, failedAttempts: 0, lockedUntil: null };
    assert.deepEqual(judgeAttempt(fresh, true, now), { ok: true });
    assert.deepEqual(judgeAttempt(fresh, true, now + CODE_TTL_MS), { ok: false, reason: 'expired' });
    assert.deepEqual(judgeAttempt(fresh, false, now), { ok: false, reason: 'invalid', failedAttempts: 1, attemptsLeft: 4, lockUntil: null });
    const fourth: CodeState = { ...fresh, failedAttempts: MAX_FAILED_ATTEMPTS - 1 };
    assert.deepEqual(judgeAttempt(fourth, false, now), { ok: false, reason: 'invalid', failedAttempts: 0, attemptsLeft: 0, lockUntil: now + LOCK_MS });
    const locked: CodeState = { ...fresh, lockedUntil: now + LOCK_MS };
    assert.deepEqual(judgeAttempt(locked, true, now + 1000), { ok: false, reason: 'locked', retryAfterMs: LOCK_MS - 1000 });
    // After the lock the count starts afresh.
    const after: CodeState = { ...fresh, failedAttempts: 3, lockedUntil: now - 1 };
    assert.deepEqual(judgeAttempt(after, false, now), { ok: false, reason: 'invalid', failedAttempts: 1, attemptsLeft: 4, lockUntil: null });
    // No code at all (never asked, or used up): a wrong code like any other.
    assert.equal(judgeAttempt(null, false, now).ok, false);
    assert.equal(judgeAttempt({ ...fresh, hasCode: false }, true, now).ok, false);
  });
});
