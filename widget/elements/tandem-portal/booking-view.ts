/** One booking as the customer sees it: sessions and what they may do, the cancellation quote, milestones, money. */
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { keyed } from 'lit/directives/keyed.js';
import type { BalancePaymentOut, CancellationQuote, CardSetupOut, PortalBookingDetail, PortalMessages } from '../../core/api/portal.ts';
import type { PortalKey } from './i18n/en.ts';
import type { Picking, PortalHost } from './portal-host.ts';
import { isSeries } from '../../../shared/cadence.ts';

type Session = PortalBookingDetail['sessions'][number];

const stateKey: Record<Session['state'], PortalKey> = {
  scheduled: 'stateScheduled', to_schedule: 'stateToSchedule', attended: 'stateAttended', no_show: 'stateNoShow', cancelled: 'stateCancelled',
};
const ruleKey: Record<string, PortalKey> = {
  cancelled_in_time: 'ruleCancelledInTime', cancelled_by_studio: 'ruleCancelledInTime', late_cancellation: 'ruleLateCancellation',
  no_show: 'ruleNoShow', completed: 'ruleCompleted', not_scheduled: 'ruleNotScheduled',
};

/** The homework control (upload and files per milestone) is its own chunk, loaded when a booking with milestones is shown. */
let homeworkLoading: Promise<unknown> | null = null;
function homework(p: PortalHost, d: PortalBookingDetail, ms: PortalBookingDetail['milestones'][number]) {
  if (d.status === 'reserved') return nothing;
  homeworkLoading ??= import('./homework/homework-upload.ts');
  return html`<tandem-portal-homework .portal=${p} .booking=${d} .milestone=${ms}></tandem-portal-homework>`;
}

interface ViewState {
  thread: PortalMessages | null; quote: CancellationQuote | null; picking: Picking | null; pickerReady: boolean; busy: boolean; canGoBack: boolean;
  cardSetup: CardSetupOut['setup'] | null;
  balancePayment?: BalancePaymentOut['payment'] | null;
  /** "Pay now" on a booking the studio made with a payment link: what the Payment Element (or the test processor's button) needs. */
  linkPayment?: BalancePaymentOut['payment'] | null;
  /** The bank refund whose account form takes the focus (the mails' deep link). */
  focusRefund?: string;
}

/** A bank refund's account form (or where it went) is its own chunk, loaded when a booking with one is shown. */
let refundFormLoading: Promise<unknown> | null = null;
function bankRefunds(p: PortalHost, d: PortalBookingDetail, focus: string | undefined) {
  const refunds = d.money?.bank_refunds ?? [];
  if (!refunds.length) return nothing;
  refundFormLoading ??= import('./refund-account/refund-account.ts');
  return refunds.map((r) => html`<tandem-portal-refund-account .portal=${p} .booking=${d} .refund=${r} ?focused=${focus === r.id}></tandem-portal-refund-account>`);
}

/** "Pay now by card": the Payment Element for a one-off payment of the open balance (Stripe); the test processor has none. */
function balancePanel(p: PortalHost, payment: BalancePaymentOut['payment'], amount: string) {
  return html`<div class="card-setup" role="group" aria-labelledby="pay-once-heading">
    <h4 id="pay-once-heading">${p.t('payOnce', { amount })}</h4>
    ${payment.provider === 'stripe'
      ? html`<tandem-stripe-payment
          .clientSecret=${payment.client_secret}
          .publishableKey=${payment.publishable_key ?? ''}
          .stripeAccount=${payment.stripe_account ?? ''}
          .i18n=${p.localizer}
          .mode=${'payment'}
          .submitLabel=${p.t('payOnce', { amount })}
          @tandem-payment-confirmed=${() => p.balancePaid()}
        ></tandem-stripe-payment>`
      : html`<p class="hint">${p.t('payOnceTest')}</p>`}
    <div class="actions"><button class="btn" @click=${() => p.closePanels()}>${p.t('close')}</button></div>
  </div>`;
}

/**
 * A booking the studio made for the customer with a payment link: until when it is held, what it
 * costs, and "pay now", which opens the Payment Element (Stripe) or the test processor's button.
 */
