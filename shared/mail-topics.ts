/** What the studio is told by mail, per staff member. Instructors get these for the bookings they conduct. */
export const MAIL_TOPICS = ['new_booking', 'cancellation', 'reschedule', 'payment_failure', 'message'] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];
export type MailPreferences = Record<MailTopic, boolean>;
