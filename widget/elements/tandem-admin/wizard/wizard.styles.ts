import { css } from 'lit';

/** The wizard's own layout: the step list, repeated items, tool rows, the language tabs, the preview. */
export const wizardStyles = css`
  :host { display: block; }
  ol.steps { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem; }
  button[aria-current='step'] { background: var(--_primary); color: var(--_on-primary); }
  .stack { display: grid; gap: 0.4rem; max-width: 44rem; }
  fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.75rem; display: grid; gap: 0.4rem; }
  fieldset label { font-weight: normal; }
  .row { display: flex; flex-wrap: wrap; gap: 0.75rem; }
  .row > div, .inline > div { display: grid; gap: 0.25rem; }
  .tools { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0; }
  .inline { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin-top: 1rem; }
  .tabs { display: flex; gap: 0.25rem; margin-bottom: 0.5rem; }
  [role='tab'][aria-selected='true'] { background: var(--_primary); color: var(--_on-primary); }
  .preview { border: 1px dashed var(--_border); border-radius: var(--_radius); padding: 0.5rem 1rem; margin: 0; }
  .preview figcaption { font-weight: 600; }
  h3:focus { outline: none; }
  h3:focus-visible { outline: 3px solid var(--_focus); }
`;
