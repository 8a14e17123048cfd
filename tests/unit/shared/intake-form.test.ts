import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersOf, fieldsFromSchema, normalize, validateField } from '../../../shared/intake-form.ts';

const schema = {
  type: 'object',
  required: ['goals', 'experience', 'consent'],
  'x-order': ['goals', 'experience'],
  properties: {
    consent: { type: 'boolean', const: true, title: 'I agree' },
    age: { type: 'integer', minimum: 16 },
    goals: { type: 'string', minLength: 10, maxLength: 1000, title: 'Your goals', 'x-i18n': { de: { title: 'Deine Ziele' } } },
    experience: { type: 'string', enum: ['beginner', 'advanced'], enumNames: ['Beginner', 'Advanced'] },
    focus: { type: 'array', items: { enum: ['a', 'b'] }, maxItems: 1 },
    email: { type: 'string', format: 'email' },
  },
};

test('fields from a JSON Schema: order, kinds, labels, translations', () => {
  const fields = fieldsFromSchema(schema, 'en');
  assert.deepEqual(fields.map((f) => [f.name, f.kind]), [
    ['goals', 'textarea'],
    ['experience', 'choice'],
    ['consent', 'consent'],
    ['age', 'integer'],
    ['focus', 'multi'],
    ['email', 'email'],
  ]);
  assert.equal(fields[0]!.required, true);
  assert.deepEqual(fields[1]!.options, [{ value: 'beginner', label: 'Beginner' }, { value: 'advanced', label: 'Advanced' }]);
  assert.equal(fields[3]!.label, 'Age');
  assert.equal(fieldsFromSchema(schema, 'de')[0]!.label, 'Deine Ziele');
});

test('validation: the first thing wrong', () => {
  const f = Object.fromEntries(fieldsFromSchema(schema, 'en').map((x) => [x.name, x]));
  assert.deepEqual(validateField(f.goals!, ''), { key: 'errRequired' });
  assert.deepEqual(validateField(f.goals!, 'short'), { key: 'errMinLength', vars: { min: 10 } });
  assert.deepEqual(validateField(f.experience!, undefined), { key: 'errChoice' });
  assert.deepEqual(validateField(f.consent!, false), { key: 'errConsent' });
  assert.deepEqual(validateField(f.age!, '12'), { key: 'errMin', vars: { min: 16 } });
  assert.deepEqual(validateField(f.age!, '16,5'), { key: 'errInteger' });
  assert.deepEqual(validateField(f.focus!, ['a', 'b']), { key: 'errMaxItems', vars: { max: 1 } });
  assert.deepEqual(validateField(f.email!, 'nope'), { key: 'errEmail' });
  assert.equal(validateField(f.email!, ''), null);
  assert.equal(validateField(f.goals!, 'More flexibility please'), null);
});

test('answers as the server expects them', () => {
  const fields = fieldsFromSchema(schema, 'en');
  assert.equal(normalize(fields[3]!, '34'), 34);
  assert.deepEqual(answersOf(fields, { goals: '  Touch my toes  ', age: '40', email: '', consent: true }), { goals: 'Touch my toes', age: 40, consent: true });
});
