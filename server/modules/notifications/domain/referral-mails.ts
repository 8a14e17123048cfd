/** The mail telling a referrer what their referee earned them: class credits, or a coupon of their own with its code. Pure. */
import { formatDate, formatMoney, frenchCatalog, type FormatLocale, type Lang } from '../../../../shared/format.ts';
import { mailBodies, type ComposedMail } from './booking-mails.ts';
import { fill } from './strings.ts';

interface ReferralStrings { subject: string; hello: string; credits: string; coupon: string; code: string; until: string; onlyYou: string; thanks: string }

const referral: Record<Lang, ReferralStrings> = {
  en: {
    subject: 'Thank you for recommending {studio}', hello: 'Hello {name},',
    credits: 'Someone you recommended booked with {studio}: {credits} class credit(s) are now on your account.',
    coupon: 'Someone you recommended booked with {studio}: here is {off} off your next booking.',
    code: 'Your code: {code}', until: 'Valid until {date}, once.', onlyYou: 'The code is yours: it works only with your e-mail address.', thanks: 'Thank you!',
  },
  de: {
    subject: 'Danke, dass Sie {studio} empfehlen', hello: 'Hallo {name}',
    credits: 'Jemand, dem Sie uns empfohlen haben, hat bei {studio} gebucht: {credits} Guthaben für Stunden sind jetzt auf Ihrem Konto.',
    coupon: 'Jemand, dem Sie uns empfohlen haben, hat bei {studio} gebucht: Sie erhalten {off} Rabatt auf Ihre nächste Buchung.',
    code: 'Ihr Code: {code}', until: 'Einmal gültig bis {date}.', onlyYou: 'Der Code gehört Ihnen: Er gilt nur mit Ihrer E-Mail-Adresse.', thanks: 'Vielen Dank!',
  },
  fr: {
    subject: 'Merci de recommander {studio}', hello: 'Bonjour {name},',
    credits: 'Une personne à qui vous nous avez recommandés a réservé chez {studio} : {credits} crédit(s) de cours sont maintenant sur votre compte.',
    coupon: 'Une personne à qui vous nous avez recommandés a réservé chez {studio} : voici {off} de réduction sur votre prochaine réservation.',
    code: 'Votre code : {code}', until: 'Valable une fois jusqu\'au {date}.', onlyYou: 'Ce code est à vous : il ne fonctionne qu\'avec votre adresse e-mail.', thanks: 'Merci !',
  },
  it: {
    subject: 'Grazie per aver consigliato {studio}', hello: 'Buongiorno {name},',
    credits: 'Una persona a cui ci ha consigliato ha prenotato da {studio}: {credits} crediti per lezioni sono ora sul suo conto.',
    coupon: 'Una persona a cui ci ha consigliato ha prenotato da {studio}: ecco {off} di sconto sulla sua prossima prenotazione.',
    code: 'Il suo codice: {code}', until: 'Valido una volta fino al {date}.', onlyYou: 'Il codice è suo: funziona solo con il suo indirizzo e-mail.', thanks: 'Grazie!',
  },
};

referral.fr = frenchCatalog(referral.fr);

/** The referral reward mail's sentences per language (for the typography test). */
export const referralRewardStrings: Readonly<Record<Lang, ReferralStrings>> = referral;

export type RewardGranted =
  | { kind: 'credits'; credits: number }
  | { kind: 'coupon'; code: string; validUntil: Date; percentBp?: number | undefined; amountOff?: { amount: number; currency: string } | undefined };

export function referralRewardMail(d: { lang: Lang; locale?: FormatLocale | undefined; zone: string; name: string; studio: string; reward: RewardGranted }): ComposedMail {
  const S = referral[d.lang];
  const locale = d.locale ?? d.lang;
  const lines = [fill(S.hello, { name: d.name })];
  if (d.reward.kind === 'credits') {
    lines.push(fill(S.credits, { studio: d.studio, credits: String(d.reward.credits) }));
  } else {
    const r = d.reward;
    const off = r.amountOff ? formatMoney(r.amountOff.amount, r.amountOff.currency, locale) : `${(r.percentBp ?? 0) / 100} %`;
    lines.push(fill(S.coupon, { studio: d.studio, off }), fill(S.code, { code: r.code }), `${fill(S.until, { date: formatDate(r.validUntil, d.zone, locale) })} ${S.onlyYou}`);
  }
  lines.push(S.thanks);
  return { subject: fill(S.subject, { studio: d.studio }), ...mailBodies(lines.join('\n\n')) };
}
