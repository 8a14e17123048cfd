import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Localizer } from '../../core/i18n/localizer.ts';
import { Task, initialState as notYet } from '@lit/task';
import { ApiClient, scriptOrigin } from '../../core/api/client.ts';
import { listPrograms } from '../../core/api/programs.ts';
import { LocaleController } from '../../core/controllers/locale-controller.ts';
import { reportError } from '../../core/report-error.ts';
import { base, tokens } from '../../core/styles.ts';
import { errorBox, loadingBox } from '../../core/templates.ts';
import type { ProgramSummary } from '../../../schema/api/embed-programs.ts';
import { programsStyles } from './tandem-programs.styles.ts';

/**
 * Lists a studio's public programs; choosing one opens it in a `<tandem-program>` in place.
 *
 * @tagname tandem-programs
 * @summary `<tandem-programs key="pk_test_…"></tandem-programs>`
 *
 * @attr {string} key - The studio's publishable key (`pk_…`).
 * @attr {string} api - The API origin; defaults to the origin the script was loaded from.
 * @attr {string} lang - Language (en, de, fr, it); defaults to the closest `[lang]`, then the browser.
 * @attr {'light'|'dark'|'auto'} theme - Colour scheme: `light` (default), `dark`, or `auto` to follow the visitor's system setting.
 *
 * @event {TandemErrorEvent} tandem:error - The list could not be loaded. detail: `{code, status, message, step, retryable}`.
 * @event {TandemReadyEvent} tandem:ready - (from the opened program) The program is shown.
 * @event {TandemStepEvent} tandem:step - (from the opened program) The customer moved to another step.
 * @event {TandemBookedEvent} tandem:booked - (from the opened program) A booking was made.
 *
 * @csspart base - The outer box.
 * @csspart list - The list of programs.
 * @csspart card - One program.
 * @csspart button - Every button.
 * @csspart price - A "from" price.
 * @csspart program - The opened `<tandem-program>` (its own parts are re-exported).
 *
 * @cssproperty --tandem-color-primary - Accent colour.
 * @cssproperty --tandem-font - Font family (default: inherited from the page).
 * @cssproperty --tandem-radius - Corner radius.
 * @cssproperty --tandem-space - Base spacing.
 */
export class TandemPrograms extends LitElement {
  static override styles = [tokens, base, programsStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  @property() key = '';
  @property() api = '';
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' | undefined;
  /** The slug of the opened program, or '' for the list. */
  @state() private open = '';

  private readonly locale = new LocaleController(this);

  private readonly list = new Task(this, {
    task: async ([api, key], { signal }) => {
      // No request before the page has set the key.
      if (!key) return notYet;
      try {
        return await listPrograms(new ApiClient(api, key), signal);
      } catch (err) {
        if (!signal.aborted) reportError(this, err, 'program');
        throw err;
      }
    },
    args: () => [this.api || scriptOrigin(), this.key] as const,
  });

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.locale.refresh();
  }

  private async back(): Promise<void> {
    const slug = this.open;
    this.open = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-slug="${slug}"]`)?.focus();
  }

  private card(p: ProgramSummary) {
    const i18n = this.locale.localizer;
    return html`<li>
      <article class="card" part="card">
        ${p.thumbnail_url ? html`<img src=${p.thumbnail_url} alt="" loading="lazy" />` : nothing}
        <h3>${p.title}</h3>
        <p>${p.summary}</p>
        <p class="muted">
          ${i18n.t(`delivery_${p.delivery_mode}`)} · ${sessionsLabel(p, i18n)}
          ${p.from_price ? html` · <span part="price">${i18n.t('fromPrice', { price: i18n.money(p.from_price.amount, p.from_price.currency) })}</span>` : nothing}
        </p>
        <button type="button" class="btn primary" part="button" data-slug=${p.slug} @click=${() => (this.open = p.slug)}>
          ${viewLabel(p.title, i18n)}
        </button>
      </article>
    </li>`;
  }

  protected override render() {
    const i18n = this.locale.localizer;
    if (this.open) {
      return html`<div class="wrap" part="base">
        <button type="button" class="btn back" part="button" @click=${this.back}>‹ ${i18n.t('allPrograms')}</button>
        <tandem-program
          part="program"
          exportparts="base, heading, button, button-primary, banner, price, variant, calendar, day, slot, field, input, error"
          key=${this.key}
          program=${this.open}
          api=${this.api || nothing}
          lang=${this.getAttribute('lang') || nothing}
          theme=${this.theme || nothing}
        ></tandem-program>
      </div>`;
    }
    // A region landmark named by its heading (not a bare div): screen readers list it beside the host page's own landmarks.
    return html`<section class="wrap" part="base" lang=${i18n.locale} aria-labelledby="programs-heading">
      <h2 id="programs-heading">${i18n.t('programsHeading')}</h2>
      ${this.list.render({
        initial: () => loadingBox(i18n),
        pending: () => loadingBox(i18n),
        error: (err) => errorBox(err, i18n, () => void this.list.run()),
        complete: (programs) =>
          // role="list": Safari drops the list semantics of a list styled without bullets.
          programs.length ? html`<ul class="list" part="list" role="list">${programs.map((p) => this.card(p))}</ul>` : html`<p>${i18n.t('noPrograms')}</p>`,
      })}
    </section>`;
  }
}

/** "4–8 sessions" when the variants differ (the "from" price is the cheapest's), else "8 sessions". */
function sessionsLabel({ sessions_range: { min, max } }: ProgramSummary, i18n: Localizer) {
  return i18n.plural('sessions', max, min < max ? { count: `${min}–${max}` } : {});
}

/** "View" on the button (capitalised by CSS: German says "ansehen" last), the title for screen readers only: the card's heading shows it. */
function viewLabel(title: string, i18n: Localizer) {
  return html`${i18n.t('viewProgram', { title: '' }).trim()}<span class="sr-only"> ${title}</span>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'tandem-programs': TandemPrograms;
  }
}
