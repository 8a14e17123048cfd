/** The embed API's marketing call (the checkout step's chunk only), typed. Throws `ApiError`. */
import type { ApiClient } from './client.ts';
import type { ConsentWordingOut } from '../../../schema/api/marketing-consent.ts';
import type { Lang } from '../i18n/localizer.ts';

export type ConsentWording = ConsentWordingOut;

/** `GET /v1/embed/marketing-consent`: the words next to the checkout's unticked opt-in box, in `lang`. */
export function getConsentWording(api: ApiClient, lang: Lang, signal?: AbortSignal): Promise<ConsentWording> {
  return api.get<ConsentWording>('/v1/embed/marketing-consent', { query: { lang }, signal });
}
