import type { OrgSeed } from './types.ts';

/** Fixed ids so links, docs and tests can name demo rows. */
export const FLOW = {
  org: '0f1a0000-0000-4000-8000-000000000001',
  mara: '0f1a0000-0000-4000-8000-0000000000a1',
  luca: '0f1a0000-0000-4000-8000-0000000000a2',
  noemi: '0f1a0000-0000-4000-8000-0000000000a3',
  owner: '0f1a0000-0000-4000-8000-0000000000a0',
  studio: '0f1a0000-0000-4000-8000-0000000000b1',
  roomLotus: '0f1a0000-0000-4000-8000-0000000000c1',
  roomStudioA: '0f1a0000-0000-4000-8000-0000000000c2',
  evolve: '0f1a0000-0000-4000-8000-0000000000d1',
  split: '0f1a0000-0000-4000-8000-0000000000d2',
  reiki: '0f1a0000-0000-4000-8000-0000000000d3',
  privateYoga: '0f1a0000-0000-4000-8000-0000000000d4',
  demoCustomer: '0f1a0000-0000-4000-8000-0000000000e1',
  privateYogaLink: 'pyoga-7Hq2xK9mWd4R',
} as const;

const ZURICH = 'Europe/Zurich';
const VAT = 810; // Swiss standard rate, 8.1 %

