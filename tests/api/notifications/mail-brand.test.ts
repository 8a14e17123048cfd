/**
 * Mails branded with the studio's name and colour (issue 12, polish): the colour is set in the
 * studio profile (`brand_color`, #rrggbb), kept when a later profile update leaves it out, and every
 * HTML mail the studio sends opens with a band of its name on that colour (a neutral one without).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { skFlow } from '../../support/admin-money.ts';
import { NEUTRAL_BRAND } from '../../../server/modules/notifications/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const FLOW_PROFILE = {
  legal_name: 'Studio Flow GmbH', street: 'Langstrasse', building_number: '120', postal_code: '8004', city: 'Zürich', country: 'CH',
  iban: 'CH9300762011623852957', qr_iban: 'CH4431999123000889012', vat_number: 'CHE-123.456.789 MWST', email: 'hallo@studioflow.example',
};

describe('mails in the studio\'s name and colour', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let reiki = '';
  let free: string[] = [];

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    reiki = (await demoVariants(app)).reiki![0]!;
    const slots = await (await app.request('/v1/embed/programs/reiki/slots?from=2026-12-07&to=2026-12-20&tz=Europe/Zurich', { headers: flowKey })).json() as { days: { slots: { start: string }[] }[] };
    // One time a day, so that no booking takes another's.
    free = slots.days.filter((d) => d.slots.length).map((d) => d.slots[0]!.start);
  });
  after(async () => db.close());

  const putProfile = (body: Record<string, unknown>) => app.request('/v1/admin/studio/profile', {
    method: 'PUT', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body),
  });

  /** A paid Reiki booking's confirmation mail (HTML part). */
  async function confirmationHtml(): Promise<string> {
    const b = await reserve(app, { program: 'reiki', variant: reiki, customer: customer(), sessions: { mode: 'explicit', starts: [free.shift()!] } });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const [mail] = await query(db.db, sql`select html_body from mail_outbox where dedupe_key = ${`booking:${b.id}:confirmation`}`);
    assert.ok(mail, 'a confirmation mail');
    return String(mail.html_body);
  }

  test('without a colour: the studio\'s name on a neutral band', async () => {
    const html = await confirmationHtml();
    assert.match(html, new RegExp(`<body[^>]*><div style="background:${NEUTRAL_BRAND};color:#ffffff;[^"]*">Studio Flow</div>`));
  });

  test('the studio sets its colour: the band carries it, the text on it contrasts, and a profile update without it keeps it', async () => {
    const bad = await putProfile({ ...FLOW_PROFILE, brand_color: 'green' });
    assert.equal(bad.status, 400);
    assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field), ['brand_color']);

    const saved = await putProfile({ ...FLOW_PROFILE, brand_color: '#2F9E44' });
    assert.equal(saved.status, 200, await saved.clone().text());
    assert.equal((await saved.json() as { brand_color?: string }).brand_color, '#2f9e44');
    assert.match(await confirmationHtml(), /<body[^>]*><div style="background:#2f9e44;color:#000000;[^"]*">Studio Flow<\/div>/);

    const kept = await putProfile({ ...FLOW_PROFILE, city: 'Zürich' });
    assert.equal((await kept.json() as { brand_color?: string }).brand_color, '#2f9e44', 'left out: kept');
    const dark = await putProfile({ ...FLOW_PROFILE, brand_color: '#1d3557' });
    assert.equal(dark.status, 200);
    const html = await confirmationHtml();
    assert.match(html, /<div style="background:#1d3557;color:#ffffff;[^"]*">Studio Flow<\/div>/);
    assert.match(html, /<a style="color:#1d3557" href="http[^"]+\/manage\//, 'the manage link in the studio\'s colour');

    const cleared = await putProfile({ ...FLOW_PROFILE, brand_color: null });
    assert.equal((await cleared.json() as { brand_color?: string }).brand_color, undefined, 'null: none');
  });
});