function payNowPanel(p: PortalHost, d: PortalBookingDetail, v: ViewState) {
  const amount = p.localizer.money(d.total_price.amount, d.total_price.currency);
  const payment = v.linkPayment;
  return html`<section part="panel" class="panel" aria-labelledby="pay-now-heading">
    <h3 id="pay-now-heading" tabindex="-1">${p.t('payNow', { amount })}</h3>
    <p>${p.t('payNowIntro', { amount, date: p.localizer.dateTime(d.pay_until!, d.sessions[0]?.timezone ?? 'UTC', 'medium') })}</p>
    ${!payment ? html`<div class="actions"><button class="btn primary" ?disabled=${v.busy} @click=${() => p.payNow()}>${p.t('payNow', { amount })}</button></div>`
      : payment.provider === 'stripe'
        ? html`<tandem-stripe-payment
            .clientSecret=${payment.client_secret}
            .publishableKey=${payment.publishable_key ?? ''}
            .stripeAccount=${payment.stripe_account ?? ''}
            .i18n=${p.localizer}
            .mode=${'payment'}
            .submitLabel=${p.t('payNow', { amount })}
            @tandem-payment-confirmed=${() => p.linkPaid()}
          ></tandem-stripe-payment>
          <div class="actions"><button class="btn" @click=${() => p.closePanels()}>${p.t('close')}</button></div>`
        : html`<p class="hint">${p.t('payNowTest')}</p>
          <div class="actions"><button class="btn primary" ?disabled=${v.busy} @click=${() => p.payTestLink()}>${p.t('payNow', { amount })}</button>
          <button class="btn" @click=${() => p.closePanels()}>${p.t('close')}</button></div>`}
  </section>`;
}

/** "Update card": the Payment Element in setup mode (Stripe), or the test processor's one button. */
function cardPanel(p: PortalHost, setup: CardSetupOut['setup'], busy: boolean) {
  return html`<div class="card-setup" role="group" aria-labelledby="card-heading">
    <h4 id="card-heading">${p.t('updateCard')}</h4>
    <p>${p.t('cardNote')}</p>
    ${setup.provider === 'stripe'
      ? html`<tandem-stripe-payment
          .clientSecret=${setup.client_secret}
          .publishableKey=${setup.publishable_key ?? ''}
          .stripeAccount=${setup.stripe_account ?? ''}
          .i18n=${p.localizer}
          .mode=${'setup'}
          .submitLabel=${p.t('saveCard')}
          @tandem-payment-confirmed=${() => p.cardConfirmed()}
        ></tandem-stripe-payment>`
      : html`<p class="hint">${p.t('testCard')}</p>
        <div class="actions"><button class="btn primary" ?disabled=${busy} @click=${() => p.saveTestCard()}>${p.t('saveCard')}</button>
        <button class="btn" @click=${() => p.closePanels()}>${p.t('close')}</button></div>`}
  </div>`;
}

function sessionItem(p: PortalHost, d: PortalBookingDetail, s: Session) {
  const i18n = p.localizer;
  const when = s.starts_at ? `${i18n.dateTime(s.starts_at, s.timezone, 'medium')}–${i18n.time(s.ends_at!, s.timezone)}` : '';
  const label = p.t('sessionN', { n: s.seq });
  return html`<li>
    <strong>${label}</strong> · ${p.t(stateKey[s.state])}${when ? html` · ${when}` : nothing}
    ${s.meeting_url && /^https?:\/\//i.test(s.meeting_url) ? html`<br><a href=${s.meeting_url} target="_blank" rel="noopener noreferrer" aria-label="${p.t('joinOnline')}: ${label}">${p.t('joinOnline')}</a>` : nothing}
    ${s.state === 'scheduled' && s.change_deadline && s.actions.reschedule ? html`<br><small>${p.t('changeUntil', { date: i18n.dateTime(s.change_deadline, s.timezone, 'medium') })}</small>` : nothing}
    ${s.state === 'scheduled' && s.starts_at && Date.parse(s.starts_at) > Date.now() ? html`<div class="actions">
      <button class="btn link" @click=${() => p.addToCalendar(s.id, `${d.program.slug}-${s.seq}.ics`)} aria-label="${p.t('addToCalendar')}: ${label}">${p.t('addToCalendar')}</button>
    </div>` : nothing}
    ${s.actions.reschedule || s.actions.cancel ? html`<div class="actions">
      ${s.actions.reschedule ? html`<button class="btn" @click=${() => p.pickTime({ kind: 'move', sessionId: s.id })} aria-label="${p.t('reschedule')}: ${label}">${p.t('reschedule')}</button>` : nothing}
      ${s.actions.cancel && d.sessions.length > 1 ? html`<button class="btn" @click=${() => p.askCancel(s.id)} aria-label="${p.t('cancelSession')}: ${label}">${p.t('cancelSession')}</button>` : nothing}
    </div>` : nothing}
  </li>`;
}

