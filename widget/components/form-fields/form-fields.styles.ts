import { css } from 'lit';

/** Labels, descriptions, required marks and errors of form fields (used inside the step that renders them). */
export const formFieldStyles = css`
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
