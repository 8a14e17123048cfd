import { css } from 'lit';

export const confirmationStepStyles = css`
  .sessions li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem;
    align-items: center;
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_border);
  }
  .ok {
    color: var(--_success);
  }
  .invoice {
    font-weight: 600;
  }
`;
