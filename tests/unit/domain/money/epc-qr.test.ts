import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { epcQrPayload } from '../../../../server/modules/billing/domain/epc-qr.ts';
import { bankMethodFor, isSepaIban, offeredMethods } from '../../../../shared/payment-methods.ts';

describe('EPC QR (GiroCode) payload, EPC069-12 version 002', () => {
  test('the lines in order, the amount in euros, the structured reference, trailing empty lines left out', () => {
    assert.equal(epcQrPayload({ name: 'Atelier Nord UG', iban: 'DE89 3704 0044 0532 0130 00', amount: 12_050, reference: 'RF18539007547034' }),
      'BCD\n002\n1\nSCT\n\nAtelier Nord UG\nDE89370400440532013000\nEUR120.50\n\nRF18539007547034');
    assert.equal(epcQrPayload({ name: 'A', iban: 'DE89370400440532013000', amount: 9_000, text: 'Invoice 7', bic: 'cobadeffxxx' }),
      'BCD\n002\n1\nSCT\nCOBADEFFXXX\nA\nDE89370400440532013000\nEUR90\n\n\nInvoice 7');
  });
  test('no line breaks smuggled in by a name; bounds', () => {
    const p = epcQrPayload({ name: 'Evil\nEUR1\nX', iban: 'DE89370400440532013000', amount: 100, reference: 'RF18539007547034' });
    assert.equal(p.split('\n').length, 10);
    assert.equal(p.split('\n')[5], 'Evil EUR1 X');
    assert.throws(() => epcQrPayload({ name: 'A', iban: 'DE89370400440532013000', amount: 0 }));
    assert.throws(() => epcQrPayload({ name: 'A', iban: 'nope', amount: 100 }));
  });
});

describe('payment methods by currency and account', () => {
  const de = { iban: 'DE89370400440532013000' };
  const ch = { iban: 'CH9300762011623852957', qr_iban: 'CH4431999123000889012' };
  test('QR-bill for CH/LI accounts (CHF or EUR), bank transfer for other SEPA accounts in EUR, none otherwise', () => {
    assert.equal(bankMethodFor('EUR', de), 'bank_transfer');
    assert.equal(bankMethodFor('CHF', de), null);
    assert.equal(bankMethodFor('CHF', ch), 'qr_bill');
    assert.equal(bankMethodFor('EUR', ch), 'qr_bill');
    assert.equal(bankMethodFor('EUR', { iban: 'LI21088100002324013AA' }), 'qr_bill');
    assert.equal(bankMethodFor('USD', ch), null);
    assert.equal(bankMethodFor('EUR', null), null);
    assert.equal(bankMethodFor('EUR', { iban: 'DE89370400440532013001' }), null, 'a bad check digit');
    assert.equal(isSepaIban('US12345678901234567890'), false);
  });
  test('the list, in order', () => {
    assert.deepEqual(offeredMethods('CHF', ch, 2), ['card', 'twint', 'qr_bill', 'credits']);
    assert.deepEqual(offeredMethods('EUR', de, null), ['card', 'bank_transfer']);
  });
});
