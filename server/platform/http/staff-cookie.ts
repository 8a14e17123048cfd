import { STAFF_COOKIE, STAFF_SESSION_TTL_MS } from '../staff-session-tokens.ts';

/** Secure whenever the API is reached over HTTPS (behind the TLS-terminating proxy). */
function secure(publicOrigin: string): string {
  return publicOrigin.startsWith('https:') ? '; Secure' : '';
}

/** The console's session cookie: HttpOnly, SameSite=Strict, for the API's whole origin, 12 hours. */
export function staffCookie(publicOrigin: string, token: string): string {
  return `${STAFF_COOKIE}=${token}; Path=/; Max-Age=${STAFF_SESSION_TTL_MS / 1000}; HttpOnly; SameSite=Strict${secure(publicOrigin)}`;
}

/** Ends the cookie in the browser (signing out). */
export function clearedStaffCookie(publicOrigin: string): string {
  return `${STAFF_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure(publicOrigin)}`;
}
