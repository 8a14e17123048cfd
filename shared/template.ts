/**
 * `{name}` placeholders filled from `vars`, for every sentence catalogue (widget, portal, mails,
 * PDFs). A placeholder without a value stays as written, so a missing value shows instead of
 * vanishing.
 */
export function fillTemplate(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
