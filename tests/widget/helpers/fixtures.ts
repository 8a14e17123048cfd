import type { ProgramDetail, ProgramSummary } from '../../../schema/api/embed-programs.ts';

export const IDS = {
  evolve: '11111111-1111-4111-8111-111111111111',
  reiki: '22222222-2222-4222-8222-222222222222',
  pack: '33333333-3333-4333-8333-333333333333',
  single: '44444444-4444-4444-8444-444444444444',
  reikiVariant: '55555555-5555-4555-8555-555555555555',
  anna: '66666666-6666-4666-8666-666666666666',
  marco: '77777777-7777-4777-8777-777777777777',
  booking: '88888888-8888-4888-8888-888888888888',
};

export const intakeSchema = {
  type: 'object',
  required: ['goals', 'experience', 'injuries', 'consent'],
  properties: {
    goals: { type: 'string', title: 'Your goals', format: 'textarea', minLength: 10, description: 'What would you like to change?' },
    experience: {
      type: 'string',
      title: 'Experience',
      enum: ['beginner', 'intermediate', 'advanced'],
      enumNames: ['Beginner', 'Intermediate', 'Advanced'],
    },
    age: { type: 'integer', title: 'Age', minimum: 16, maximum: 99 },
    start_date: { type: 'string', format: 'date', title: 'Preferred start' },
    focus: { type: 'array', title: 'Focus', items: { enum: ['flexibility', 'strength', 'breath'] }, enumNames: ['Flexibility', 'Strength', 'Breath'] },
    injuries: { type: 'boolean', title: 'Any injuries?' },
    consent: { type: 'boolean', const: true, title: 'I accept the terms and the cancellation policy' },
  },
};

const base = {
  region: null,
  visibility: 'public' as const,
  banner_url: null,
  media: [],
  itinerary: [],
  outcomes: [],
  host_bio_html: null,
  testimonials: [],
  review_summary: null,
  faq: [],
  needs_room: false,
  location: { name: 'Studio Flow', address: 'Langstrasse 1, 8004 Zürich', label: 'Studio Flow, Langstrasse 1, 8004 Zürich' },
  milestones: [],
  thumbnail_url: null,
  tags: [],
};

export const evolve: ProgramDetail = {
  ...base,
  id: IDS.evolve,
  slug: 'evolve',
  title: 'EVOLVE coaching',
  summary: 'Eight weekly coaching sessions.',
  category: 'coaching',
  category_label: 'Coaching',
  delivery_mode: 'hybrid',
  session_length_min: 60,
  is_multi_session: true,
  sessions_count: 8,
  sessions_range: { min: 1, max: 8 },
  from_price: { amount: 120000, currency: 'CHF' },
  description_html: '<p>A <strong>structured</strong> coaching program.</p>',
  cadence: { every: 1, unit: 'week' },
  itinerary: [
    { title: 'Week 1', description: 'Where you are' },
    { title: 'Week 2', description: 'Where you go' },
  ],
  outcomes: ['Clarity', 'A plan'],
  testimonials: [{ quote: 'Life-changing.', author: 'Sara', rating: null, date: null }],
  review_summary: null,
  faq: [{ question: 'Can I pause?', answer: 'Yes, once.' }],
  policies: { free_cancel_hours: 24, late_cancel_fee_percent: 50, notes: null },
  variants: [
    {
      id: IDS.pack,
      name: '8-session pack',
      sessions_count: 8,
      price: 120000,
      currency: 'CHF',
      vat_rate: 8.1,
      vat_rate_bp: 810,
      deposit_amount: 30000,
      pay_plan: { deposit: { kind: 'fixed', amount: 30000 }, installments: 3, every: { weeks: 2 } },
      credit_price: null,
      payment_methods: ['card', 'twint', 'qr_bill'],
      plan_methods: ['card'],
    },
    {
      id: IDS.single,
      name: 'Single session',
      sessions_count: 1,
      price: 16000,
      currency: 'CHF',
      vat_rate: 8.1,
      vat_rate_bp: 810,
      deposit_amount: null,
      pay_plan: null,
      credit_price: 2,
      payment_methods: ['card', 'twint', 'qr_bill', 'credits'],
      plan_methods: [],
    },
  ],
  intake_form: { schema: intakeSchema, is_required: true },
  instructors: [
    { id: IDS.anna, name: 'Anna Keller', bio: 'Coach since 2010.', photo_url: null, timezone: 'Europe/Zurich' },
    { id: IDS.marco, name: 'Marco Rossi', bio: null, photo_url: null, timezone: 'Europe/Zurich' },
  ],
};

export const reiki: ProgramDetail = {
  ...base,
  id: IDS.reiki,
  slug: 'reiki',
  title: 'Reiki 1:1',
  summary: 'One hour of Reiki.',
  category: 'reiki',
  category_label: 'Reiki',
  delivery_mode: 'in_person',
  session_length_min: 60,
  is_multi_session: false,
  sessions_count: 1,
  sessions_range: { min: 1, max: 1 },
  from_price: { amount: 12000, currency: 'CHF' },
  description_html: '<p>Relax.</p>',
  cadence: null,
  policies: { free_cancel_hours: 48, late_cancel_fee_percent: 0, notes: null },
  variants: [
    {
      id: IDS.reikiVariant,
      name: 'Reiki session',
      sessions_count: 1,
      price: 12000,
      currency: 'CHF',
      vat_rate: 0,
      vat_rate_bp: 0,
      deposit_amount: null,
      pay_plan: null,
      credit_price: 1,
      payment_methods: ['card', 'twint', 'qr_bill', 'credits'],
      plan_methods: [],
    },
  ],
  intake_form: null,
  instructors: [{ id: IDS.anna, name: 'Anna Keller', bio: null, photo_url: null, timezone: 'Europe/Zurich' }],
};

export const programs: Record<string, ProgramDetail> = { evolve, reiki };

export function summary(p: ProgramDetail): ProgramSummary {
  const { id, slug, title, summary: s, category, category_label, delivery_mode, session_length_min, is_multi_session, sessions_count, sessions_range, from_price, thumbnail_url, tags } = p;
  return { id, slug, title, summary: s, category, category_label, delivery_mode, session_length_min, is_multi_session, sessions_count, sessions_range, from_price, thumbnail_url, tags };
}
