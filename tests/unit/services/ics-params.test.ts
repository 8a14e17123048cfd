/** Issue 11 (low): names in ATTENDEE / ORGANIZER parameters cannot add parameters or end the property's name part. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionsIcs } from '../../../server/modules/notifications/ics.ts';
import { paramValue } from '../../../shared/ics.ts';
import { parseIcs } from '../../support/mime.ts';

/** RFC 5545 §3.1 parameters, strictly: `;NAME=value` where value is paramtext (no `";:,` or controls) or a quoted string without `"`. */
function strictParams(params: string): [string, string][] {
  const out: [string, string][] = [];
  const re = /;([A-Za-z0-9-]+)=("[^"\u0000-\u001f\u007f]*"|[^";:,\u0000-\u001f\u007f]*)/y;
  let at = 0;
  while (at < params.length) {
    re.lastIndex = at;
    const m = re.exec(params);
    if (!m) throw new Error(`not a parameter list: ${params.slice(at)}`);
    out.push([m[1]!.toUpperCase(), m[2]!.replace(/^"|"$/g, '')]);
    at = re.lastIndex;
  }
  return out;
}

describe('.ics parameter values', () => {
  const evil = 'Eve";ROLE=CHAIR;X-EVIL="1:mailto:boss@studio.example,\r\nATTENDEE:mailto:x@evil.example';
  const ics = sessionsIcs({
    method: 'REQUEST', title: 'Reiki', now: new Date('2026-11-25T08:00:00Z'),
    organizer: { name: 'Studio "Flow"; Zürich', email: 'hallo@studioflow.example' },
    attendee: { name: evil, email: 'eve@example.ch' },
    sessions: [{ id: '11111111-1111-4111-8111-111111111111', startsAt: new Date('2026-12-02T09:00:00Z'), endsAt: new Date('2026-12-02T10:00:00Z'), revision: 0 }],
  });
  const event = parseIcs(ics).children[0]!.children.find((c) => c.name === 'VEVENT')!;

  test('one attendee, its parameters parse strictly, CN is the name without the characters that could break out', () => {
    const attendees = event.props.filter((p) => p.name === 'ATTENDEE');
    assert.equal(attendees.length, 1);
    const params = strictParams(attendees[0]!.params);
    assert.deepEqual(params.filter(([n]) => n === 'ROLE').map(([, v]) => v), ['REQ-PARTICIPANT'], 'no second ROLE');
    assert.ok(!params.some(([n]) => n.startsWith('X-')), 'no added parameter');
    assert.equal(params.find(([n]) => n === 'CN')![1], 'EveROLE=CHAIRX-EVIL=1mailtoboss@studio.exampleATTENDEEmailtox@evil.example');
    assert.equal(attendees[0]!.value, 'mailto:eve@example.ch');
  });

  test('the organizer too', () => {
    const organizer = event.props.find((p) => p.name === 'ORGANIZER')!;
    assert.equal(strictParams(organizer.params).find(([n]) => n === 'CN')![1], 'Studio Flow Zürich');
  });

  test('paramValue', () => {
    assert.equal(paramValue('Müller, Ana'), 'Müller Ana');
    assert.equal(paramValue('a\u0000b\u007fc"d;e:f,g'), 'abcdefg');
  });
});
