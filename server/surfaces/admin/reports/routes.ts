/** The finance reports of the admin API, one file each; composed here so app.ts names them once. */
import { Hono } from 'hono';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { revenueReportRoute } from './revenue-csv.ts';
import { refundsReportRoute } from './refunds-csv.ts';
import { outstandingReportRoute } from './outstanding-csv.ts';
import { vatQuarterReportRoutes } from './vat-quarter.ts';
import { cashReportRoute } from './cash-csv.ts';

export function adminReportRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .route('/', revenueReportRoute(deps))
    .route('/', refundsReportRoute(deps))
    .route('/', outstandingReportRoute(deps))
    .route('/', vatQuarterReportRoutes(deps))
    .route('/', cashReportRoute(deps));
}
