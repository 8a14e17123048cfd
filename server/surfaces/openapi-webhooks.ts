/**
 * OpenAPI's `webhooks` section: every event a studio's endpoint may receive, its body (version 1)
 * as JSON Schema from the same valibot schema the docs name, and the Standard Webhooks headers.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { WebhookPayloadV1 } from '../../schema/api/admin-webhooks.ts';
import { WEBHOOK_EVENTS } from '../../shared/webhook-events.ts';

export function webhooksDocumentation(): Record<string, unknown> {
  const schema = toJsonSchema(WebhookPayloadV1, { errorMode: 'ignore' });
  const header = (description: string) => ({ in: 'header', required: true, schema: { type: 'string' }, description });
  return Object.fromEntries(WEBHOOK_EVENTS.map((type) => [type, {
    post: {
      summary: `${type} (payload version 1)`,
      description: 'Signed per Standard Webhooks; answer 2xx within 10 s. Retried with back-off for three days, in event order per endpoint.',
      parameters: [
        { name: 'webhook-id', ...header('`msg_` + the event id: the same in every attempt and replay') },
        { name: 'webhook-timestamp', ...header('Seconds since the epoch when signed') },
        { name: 'webhook-signature', ...header('`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, space-separated when two secrets sign (after a rotation)') },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { ...schema, properties: { ...(schema.properties ?? {}), type: { const: type } } } } } },
      responses: { '2XX': { description: 'Received' } },
    },
  }]));
}
