/** The payroll routes of the admin API, one file each; composed here so app.ts names them once. */
import { Hono } from 'hono';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { listPayrollPeriodsRoute } from './list-periods.ts';
import { getPayrollPeriodRoute } from './get-period.ts';
import { closePayrollPeriodRoute } from './close-period.ts';
import { markPayrollPeriodPaidRoute } from './mark-period-paid.ts';
import { exportPayrollPeriodCsvRoute } from './export-period-csv.ts';
import { getPayrollStatementPdfRoute } from './get-statement-pdf.ts';
import { listPayRulesRoute } from './list-rules.ts';
import { createPayRuleRoute } from './create-rule.ts';
import { deletePayRuleRoute } from './delete-rule.ts';
import { getPayrollSettingsRoute } from './get-settings.ts';
import { savePayrollSettingsRoute } from './save-settings.ts';

export function adminPayrollRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .route('/', listPayrollPeriodsRoute(deps))
    .route('/', exportPayrollPeriodCsvRoute(deps))
    .route('/', getPayrollStatementPdfRoute(deps))
    .route('/', getPayrollPeriodRoute(deps))
    .route('/', closePayrollPeriodRoute(deps))
    .route('/', markPayrollPeriodPaidRoute(deps))
    .route('/', listPayRulesRoute(deps))
    .route('/', createPayRuleRoute(deps))
    .route('/', deletePayRuleRoute(deps))
    .route('/', getPayrollSettingsRoute(deps))
    .route('/', savePayrollSettingsRoute(deps));
}
