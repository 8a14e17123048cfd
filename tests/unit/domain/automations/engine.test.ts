/** Automations' pure rules: conditions, delays, retries, which passed times a sweep finds, new segment members, mail words, quiet hours. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACTION_RETRY_DELAYS_MS, checkConditions, isSwept, mailSendAt, mailTextOf, newMembers, nextActionAttempt, passedAnchors, runDueAt, triggerEventOf, triggerKeys,
} from '../../../../server/modules/automations/domain/index.ts';

const P = '00000000-0000-4000-8000-000000000001';
const Q = '00000000-0000-4000-8000-000000000002';
const at = (iso: string) => new Date(iso).getTime();

describe('automation conditions', () => {
  test('no conditions: every run goes', () => {
    assert.deepEqual(checkConditions({}, { programId: null, variantId: null, inSegment: null }), { ok: true });
  });
  test('program, variant and segment each refuse with their own reason, in that order', () => {
    assert.deepEqual(checkConditions({ program_ids: [P] }, { programId: Q, variantId: null, inSegment: null }), { ok: false, reason: 'program' });
    assert.deepEqual(checkConditions({ program_ids: [P] }, { programId: null, variantId: null, inSegment: null }), { ok: false, reason: 'program' }, 'no booking: no program');
    assert.deepEqual(checkConditions({ program_ids: [P, Q], variant_ids: [P] }, { programId: Q, variantId: Q, inSegment: true }), { ok: false, reason: 'variant' });
    assert.deepEqual(checkConditions({ segment_id: P }, { programId: null, variantId: null, inSegment: false }), { ok: false, reason: 'segment' });
    assert.deepEqual(checkConditions({ program_ids: [P], variant_ids: [Q], segment_id: P }, { programId: P, variantId: Q, inSegment: true }), { ok: true });
  });
});

describe('automation timing', () => {
  test('a run is due after the delay', () => {
    assert.equal(runDueAt(at('2026-12-01T10:00:00Z'), 90), at('2026-12-01T11:30:00Z'));
    assert.equal(runDueAt(5, 0), 5);
  });
  test('a failed action is tried again with growing waits, then fails for good', () => {
    const now = at('2026-12-01T10:00:00Z');
    const waits = ACTION_RETRY_DELAYS_MS.map((_, i) => nextActionAttempt(i + 1, now)! - now);
    assert.deepEqual(waits, [30_000, 120_000, 600_000, 3_600_000, 21_600_000]);
    assert.equal(nextActionAttempt(ACTION_RETRY_DELAYS_MS.length + 1, now), null);
  });
  test('a sweep finds each anchor time + offset once, across consecutive windows', () => {
    const anchors = [
      { subjectId: 's1', bookingId: 'b', customerId: 'c', at: at('2026-12-01T09:00:00Z') },
      { subjectId: 's2', bookingId: 'b', customerId: 'c', at: at('2026-12-01T10:00:00Z') },
    ];
    const offset = 24 * 60; // 24 h after
    const w1 = passedAnchors(anchors, offset, at('2026-12-02T08:00:00Z'), at('2026-12-02T09:00:00Z'));
    const w2 = passedAnchors(anchors, offset, at('2026-12-02T09:00:00Z'), at('2026-12-02T10:05:00Z'));
    assert.deepEqual(w1.map((a) => a.subjectId), ['s1'], 'the window\'s end is in, its start is not');
    assert.deepEqual(w2.map((a) => a.subjectId), ['s2']);
    assert.equal(w2[0]!.fireAt, at('2026-12-02T10:00:00Z'));
    assert.deepEqual(passedAnchors(anchors, -120, at('2026-12-01T06:59:00Z'), at('2026-12-01T07:00:00Z')).map((a) => a.subjectId), ['s1'], 'two hours before');
  });
  test('the trigger keys: a moved session has a new key, a segment entry one per customer', () => {
    assert.notEqual(triggerKeys.time('session_end', 's1', '2026-12-01T10:00:00.000Z'), triggerKeys.time('session_end', 's1', '2026-12-02T10:00:00.000Z'));
    assert.equal(triggerKeys.segment(P, Q), `segment:${P}:${Q}`);
    assert.equal(triggerKeys.event('e1'), 'event:e1');
  });
  test('events are matched by index; segment and time triggers are the schedule\'s', () => {
    assert.equal(triggerEventOf({ kind: 'event', event: 'booking.confirmed' }), 'booking.confirmed');
    assert.equal(triggerEventOf({ kind: 'segment_entered', segment_id: P }), null);
    assert.equal(isSwept({ kind: 'event', event: 'booking.confirmed' }), false);
    assert.equal(isSwept({ kind: 'session_time', anchor: 'session_end', offset_minutes: 1440 }), true);
  });
  test('segment members not seen before, each once', () => {
    assert.deepEqual(newMembers(['a', 'b', 'c', 'b'], new Set(['b'])), ['a', 'c']);
    assert.deepEqual(newMembers([], new Set(['b'])), []);
  });
});

describe('automation mail', () => {
  const mail = { type: 'send_mail' as const, marketing: false, subject: { en: 'Hi', de: 'Hallo', fr: ' ' }, body_md: { en: 'Body', de: 'Text' } };
  test('the customer\'s language, else English', () => {
    assert.deepEqual(mailTextOf(mail, 'de'), { subject: 'Hallo', bodyMd: 'Text' });
    assert.deepEqual(mailTextOf(mail, 'fr'), { subject: 'Hi', bodyMd: 'Body' }, 'blank words fall back');
    assert.deepEqual(mailTextOf(mail, 'it'), { subject: 'Hi', bodyMd: 'Body' });
  });
  test('no mail in the quiet hours: it waits until 07:00 in the customer\'s zone, across the DST change', () => {
    assert.equal(mailSendAt(at('2026-12-01T12:00:00Z'), 'Europe/Zurich'), at('2026-12-01T12:00:00Z'));
    assert.equal(mailSendAt(at('2026-12-01T22:30:00Z'), 'Europe/Zurich'), at('2026-12-02T06:00:00Z'), '23:30 in Zurich: at 07:00 CET');
    assert.equal(mailSendAt(at('2026-03-28T23:00:00Z'), 'Europe/Zurich'), at('2026-03-29T05:00:00Z'), 'the night clocks go forward: 07:00 CEST');
  });
});
