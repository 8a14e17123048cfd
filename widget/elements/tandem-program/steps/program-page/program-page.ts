import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { StepElement } from '../step-element.ts';
import { define } from '../../shared/define.ts';
import { depositAmount, selectedVariant } from '../../state/booking-context.ts';
import type { Localizer } from '../../i18n/localizer.ts';
import type { ProgramDetail } from '../../state/types.ts';
import { base } from '../../shared/styles.ts';
import { programPageStyles } from './program-page.styles.ts';

type Variant = ProgramDetail['variants'][number];

/** Price terms of a variant, in words: VAT, deposit and plan, credit price. */
export function variantTerms(v: Variant, i18n: Localizer): string {
  const parts = [v.vat_rate > 0 ? i18n.t('vatIncluded', { rate: i18n.percent(v.vat_rate) }) : i18n.t('vatNone')];
  const deposit = depositAmount(v, v.price);
  if (deposit != null) {
    let d = i18n.t('depositOffered', { amount: i18n.money(deposit, v.currency) });
    if (v.pay_plan && v.pay_plan.installments > 0) d += ' ' + i18n.plural('planOffered', v.pay_plan.installments);
    parts.push(d);
  }
  if (v.credit_price != null) parts.push(i18n.plural('creditPrice', v.credit_price));
  return parts.join(' · ');
}

/**
 * Step 1: the program page — banner and images, description, itinerary, outcomes, host,
 * testimonials, FAQ, policies and the price options.
 * @internal
 */
export class TandemProgramPage extends StepElement {
  static override styles = [base, programPageStyles];

  private renderVariants(p: ProgramDetail, i18n: Localizer) {
    const chosen = this.ctx ? selectedVariant(this.ctx.state) : null;
    const line = (v: Variant) => html`<span class="name">${v.name}</span>
      <span class="price" part="price">${i18n.money(v.price, v.currency)}</span>
      · ${i18n.plural('sessions', v.sessions_count)}
      <span class="terms">${variantTerms(v, i18n)}</span>`;
    if (p.variants.length === 1) {
      const v = p.variants[0]!;
      return html`<div class="variant" part="variant"><div>${line(v)}</div></div>`;
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
              @change=${() => this.ctx?.actions.update({ variantId: v.id, firstSlot: null, conflicts: [], starts: [], mode: 'cadence' })}
            />
            <span>${line(v)}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private next() {
    const ctx = this.ctx;
    if (!ctx) return;
    if (!ctx.state.variantId) ctx.actions.update({ variantId: selectedVariant(ctx.state)?.id ?? null });
    ctx.actions.go('time');
  }

  protected override render() {
    const ctx = this.ctx;
    const p = ctx?.state.program;
    if (!ctx || !p) return nothing;
    const i18n = ctx.i18n;
    const prefetch = () => ctx.actions.prefetch('time');
    const hosts = p.instructors;
    return html`
      ${p.banner_url ? html`<img class="banner" part="banner" src=${p.banner_url} alt="" />` : nothing}
      <h2 tabindex="-1" part="heading">${p.title}</h2>
      <p class="lead">${p.summary}</p>
      <ul class="facts">
        <li>${i18n.t(`delivery_${p.delivery_mode}`)}</li>
        <li>${i18n.t('sessionLength', { minutes: i18n.number(p.session_length_min) })}</li>
        <li>${i18n.plural('sessions', selectedVariant(ctx.state)?.sessions_count ?? p.sessions_count)}</li>
        ${p.location ? html`<li>${p.location.name}</li>` : nothing}
      </ul>
      <section part="section" aria-label=${i18n.t('chooseOption')}>
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
            @click=${this.next}
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
      ${p.testimonials.length
        ? html`<section part="section">
            <h3>${i18n.t('testimonials')}</h3>
            ${p.testimonials.map(
              (t) => html`<figure>
                <blockquote>${t.quote}</blockquote>
                <figcaption>— ${t.author}</figcaption>
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
        ${p.location ? html`<p><strong>${i18n.t('location')}:</strong> ${p.location.name}, ${p.location.address}</p>` : nothing}
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
