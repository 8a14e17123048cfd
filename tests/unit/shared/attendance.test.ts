/** When staff may record attendance (shared/attendance.ts), at the edges of its windows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECK_IN_OPENS_MS, checkInOpen, noShowOpen, takesAttendance } from '../../../shared/attendance.ts';

const start = Date.parse('2026-12-09T09:00:00Z');

test('only a paid booking that is not over takes attendance in the console', () => {
  assert.deepEqual(['reserved', 'confirmed', 'in_progress', 'completed', 'cancelled'].filter(takesAttendance), ['confirmed', 'in_progress']);
});

test('check-in opens an hour before the start and stays open after it', () => {
  assert.equal(CHECK_IN_OPENS_MS, 3_600_000);
  assert.equal(checkInOpen(start, start - CHECK_IN_OPENS_MS - 1), false);
  assert.equal(checkInOpen(start, start - CHECK_IN_OPENS_MS), true);
  assert.equal(checkInOpen(start, start + 3 * 86_400_000), true);
});

test('a no-show is possible from the start, not before', () => {
  assert.equal(noShowOpen(start, start - 1), false);
  assert.equal(noShowOpen(start, start), true);
});
