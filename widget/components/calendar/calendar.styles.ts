import { css } from 'lit';

export const calendarStyles = css`
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin: 0 0 0.5rem;
  }
  .head h3 {
    margin: 0;
    text-transform: capitalize;
  }
  .nav {
    min-width: 2.75rem;
    padding: 0.3em 0.6em;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  table[aria-busy='true'] {
    cursor: progress;
  }
  th {
    font-size: 0.85em;
    font-weight: 600;
    color: var(--_muted);
    padding: 0.25rem 0;
  }
  td {
    padding: 2px;
    text-align: center;
  }
  .day {
    width: 100%;
    aspect-ratio: 1;
    max-height: 3rem;
    min-height: 2.5rem;
    border-radius: var(--_radius);
    border: 1px solid transparent;
    background: none;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .day.free {
    color: var(--_fg);
    font-weight: 700;
    background: var(--_surface);
    border-color: var(--_border);
  }
  .day.today {
    text-decoration: underline;
  }
  .day[aria-disabled='true'] {
    cursor: default;
  }
  td[aria-selected='true'] .day {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
`;