export function studioFlow(demoOrigins: string[]): OrgSeed {
  // Pictures are served by the demo site itself, so the demo works offline.
  const img = (name: string) => `${demoOrigins[0] ?? ''}/img/${name}`;
  return {
    org: {
      id: FLOW.org, slug: 'studio-flow', name: 'Studio Flow', timezone: ZURICH, currency: 'CHF', defaultLocale: 'de',
      billing: {
        legal_name: 'Studio Flow GmbH', street: 'Langstrasse', building_number: '120', postal_code: '8004', city: 'Zürich', country: 'CH',
        iban: 'CH9300762011623852957', qr_iban: 'CH4431999123000889012', vat_number: 'CHE-123.456.789 MWST', email: 'hallo@studioflow.example', invoice_prefix: 'FLOW',
      },
    },
    origins: demoOrigins,
    keys: [
      { kind: 'publishable', key: 'pk_test_flow', label: 'Website' },
      { kind: 'secret', key: 'sk_test_flow', label: 'Scripts', staffId: FLOW.owner },
    ],
    staff: [
      { id: FLOW.owner, role: 'owner', name: 'Sandra Huber', email: 'sandra@studioflow.example', timezone: ZURICH },
      { id: FLOW.mara, role: 'instructor', name: 'Mara Keller', email: 'mara@studioflow.example', timezone: ZURICH,
        bio: 'Certified systemic coach (ICF PCC) and yoga teacher. Twelve years of helping people make one clear change at a time.' },
      { id: FLOW.luca, role: 'instructor', name: 'Luca Brunner', email: 'luca@studioflow.example', timezone: ZURICH,
        bio: 'Former contemporary dancer, now teaching mobility and flexibility. Patient, precise, and a little obsessed with hips.' },
      { id: FLOW.noemi, role: 'instructor', name: 'Noemi Frei', email: 'noemi@studioflow.example', timezone: ZURICH,
        bio: 'Reiki master (Usui Shiki Ryoho) with a quiet practice room above the courtyard.' },
    ],
    locations: [{ id: FLOW.studio, name: 'Studio Flow, Langstrasse', address: 'Langstrasse 120, 8004 Zürich', timezone: ZURICH }],
    resources: [
      { id: FLOW.roomLotus, locationId: FLOW.studio, name: 'Lotus room' },
      { id: FLOW.roomStudioA, locationId: FLOW.studio, name: 'Studio A' },
    ],
    weeklyHours: [
      { instructorId: FLOW.mara, days: [1, 2, 3, 4, 5], from: '09:00', to: '12:00' },
      { instructorId: FLOW.mara, days: [1, 2, 3, 4], from: '14:00', to: '18:00' },
      { instructorId: FLOW.luca, days: [2, 3, 4, 5, 6], from: '07:00', to: '11:00' },
      { instructorId: FLOW.luca, days: [2, 3, 4], from: '17:00', to: '20:30' },
      { instructorId: FLOW.noemi, days: [1, 3, 5], from: '10:00', to: '17:00' },
      { instructorId: FLOW.noemi, days: [6], from: '09:00', to: '13:00' },
    ],
    groupClasses: [
      { instructorId: FLOW.luca, resourceId: FLOW.roomStudioA, title: 'Vinyasa Flow', weekday: 2, start: '18:00', minutes: 75 },
      { instructorId: FLOW.luca, resourceId: FLOW.roomStudioA, title: 'Mobility Lab', weekday: 4, start: '18:30', minutes: 60 },
      { instructorId: FLOW.mara, resourceId: FLOW.roomStudioA, title: 'Breathwork circle', weekday: 1, start: '16:00', minutes: 60 },
    ],
    programs: [
      {
        program: {
          id: FLOW.evolve, slug: 'evolve', title: 'EVOLVE — holistic coaching', category: 'coaching', deliveryMode: 'hybrid',
          summary: 'One-to-one coaching over four or eight weeks: one clear goal, weekly sessions, small steps that last.',
          longDescriptionMd: [
            'EVOLVE is a coaching program for people who know something has to change but not yet **how**.',
            '',
            'Over four or eight weekly sessions we clarify one goal, find what is in the way, and build habits you can keep after the program ends. Sessions take place in the studio or online, whichever suits the week.',
            '',
            '- a written plan after the first session',
            '- short exercises between sessions (15 minutes a day at most)',
            '- a message thread with Mara for questions between sessions',
          ].join('\n'),
          sessionLengthMin: 60, isMultiSession: true, defaultSessionsCount: 8, visibility: 'public', tags: ['coaching', 'habits', 'online possible'],
          locationId: FLOW.studio, meetingUrl: 'https://meet.studioflow.example/evolve',
          media: [
            { kind: 'image', role: 'banner', url: img('evolve-banner.svg'), alt: 'Two chairs facing each other by a sunny window' },
            { kind: 'image', role: 'thumbnail', url: img('evolve-thumb.svg'), alt: 'A notebook with a written plan' },
          ],
          details: {
            itinerary: [
              { title: 'Session 1: where you are', description: 'A clear picture of the present and one goal worth the effort.' },
              { title: 'Sessions 2–3: what is in the way', description: 'Patterns, beliefs and the practical obstacles.' },
              { title: 'Sessions 4–7: small steps', description: 'Weekly experiments, reviewed together.' },
              { title: 'Session 8: keeping it', description: 'A plan for the months after the program.' },
            ],
            outcomes: ['One goal, written down and measurable', 'Three habits that fit your week', 'A plan for the time after the program'],
            host_bio_md: 'Mara Keller is a **certified systemic coach** (ICF PCC) and yoga teacher.',
            testimonials: [
              { quote: 'I finally changed jobs — and it was calmer than I feared.', author: 'Corinne, 41' },
              { quote: 'Eight weeks, eight small steps. They stuck.', author: 'Jonas, 34' },
            ],
            faq: [
              { question: 'Can I switch between studio and online?', answer: 'Yes, session by session.' },
              { question: 'What if I miss a week?', answer: 'Move the session up to 24 hours before it, free of charge.' },
            ],
          },
          policies: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000, notes: 'Sessions can be moved free of charge up to 24 hours before.' },
          scheduling: { buffer_before_min: 0, buffer_after_min: 15, min_notice_min: 720, horizon_days: 90, slot_step_min: 30, cadence: { every: 1, unit: 'week' } },
        },
        instructorIds: [FLOW.mara],
        variants: [
          { name: '4-session pack', sessionsCount: 4, currency: 'CHF', price: 58000, vatRateBp: VAT, depositAmount: 15000, sortOrder: 1,
            payPlanJson: { deposit: { kind: 'fixed', amount: 15000 }, installments: 3, every: { weeks: 2 }, schedule: 'interval' } },
          { name: '8-session pack', sessionsCount: 8, currency: 'CHF', price: 108000, vatRateBp: VAT, depositAmount: 30000, sortOrder: 2,
            payPlanJson: { deposit: { kind: 'fixed', amount: 30000 }, installments: 3, every: { weeks: 2 }, schedule: 'interval' } },
        ],
        intakeForm: {
          isRequired: true,
          // The order is data (x-order): the database keeps no key order. Choices carry labels per language.
          schema: {
            type: 'object',
            required: ['goal', 'experience', 'consent'],
            'x-order': ['goal', 'experience', 'focus', 'hours_per_week', 'start_by', 'online_ok', 'consent'],
            properties: {
              goal: { type: 'string', title: 'What would you like to change in the coming months?', minLength: 10, maxLength: 2000, 'x-widget': 'textarea',
                'x-i18n': { de: { title: 'Was möchten Sie in den nächsten Monaten verändern?' }, fr: { title: 'Que souhaitez-vous changer dans les mois à venir ?' }, it: { title: 'Che cosa vorrebbe cambiare nei prossimi mesi?' } } },
              experience: { type: 'string', title: 'Have you worked with a coach before?', enum: ['never', 'once', 'regularly'], enumNames: ['Never', 'Once', 'Regularly'],
                'x-i18n': {
                  de: { title: 'Haben Sie schon mit einem Coach gearbeitet?', enumNames: ['Nie', 'Einmal', 'Regelmässig'] },
                  fr: { title: 'Avez-vous déjà travaillé avec un coach ?', enumNames: ['Jamais', 'Une fois', 'Régulièrement'] },
                  it: { title: 'Ha già lavorato con un coach?', enumNames: ['Mai', 'Una volta', 'Regolarmente'] },
                } },
              focus: { type: 'array', title: 'Which areas matter most?', items: { type: 'string', enum: ['career', 'relationships', 'health', 'confidence'] }, uniqueItems: true,
                enumNames: ['Career', 'Relationships', 'Health', 'Confidence'],
                'x-i18n': {
                  de: { title: 'Welche Bereiche sind Ihnen am wichtigsten?', enumNames: ['Beruf', 'Beziehungen', 'Gesundheit', 'Selbstvertrauen'] },
                  fr: { title: 'Quels domaines comptent le plus ?', enumNames: ['Carrière', 'Relations', 'Santé', 'Confiance en soi'] },
                  it: { title: 'Quali ambiti contano di più?', enumNames: ['Carriera', 'Relazioni', 'Salute', 'Fiducia in sé'] },
                } },
              hours_per_week: { type: 'number', title: 'How many hours a week can you give this?', minimum: 0, maximum: 40,
                'x-i18n': { de: { title: 'Wie viele Stunden pro Woche können Sie dafür aufwenden?' }, fr: { title: 'Combien d\'heures par semaine pouvez-vous y consacrer ?' }, it: { title: 'Quante ore alla settimana può dedicarci?' } } },
              start_by: { type: 'string', format: 'date', title: 'When would you like to start at the latest?',
                'x-i18n': { de: { title: 'Wann möchten Sie spätestens beginnen?' }, fr: { title: 'Quand souhaitez-vous commencer au plus tard ?' }, it: { title: 'Quando vorrebbe iniziare al più tardi?' } } },
              online_ok: { type: 'boolean', title: 'Are online sessions fine for you?',
                'x-i18n': { de: { title: 'Sind Online-Sitzungen für Sie in Ordnung?' }, fr: { title: 'Les séances en ligne vous conviennent-elles ?' }, it: { title: 'Le sessioni online vanno bene per lei?' } } },
              consent: { type: 'boolean', const: true, title: 'I understand coaching is not therapy and agree to the studio\'s terms.',
                'x-i18n': {
                  de: { title: 'Ich verstehe, dass Coaching keine Therapie ist, und stimme den Bedingungen des Studios zu.' },
                  fr: { title: 'Je comprends que le coaching n\'est pas une thérapie et j\'accepte les conditions du studio.' },
                  it: { title: 'Capisco che il coaching non è una terapia e accetto le condizioni dello studio.' },
                } },
            },
          },
        },
        milestones: [
          { name: 'Goal written down', descriptionMd: 'One goal, in one sentence, with a date.', dueDayOffset: 7 },
          { name: 'Obstacles mapped', descriptionMd: 'What stood in the way so far, and what helps.', dueDayOffset: 21 },
          { name: 'Three habits running', descriptionMd: 'Three small habits, tracked for two weeks.', dueDayOffset: 42 },
          { name: 'Plan for afterwards', descriptionMd: 'How you keep going once the program ends.', dueDayOffset: 56 },
        ],
      },
      {
        program: {
          id: FLOW.split, slug: 'split', title: 'SPLIT — your grand écart in six weeks', category: 'mobility', deliveryMode: 'in_person',
          summary: 'Six weekly private sessions towards the front and side splits, with a short daily routine between them.',
          longDescriptionMd: 'SPLIT is for dancers, climbers, yogis and the simply curious who want the **grand écart** without forcing it.\n\nEach session measures progress, adjusts your routine and works on the hips, hamstrings and adductors with active flexibility methods.',
          sessionLengthMin: 60, isMultiSession: true, defaultSessionsCount: 6, visibility: 'public', tags: ['flexibility', 'mobility', 'dance'],
          locationId: FLOW.studio,
          media: [{ kind: 'image', role: 'banner', url: img('split-banner.svg'), alt: 'A dancer in a side split on a wooden floor' }],
          details: {
            itinerary: [
              { title: 'Week 1', description: 'Assessment and your first routine.' },
              { title: 'Weeks 2–5', description: 'Progressions for front and side splits.' },
              { title: 'Week 6', description: 'Measurement, and a routine to keep.' },
            ],
            outcomes: ['Measured progress in both splits', 'A 15-minute daily routine', 'Less stiffness in hips and hamstrings'],
            testimonials: [{ quote: 'From 30 cm off the floor to 8 cm in six weeks.', author: 'Lea, 27' }],
            faq: [{ question: 'Do I need to be flexible already?', answer: 'No. We start where you are.' }],
          },
          policies: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 },
          scheduling: { buffer_before_min: 0, buffer_after_min: 10, min_notice_min: 720, horizon_days: 90, slot_step_min: 30, cadence: { every: 1, unit: 'week' } },
        },
        instructorIds: [FLOW.luca],
        variants: [{ name: '6 weekly sessions', sessionsCount: 6, currency: 'CHF', price: 54000, vatRateBp: VAT, billing: 'per_session', sortOrder: 1 }],
        intakeForm: {
          isRequired: false,
          schema: {
            type: 'object',
            required: ['level'],
            'x-order': ['level', 'injuries'],
            properties: {
              level: { type: 'string', title: 'How far are you from the floor in a front split?', enum: ['more than 30 cm', '10–30 cm', 'less than 10 cm'],
                enumNames: ['More than 30 cm', '10–30 cm', 'Less than 10 cm'],
                'x-i18n': {
                  de: { title: 'Wie weit sind Sie im Frontspagat vom Boden entfernt?', enumNames: ['Mehr als 30 cm', '10–30 cm', 'Weniger als 10 cm'] },
                  fr: { title: 'À quelle distance du sol êtes-vous en grand écart facial ?', enumNames: ['Plus de 30 cm', '10–30 cm', 'Moins de 10 cm'] },
                  it: { title: 'Quanto è lontano dal pavimento nella spaccata frontale?', enumNames: ['Più di 30 cm', '10–30 cm', 'Meno di 10 cm'] },
                } },
              injuries: { type: 'string', title: 'Any injuries we should know about?', maxLength: 1000, 'x-widget': 'textarea',
                'x-i18n': { de: { title: 'Gibt es Verletzungen, von denen wir wissen sollten?' }, fr: { title: 'Des blessures dont nous devrions être informés ?' }, it: { title: 'Ci sono infortuni di cui dovremmo sapere?' } } },
            },
          },
        },
        milestones: [
          { name: 'Baseline measured', descriptionMd: 'Front and side splits measured in week 1.', dueDayOffset: 0 },
          { name: 'Halfway check', descriptionMd: 'Measurements after three weeks.', dueDayOffset: 21 },
          { name: 'Final measurement', descriptionMd: 'Measurements and a routine to keep.', dueDayOffset: 35 },
        ],
      },
      {
        program: {
          id: FLOW.reiki, slug: 'reiki', title: 'Reiki 1:1', category: 'reiki', deliveryMode: 'in_person',
          summary: 'A 75-minute Reiki treatment in the quiet Lotus room.',
          longDescriptionMd: 'A calm, clothed treatment on the table: a short conversation, about an hour of Reiki, and time to arrive back.\n\nPlease come a few minutes early and avoid a heavy meal just before.',
          sessionLengthMin: 75, isMultiSession: false, defaultSessionsCount: 1, visibility: 'public', tags: ['reiki', 'relaxation'],
          locationId: FLOW.studio, resourceId: FLOW.roomLotus,
          media: [{ kind: 'image', role: 'banner', url: img('reiki-banner.svg'), alt: 'A treatment table in a softly lit room' }],
          details: { outcomes: ['Deep rest', 'Time for yourself'], faq: [{ question: 'Do I need to undress?', answer: 'No, you stay fully clothed.' }] },
          policies: { free_cancel_hours: 48, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 },
          scheduling: { buffer_before_min: 0, buffer_after_min: 15, min_notice_min: 720, horizon_days: 60, slot_step_min: 15 },
        },
        instructorIds: [FLOW.noemi],
        variants: [{ name: 'Single treatment', sessionsCount: 1, currency: 'CHF', price: 14000, vatRateBp: VAT, creditPrice: 2, sortOrder: 1 }],
      },
      {
        program: {
          id: FLOW.privateYoga, slug: 'private-yoga', title: 'Private yoga', category: 'private_class', deliveryMode: 'hybrid',
          summary: 'A private class shaped around your body and your questions, in the studio or online.',
          longDescriptionMd: 'A private yoga class for what a group class cannot give you: your injuries, your questions, your pace.',
          sessionLengthMin: 60, isMultiSession: false, defaultSessionsCount: 1, visibility: 'by_link', privateLinkToken: FLOW.privateYogaLink,
          tags: ['yoga', 'private'], locationId: FLOW.studio, meetingUrl: 'https://meet.studioflow.example/private',
          media: [],
          details: {},
          policies: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 },
          scheduling: { buffer_before_min: 0, buffer_after_min: 15, min_notice_min: 720, horizon_days: 60, slot_step_min: 30 },
        },
        instructorIds: [FLOW.mara, FLOW.luca],
        variants: [{ name: 'One class', sessionsCount: 1, currency: 'CHF', price: 12000, vatRateBp: VAT, creditPrice: 2, sortOrder: 1 }],
      },
    ],
    coupons: [
      { code: 'WELCOME10', kind: 'percent', percentBp: 1000, maxPerCustomer: 1 },
      { code: 'SPRING50', kind: 'fixed', amountOff: 5000, currency: 'CHF', maxRedemptions: 100 },
    ],
    customers: [{ id: FLOW.demoCustomer, name: 'Demo Customer', email: 'demo.customer@example.ch', locale: 'de', credits: 10 }],
  };
}
