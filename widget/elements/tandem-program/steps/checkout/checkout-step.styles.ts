import { css } from 'lit';

export const checkoutStyles = css`
  .method-logo {
    flex: none;
    width: 1.75em;
    height: 1.75em;
    color: var(--_fg);
  }
  .method-logo .cross {
    fill: var(--_bg);
  }
  .summary {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75);
    margin: 0 0 var(--_space);
  }
  .summary ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.2rem;
  }
  .lines {
    width: 100%;
    border-collapse: collapse;
    margin: 0.5rem 0 0;
  }
  .lines td {
    padding: 0.2rem 0;
  }
  .lines td:last-child {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .lines tr.total td {
    font-weight: 700;
    border-top: 1px solid var(--_border);
  }
  .hold {
    font-variant-numeric: tabular-nums;
  }
  .test-mode {
    border: 2px dashed #a15c00;
    border-radius: var(--_radius);
    padding: var(--_space);
    margin: 0 0 var(--_space);
  }
  .badge {
    display: inline-block;
    background: #8a4b00;
    color: #ffffff;
    font-weight: 700;
    letter-spacing: 0.05em;
    padding: 0.1rem 0.6rem;
    border-radius: 0.25rem;
    margin: 0 0 0.5rem;
  }
  .test-mode .actions {
    justify-content: flex-start;
  }
  .grid2 {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0 var(--_space);
  }
  .coupon {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    align-items: flex-start;
  }
  .coupon > :first-child {
    flex: 1 1 12rem;
  }
  .coupon > button {
    margin-top: 1.6rem;
  }
`;