function quotePanel(p: PortalHost, d: PortalBookingDetail, q: CancellationQuote, busy: boolean) {
  const i18n = p.localizer;
  const money = (n: number) => i18n.money(n, q.currency);
  const zone = d.sessions.find((s) => s.timezone)?.timezone ?? 'UTC';
  return html`<section part="panel" class="panel quote" aria-labelledby="quote-heading">
    <h3 id="quote-heading" tabindex="-1">${p.t('quoteHeading')}</h3>
    <table>
      <thead><tr><th scope="col">${p.t('sessions')}</th><th scope="col">${p.t('quoteRefund')}</th><th scope="col">${p.t('quoteFee')}</th></tr></thead>
      <tbody>${q.lines.map((l) => html`<tr>
        <th scope="row">${p.t('sessionN', { n: l.seq })}${l.starts_at ? html` · ${i18n.dateTime(l.starts_at, zone, 'medium')}` : nothing}<br><small>${p.t(ruleKey[l.rule] ?? 'ruleOther')}</small></th>
        <td>${money(l.refund)}</td><td>${money(l.fee)}</td>
      </tr>`)}</tbody>
      <tfoot>
        <tr><th scope="row">${p.t('quoteRefund')}</th><td colspan="2">${money(q.refund)}</td></tr>
        ${q.fee ? html`<tr><th scope="row">${p.t('quoteFee')}</th><td colspan="2">${money(q.fee)}</td></tr>` : nothing}
        ${q.credits_back ? html`<tr><th scope="row">${p.t('quoteCredits')}</th><td colspan="2">${q.credits_back}</td></tr>` : nothing}
        ${q.balance_due ? html`<tr><th scope="row">${p.t('quoteDue')}</th><td colspan="2">${money(q.balance_due)}</td></tr>` : nothing}
      </tfoot>
    </table>
    ${q.action === 'unschedule' ? html`<p>${p.t('unscheduleNote')}</p>` : nothing}
    <div class="actions">
      <button class="btn danger" ?disabled=${busy} @click=${() => p.confirmCancel()}>${p.t('confirmCancel')}</button>
      <button class="btn" @click=${() => p.closePanels()}>${p.t('keep')}</button>
    </div>
  </section>`;
}

function threadPanel(p: PortalHost, d: PortalBookingDetail, t: PortalMessages, busy: boolean) {
  const i18n = p.localizer;
  const zone = d.sessions[0]?.timezone ?? 'UTC';
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const field = form.elements.namedItem('body') as HTMLTextAreaElement;
    if (await p.sendMessage(field.value)) field.value = '';
  };
  return html`<section part="panel" class="panel" id="messages" aria-labelledby="messages-heading">
    <h3 id="messages-heading">${p.t('messages')}</h3>
    ${t.messages.length ? html`<ol class="thread">${t.messages.map((m) => html`<li>
      <strong>${m.from === 'customer' ? p.t('you') : d.instructor.name}</strong> · <small>${i18n.dateTime(m.created_at, zone, 'medium')}</small>
      <div class="md">${unsafeHTML(m.body_html)}</div>
    </li>`)}</ol>` : html`<p>${p.t('noMessages')}</p>`}
    <form @submit=${submit}>
      <label for="message-body">${p.t('write')}</label>
      <textarea id="message-body" name="body" rows="4" maxlength="5000" required></textarea>
      <button class="btn primary" ?disabled=${busy}>${p.t('sendMessage')}</button>
    </form>
  </section>`;
}

