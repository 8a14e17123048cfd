import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { langOf, Localizer } from '../i18n/localizer.ts';
import { catalog, loadCatalog } from '../i18n/catalogs.ts';

/** The nearest `lang` up the tree, crossing shadow roots (a widget inside another). */
function nearestLang(el: Element): string | null {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang && langOf(lang)) return lang;
      node = node.parentNode;
    } else if (node instanceof ShadowRoot) {
      node = node.host;
    } else {
      node = node.parentNode;
    }
  }
  return null;
}

/**
 * Picks the widget's locale: its own `lang` attribute, else the closest `[lang]` ancestor
 * (the page's `<html lang>` included), else the browser's languages, else English. Follows
 * changes of the page's `lang` while connected.
 */
export class LocaleController implements ReactiveController {
  localizer: Localizer;
  /** Settles when the messages of the wanted language are in `localizer`. */
  ready: Promise<void> = Promise.resolve();
  private wanted = 'en';
  /** The studio's country (the program answer's `region`): formats follow it in every language, as its invoices do. */
  region = '';
  private observer: MutationObserver | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    this.localizer = new Localizer('en');
  }

  resolve(): string {
    const tag = nearestLang(this.host) ?? navigator.languages?.find((l) => langOf(l)) ?? (langOf(navigator.language) ? navigator.language : 'en');
    return this.region ? `${langOf(tag) ?? 'en'}-${this.region}` : tag;
  }

  /** Re-reads the locale; switches (and re-renders) once its messages are loaded. */
  refresh(): void {
    const tag = this.resolve();
    const locale = new Localizer(tag).locale;
    if (locale === this.wanted) return;
    this.wanted = locale;
    const lang = langOf(tag) ?? 'en';
    const apply = (messages = catalog(lang)) => {
      if (this.wanted !== locale) return;
      this.localizer = new Localizer(tag, messages);
      this.host.requestUpdate();
    };
    if (catalog(lang)) {
      apply();
      this.ready = Promise.resolve();
    } else {
      this.ready = loadCatalog(lang).then((m) => apply(m));
    }
  }

  hostConnected(): void {
    this.refresh();
    this.observer = new MutationObserver(() => this.refresh());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}
