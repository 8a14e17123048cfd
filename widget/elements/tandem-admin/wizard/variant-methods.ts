/**
 * The pricing step's "which methods are allowed" checkboxes for one variant: a fieldset with a
 * legend, one labelled checkbox per method (Space toggles it), and a note when none is ticked
 * (publishing refuses such a variant). Words in the console's four languages.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConsoleLang } from '../core/console-lang.ts';

export const VARIANT_METHODS = ['card', 'twint', 'qr_bill', 'bank_transfer', 'credits'] as const;
export type VariantMethod = (typeof VARIANT_METHODS)[number];

const words: Record<ConsoleLang, Record<VariantMethod | 'legend' | 'none' | 'hint', string>> = {
  en: {
    legend: 'Ways to pay allowed', card: 'Card, Apple Pay, Google Pay (also deposit + plan)', twint: 'TWINT (CHF only)',
    qr_bill: 'Swiss QR-bill (Swiss account)', bank_transfer: 'Bank transfer with an EPC QR invoice (EUR, SEPA account)', credits: 'Class credits (needs a price in credits)',
    none: 'No way to pay is ticked: this variant cannot be published.', hint: 'Customers see only the ticked ways that fit the currency and your account.',
  },
  de: {
    legend: 'Erlaubte Zahlungsarten', card: 'Karte, Apple Pay, Google Pay (auch Anzahlung + Raten)', twint: 'TWINT (nur CHF)',
    qr_bill: 'Schweizer QR-Rechnung (Schweizer Konto)', bank_transfer: 'Überweisung mit EPC-QR-Rechnung (EUR, SEPA-Konto)', credits: 'Guthaben (braucht einen Preis in Guthaben)',
    none: 'Keine Zahlungsart gewählt: Diese Variante kann nicht veröffentlicht werden.', hint: 'Kundinnen und Kunden sehen nur die gewählten Arten, die zur Währung und Ihrem Konto passen.',
  },
  fr: {
    legend: 'Moyens de paiement acceptés', card: 'Carte, Apple Pay, Google Pay (aussi acompte + échéancier)', twint: 'TWINT (CHF uniquement)',
    qr_bill: 'QR-facture suisse (compte suisse)', bank_transfer: 'Virement avec facture QR EPC (EUR, compte SEPA)', credits: 'Crédits (il faut un prix en crédits)',
    none: 'Aucun moyen de paiement coché\u202f: cette variante ne peut pas être publiée.', hint: 'La clientèle ne voit que les moyens cochés qui conviennent à la devise et à votre compte.',
  },
  it: {
    legend: 'Metodi di pagamento accettati', card: 'Carta, Apple Pay, Google Pay (anche acconto + rate)', twint: 'TWINT (solo CHF)',
    qr_bill: 'QR-fattura svizzera (conto svizzero)', bank_transfer: 'Bonifico con fattura QR EPC (EUR, conto SEPA)', credits: 'Crediti (serve un prezzo in crediti)',
    none: 'Nessun metodo di pagamento scelto: questa variante non può essere pubblicata.', hint: 'La clientela vede solo i metodi scelti adatti alla valuta e al vostro conto.',
  },
};

/** The checkboxes of variant `i`; `set` gets the new list, in the methods' own order. */
export function variantMethods(lang: ConsoleLang, i: number, chosen: readonly string[], set: (methods: VariantMethod[]) => void): TemplateResult {
  const w = words[lang];
  const toggle = (m: VariantMethod, on: boolean) => set(VARIANT_METHODS.filter((x) => (x === m ? on : chosen.includes(x))));
  return html`<fieldset class="methods" aria-describedby=${`v${i}-methods-hint`}><legend>${w.legend}</legend>
    ${VARIANT_METHODS.map((m) => html`<label><input type="checkbox" name=${`v${i}-method`} value=${m} .checked=${chosen.includes(m)}
      @change=${(e: Event) => toggle(m, (e.target as HTMLInputElement).checked)}> ${w[m]}</label>`)}
    <p id=${`v${i}-methods-hint`} class="hint">${w.hint}</p>
    ${chosen.length ? nothing : html`<p role="alert">${w.none}</p>`}
  </fieldset>`;
}
