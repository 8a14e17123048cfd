/**
 * The figures of a Swiss VAT return (effective method, agreed consideration: what was invoiced in
 * the quarter, less what credit notes took back in it) per rate. The form's turnover figures are
 * without VAT (its tax column is turnover × rate), so per rate: turnover = net invoiced − net
 * credited, tax = VAT invoiced − VAT credited (the VAT as it was on the documents, rounded per line).
 *   200  total consideration (all rates, 0 % included)
 *   230  supplies exempt without credit (art. 21: licensed healing, some education): the 0 % lines
 *   299  taxable turnover (200 − 230 here)
 *   302/312/342  7.7 / 2.5 / 3.7 % (until 2023) · 303/313/343  8.1 / 2.6 / 3.8 % (from 2024)
 * A studio not registered for VAT invoices at 0 %: its figures all fall under 230 and it files nothing.
 */
export interface RateAmounts { readonly rateBp: number; readonly gross: number; readonly net: number; readonly vat: number }

const CODES: Record<number, string> = { 810: '303', 260: '313', 380: '343', 770: '302', 250: '312', 370: '342', 0: '230' };

export interface VatReturnLine {
  readonly rateBp: number;
  /** The form's figure for this rate's turnover; null for a rate the form does not know. */
  readonly code: string | null;
  readonly invoiced: RateAmounts;
  readonly credited: RateAmounts;
  readonly turnover: number;
  readonly tax: number;
}

export interface VatReturn {
  readonly lines: readonly VatReturnLine[];
  /** Figure → amount (minor units): 200, 230, 299 and one per rate. */
  readonly figures: Readonly<Record<string, number>>;
  readonly taxTotal: number;
}

const zeroOf = (rateBp: number): RateAmounts => ({ rateBp, gross: 0, net: 0, vat: 0 });

function sumByRate(rows: readonly RateAmounts[]): Map<number, RateAmounts> {
  const out = new Map<number, RateAmounts>();
  for (const r of rows) {
    const before = out.get(r.rateBp) ?? zeroOf(r.rateBp);
    out.set(r.rateBp, { rateBp: r.rateBp, gross: before.gross + r.gross, net: before.net + r.net, vat: before.vat + r.vat });
  }
  return out;
}

export function vatReturn(invoiced: readonly RateAmounts[], credited: readonly RateAmounts[]): VatReturn {
  const inv = sumByRate(invoiced);
  const cred = sumByRate(credited);
  const rates = [...new Set([...inv.keys(), ...cred.keys()])].sort((a, b) => b - a);
  const lines = rates.map((rateBp) => {
    const i = inv.get(rateBp) ?? zeroOf(rateBp);
    const c = cred.get(rateBp) ?? zeroOf(rateBp);
    return { rateBp, code: CODES[rateBp] ?? null, invoiced: i, credited: c, turnover: i.net - c.net, tax: i.vat - c.vat };
  });
  const figures: Record<string, number> = {};
  const total = lines.reduce((a, l) => a + l.turnover, 0);
  const exempt = lines.filter((l) => l.rateBp === 0).reduce((a, l) => a + l.turnover, 0);
  figures['200'] = total;
  figures['230'] = exempt;
  figures['299'] = total - exempt;
  for (const l of lines) if (l.code && l.rateBp > 0) figures[l.code] = (figures[l.code] ?? 0) + l.turnover;
  return { lines, figures, taxTotal: lines.reduce((a, l) => a + l.tax, 0) };
}

/** A quarter's first and last day. */
export function quarterDates(year: number, quarter: 1 | 2 | 3 | 4): { from: string; to: string } {
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  const days = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const p = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${p(first)}-01`, to: `${year}-${p(last)}-${p(days)}` };
}
