import { css } from 'lit';

export const stripePaymentStyles = css`
  .element {
    min-height: 6rem;
    margin: 0 0 var(--_space);
  }
`;