export function bookingView(p: PortalHost, d: PortalBookingDetail, v: ViewState) {
  const i18n = p.localizer;
  const m = d.money;
  return html`<article class="booking">
    ${v.canGoBack ? html`<p><button class="btn link" @click=${() => p.back()}>← ${p.t('back')}</button></p>` : nothing}
    <h2 tabindex="-1">${d.program.title}</h2>
    <p>${d.variant.name} · ${d.instructor.name}</p>
    ${d.actions.pay_now && d.pay_until ? payNowPanel(p, d, v) : nothing}

    <section part="panel" class="panel" aria-labelledby="sessions">
      <h3 id="sessions">${p.t('sessions')}</h3>
      <ol class="sessions">${d.sessions.map((s) => sessionItem(p, d, s))}</ol>
      <div class="actions">
        ${d.actions.schedule_sessions ? html`<button class="btn primary" @click=${() => p.pickTime({ kind: 'book' })}>${p.t('bookNext')}</button>` : nothing}
        ${d.actions.schedule_sessions && d.sessions_to_schedule > 1 ? html`<button class="btn" @click=${() => p.pickTime({ kind: 'series-book' })}>${p.t('bookRemaining')}</button>` : nothing}
        ${d.actions.reschedule_series && isSeries(d.sessions_count) ? html`<button class="btn" @click=${() => p.pickTime({ kind: 'series-move' })}>${p.t('moveSeries')}</button>
          <button class="btn" ?disabled=${v.busy} @click=${() => p.moveSeries(1)}>${p.t('moveSeriesLater')}</button>
          <button class="btn" ?disabled=${v.busy} @click=${() => p.moveSeries(-1)}>${p.t('moveSeriesEarlier')}</button>` : nothing}
      </div>
      ${v.picking?.kind === 'series-book' || v.picking?.kind === 'series-move' ? html`<p class="hint">${p.t('seriesNote')}</p>` : nothing}
      ${v.picking && v.pickerReady ? keyed(JSON.stringify(v.picking), html`<tandem-portal-time .portal=${p} .booking=${d} .picking=${v.picking}></tandem-portal-time>`) : nothing}
    </section>

    ${v.quote ? quotePanel(p, d, v.quote, v.busy) : nothing}

    ${d.milestones.length ? html`<section part="panel" class="panel" aria-labelledby="milestones">
      <h3 id="milestones">${p.t('milestones')}</h3>
      <ol>${d.milestones.map((ms) => html`<li>
        <strong>${ms.name}</strong>
        ${ms.completed_at ? html` · ${p.t('completed')}` : ms.due_at ? html` · ${p.t('due', { date: i18n.dateTime(ms.due_at, d.sessions[0]?.timezone ?? 'UTC', 'medium') })}` : nothing}
        <div class="md">${unsafeHTML(ms.description_html)}</div>
        ${ms.notes_html ? html`<div class="md">${unsafeHTML(ms.notes_html)}</div>` : nothing}
        ${homework(p, d, ms)}
      </li>`)}</ol>
    </section>` : nothing}

    ${m ? html`<section part="panel" class="panel" aria-labelledby="money">
      <h3 id="money">${p.t('money')}</h3>
      <dl>
        <dt>${p.t('total')}</dt><dd>${i18n.money(m.total.amount, m.total.currency)}</dd>
        <dt>${p.t('paid')}</dt><dd>${i18n.money(m.paid.amount, m.paid.currency)}</dd>
        ${m.balance_due.amount ? html`<dt>${p.t('balance')}</dt><dd>${i18n.money(m.balance_due.amount, m.balance_due.currency)}</dd>` : nothing}
      </dl>
      ${m.plan?.next_installment ? html`<p>${p.t('nextInstallment', { amount: i18n.money(m.plan.next_installment.amount.amount, m.plan.next_installment.amount.currency), date: i18n.dateTime(m.plan.next_installment.due_at, d.sessions[0]?.timezone ?? 'UTC', 'medium') })}</p>` : nothing}
      ${d.actions.pay_balance || d.actions.update_card || d.actions.pay_balance_once ? html`<div class="actions">
        ${d.actions.pay_balance ? html`<button class="btn primary" ?disabled=${v.busy} @click=${() => p.payBalance()}>${p.t('payBalance', { amount: i18n.money(m.balance_due.amount, m.balance_due.currency) })}</button>` : nothing}
        ${d.actions.pay_balance_once && !v.balancePayment ? html`<button class="btn" ?disabled=${v.busy} @click=${() => p.payBalanceOnce()}>${p.t('payOnce', { amount: i18n.money(m.balance_due.amount, m.balance_due.currency) })}</button>` : nothing}
        ${d.actions.update_card && !v.cardSetup ? html`<button class="btn" ?disabled=${v.busy} @click=${() => p.updateCard()}>${p.t('updateCard')}</button>` : nothing}
      </div>` : nothing}
      ${v.cardSetup ? cardPanel(p, v.cardSetup, v.busy) : nothing}
      ${v.balancePayment ? balancePanel(p, v.balancePayment, i18n.money(m.balance_due.amount, m.balance_due.currency)) : nothing}
      ${bankRefunds(p, d, v.focusRefund)}
      ${m.invoices.length || m.credit_notes.length ? html`<h4>${p.t('documents')}</h4><ul>
        ${m.invoices.map((doc) => html`<li>${p.t('invoice', { number: doc.number })} <button class="btn link" @click=${() => p.download(doc.pdf_url, `invoice-${doc.number}.pdf`)} aria-label="${p.t('download')}: ${p.t('invoice', { number: doc.number })}">${p.t('download')}</button></li>`)}
        ${m.credit_notes.map((doc) => html`<li>${p.t('creditNote', { number: doc.number })} <button class="btn link" @click=${() => p.download(doc.pdf_url, `credit-note-${doc.number}.pdf`)} aria-label="${p.t('download')}: ${p.t('creditNote', { number: doc.number })}">${p.t('download')}</button></li>`)}
      </ul>` : nothing}
    </section>` : nothing}

    ${v.thread ? threadPanel(p, d, v.thread, v.busy) : nothing}

    ${d.actions.cancel ? html`<p><button class="btn danger" @click=${() => p.askCancel()}>${p.t('cancelBooking')}</button></p>` : nothing}
  </article>`;
}
