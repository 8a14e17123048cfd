/** The identity module's public face: e-mail one-time codes and identity sessions (opaque links are the bookings module's). */
export * from './domain/index.ts';
export * from './codes.mutations.ts';
export * from './sessions.mutations.ts';
export { identityToken, identityTokenOf } from './secrets.ts';
/** The code machinery the staff sign-in shares: six digits, keyed hashes, constant-time comparison. */
export { codeHash, newCode, sameDigest } from './secrets.ts';
