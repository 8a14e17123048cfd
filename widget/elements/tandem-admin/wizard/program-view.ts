/** A program in the console: the wizard (its own element, program-wizard.ts), with the way back to the list. */
import { html, type TemplateResult } from 'lit';
import type { AdminProgramOut } from '../../../../schema/api/admin-programs.ts';
import type { ConsoleHost } from '../console-host.ts';
import './program-wizard.ts';

export type { WizardStep } from './program-wizard.ts';

export function programView(el: ConsoleHost, p: AdminProgramOut): TemplateResult {
  return html`<p><button @click=${() => el.openPrograms()}>${el.t('back')}</button></p>
    <tandem-admin-wizard .client=${el.client} .program=${p} lang=${el.language} currency=${el.session?.studio.currency ?? 'CHF'}
      @program-saved=${(e: CustomEvent<AdminProgramOut>) => { el.program = e.detail; }}></tandem-admin-wizard>`;
}
