/**
 * `<tandem-admin-marketing>`: the studio's marketing, for owners and managers. Six sections in a
 * tab list (arrow keys move between them): marketing consents (filtered by status, searched by
 * address, paged; record a withdrawal the customer asked for, resend a pending confirmation), referral codes and their rewards, segments (create,
 * edit, live count, members, CSV), campaigns (create or edit in four languages with a Markdown
 * preview, now or at a time, a test send, cancel a scheduled one, counts), automations (their own
 * element, automations-view.ts: list, edit, enable, run log with retry) and reviews (approve
 * as a testimonial, or hide).
 *
 * @attr lang - en, de, fr or it
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import { fillTemplate } from '../../../../shared/template.ts';
import type { ConsentOut } from '../../../../schema/api/marketing-consent.ts';
import type { ReferralOut } from '../../../../schema/api/admin-referrals.ts';
import type { ReviewOut } from '../../../../schema/api/admin-reviews.ts';
import type { CampaignOut, SegmentOut } from '../../../../schema/api/admin-segments.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { consoleLang, type ConsoleLang } from '../core/console-lang.ts';
import { problemAlert } from '../core/form-problem.ts';
import { marketingWords, type MarketingKey } from './marketing-i18n.ts';
import { referralsSection, reviewsSection } from './lists.ts';
import { consentsSection, loadConsents } from './consents.ts';
import { segmentsSection } from './segments.ts';
import { campaignsSection } from './campaigns.ts';
import './automations-view.ts';
import type { CampaignDraft, ConsentFilter, MarketingHost, Member, SegmentCount, SegmentDraft } from './host.ts';

export const SECTIONS = ['consents', 'referrals', 'segments', 'campaigns', 'automations', 'reviews'] as const;
export type Section = (typeof SECTIONS)[number];

export class TandemAdminMarketing extends LitElement implements MarketingHost {
  static override styles = [tokens, base, adminStyles, css`
    [role='tablist'] { display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0 0 1rem; }
    [role='tab'][aria-selected='true'] { font-weight: 700; border-bottom: 3px solid var(--_primary); }
    .panel-form { display: grid; gap: 0.5rem; max-width: 40rem; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.75rem; margin: 0.75rem 0; }
    fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); }
    textarea { min-height: 6rem; width: 100%; }
    .preview { border-left: 3px solid var(--_primary); padding-left: 0.75rem; }
    .live-count { font-weight: 600; margin: 0.25rem 0; }
    .tools { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    h2:focus, h3:focus { outline: none; }
  `];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();

  @state() section: Section = 'consents';
  @state() consents: ConsentOut[] | null = null;
  @state() consentFilter: ConsentFilter = { status: '', q: '' };
  @state() consentsNext: string | null = null;
  @state() referrals: ReferralOut[] | null = null;
  @state() reviews: ReviewOut[] | null = null;
  @state() segments: SegmentOut[] | null = null;
  /** The studio's programs, for a segment's "booked one of these programs". */
  @state() programs: { id: string; title: string }[] | null = null;
  @state() campaigns: CampaignOut[] | null = null;
  @state() segmentDraft: SegmentDraft | null = null;
  /** The segment form's live count (segment-count.ts). */
  @state() segmentCount: SegmentCount | null = null;
  @state() members: { segment: SegmentOut; list: Member[] } | null = null;
  @state() campaignDraft: CampaignDraft | null = null;
  @state() previews: Partial<Record<ConsoleLang, string>> = {};
  @state() testTo = '';
  @state() problem: Problem | null = null;
  @state() notice = '';
  @state() busy = false;

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: MarketingKey, vars: Record<string, string | number> = {}): string {
    return fillTemplate(marketingWords[this.language][key], vars);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(this.section);
  }

  private fail = (p: Problem): void => { this.problem = p; };

  /** Runs a call with the busy flag, the problem shown, and a spoken confirmation on success. */
  async act<T>(work: () => Promise<T>, done?: MarketingKey): Promise<T | undefined> {
    this.busy = true;
    this.problem = null;
    this.notice = '';
    try {
      const out = await attempt(work, this.fail);
      if (out !== undefined && done) this.notice = this.t(done);
      return out;
    } finally {
      this.busy = false;
    }
  }

  async load(section: Section): Promise<void> {
    const c = this.client;
    switch (section) {
      case 'consents': await loadConsents(this); break;
      case 'referrals': this.referrals = (await this.act(() => c.get<{ referrals: ReferralOut[] }>('/v1/admin/referrals')))?.referrals ?? []; break;
      case 'reviews': this.reviews = (await this.act(() => c.get<{ reviews: ReviewOut[] }>('/v1/admin/reviews')))?.reviews ?? []; break;
      case 'segments': {
        const [segments, programs] = await Promise.all([
          this.act(() => c.get<{ segments: SegmentOut[] }>('/v1/admin/segments')),
          attempt(() => c.get<{ programs: { id: string; title: string }[] }>('/v1/admin/programs'), () => undefined),
        ]);
        this.segments = segments?.segments ?? [];
        this.programs = programs?.programs ?? [];
        break;
      }
      case 'campaigns': {
        const [campaigns, segments] = await Promise.all([
          this.act(() => c.get<{ campaigns: CampaignOut[] }>('/v1/admin/campaigns')),
          this.act(() => c.get<{ segments: SegmentOut[] }>('/v1/admin/segments')),
        ]);
        this.campaigns = campaigns?.campaigns ?? [];
        this.segments = segments?.segments ?? [];
      }
    }
  }

  select(section: Section, focus = false): void {
    this.section = section;
    this.problem = null;
    this.notice = '';
    this.segmentDraft = null;
    this.segmentCount = null;
    this.campaignDraft = null;
    this.members = null;
    void this.load(section);
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${section}`)?.focus());
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = SECTIONS.indexOf(this.section);
    const next = e.key === 'ArrowRight' ? (i + 1) % SECTIONS.length : e.key === 'ArrowLeft' ? (i + SECTIONS.length - 1) % SECTIONS.length
      : e.key === 'Home' ? 0 : e.key === 'End' ? SECTIONS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    this.select(SECTIONS[next]!, true);
  }

  /** Replaces one row of a list by the API's answer. */
  replace<T extends { id: string }>(list: T[] | null, row: T): T[] {
    return (list ?? []).map((x) => (x.id === row.id ? row : x));
  }

  override render() {
    const body = {
      consents: () => consentsSection(this),
      referrals: () => referralsSection(this),
      segments: () => segmentsSection(this),
      campaigns: () => campaignsSection(this),
      automations: () => html`<tandem-admin-automations lang=${this.language} .client=${this.client}></tandem-admin-automations>`,
      reviews: () => reviewsSection(this),
    }[this.section];
    return html`<section aria-labelledby="mk-heading">
      <h2 id="mk-heading" tabindex="-1">${this.t('heading')}</h2>
      <div role="tablist" aria-label=${this.t('sections')} @keydown=${this.onTabKey}>
        ${SECTIONS.map((s) => html`<button role="tab" id=${`tab-${s}`} aria-selected=${String(this.section === s)} aria-controls="mk-panel"
          tabindex=${this.section === s ? '0' : '-1'} @click=${() => this.select(s)}>${this.t(s)}</button>`)}
      </div>
      <div class="sr-only" role="status" aria-live="polite">${this.notice}</div>
      ${this.problem ? problemAlert(this.problem, this.t('problem')) : html`<div role="alert"></div>`}
      <div role="tabpanel" id="mk-panel" aria-labelledby=${`tab-${this.section}`}>${body()}</div>
      ${this.busy ? html`<p role="status">${this.t('loading')}</p>` : nothing}
    </section>`;
  }
}

define('tandem-admin-marketing', TandemAdminMarketing);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-admin-marketing': TandemAdminMarketing;
  }
}
