import { fillTemplate } from '../../../../shared/template.ts';
/** The mail to a studio's owner when an endpoint is disabled after three days of failed deliveries: pure. */
import type { Lang } from '../../../../shared/format.ts';

const text: Record<Lang, { subject: string; body: string }> = {
  en: {
    subject: 'Webhook disabled: {url}',
    body: 'Deliveries to your webhook endpoint {url} have failed for three days (last answer: {last}), so it has been disabled. '
      + 'Events are kept: once the endpoint works again, enable it in the admin (POST /v1/admin/webhooks/{id}/enable) and the waiting deliveries follow in order; '
      + 'the delivery log (GET /v1/admin/webhooks/{id}/deliveries) shows every attempt.\n\nTandem',
  },
  de: {
    subject: 'Webhook deaktiviert: {url}',
    body: 'Zustellungen an Ihren Webhook-Endpunkt {url} schlagen seit drei Tagen fehl (letzte Antwort: {last}); er wurde deshalb deaktiviert. '
      + 'Die Ereignisse bleiben erhalten: Sobald der Endpunkt wieder funktioniert, aktivieren Sie ihn im Admin (POST /v1/admin/webhooks/{id}/enable), und die wartenden Zustellungen folgen der Reihe nach; '
      + 'das Zustellprotokoll (GET /v1/admin/webhooks/{id}/deliveries) zeigt jeden Versuch.\n\nTandem',
  },
  fr: {
    subject: 'Webhook désactivé : {url}',
    body: 'Les envois vers votre point de terminaison {url} échouent depuis trois jours (dernière réponse : {last}) ; il a donc été désactivé. '
      + 'Les événements sont conservés : dès qu\'il fonctionne à nouveau, réactivez-le dans l\'admin (POST /v1/admin/webhooks/{id}/enable) et les envois en attente suivront dans l\'ordre ; '
      + 'le journal des envois (GET /v1/admin/webhooks/{id}/deliveries) montre chaque tentative.\n\nTandem',
  },
  it: {
    subject: 'Webhook disattivato: {url}',
    body: 'Gli invii al suo endpoint {url} falliscono da tre giorni (ultima risposta: {last}); è stato quindi disattivato. '
      + 'Gli eventi sono conservati: quando l\'endpoint funziona di nuovo, lo riattivi nell\'admin (POST /v1/admin/webhooks/{id}/enable) e gli invii in attesa seguiranno in ordine; '
      + 'il registro degli invii (GET /v1/admin/webhooks/{id}/deliveries) mostra ogni tentativo.\n\nTandem',
  },
};

export function endpointDisabledMail(lang: Lang, d: { id: string; url: string; last: string }): { subject: string; text: string } {
  return { subject: fillTemplate(text[lang].subject, d), text: fillTemplate(text[lang].body, d) };
}
