import { uuid } from '../ids.ts';

/**
 * One `Idempotency-Key` per request body: the same body (a retry) gets the same key, a
 * changed body a new one.
 */
export class IdempotencyKey {
  private body = '';
  private key = '';

  for(body: unknown): string {
    const json = JSON.stringify(body);
    if (json !== this.body) {
      this.body = json;
      this.key = uuid();
    }
    return this.key;
  }
}
