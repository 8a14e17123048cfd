import { css } from 'lit';

export const adminStyles = css`
  :host { max-width: 80rem; margin: 0 auto; padding: var(--_space); }
  header { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; margin-bottom: var(--_space); }
  nav { display: flex; gap: 0.5rem; flex-wrap: wrap; }
  form.stack, .stack { display: grid; gap: 0.5rem; max-width: 32rem; }
  label { font-weight: 600; }
  input, select, textarea { padding: 0.5rem; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); }
  button { padding: 0.5rem 0.9rem; border: 1px solid var(--_primary); border-radius: var(--_radius); background: var(--_bg); color: var(--_primary); }
  button.primary, button[aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); }
  button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, a:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  .filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin-bottom: var(--_space); }
  .filters > div { display: grid; gap: 0.25rem; }
  /* Seven columns fit from about 1,100 px; narrower, the board scrolls inside its own region (focusable, so the keyboard scrolls it too). */
  .board { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(8.5rem, 1fr); gap: 0.75rem; overflow-x: auto; max-width: 100%; }
  .board section { min-width: 0; }
  .board li button { overflow-wrap: anywhere; }
  .board section { background: var(--_surface); border-radius: var(--_radius); padding: 0.5rem; }
  .board h3 { font-size: 1em; display: flex; justify-content: space-between; }
  .board ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
  .board li button { width: 100%; text-align: start; color: var(--_fg); border-color: var(--_border); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: 0.4rem; border-bottom: 1px solid var(--_border); vertical-align: top; }
  .notice { padding: 0.5rem; border-radius: var(--_radius); background: var(--_surface); }
  .error { color: var(--_error); }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dt { font-weight: 600; }
  .steps { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-bottom: var(--_space); }
`;
