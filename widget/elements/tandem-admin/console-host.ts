import type { StaffSessionOut } from '../../../schema/api/admin-session.ts';
import type { AdminProgramOut } from '../../../schema/api/admin-programs.ts';
import type { AdminApi } from './core/api.ts';
import type { AdminKey, AdminLang } from './i18n.ts';
import type { ConsoleLang } from './core/console-lang.ts';

/**
 * What the console's views (booking-view.ts, program-view.ts) use of the <tandem-admin> element
 * that renders them: its words, formats, API client and navigation. The element is one; the views
 * see only this, so they do not import the element that imports them.
 */
export interface ConsoleHost {
  readonly client: AdminApi;
  readonly session: StaffSessionOut | null;
  /** The program on screen; a view sets it when the wizard saves. */
  program: AdminProgramOut | null;
  readonly language: AdminLang;
  readonly viewLang: ConsoleLang;
  t(key: AdminKey): string;
  when(iso: string, zone: string): string;
  money(m: { amount: number; currency: string }): string;
  openPipeline(): Promise<void>;
  openBooking(id: string): Promise<void>;
  openPrograms(): Promise<void>;
}
