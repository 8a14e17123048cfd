/**
 * French typography in every French sentence the widget, the portal and the mails show: a narrow
 * no-break space (U+202F) before : ; ? ! and inside « », never an ordinary space (a line could
 * break before the colon) and never none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fr } from '../../../shared/words/fr.ts';
import * as errorsFr from '../../../widget/core/i18n/errors/errors-fr.ts';
import * as portalFr from '../../../widget/elements/tandem-portal/i18n/fr.ts';
import { strings } from '../../../server/modules/notifications/domain/strings.ts';
import { nudgeStrings } from '../../../server/modules/notifications/domain/nudge-strings.ts';
import { settlementStrings } from '../../../server/modules/notifications/domain/settlement-strings.ts';
import { adminWords } from '../../../widget/elements/tandem-admin/i18n.ts';
import { availabilityWords } from '../../../widget/elements/tandem-admin/availability/availability-i18n.ts';
import { blocksWords } from '../../../widget/elements/tandem-admin/availability/availability-blocks-i18n.ts';
import { wizardWords } from '../../../widget/elements/tandem-admin/wizard/words.ts';
import { homeworkWords } from '../../../widget/elements/tandem-admin/bookings/homework-list.ts';
import { settingsWords } from '../../../widget/elements/tandem-admin/settings/settings-i18n.ts';
import { customersWords } from '../../../widget/elements/tandem-admin/customers/customers-i18n.ts';
import { onboardingWords } from '../../../widget/elements/tandem-admin/onboarding/onboarding-i18n.ts';
import { payrollWords } from '../../../widget/elements/tandem-admin/payroll/payroll-i18n.ts';
import { funnelWords } from '../../../widget/elements/tandem-admin/funnel/funnel-i18n.ts';
import { signUpWords } from '../../../widget/elements/tandem-admin/signup/signup-i18n.ts';
import { recordWords } from '../../../widget/elements/tandem-admin/bookings/booking-record-i18n.ts';
import { marketingWords } from '../../../widget/elements/tandem-admin/marketing/marketing-i18n.ts';
import { staffNoticeStrings } from '../../../server/modules/notifications/domain/staff-notices.ts';
import { homeworkStrings } from '../../../server/modules/notifications/domain/homework-mails.ts';
import { referralRewardStrings } from '../../../server/modules/notifications/domain/referral-mails.ts';
import { rewardWords } from '../../../widget/elements/tandem-admin/marketing/referral-reward-i18n.ts';
import { refundAccountStrings } from '../../../widget/elements/tandem-portal/refund-account/refund-account-i18n.ts';

function sentences(x: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (typeof x === 'string') out.push([path, x]);
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) sentences(v, `${path}.${k}`, out);
  return out;
}

const catalogs = {
  widget: fr, errors: errorsFr, portal: portalFr,
  mails: strings.fr, nudges: nudgeStrings.fr, settlement: settlementStrings.fr, staffNotices: staffNoticeStrings.fr, homework: homeworkStrings.fr, refundAccount: refundAccountStrings.fr, referralReward: referralRewardStrings.fr,
  // the console's word tables (every view)
  console: adminWords.fr, consoleAvailability: availabilityWords.fr, consoleAvailabilityBlocks: blocksWords.fr, consoleWizard: wizardWords.fr, consoleHomework: homeworkWords.fr,
  consoleSettings: settingsWords.fr, consoleCustomers: customersWords.fr, consoleOnboarding: onboardingWords.fr, consolePayroll: payrollWords.fr,
  consoleFunnel: funnelWords.fr, consoleSignUp: signUpWords.fr, consoleRecord: recordWords.fr, consoleMarketing: marketingWords.fr, consoleReferralReward: rewardWords.fr,
};

test('French sentences: a narrow no-break space before : ; ? ! and inside « »', () => {
  const all = Object.entries(catalogs).flatMap(([name, c]) => sentences(c, name));
  assert.ok(all.length > 200, `${all.length} sentences`);
  const wrong = all.filter(([, s]) =>
    /[ \u00a0][:;?!»]/.test(s) || /«[ \u00a0]/.test(s) || /«[^\u202f]/.test(s) || /[^\u202f]»/.test(s)
    // a letter straight before ; ? ! (a colon may follow a placeholder or a time such as 10:00)
    || /\p{L}[;?!]/u.test(s.replace(/https?:\/\/\S+/g, '')));
  assert.deepEqual(wrong, []);
  assert.ok(all.some(([, s]) => s.includes('\u202f:')), 'the rule is in use');
});
