/**
 * `<tandem-admin-customer-tags>`: a customer's tags on their record in the console (owners and
 * managers): each with a remove button, and a field to add one. Segments filter by these tags and
 * automations add them. What changed is said in a polite live region; a refusal in an alert.
 *
 * @attr lang - en, de, fr or it
 * @attr customer - the customer's id
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { CustomerTagsOut } from '../../../../schema/api/admin-customers.ts';
import { fillTemplate } from '../../../../shared/template.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { consoleLang, type ConsoleLang } from '../core/console-lang.ts';
import { fieldError, problemAlert } from '../core/form-problem.ts';

const en = {
  tags: 'Tags', none: 'No tags yet.', add: 'Add tag', newTag: 'New tag', remove: 'Remove tag: {tag}', added: 'Tag {tag} added.', removed: 'Tag {tag} removed.',
  problem: 'Please check this field:', hint: 'Segments can select customers by tag; automations add tags too.',
};
type Key = keyof typeof en;
const words: Record<ConsoleLang, Record<Key, string>> = {
  en,
  de: {
    tags: 'Tags', none: 'Noch keine Tags.', add: 'Tag hinzufügen', newTag: 'Neuer Tag', remove: 'Tag entfernen: {tag}', added: 'Tag {tag} hinzugefügt.', removed: 'Tag {tag} entfernt.',
    problem: 'Bitte prüfen Sie dieses Feld:', hint: 'Segmente können Kundinnen und Kunden nach Tag auswählen; auch Automationen setzen Tags.',
  },
  fr: {
    tags: 'Étiquettes', none: 'Pas encore d’étiquette.', add: 'Ajouter l’étiquette', newTag: 'Nouvelle étiquette', remove: 'Retirer l’étiquette\u202f: {tag}', added: 'Étiquette {tag} ajoutée.', removed: 'Étiquette {tag} retirée.',
    problem: 'Veuillez vérifier ce champ\u202f:', hint: 'Les segments peuvent choisir les client·es par étiquette\u202f; les automatisations en ajoutent aussi.',
  },
  it: {
    tags: 'Etichette', none: 'Ancora nessuna etichetta.', add: 'Aggiungi etichetta', newTag: 'Nuova etichetta', remove: 'Rimuovi etichetta: {tag}', added: 'Etichetta {tag} aggiunta.', removed: 'Etichetta {tag} rimossa.',
    problem: 'Si prega di controllare questo campo:', hint: 'I segmenti possono scegliere i clienti per etichetta; anche le automazioni aggiungono etichette.',
  },
};

export class TandemAdminCustomerTags extends LitElement {
  static override styles = [tokens, base, adminStyles, css`
    ul.tags { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; margin: 0.5rem 0; }
    ul.tags li { display: inline-flex; align-items: center; gap: 0.25rem; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.125rem 0.5rem; }
    form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
    form div { display: grid; gap: 0.25rem; }
  `];

  @property() override lang = '';
  @property() customer = '';
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: false }) tags: string[] = [];

  @state() draft = '';
  @state() busy = false;
  @state() notice = '';
  @state() problem: Problem | null = null;

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  private t(key: Key, vars: Record<string, string> = {}): string {
    return fillTemplate(words[this.language][key], vars);
  }

  private async change(work: () => Promise<CustomerTagsOut>, done: string): Promise<boolean> {
    this.busy = true;
    this.problem = null;
    this.notice = '';
    try {
      const out = await attempt(work, (p) => { this.problem = p; });
      if (!out) return false;
      this.tags = out.tags;
      this.notice = done;
      return true;
    } finally {
      this.busy = false;
    }
  }

  private async addTag(e: Event): Promise<void> {
    e.preventDefault();
    const tag = this.draft.trim();
    if (await this.change(() => this.client.send<CustomerTagsOut>('POST', `/v1/admin/customers/${this.customer}/tags`, { tag }), this.t('added', { tag }))) this.draft = '';
  }

  private async removeTag(tag: string): Promise<void> {
    await this.change(() => this.client.send<CustomerTagsOut>('DELETE', `/v1/admin/customers/${this.customer}/tags/${encodeURIComponent(tag)}`), this.t('removed', { tag }));
    this.renderRoot.querySelector<HTMLInputElement>('#ct-new')?.focus();
  }

  override render() {
    const invalid = Boolean(this.problem?.fields.some((f) => f.field === 'tag'));
    return html`<section aria-labelledby="ct-heading">
      <h3 id="ct-heading">${this.t('tags')}</h3>
      ${this.tags.length ? html`<ul class="tags">${this.tags.map((tag) => html`<li><span>${tag}</span>
        <button type="button" ?disabled=${this.busy} aria-label=${this.t('remove', { tag })} @click=${() => this.removeTag(tag)}><span aria-hidden="true">×</span></button></li>`)}</ul>`
        : html`<p>${this.t('none')}</p>`}
      <form @submit=${(e: Event) => this.addTag(e)}>
        <div><label for="ct-new">${this.t('newTag')}</label>
          <input id="ct-new" required maxlength="60" aria-describedby=${invalid ? 'ct-hint ct-new-error' : 'ct-hint'} aria-invalid=${invalid ? 'true' : 'false'}
            .value=${this.draft} @input=${(e: Event) => { this.draft = (e.target as HTMLInputElement).value; }}>
          ${fieldError(this.problem, 'tag', 'ct-new')}</div>
        <button type="submit" ?disabled=${this.busy}>${this.t('add')}</button>
      </form>
      <p id="ct-hint"><small>${this.t('hint')}</small></p>
      ${problemAlert(this.problem, this.t('problem'))}
      <div class="sr-only" role="status" aria-live="polite">${this.notice}</div>
    </section>`;
  }
}

define('tandem-admin-customer-tags', TandemAdminCustomerTags);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-customer-tags': TandemAdminCustomerTags }
}
