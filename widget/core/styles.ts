import { css } from 'lit';

/**
 * Text on the primary colour, whatever primary the studio sets: white or black, whichever
 * contrasts more (≥ 4.58:1 always). Computed by the browser from the colour's relative luminance
 * (sRGB-linear channels; black and white contrast equally at Y = 0.1791).
 */
const onPrimary = css`color(
    from var(--_primary) srgb-linear calc(clamp(0, (0.1791 - (0.2126 * r + 0.7152 * g + 0.0722 * b)) * 100000, 1))
      calc(clamp(0, (0.1791 - (0.2126 * r + 0.7152 * g + 0.0722 * b)) * 100000, 1))
      calc(clamp(0, (0.1791 - (0.2126 * r + 0.7152 * g + 0.0722 * b)) * 100000, 1))
  )`;

/** The dark palette: `theme="dark"`, or `theme="auto"` when the system prefers dark. */
const darkTokens = css`
  --_primary: var(--tandem-color-primary, #aab6ff);
  --_on-primary: var(--tandem-color-on-primary, ${onPrimary});
  --_fg: var(--tandem-color-text, #e7e9ee);
  --_bg: var(--tandem-color-background, #15171c);
  --_surface: var(--tandem-color-surface, #22252d);
  --_muted: var(--tandem-color-muted, #b4b9c4);
  --_border: var(--tandem-color-border, #7d8390);
  --_error: var(--tandem-color-error, #ffb4ab);
  --_success: var(--tandem-color-success, #8fd9a8);
  --_focus: var(--tandem-color-focus, #aab6ff);
  color-scheme: dark;
`;

/**
 * Design tokens, set on the two public hosts only; every inner element reads the private
 * `--_…` variables, which inherit through shadow roots. Light by default (a studio's
 * light page must not get a near-black widget from the visitor's system setting); dark with
 * `theme="dark"`, or with `theme="auto"` when the system prefers dark. Text on the primary
 * colour is black or white, whichever reads (onPrimary), unless the studio sets its own.
 */
export const tokens = css`
  :host {
    --_primary: var(--tandem-color-primary, #3b4fc4);
    --_on-primary: var(--tandem-color-on-primary, ${onPrimary});
    --_radius: var(--tandem-radius, 0.5rem);
    --_space: var(--tandem-space, 1rem);
    --_fg: var(--tandem-color-text, #1d2026);
    --_bg: var(--tandem-color-background, #ffffff);
    --_surface: var(--tandem-color-surface, #f3f4f7);
    --_muted: var(--tandem-color-muted, #555b66);
    --_border: var(--tandem-color-border, #8a909c);
    --_error: var(--tandem-color-error, #b3261e);
    --_success: var(--tandem-color-success, #1b6e3a);
    --_focus: var(--tandem-color-focus, #3b4fc4);
    display: block;
    color-scheme: light;
    font-family: var(--tandem-font, inherit);
    color: var(--_fg);
    background: var(--_bg);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
`;

/** Buttons, fields, notices and focus rings shared by every element. */
export const base = css`
  :host {
    display: block;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2,
  h3,
  h4 {
    line-height: 1.25;
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  h2 {
    font-size: 1.5em;
  }
  h3 {
    font-size: 1.15em;
  }
  h2[tabindex='-1']:focus {
    outline: none;
  }
  h2[tabindex='-1']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  p {
    margin: 0 0 calc(var(--_space) * 0.75);
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 2.75rem;
    padding: 0.5em 1.1em;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    text-decoration: none;
    font-weight: 600;
  }
  .btn.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .btn[disabled],
  .btn[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .link {
    background: none;
    border: none;
    padding: 0;
    color: var(--_primary);
    text-decoration: underline;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    justify-content: space-between;
    align-items: center;
    margin-top: var(--_space);
  }
  .muted {
    color: var(--_muted);
  }
  .notice {
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: calc(var(--_space) * 0.75);
    margin: 0 0 var(--_space);
  }
  .notice.error {
    border-inline-start-color: var(--_error);
  }
  .error-text {
    color: var(--_error);
    font-size: 0.92em;
    margin: 0.25em 0 0;
  }
  .field {
    display: grid;
    gap: 0.3em;
    margin: 0 0 var(--_space);
  }
  label,
  legend {
    font-weight: 600;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.92em;
    font-weight: normal;
  }
  input:not([type='radio']):not([type='checkbox']),
  select,
  textarea {
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5em 0.7em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  textarea {
    min-height: 6em;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_error) !important;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75);
    margin: 0 0 var(--_space);
  }
  .choice {
    display: flex;
    gap: 0.6em;
    align-items: flex-start;
    padding: 0.35em 0;
    font-weight: normal;
  }
  .choice input {
    margin-top: 0.3em;
    accent-color: var(--_primary);
    width: 1.1em;
    height: 1.1em;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  .req {
    color: var(--_error);
  }
  ul.plain,
  ol.plain {
    list-style: none;
    padding: 0;
    margin: 0;
  }
`;
