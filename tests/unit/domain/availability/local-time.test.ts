import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localClock } from '../../../../server/modules/availability/domain/local-time.ts';

/** What Intl says the wall clock reads: the reference the fast clock must match. */
function intlParts(zone: string, ms: number): { date: string; time: string } {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

test('local clock: the same dates and times as Intl, every 5 minutes across both DST switches and odd offsets', () => {
  const zones = ['Europe/Zurich', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo', 'UTC'];
  const spans = [['2026-03-27', '2026-04-07'], ['2026-10-23', '2026-11-04'], ['2026-12-30', '2027-01-02']];
  for (const zone of zones) {
    const clock = localClock(zone);
    for (const [from, to] of spans) {
      for (let ms = Date.parse(`${from}T00:00:00Z`); ms < Date.parse(`${to}T00:00:00Z`); ms += 5 * 60_000) {
        assert.deepEqual(clock(ms), intlParts(zone, ms), `${zone} at ${new Date(ms).toISOString()}`);
      }
    }
  }
});

test('local clock: instants asked in any order, far apart, give the same answers', () => {
  const clock = localClock('Europe/Zurich');
  const instants = [Date.parse('2027-06-01T10:00:00Z'), Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-03-29T01:00:00Z'), Date.parse('2030-10-27T00:59:00Z')];
  for (const ms of instants) assert.deepEqual(clock(ms), intlParts('Europe/Zurich', ms));
});
