/** The words of the refund dialog in the booking record (refunds outside a cancellation), in en/de/fr/it. */
import type { ConsoleLang } from '../core/console-lang.ts';

const en = {
  open: 'Refund…', title: 'Refund outside a cancellation', mode: 'What to refund', mode_full: 'Everything paid and not yet refunded',
  mode_partial: 'An amount', mode_quote: 'By quote: sessions\' shares', amount: 'Amount', sessions: 'Sessions', session: 'Session',
  reason: 'Reason (on the refund and the credit note)', quote: 'Show the quote', confirm: 'Refund {amount}', cancel: 'Close',
  paid: 'Paid', refunded: 'Refunded before', refundable: 'Refundable now', share: 'Share', before: 'Already back', back: 'Back now', total: 'This refund',
  done: '{amount} refunded. Card refunds reach the card in a few days; bank refunds wait for your transfer.',
  field_mode: 'What to refund', field_amount: 'Amount', field_session_ids: 'Sessions', field_reason: 'Reason', field_quote_id: 'Quote',
};
export type RefundKey = keyof typeof en;

const de: Record<RefundKey, string> = {
  open: 'Rückerstatten…', title: 'Rückerstattung ohne Absage', mode: 'Was erstatten', mode_full: 'Alles Bezahlte, das noch nicht erstattet ist',
  mode_partial: 'Einen Betrag', mode_quote: 'Nach Aufstellung: Anteile von Sitzungen', amount: 'Betrag', sessions: 'Sitzungen', session: 'Sitzung',
  reason: 'Grund (auf der Rückerstattung und der Gutschrift)', quote: 'Aufstellung zeigen', confirm: '{amount} erstatten', cancel: 'Schliessen',
  paid: 'Bezahlt', refunded: 'Bereits erstattet', refundable: 'Jetzt erstattbar', share: 'Anteil', before: 'Schon zurück', back: 'Jetzt zurück', total: 'Diese Rückerstattung',
  done: '{amount} erstattet. Kartenerstattungen erreichen die Karte in wenigen Tagen; Banküberweisungen warten auf Ihre Zahlung.',
  field_mode: 'Was erstatten', field_amount: 'Betrag', field_session_ids: 'Sitzungen', field_reason: 'Grund', field_quote_id: 'Aufstellung',
};

const fr: Record<RefundKey, string> = {
  open: 'Rembourser…', title: 'Remboursement hors annulation', mode: 'Que rembourser', mode_full: 'Tout ce qui a été payé et pas encore remboursé',
  mode_partial: 'Un montant', mode_quote: 'Sur devis : parts de séances', amount: 'Montant', sessions: 'Séances', session: 'Séance',
  reason: 'Motif (sur le remboursement et la note de crédit)', quote: 'Afficher le devis', confirm: 'Rembourser {amount}', cancel: 'Fermer',
  paid: 'Payé', refunded: 'Déjà remboursé', refundable: 'Remboursable maintenant', share: 'Part', before: 'Déjà rendu', back: 'Rendu maintenant', total: 'Ce remboursement',
  done: '{amount} remboursé. Les remboursements par carte arrivent en quelques jours ; les virements attendent votre paiement.',
  field_mode: 'Que rembourser', field_amount: 'Montant', field_session_ids: 'Séances', field_reason: 'Motif', field_quote_id: 'Devis',
};

const it: Record<RefundKey, string> = {
  open: 'Rimborsa…', title: 'Rimborso senza annullamento', mode: 'Cosa rimborsare', mode_full: 'Tutto il pagato non ancora rimborsato',
  mode_partial: 'Un importo', mode_quote: 'Su preventivo: quote di sessioni', amount: 'Importo', sessions: 'Sessioni', session: 'Sessione',
  reason: 'Motivo (sul rimborso e sulla nota di credito)', quote: 'Mostra il preventivo', confirm: 'Rimborsa {amount}', cancel: 'Chiudi',
  paid: 'Pagato', refunded: 'Già rimborsato', refundable: 'Rimborsabile ora', share: 'Quota', before: 'Già restituito', back: 'Restituito ora', total: 'Questo rimborso',
  done: '{amount} rimborsato. I rimborsi su carta arrivano in pochi giorni; i bonifici attendono il vostro pagamento.',
  field_mode: 'Cosa rimborsare', field_amount: 'Importo', field_session_ids: 'Sessioni', field_reason: 'Motivo', field_quote_id: 'Preventivo',
};

export const refundWords: Record<ConsoleLang, Record<RefundKey, string>> = { en, de, fr, it };
