/** The reminder and nudge mails, composed from looked-up data: pure. */
import { formatDate, formatDateTime, formatMoney, formatTime, zoneLabel } from '../../../../shared/format.ts';
import { inert, sessionList, mailBodies, whereAndWho, type BookingMailBase, type ComposedMail, type LinkArg, type MailSession } from './booking-mails.ts';
import { fill, strings } from './strings.ts';
import { nudgeStrings } from './nudge-strings.ts';

function compose(d: BookingMailBase, subject: string, body: string[], links: LinkArg[]): ComposedMail {
  const S = strings[d.lang];
  const text = [fill(S.hello, { name: inert(d.customer.name) }), ...body, fill(S.signOff, { studio: d.studio.name })].join('\n\n');
  return { subject, ...mailBodies(text, links) };
}

/** A session is near: when (in the customer's zone), where or the meeting link, and the manage link. */
export function sessionReminderMail(d: BookingMailBase & { session: MailSession }): ComposedMail {
  const S = strings[d.lang];
  const N = nudgeStrings[d.lang];
  const date = formatDateTime(d.session.startsAt, d.zone, d.locale ?? d.lang);
  return compose(d, fill(N.reminderSubject, { program: d.program.title, date }), [
    fill(N.reminderIntro, { n: d.session.seq, program: d.program.title, instructor: d.instructor.name, date, end: formatTime(d.session.endsAt, d.zone, d.locale ?? d.lang) }),
    fill(S.timesIn, { zone: zoneLabel(d.session.startsAt, d.zone, d.locale ?? d.lang) }),
    whereAndWho(d),
    fill(S.manage, { instructor: d.instructor.name, url: d.manageUrl }),
  ], [d.manageUrl, d.meetingUrl]);
}

/** A pack has sessions to schedule: the link to choose the next (and until when, when the pack lapses). */
export function bookNextMail(d: BookingMailBase & { toSchedule: number; scheduled: MailSession[]; validUntil: Date | null }): ComposedMail {
  const S = strings[d.lang];
  const N = nudgeStrings[d.lang];
  return compose(d, fill(N.bookNextSubject, { program: d.program.title }), [
    fill(N.bookNextBody, { count: d.toSchedule, program: d.program.title, instructor: d.instructor.name, url: d.manageUrl }),
    ...(d.validUntil ? [fill(N.bookNextExpiry, { date: formatDate(d.validUntil, d.zone, d.locale ?? d.lang) })] : []),
    ...(d.scheduled.length ? [sessionList(d, S.sessionsHeading, d.scheduled)] : []),
  ], [d.manageUrl]);
}

/** An installment will be charged in three days. */
export function installmentDueMail(d: BookingMailBase & { amount: number; currency: string; dueAt: Date }): ComposedMail {
  const N = nudgeStrings[d.lang];
  const date = formatDate(d.dueAt, d.zone, d.locale ?? d.lang);
  return compose(d, fill(N.installmentDueSubject, { program: d.program.title, date }), [
    fill(N.installmentDueBody, { amount: formatMoney(d.amount, d.currency, d.locale ?? d.lang), program: d.program.title, date }),
    fill(N.installmentDueCard, { url: d.manageUrl }),
  ], [d.manageUrl]);
}

/**
 * A reservation lapsed unpaid and its times are still free: the times and a link back to them.
 * `manageUrl` is that link here (the booking's page with the same times chosen).
 */
export function abandonedReservationMail(d: BookingMailBase & { sessions: MailSession[] }): ComposedMail {
  const S = strings[d.lang];
  const N = nudgeStrings[d.lang];
  return compose(d, fill(N.abandonedSubject, { program: d.program.title }), [
    fill(N.abandonedBody, { program: d.program.title, instructor: d.instructor.name }),
    ...(d.sessions.length ? [sessionList(d, S.sessionsHeading, d.sessions)] : []),
    fill(N.abandonedLink, { url: d.manageUrl }),
  ], [d.manageUrl]);
}

/** The program is completed: asking for a rating and a few words. */
export function reviewRequestMail(d: BookingMailBase & { reviewUrl: string }): ComposedMail {
  const N = nudgeStrings[d.lang];
  return compose(d, fill(N.reviewSubject, { program: d.program.title }), [
    fill(N.reviewBody, { program: d.program.title, instructor: d.instructor.name, studio: d.studio.name, url: d.reviewUrl }),
  ], [{ url: d.reviewUrl, label: N.reviewLink }]);
}


/** A milestone of the program is due soon and not completed yet. */
export function milestoneDueMail(d: BookingMailBase & { milestone: string; dueAt: Date }): ComposedMail {
  const N = nudgeStrings[d.lang];
  const date = formatDate(d.dueAt, d.zone, d.locale ?? d.lang);
  return compose(d, fill(N.milestoneSubject, { program: d.program.title, milestone: d.milestone, date }), [
    fill(N.milestoneBody, { program: d.program.title, instructor: d.instructor.name, milestone: inert(d.milestone), date }),
    fill(N.milestoneLink, { url: d.manageUrl }),
  ], [d.manageUrl]);
}
