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
  /** The sender's display name (the studio's), on the configured address; absent: the configured `from` as it is. */
  fromName?: string | undefined;
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
        from: mail.fromName ? { name: mail.fromName, address: addressOf(from) } : from,
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

/** The address of a `from` such as `Tandem <no-reply@tandem.example>` (or a bare address). */
export function addressOf(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();
}

export function localMailer(): Mailer {
  return { kind: 'local', async send() {}, async close() {} };
}

/** From the environment: SMTP when `SMTP_URL` is set, else the local outbox. */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
  const from = env.MAIL_FROM || 'Tandem <no-reply@tandem.localhost>';
  return env.SMTP_URL ? smtpMailer(env.SMTP_URL, from) : localMailer();
}
