/** The studio's own details, set by its owners and managers: the creditor data invoices and QR-bills print. */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { StudioProfileBody } from '../../../schema/api/admin-settings.ts';

export type Billing = NonNullable<typeof t.orgs.$inferSelect['billing']>;

export async function setStudioProfile(tx: Tx, orgId: string, body: StudioProfileBody): Promise<Billing> {
  const [org] = await tx.select({ billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, orgId));
  const billing: Billing = {
    // What the profile does not ask for (the invoice prefix) stays, and so does the colour when the body leaves it out.
    ...(org?.billing?.invoice_prefix ? { invoice_prefix: org.billing.invoice_prefix } : {}),
    ...(body.brand_color ? { brand_color: body.brand_color } : body.brand_color === undefined && org?.billing?.brand_color ? { brand_color: org.billing.brand_color } : {}),
    legal_name: body.legal_name, street: body.street, postal_code: body.postal_code, city: body.city, country: body.country,
    ...(body.building_number ? { building_number: body.building_number } : {}),
    ...(body.vat_number ? { vat_number: body.vat_number } : {}),
    ...(body.iban ? { iban: body.iban } : {}),
    ...(body.qr_iban ? { qr_iban: body.qr_iban } : {}),
    ...(body.email ? { email: body.email } : {}),
  };
  await tx.update(t.orgs).set({ billing, country: body.country }).where(eq(t.orgs.id, orgId));
  return billing;
}
