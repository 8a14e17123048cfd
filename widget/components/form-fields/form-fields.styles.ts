import { css } from 'lit';

export const intakeStyles = css`
  form {
    max-width: 40rem;
  }
  .desc {
    color: var(--_muted);
    font-size: 0.92em;
    font-weight: normal;
    margin: 0;
  }
  .yesno {
    display: flex;
    gap: 1.5rem;
  }
`;
