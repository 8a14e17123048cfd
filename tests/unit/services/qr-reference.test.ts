import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { calculateQRReferenceChecksum, isQRReferenceValid, isSCORReferenceValid } from 'swissqrbill/utils';
import { isQrIban, isValidQrr, isValidScor, mod10Recursive, qrBillReference, qrrReference, scorReference } from '../../../server/modules/billing/domain/qr-reference.ts';

describe('QR-bill references', () => {
  test('mod-10 recursive: the SIX example and the library agree', () => {
    // SIX IG QR-bill example reference 21 00000 00003 13947 14300 09017
    assert.equal(mod10Recursive('21000000000313947143000901'), 7);
    for (let i = 0; i < 500; i++) {
      const digits = Array.from({ length: 26 }, (_, k) => String((i * 7919 + k * 104729) % 10)).join('');
      assert.equal(String(mod10Recursive(digits)), calculateQRReferenceChecksum(digits));
    }
  });

  test('QRR: 27 digits from the invoice number, valid per swissqrbill; a typo is caught', () => {
    for (const n of [1, 42, 2026001, 99999999]) {
      const ref = qrrReference(n);
      assert.match(ref, /^\d{27}$/);
      assert.ok(isValidQrr(ref));
      assert.ok(isQRReferenceValid(ref));
      const typo = ref.slice(0, 20) + String((Number(ref[20]) + 1) % 10) + ref.slice(21);
      assert.equal(isValidQrr(typo), false);
    }
  });

  test('SCOR: RF + check digits + number (ISO 11649), valid per swissqrbill', () => {
    for (const n of [1, 42, 2026001]) {
      const ref = scorReference(n);
      assert.match(ref, /^RF\d{2}\d+$/);
      assert.ok(isValidScor(ref));
      assert.ok(isSCORReferenceValid(ref));
    }
    assert.ok(isValidScor('RF18539007547034'), 'the ISO 11649 example');
    assert.equal(isValidScor('RF18539007547035'), false);
  });

  test('QR-IBAN (IID 30000–31999) → QRR, normal IBAN → SCOR, none → null', () => {
    assert.ok(isQrIban('CH44 3199 9123 0008 8901 2'));
    assert.equal(isQrIban('CH9300762011623852957'), false);
    assert.deepEqual(qrBillReference({ qr_iban: 'CH4431999123000889012', iban: 'CH9300762011623852957' }, 5), { account: 'CH4431999123000889012', reference: qrrReference(5), type: 'QRR' });
    assert.deepEqual(qrBillReference({ iban: 'CH93 0076 2011 6238 5295 7' }, 5), { account: 'CH9300762011623852957', reference: scorReference(5), type: 'SCOR' });
    assert.deepEqual(qrBillReference({ qr_iban: 'CH9300762011623852957', iban: 'CH9300762011623852957' }, 5)?.type, 'SCOR', 'a "QR-IBAN" that is not one');
    assert.equal(qrBillReference({}, 5), null);
  });
});
