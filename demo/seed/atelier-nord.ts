import type { OrgSeed } from './types.ts';

export const NORD = {
  org: '0a0d0000-0000-4000-8000-000000000002',
  owner: '0a0d0000-0000-4000-8000-0000000000a0',
  jana: '0a0d0000-0000-4000-8000-0000000000a1',
  studio: '0a0d0000-0000-4000-8000-0000000000b1',
  contemporary: '0a0d0000-0000-4000-8000-0000000000d1',
  mobility: '0a0d0000-0000-4000-8000-0000000000d2',
} as const;

const BERLIN = 'Europe/Berlin';

/** A second org, so that isolation between tenants is visible in the demo. */
export function atelierNord(demoOrigins: string[]): OrgSeed {
  return {
    org: {
      id: NORD.org, slug: 'atelier-nord', name: 'Atelier Nord', timezone: BERLIN, currency: 'EUR', defaultLocale: 'de',
      billing: { legal_name: 'Atelier Nord UG', street: 'Schanzenstraße', building_number: '7', postal_code: '20357', city: 'Hamburg', country: 'DE', iban: 'DE89370400440532013000', vat_number: 'DE123456789', invoice_prefix: 'NORD' },
    },
    origins: demoOrigins,
    keys: [
      { kind: 'publishable', key: 'pk_test_nord', label: 'Website' },
      { kind: 'secret', key: 'sk_test_nord', label: 'Scripts', staffId: NORD.owner },
    ],
    staff: [
      { id: NORD.owner, role: 'owner', name: 'Henrik Lund', email: 'henrik@ateliernord.example', timezone: BERLIN },
      { id: NORD.jana, role: 'instructor', name: 'Jana Petersen', email: 'jana@ateliernord.example', timezone: BERLIN, bio: 'Contemporary dancer and choreographer.' },
    ],
    locations: [{ id: NORD.studio, name: 'Atelier Nord', address: 'Schanzenstraße 7, 20357 Hamburg', timezone: BERLIN }],
    resources: [],
    weeklyHours: [{ instructorId: NORD.jana, days: [1, 2, 3, 4, 5], from: '10:00', to: '18:00' }],
    groupClasses: [{ instructorId: NORD.jana, title: 'Contemporary open class', weekday: 3, start: '12:00', minutes: 90 }],
    programs: [
      {
        program: {
          id: NORD.contemporary, slug: 'contemporary-private', title: 'Contemporary dance, private', category: 'private_class', deliveryMode: 'in_person',
          summary: 'A private contemporary class: technique, improvisation, or your own piece.',
          longDescriptionMd: 'Work on **technique**, improvisation or a piece of your own.',
          sessionLengthMin: 90, isMultiSession: false, defaultSessionsCount: 1, visibility: 'public', tags: ['dance'], locationId: NORD.studio,
          policies: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 },
          scheduling: { buffer_before_min: 0, buffer_after_min: 15, min_notice_min: 1440, horizon_days: 60, slot_step_min: 30 },
        },
        instructorIds: [NORD.jana],
        variants: [{ name: 'One class', sessionsCount: 1, currency: 'EUR', price: 9500, vatRateBp: 1900, sortOrder: 1 }],
      },
      {
        program: {
          id: NORD.mobility, slug: 'mobility-reset', title: 'Mobility Reset', category: 'mobility', deliveryMode: 'hybrid',
          summary: 'Four weekly sessions to get moving freely again.',
          longDescriptionMd: 'Four sessions, one a week, for stiff backs and tired hips.',
          sessionLengthMin: 60, isMultiSession: true, defaultSessionsCount: 4, visibility: 'public', tags: ['mobility'], locationId: NORD.studio,
          policies: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 },
          scheduling: { buffer_before_min: 0, buffer_after_min: 15, min_notice_min: 1440, horizon_days: 60, slot_step_min: 30, cadence: { every: 1, unit: 'week' } },
        },
        instructorIds: [NORD.jana],
        variants: [{ name: '4 sessions', sessionsCount: 4, currency: 'EUR', price: 32000, vatRateBp: 1900, sortOrder: 1 }],
      },
    ],
  };
}
