/**
 * CSV that a spreadsheet opens as is, for every export (bookings, payroll, finance reports, funnel):
 * RFC 4180 quoting, CRLF line ends, a header row, amounts both in minor units (exact) and as a
 * decimal with a point. Text cells that a spreadsheet would read as a formula (=, +, -, @, tab, CR;
 * numbers aside) are prefixed with an apostrophe: a customer's name is data, never a formula.
 */
export type Cell = string | number | null;

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(value: Cell, { text = true } = {}): string {
  if (value === null) return '';
  let s = String(value);
  if (text && typeof value === 'string' && FORMULA.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvOf(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header.map((h) => csvCell(h)).join(',')];
  for (const r of rows) lines.push(r.map((c) => csvCell(c)).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Rows as CSV lines without the header (each ending CRLF), for an export written in pieces. */
export function csvLines(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map((c) => csvCell(c)).join(',') + '\r\n').join('');
}

/** Minor units as a decimal string with a point (-1234 → "-12.34"), for currencies with 2 decimals. */
export function decimal(minor: number, digits = 2): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  const whole = Math.floor(abs / scale);
  return digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(abs % scale).padStart(digits, '0')}`;
}
