import { withCrossTenant } from '../../platform/db/identity.ts';
import { Hono } from 'hono';
import { desc, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { AppError } from '../../platform/errors.ts';
import { isLoopbackClient } from '../../platform/http/loopback.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import * as t from '../../../schema/db/index.ts';
import { attachmentContent } from '../../modules/notifications/index.ts';
import { renderInvoiceAttachment } from '../../modules/billing/index.ts';
import { esc } from '../../modules/notifications/index.ts';

type Row = typeof t.mailOutbox.$inferSelect;

async function allMail(deps: AppDeps, limit = 200): Promise<Row[]> {
  const orgs = await withCrossTenant(deps.db, 'dev outbox page: every org with mail', async (tx) => rowsOf(await tx.execute(sql`select orgs_with_mail() as org_id`)).map((r) => String(r.org_id)));
  const rows: Row[] = [];
  for (const orgId of orgs) {
    rows.push(...await withSystem(deps.db, orgId, 'dev outbox page: show queued mail', (tx) =>
      tx.select().from(t.mailOutbox).where(eq(t.mailOutbox.orgId, orgId)).orderBy(desc(t.mailOutbox.createdAt)).limit(limit)));
  }
  return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, limit);
}

async function oneMail(deps: AppDeps, id: string): Promise<Row> {
  for (const row of await allMail(deps, 1000)) if (row.id === id) return row;
  throw new AppError('not_found', 'No such message.');
}

/**
 * The demo's mailbox: with no SMTP_URL, mail is not sent anywhere; the outbox rows are the
 * mailbox, and these pages show them (every org's: this is the demo's own machine).
 * Present only with the dev routes on (TANDEM_DEV_ROUTES, by default with --demo), without SMTP,
 * and for loopback clients.
 */
export function devOutboxRoute(deps: AppDeps) {
  const app = new Hono();
  // Only when the dev routes are switched on (TANDEM_DEV_ROUTES, on with --demo; `config.demo`), mail
  // stays local, and the caller is on this machine: the pages show every studio's mail. Otherwise 404, as if absent.
  app.use('/dev/*', async (c, next) => {
    if (!deps.config.demo || deps.mailer.kind !== 'local' || !isLoopbackClient(c)) throw new AppError('not_found');
    await next();
  });
  app.get('/dev/outbox.json', async (c) => {
    const rows = await allMail(deps);
    return c.json({
      messages: rows.map((r) => ({
        id: r.id, to: r.toAddress, subject: r.subject, status: r.status, created_at: r.createdAt.toISOString(), sent_at: r.sentAt?.toISOString() ?? null,
        attachments: r.attachments.map((a) => ({ filename: a.filename, content_type: a.content_type })),
      })),
    });
  });
  app.get('/dev/outbox', async (c) => {
    const rows = await allMail(deps);
    const items = rows.map((r) => `<tr><td>${esc(r.createdAt.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${esc(r.toAddress)}</td>
      <td><a href="/dev/outbox/${r.id}">${esc(r.subject)}</a></td><td>${r.sentAt ? 'sent' : esc(r.status)}</td>
      <td>${r.attachments.map((a, i) => `<a href="/dev/outbox/${r.id}/attachments/${i}">${esc(a.filename)}</a>`).join(' ')}</td></tr>`).join('\n');
    return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outbox · Tandem demo</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}</style></head>
<body><h1>Outbox</h1><p>No SMTP server is configured (<code>SMTP_URL</code>), so mail stays here. Newest first. <a href="/dev/outbox.json">JSON</a></p>
<table><thead><tr><th>Queued</th><th>To</th><th>Subject</th><th>Status</th><th>Attachments</th></tr></thead><tbody>${items || '<tr><td colspan="5">No mail yet.</td></tr>'}</tbody></table></body></html>`);
  });
  app.get('/dev/outbox/:id', async (c) => {
    const r = await oneMail(deps, c.req.param('id'));
    const body = r.htmlBody ?? `<pre>${esc(r.textBody)}</pre>`;
    return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(r.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;margin:2rem"><p><a href="/dev/outbox">← Outbox</a></p>
<p><strong>To:</strong> ${esc(r.toAddress)}<br><strong>Subject:</strong> ${esc(r.subject)}<br><strong>Attachments:</strong>
${r.attachments.map((a, i) => `<a href="/dev/outbox/${r.id}/attachments/${i}">${esc(a.filename)}</a>`).join(', ') || 'none'}</p><hr>${body}</body></html>`);
  });
  app.get('/dev/outbox/:id/attachments/:n', async (c) => {
    const r = await oneMail(deps, c.req.param('id'));
    const a = r.attachments[Number(c.req.param('n'))];
    if (!a) throw new AppError('not_found', 'No such attachment.');
    const content = await attachmentContent(r.orgId, a, (orgId, spec) => renderInvoiceAttachment(deps.db, orgId, spec));
    return c.body(new Uint8Array(content), 200, {
      'Content-Type': a.content_type, 'Content-Disposition': `attachment; filename="${a.filename.replace(/"/g, '')}"`,
    });
  });
  return app;
}
