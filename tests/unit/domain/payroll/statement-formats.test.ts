/**
 * A payroll statement's amounts follow the studio's country (issue 12, formats per region): the
 * statement query gives the studio's language with its country (`de-DE`: `1.080,00 €`); without
 * one, Swiss formats as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderStatementPdf, ruleText, type StatementDocument } from '../../../../server/modules/payroll/statement-pdf.ts';
import { formatLocale } from '../../../../shared/format.ts';
import { pdfText } from '../../../support/admin-money.ts';

const doc = (locale?: StatementDocument['locale']): StatementDocument => ({
  studio: 'Atelier Nord', zone: 'Europe/Berlin', lang: 'de', ...(locale ? { locale } : {}),
  period: { id: 'p', startsOn: '2026-12-01', endsOn: '2026-12-31', status: 'open', closedAt: null, closedBy: null, paidOn: null, paidReference: null, paidAt: null },
  staff: { id: 's', name: 'Jana Petersen' },
  lines: [{
    id: 'e', staffId: 's', staffName: 'Jana Petersen', kind: 'session', amount: 108000, currency: 'EUR', earnedOn: '2026-12-09', earnedAt: new Date('2026-12-09T10:00:00Z'),
    bookingId: 'b', sessionId: 'x', sessionSeq: 1, sessionStartsAt: new Date('2026-12-09T09:00:00Z'), programId: 'g', programTitle: 'Mobility Reset', customerName: 'Anna Keller',
    ruleId: 'r', rule: { kind: 'per_session', value: 108000 }, inputs: {}, adjustsId: null, reason: null,
  }],
});

test('a German studio\'s statement: 1.080,00 € per session and in the total', async () => {
  assert.equal(ruleText({ kind: 'per_session', value: 108000 }, 'EUR', 'de', formatLocale('de', 'DE')), '1.080,00\u00a0€ pro Sitzung');
  const text = pdfText(await renderStatementPdf(doc(formatLocale('de', 'DE'))));
  assert.ok(text.includes('1.080,00\u00a0€'), text);
  assert.doesNotMatch(text, /EUR|1'080/, text);
});

test('without a country: Swiss formats, as before', async () => {
  const text = pdfText(await renderStatementPdf(doc()));
  assert.ok(text.includes("EUR\u00a01'080.00"), text);
});
