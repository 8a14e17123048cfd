import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { define } from '../../../../core/define.ts';
import { variantOf } from '../../../../core/context/booking-state.ts';
import type { Localizer } from '../../../../core/i18n/localizer.ts';
import type { ProgramDetail } from '../../../../core/context/types.ts';
import { VariantSelectEvent } from '../../../../core/events/variant-select-event.ts';
import { StepRequestEvent } from '../../../../core/events/step-request-event.ts';
import { StepPrefetchEvent } from '../../../../core/events/step-prefetch-event.ts';
import { variantPrice } from '../../../../components/price/price.ts';
import { base } from '../../../../core/styles.ts';
import { programPageStyles } from './program-page.styles.ts';
import { ratingStars, ratingSummary } from './ratings.ts';

/**
 * Step 1: the program page — banner and images, description, itinerary, outcomes, host,
 * testimonials, FAQ, policies and the price options. Renders from its properties alone
 * (no booking context), so it can be shown on its own.
 *
 * @event {VariantSelectEvent} tandem-variant-select - A price option was chosen. detail: `{variantId}`.
 * @event {StepPrefetchEvent} tandem-step-prefetch - The button to the times is hovered or focused. detail: `{step: 'time'}`.
 * @event {StepRequestEvent} tandem-step-request - "Choose a time" was pressed. detail: `{step: 'time'}`.
 * @internal
 */
export class TandemProgramPage extends LitElement {
  static override styles = [base, programPageStyles];

  @property({ attribute: false }) program: ProgramDetail | null = null;
  /** The chosen price option (the first when null). */
  @property({ attribute: false }) variantId: string | null = null;
  @property({ attribute: false }) i18n!: Localizer;

  /** Moves focus to the heading (called by `<tandem-program>` after a step change). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2[tabindex="-1"]')?.focus({ preventScroll: false });
  }

  private renderVariants(p: ProgramDetail, i18n: Localizer) {
    const chosen = variantOf(p.variants, this.variantId);
    if (p.variants.length === 1) {
      return html`<div class="variant" part="variant"><div>${variantPrice(p.variants[0]!, i18n)}</div></div>`;
    }
    return html`<fieldset class="variants-box">
      <legend>${i18n.t('chooseOption')}</legend>
      <div class="variants">
        ${p.variants.map(
          (v) => html`<label class="variant" part="variant">
            <input
              type="radio"
              name="variant"
              .value=${v.id}
              .checked=${chosen?.id === v.id}
              @change=${() => this.dispatchEvent(new VariantSelectEvent({ variantId: v.id }))}
            />
            <span>${variantPrice(v, i18n)}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  protected override render() {
    const p = this.program;
    const i18n = this.i18n;
    if (!p || !i18n) return nothing;
    const prefetch = () => this.dispatchEvent(new StepPrefetchEvent({ step: 'time' }));
    const hosts = p.instructors;
    return html`
      ${p.banner_url ? html`<img class="banner" part="banner" src=${p.banner_url} alt="" width="1200" height="525" />` : nothing}
      <h2 tabindex="-1" part="heading">${p.title}</h2>
      <p class="lead">${p.summary}</p>
      <ul class="facts">
        <li>${i18n.t(`delivery_${p.delivery_mode}`)}</li>
        <li>${i18n.t('sessionLength', { minutes: i18n.number(p.session_length_min) })}</li>
        <li>${i18n.plural('sessions', variantOf(p.variants, this.variantId)?.sessions_count ?? p.sessions_count)}</li>
        ${p.location ? html`<li>${p.location.name}</li>` : nothing}
      </ul>
      <!-- named after the program: several widgets on one page keep their regions apart (landmark-unique) -->
      <section part="section" aria-label=${`${p.title}: ${i18n.t('chooseOption')}`}>
        ${this.renderVariants(p, i18n)}
        <div class="actions">
          <span></span>
          <button
            type="button"
            class="btn primary"
            part="button button-primary"
            ?disabled=${p.variants.length === 0}
            @pointerenter=${prefetch}
            @focus=${prefetch}
            @click=${() => this.dispatchEvent(new StepRequestEvent({ step: 'time' }))}
          >
            ${i18n.t('chooseTime')}
          </button>
        </div>
      </section>
      <section part="section" class="description">${unsafeHTML(p.description_html)}</section>
      ${p.media.length
        ? html`<div class="media">
            ${p.media.map((m) =>
              m.kind === 'image'
                ? html`<img src=${m.url} alt=${m.alt} loading="lazy" />`
                : html`<video src=${m.url} controls preload="none" aria-label=${m.alt}></video>`,
            )}
          </div>`
        : nothing}
      ${p.itinerary.length
        ? html`<section part="section">
            <h3>${i18n.t('itinerary')}</h3>
            <ol class="itinerary">
              ${p.itinerary.map((s) => html`<li><strong>${s.title}</strong><br />${s.description}</li>`)}
            </ol>
          </section>`
        : nothing}
      ${p.outcomes.length
        ? html`<section part="section">
            <h3>${i18n.t('outcomes')}</h3>
            <ul>
              ${p.outcomes.map((o) => html`<li>${o}</li>`)}
            </ul>
          </section>`
        : nothing}
      ${p.host_bio_html || hosts.length
        ? html`<section part="section">
            <h3>${i18n.t(hosts.length > 1 ? 'hosts' : 'host')}</h3>
            ${p.host_bio_html ? unsafeHTML(p.host_bio_html) : nothing}
            ${hosts.map(
              (h) => html`<div class="host">
                ${h.photo_url ? html`<img src=${h.photo_url} alt="" loading="lazy" />` : nothing}
                <div><strong>${h.name}</strong>${h.bio && !p.host_bio_html ? html`<p>${h.bio}</p>` : nothing}</div>
              </div>`,
            )}
          </section>`
        : nothing}
      ${p.testimonials.length || p.review_summary
        ? html`<section part="section">
            <h3>${i18n.t('testimonials')}</h3>
            ${p.review_summary ? ratingSummary(p.review_summary, i18n) : nothing}
            ${p.testimonials.map(
              (t) => html`<figure>
                <blockquote>${t.quote}</blockquote>
                <figcaption>— ${t.author}${t.rating ? html`, ${ratingStars(t.rating, i18n)}` : nothing}</figcaption>
              </figure>`,
            )}
          </section>`
        : nothing}
      ${p.faq.length
        ? html`<section part="section">
            <h3>${i18n.t('faq')}</h3>
            ${p.faq.map((f) => html`<details><summary>${f.question}</summary><p>${f.answer}</p></details>`)}
          </section>`
        : nothing}
      <section part="section">
        <h3>${i18n.t('policies')}</h3>
        <p>
          ${i18n.t('freeCancel', { hours: i18n.number(p.policies.free_cancel_hours) })}
          ${p.policies.late_cancel_fee_percent > 0 ? i18n.t('lateFee', { percent: i18n.percent(p.policies.late_cancel_fee_percent) }) : nothing}
        </p>
        ${p.policies.notes ? html`<p>${p.policies.notes}</p>` : nothing}
        ${p.location ? html`<p><strong>${i18n.t('location')}:</strong> ${p.location.label}</p>` : nothing}
      </section>
    `;
  }
}

define('tandem-program-page', TandemProgramPage);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-program-page': TandemProgramPage;
  }
}
