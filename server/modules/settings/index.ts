/** The settings module's public face: the studio's API keys and the origins its publishable keys work from. */
export * from './keys.queries.ts';
export * from './keys.mutations.ts';
export * from './studio.mutations.ts';
export * from './onboarding.queries.ts';
