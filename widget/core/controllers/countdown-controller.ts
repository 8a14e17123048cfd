import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Re-renders its host every second while a deadline is set; `remaining` is in milliseconds. */
export class CountdownController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | null = null;
  private deadline: number | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Sets (or clears, with null) the deadline as an ISO instant. */
  set(until: string | null | undefined): void {
    const next = until ? Date.parse(until) : null;
    if (next === this.deadline) return;
    this.deadline = Number.isNaN(next) ? null : next;
    this.restart();
  }

  get remaining(): number | null {
    return this.deadline === null ? null : Math.max(0, this.deadline - Date.now());
  }

  get expired(): boolean {
    return this.remaining === 0;
  }

  private restart(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.deadline !== null) {
      this.timer = setInterval(() => {
        this.host.requestUpdate();
        if (this.expired && this.timer) {
          clearInterval(this.timer);
          this.timer = null;
        }
      }, 1000);
    }
  }

  hostConnected(): void {
    this.restart();
  }

  hostDisconnected(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
