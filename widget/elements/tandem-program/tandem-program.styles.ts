import { css } from 'lit';

export const programStyles = css`
  .root {
    padding: var(--_space);
    border-radius: var(--_radius);
  }
  .progress {
    margin: 0 0 var(--_space);
  }
  .progress ol {
    display: flex;
    gap: 0.35rem;
    list-style: none;
    padding: 0;
    margin: 0.35rem 0 0;
  }
  .progress li {
    flex: 1;
    height: 0.35rem;
    border-radius: 1rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .progress li[data-done],
  .progress li[aria-current='step'] {
    background: var(--_primary);
    border-color: var(--_primary);
  }
  .progress p {
    margin: 0;
    font-size: 0.92em;
    color: var(--_muted);
  }
`;
