/**
 * The server's formats (mails, invoices): the customer's language with the studio's country, one
 * way of naming a time zone in every language, and French typography in the French sentences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDateTime, formatLocale, formatMoney, formatTime, frenchSpacing, zoneLabel, type Lang } from '../../../shared/format.ts';
import { confirmationMail, type BookingMailData } from '../../../server/modules/notifications/domain/booking-mails.ts';

const NNBSP = '\u202f';
const at = new Date('2026-12-15T13:05:00Z');

test('formats: the customer\'s language with the studio\'s country, not always <lang>-CH', () => {
  assert.equal(formatLocale('en', 'CH'), 'en-CH');
  assert.equal(formatLocale('de', 'de'), 'de-DE');
  assert.equal(formatLocale('fr', null), 'fr', 'no country on file: the language alone (Swiss formats)');
  assert.equal(formatMoney(108000, 'CHF', formatLocale('en', 'CH')), "CHF\u00a01'080.00", 'en-CH as on the invoice');
  assert.equal(formatMoney(108000, 'EUR', formatLocale('de', 'DE')), '1.080,00\u00a0€', 'a German studio writes euros the German way');
  assert.equal(formatMoney(108000, 'CHF', formatLocale('de', 'CH')), "CHF\u00a01'080.00");
  assert.equal(formatTime(at, 'Europe/Zurich', formatLocale('en', 'CH')), '14:05', '24-hour clock in Switzerland, in English too');
  assert.equal(formatTime(at, 'America/New_York', formatLocale('en', 'US')), '08:05 AM', 'an American studio\'s clock');
  assert.equal(formatDateTime(at, 'America/New_York', formatLocale('en', 'US')), 'Tuesday, December 15, 2026 at 08:05 AM', 'the American order of month and day');
});

test('French: amounts per fr-CH, no comma after the weekday', () => {
  const fr = formatLocale('fr', 'CH');
  assert.match(formatMoney(108000, 'CHF', fr), /^1[\u00a0\u202f]080\.00\u00a0CHF$/, 'grouped with a no-break space (the PDF fonts have no narrow one), CHF after');
  assert.equal(formatDateTime(at, 'Europe/Zurich', fr), 'mardi 15 décembre 2026 à 14:05');
  assert.equal(formatDate(at, 'Europe/Zurich', fr), '15 décembre 2026');
});

test('French typography: a narrow no-break space before : ; ? ! and inside « », addresses untouched', () => {
  assert.equal(frenchSpacing('Lieu : {place}'), `Lieu${NNBSP}: {place}`);
  assert.equal(frenchSpacing('marquée « paiement en retard ».'), `marquée «${NNBSP}paiement en retard${NNBSP}».`);
  assert.equal(frenchSpacing('Une question ? Oui ; non !'), `Une question${NNBSP}? Oui${NNBSP}; non${NNBSP}!`);
  assert.equal(frenchSpacing('https://studio.example/p?x=1'), 'https://studio.example/p?x=1');
});

test('the zone is named one way in every language: IANA name and UTC offset of that date', () => {
  const labels = (['en', 'de', 'fr', 'it'] as Lang[]).map((l) => zoneLabel(at, 'Europe/Zurich', l));
  assert.deepEqual(labels, Array(4).fill('Europe/Zurich (UTC+1)'));
  assert.equal(zoneLabel(new Date('2026-07-01T12:00:00Z'), 'Europe/Zurich', 'de'), 'Europe/Zurich (UTC+2)', 'summer time in July');
  assert.equal(zoneLabel(at, 'America/New_York', 'en'), 'America/New York (UTC-5)');
  assert.equal(zoneLabel(at, 'Asia/Kolkata', 'fr'), 'Asia/Kolkata (UTC+5:30)');
  assert.equal(zoneLabel(at, 'UTC', 'it'), 'UTC (UTC)');
});

function mail(lang: Lang, region: string): BookingMailData {
  return {
    lang, locale: formatLocale(lang, region), zone: 'Europe/Zurich',
    customer: { name: 'Anna', email: 'anna@example.ch' }, studio: { name: 'Studio Flow' }, program: { title: 'Reiki' }, variant: { name: 'Single' },
    instructor: { name: 'Noemi' }, place: 'Langstrasse 120, 8004 Zürich', meetingUrl: null, manageUrl: 'https://api.example/manage/abc',
    sessions: [{ seq: 1, startsAt: at, endsAt: new Date(at.getTime() + 75 * 60_000) }], toSchedule: 0,
    money: { currency: 'CHF', total: 108000, paid: 108000, installments: [] },
  } as BookingMailData;
}

test('a French confirmation mail: French spacing in its sentences, its address intact; English for a Swiss studio in Swiss formats', () => {
  const fr = confirmationMail(mail('fr', 'CH'));
  assert.match(fr.subject, new RegExp(`^Réservation confirmée${NNBSP}: Reiki$`));
  assert.match(fr.text, new RegExp(`Vos séances${NNBSP}:\\n1\\. mardi 15 décembre 2026 à 14:05–15:20`));
  assert.match(fr.text, new RegExp(`Lieu${NNBSP}: Langstrasse 120`));
  assert.match(fr.text, /https:\/\/api\.example\/manage\/abc/);
  assert.match(fr.text, /Heures en Europe\/Zurich \(UTC\+1\)\./);
  const en = confirmationMail(mail('en', 'CH'));
  assert.match(en.text, /Paid: CHF\u00a01'080\.00/);
  assert.match(en.text, /Times are in Europe\/Zurich \(UTC\+1\)\./);
});
