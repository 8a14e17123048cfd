import { css } from 'lit';

export const programPageStyles = css`
  /* The box is there before the image arrives (as on the hosted page): nothing below it moves when it loads. */
  .banner {
    display: block;
    width: 100%;
    height: auto;
    aspect-ratio: 16 / 7;
    max-height: 18rem;
    object-fit: cover;
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    padding: 0;
    margin: 0 0 var(--_space);
    list-style: none;
  }
  .facts li {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 1rem;
    padding: 0.1rem 0.7rem;
    font-size: 0.92em;
  }
  section {
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  .media {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 0.5rem;
    margin: 0 0 var(--_space);
  }
  .media img,
  .media video {
    width: 100%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: var(--_radius);
  }
  .variants {
    display: grid;
    gap: 0.5rem;
  }
  .variant {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem;
    font-weight: normal;
    cursor: pointer;
  }
  .variant:has(input:checked) {
    border-color: var(--_primary);
    box-shadow: 0 0 0 1px var(--_primary);
  }
  .variant input {
    accent-color: var(--_primary);
    margin-top: 0.35em;
  }
  .variant .name {
    font-weight: 600;
    display: block;
  }
  .price {
    font-weight: 700;
    font-size: 1.1em;
  }
  .terms {
    display: block;
    color: var(--_muted);
    font-size: 0.92em;
  }
  blockquote {
    margin: 0;
    font-style: italic;
  }
  figure {
    margin: 0 0 var(--_space);
    padding-inline-start: var(--_space);
    border-inline-start: 3px solid var(--_primary);
  }
  figcaption {
    color: var(--_muted);
  }
  .stars {
    color: var(--_primary);
    letter-spacing: 0.1em;
  }
  .stars .empty {
    color: var(--_muted);
  }
  details {
    border-bottom: 1px solid var(--_border);
    padding: 0.5rem 0;
  }
  summary {
    cursor: pointer;
    font-weight: 600;
  }
  .host {
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
  }
  .host img {
    width: 4rem;
    height: 4rem;
    border-radius: 50%;
    object-fit: cover;
  }
  .itinerary li {
    margin: 0 0 0.5rem;
  }
`;
