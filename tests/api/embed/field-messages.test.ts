import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, postJson, problemOf } from '../../support/booking.ts';
import { requestLang } from '../../../server/platform/http/field-messages.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/** Field messages reach the customer in the booking form's language (`Accept-Language`), a missing field as "is required". */
describe('per-field messages in the request\'s language', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
  });
  after(async () => db.close());

  const book = (customer: Record<string, unknown>, lang?: string) =>
    postJson(app, '/v1/embed/bookings', { program: 'reiki', customer, sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] } }, lang ? { 'Accept-Language': lang } : {});
  const messages = async (res: Response) => {
    const p = await problemOf(res);
    assert.equal(p.code, 'validation_failed');
    return Object.fromEntries((p.errors ?? []).map((e) => [e.field, e.message]));
  };

  test('a missing field says "is required", never valibot\'s "Invalid key"', async () => {
    const m = await messages(await book({ email: 'not-an-address' }));
    assert.equal(m['customer.name'], 'is required');
    assert.equal(m['customer.email'], 'must be an email address');
  });

  test('German, French and Italian forms get their own language', async () => {
    const de = await messages(await book({ email: 'x', phone: 'abc' }, 'de-CH,de;q=0.9,en;q=0.5'));
    assert.deepEqual([de['customer.name'], de['customer.email'], de['customer.phone']], ['ist erforderlich', 'muss eine E-Mail-Adresse sein', 'muss eine Telefonnummer sein']);
    const fr = await messages(await book({ name: 'Anne', email: 'x' }, 'fr'));
    assert.equal(fr['customer.email'], 'doit être une adresse e-mail');
    const it = await messages(await book({ name: 'Anna', email: 'x' }, 'it-CH'));
    assert.equal(it['customer.email'], 'deve essere un indirizzo e-mail');
  });

  test('an unsupported language gets English', async () => {
    const m = await messages(await book({ email: 'x' }, 'rm'));
    assert.equal(m['customer.email'], 'must be an email address');
  });

  test('Accept-Language is read by its q-values', () => {
    assert.equal(requestLang('en;q=0.2, fr;q=0.8'), 'fr');
    assert.equal(requestLang('rm, it;q=0.5'), 'it');
    assert.equal(requestLang('de;q=0'), 'en');
    assert.equal(requestLang(undefined), 'en');
  });
});
