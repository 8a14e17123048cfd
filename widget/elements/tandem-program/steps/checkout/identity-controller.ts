import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient, ApiError } from '../../../../core/api/client.ts';
import { requestIdentityCode, verifyIdentityCode } from '../../../../core/api/identity.ts';
import { uuid } from '../../../../core/ids.ts';
import type { Localizer } from '../../../../core/i18n/localizer.ts';
import { identityPrompt, type ProofPhase } from './identity-prompt.ts';

/** What the controller reads from its step when it acts. */
export interface IdentityDeps {
  api: () => ApiClient;
  i18n: () => Localizer;
  /** The address the booking was made with. */
  email: () => string;
  /** Emits `tandem:error` and returns the failure. */
  report: (err: unknown) => ApiError;
  /** Pays again, now with the identity token. */
  retry: () => Promise<void>;
}

/**
 * The checkout's inline proof of the e-mail address, when checkout answers `identity_required`
 * (class credits, a per-customer coupon, a referral code): a code mailed to the booking's
 * address is traded for a 12-hour identity token, then the payment is tried again.
 */
export class IdentityController implements ReactiveController {
  phase: ProofPhase = 'none';
  code = '';
  error = '';
  /** The identity token for the booking's address, once the code was confirmed. */
  private identity: { token: string; expiresAt: number } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly deps: IdentityDeps,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  private set(patch: Partial<Pick<IdentityController, 'phase' | 'code' | 'error'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** The token to pay with, while it is valid. */
  token(): string | undefined {
    return this.identity && this.identity.expiresAt > Date.now() ? this.identity.token : undefined;
  }

  /** Checkout asked for the proof: offer to send a code. */
  ask(): void {
    this.identity = null;
    this.set({ phase: 'ask', error: '' });
  }

  /** Mails a code to the address the booking was made with. */
  async send(): Promise<void> {
    this.set({ phase: 'sending', error: '', code: '' });
    try {
      await requestIdentityCode(this.deps.api(), this.deps.email(), this.deps.i18n().lang, uuid());
      this.set({ phase: 'code' });
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLInputElement>('input[name="identity-code"]')?.focus();
    } catch (err) {
      this.set({ phase: 'ask', error: this.deps.report(err).message });
    }
  }

  /** Trades the typed code for the identity token, then pays again with it. */
  async confirm(): Promise<void> {
    const i18n = this.deps.i18n();
    const code = this.code.trim();
    if (!/^\d{6}$/.test(code)) return;
    this.set({ phase: 'verifying', error: '' });
    try {
      const session = await verifyIdentityCode(this.deps.api(), this.deps.email(), code, uuid());
      this.identity = { token: session.identity_token, expiresAt: Date.parse(session.expires_at) };
      this.set({ phase: 'none' });
      await this.deps.retry();
    } catch (err) {
      const e = this.deps.report(err);
      if (e.code === 'identity_code_invalid') {
        this.set({ phase: 'code', error: i18n.t('identityWrong', { count: Number((e.problem as { attempts_left?: number } | null)?.attempts_left ?? 0) }) });
      } else if (e.code === 'identity_code_expired') {
        this.set({ phase: 'ask', error: i18n.t('identityExpired') });
      } else if (e.code === 'identity_code_locked') {
        this.set({ phase: 'ask', error: i18n.t('identityLocked') });
      } else {
        this.set({ phase: 'code', error: e.message });
      }
    }
  }

  render() {
    return identityPrompt({
      phase: this.phase,
      email: this.deps.email(),
      code: this.code,
      error: this.error,
      i18n: this.deps.i18n(),
      onSend: () => void this.send(),
      onCodeInput: (value) => this.set({ code: value, error: '' }),
      onConfirm: () => void this.confirm(),
    });
  }
}
