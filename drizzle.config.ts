import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './schema/db/index.ts',
  out: './schema/migrations',
  entities: { roles: true },
});
