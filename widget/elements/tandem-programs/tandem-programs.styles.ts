import { css } from 'lit';

export const programsStyles = css`
  .list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
    gap: var(--_space);
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    height: 100%;
  }
  .card img {
    width: 100%;
    aspect-ratio: 16 / 9;
    object-fit: cover;
    border-radius: calc(var(--_radius) * 0.75);
  }
  .card h3 {
    margin: 0;
  }
  .card .btn {
    margin-top: auto;
    text-transform: capitalize;
  }
  .back {
    margin: 0 0 var(--_space);
  }
  .wrap {
    padding: var(--_space);
  }
`;
