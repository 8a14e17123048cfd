import { css } from 'lit';

export const timeStepStyles = css`
  .controls {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0 var(--_space);
  }
  .layout {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: var(--_space);
    align-items: start;
  }
  /* Loading the month's times: said over the calendar, out of the flow (a box that came and went would move what follows). */
  .month {
    position: relative;
  }
  .loading {
    position: absolute;
    inset: 45% 0 auto;
    margin: 0 auto;
    width: max-content;
    padding: 0.3rem 0.8rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    pointer-events: none;
  }
  .times {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
    gap: 0.4rem;
  }
  .part::first-letter {
    text-transform: uppercase;
  }
  .part {
    margin: 0.6rem 0 0.3rem;
    font-size: 0.92em;
    color: var(--_muted);
  }
  /* A phone: three narrow columns per part of the day instead of one long list. */
  @media (max-width: 30rem) {
    .times {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
  }
  .slot {
    min-height: 2.75rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    padding: 0.3rem 0.5rem;
    font-variant-numeric: tabular-nums;
  }
  .slot small {
    display: block;
    color: var(--_muted);
  }
  .slot[aria-pressed='true'] {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .slot[aria-pressed='true'] small {
    color: inherit;
  }
  .zone {
    font-size: 0.92em;
  }
  .sessions li {
    padding: 0.4rem 0;
    border-bottom: 1px solid var(--_border);
  }
  .sessions li.conflict {
    color: var(--_error);
  }
  .sessions .alts {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin-top: 0.4rem;
    color: var(--_fg);
  }
`;
