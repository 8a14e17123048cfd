import { css } from 'lit';

export const portalStyles = css`
  .portal { max-width: 48rem; }
  .panel { border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_space); margin: 0 0 var(--_space); background: var(--_bg); }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; }
  ol, ul { padding-left: 1.25rem; }
  li { margin: 0 0 0.75rem; }
  table { border-collapse: collapse; width: 100%; margin: 0 0 var(--_space); }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--_border); vertical-align: top; }
  td { text-align: right; white-space: nowrap; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dd { margin: 0; }
  form { display: grid; gap: 0.5rem; max-width: 24rem; }
  input, textarea { width: 100%; padding: 0.6rem; border: 1px solid var(--_border); border-radius: var(--_radius); }
  .btn.danger { color: var(--_error); border-color: var(--_error); }
  .btn.link { background: none; border: none; color: var(--_primary); text-decoration: underline; padding: 0.25rem; }
  .live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .md :is(p, ul) { margin: 0.25rem 0; }
`;
