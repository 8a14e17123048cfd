import nodemailer from 'nodemailer';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  attachments: MailAttachment[];
  /** Extra header fields (a marketing mail's `List-Unsubscribe` and `List-Unsubscribe-Post`); none on transactional mail. */
  headers?: Record<string, string> | undefined;
  /** Stable per outbox row (`<row id@tandem>`): a receiver can recognise a repeated delivery. */
  messageId: string;
}

/**
 * Where the outbox worker hands mail to.
 *   smtp   nodemailer over SMTP (`SMTP_URL`, e.g. smtp://user:pass@host:587)
 *   local  no sending at all: the outbox rows themselves are the mailbox, shown at /dev/outbox
 */
export interface Mailer {
  kind: 'smtp' | 'local';
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: mail.messageId,
        ...(mail.headers && Object.keys(mail.headers).length ? { headers: mail.headers } : {}),
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
          // Calendar clients act on a text/calendar part with a METHOD; keep it as an attachment too.
          ...(a.contentType.startsWith('text/calendar') ? { contentDisposition: 'attachment' as const } : {}),
        })),
      });
    },
    async close() {
      transport.close();
    },
  };
}

export function localMailer(): Mailer {
  return { kind: 'local', async send() {}, async close() {} };
}

/** From the environment: SMTP when `SMTP_URL` is set, else the local outbox. */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
  const from = env.MAIL_FROM || 'Tandem <no-reply@tandem.localhost>';
  return env.SMTP_URL ? smtpMailer(env.SMTP_URL, from) : localMailer();
}
