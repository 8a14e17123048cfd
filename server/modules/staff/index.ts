/** The staff module's public face: signing in to the console, sessions, who is signed in. */
export * from './sign-in.mutations.ts';
export * from './sessions.mutations.ts';
export * from './members.queries.ts';
export { CODE_TTL_MS } from '../identity/index.ts';
export * from './members.mutations.ts';
export * from './roles.mutations.ts';
export * from './preferences.mutations.ts';
export * from './sign-up.mutations.ts';
export * from './unverified-sign-ups.jobs.ts';
