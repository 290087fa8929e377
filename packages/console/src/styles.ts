import { css } from 'lit';

/** The console's look: a quiet admin in the widgets' palette, light and dark, phone to desktop. */
export const consoleStyles = css`
  :host {
    --c-brand: #e0061d;
    --c-bg: #f5f6f8;
    --c-surface: #ffffff;
    --c-text: #1d2129;
    --c-muted: #6b7280;
    --c-line: #e5e7eb;
    --c-danger: #c81e1e;
    --c-ok: #0f8a4a;
    --radius: 10px;
    font: 14px/1.5 system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif;
    color: var(--c-text);
    display: block;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --c-bg: #111214;
      --c-surface: #1c1c1e;
      --c-text: #f2f3f5;
      --c-muted: #9ca3af;
      --c-line: #2c2c2e;
      --c-danger: #ff6b6b;
      --c-ok: #3ecf8e;
    }
  }
  * {
    box-sizing: border-box;
  }
  h1 {
    font-size: 20px;
    margin: 0 0 16px;
  }
  h2 {
    font-size: 16px;
    margin: 0 0 8px;
  }
  p {
    margin: 0 0 12px;
  }
  .card {
    background: var(--c-surface);
    border: 1px solid var(--c-line);
    border-radius: var(--radius);
    padding: 20px;
  }
  .muted {
    color: var(--c-muted);
  }
  .row {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
  }
  .spread {
    justify-content: space-between;
  }
  button,
  .button {
    font: inherit;
    border: 1px solid var(--c-line);
    background: var(--c-surface);
    color: var(--c-text);
    border-radius: 8px;
    padding: 8px 14px;
    min-height: 40px;
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
  }
  button.primary,
  .button.primary {
    background: var(--c-brand);
    border-color: var(--c-brand);
    color: #fff;
    font-weight: 600;
  }
  button[aria-pressed='true'] {
    border-color: var(--c-brand);
    color: var(--c-brand);
    background: color-mix(in srgb, var(--c-brand) 8%, var(--c-surface));
    font-weight: 600;
  }
  td a:not(.button) {
    color: var(--c-brand);
  }
  button.danger {
    color: var(--c-danger);
    border-color: color-mix(in srgb, var(--c-danger) 40%, var(--c-line));
  }
  dialog {
    border: 1px solid var(--c-line);
    border-radius: var(--radius);
    background: var(--c-surface);
    color: var(--c-text);
    padding: 20px;
    max-width: min(480px, calc(100vw - 32px));
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog .choices {
    display: grid;
    gap: 8px;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--c-brand);
    outline-offset: 2px;
  }
  label {
    display: grid;
    align-content: start;
    gap: 4px;
    font-weight: 500;
  }
  label.inline {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  label.inline select {
    width: auto;
    max-width: 260px;
  }
  /* A row's links to its own pages (a program's share kit and leaderboard), under its name. */
  .links {
    font-size: 13px;
    white-space: nowrap;
  }
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 12px;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--c-text);
    background: var(--c-surface);
    border: 1px solid var(--c-line);
    border-radius: 8px;
    padding: 8px 10px;
    min-height: 40px;
    width: 100%;
  }
  input[aria-invalid='true'] {
    border-color: var(--c-danger);
  }
  .field-error,
  .alert {
    color: var(--c-danger);
    font-weight: 400;
    font-size: 13px;
  }
  .alert {
    background: color-mix(in srgb, var(--c-danger) 10%, transparent);
    border-radius: 8px;
    padding: 8px 12px;
    margin: 0 0 12px;
  }
  .with-hint {
    display: grid;
    gap: 2px;
  }
  .hint {
    font-size: 13px;
    font-weight: 400;
  }
  .form {
    display: grid;
    gap: 14px;
    max-width: 560px;
  }
  .grid-2 {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 14px;
  }
  fieldset {
    border: 1px solid var(--c-line);
    border-radius: 8px;
    padding: 12px;
    margin: 0;
    display: grid;
    gap: 10px;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  label.choice,
  label.switch {
    font-weight: 400;
  }
  label.choice input,
  label.switch input {
    width: auto;
    min-height: 0;
  }
  .row-editor {
    display: grid;
    grid-template-columns: 1fr 1fr auto;
    gap: 10px;
    align-items: end;
  }
  .row-editor.tier-editor {
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1fr) auto;
    align-items: start;
  }
  /* Level with the inputs (below their one-line labels), whatever message a row shows under them. */
  .tier-editor .remove {
    margin-top: 25px;
  }
  .grid-3 {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 14px;
  }
  .notice {
    border-left: 3px solid var(--c-brand);
    background: color-mix(in srgb, var(--c-brand) 6%, transparent);
    border-radius: 6px;
    padding: 8px 12px;
    margin: 0;
  }
  fieldset:disabled {
    opacity: 0.6;
  }
  .product-editor {
    display: grid;
    gap: 10px;
    padding-bottom: 10px;
    border-bottom: 1px dashed var(--c-line);
  }
  dl.draw {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 6px 12px;
    margin: 0 0 12px;
  }
  dl.draw dd {
    margin: 0;
    word-break: break-all;
  }
  .product-editor .remove {
    justify-self: start;
  }
  /* A table wider than the page (many figures) scrolls inside its card rather than past it. */
  .table-card {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: left;
    padding: 10px 8px;
    border-bottom: 1px solid var(--c-line);
    vertical-align: middle;
  }
  th {
    color: var(--c-muted);
    font-weight: 500;
    font-size: 13px;
  }
  .tag {
    display: inline-block;
    border-radius: 999px;
    padding: 2px 10px;
    font-size: 12px;
    /* Chinese breaks between any two characters: a two-character status must not stand in a column. */
    white-space: nowrap;
    background: color-mix(in srgb, var(--c-muted) 15%, transparent);
  }
  .tag.ok {
    background: color-mix(in srgb, var(--c-ok) 15%, transparent);
    color: var(--c-ok);
  }
  .tag.brand {
    background: color-mix(in srgb, var(--c-brand) 12%, transparent);
    color: var(--c-brand);
  }
  pre {
    background: var(--c-bg);
    border: 1px solid var(--c-line);
    border-radius: 8px;
    padding: 12px;
    overflow: auto;
    white-space: pre-wrap;
    word-break: break-all;
    font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace;
  }
  @media (max-width: 640px) {
    .grid-2 {
      grid-template-columns: 1fr;
    }
    .row-editor,
    .row-editor.tier-editor {
      grid-template-columns: 1fr 1fr;
    }
    .grid-3 {
      grid-template-columns: 1fr;
    }
    .row-editor .remove {
      grid-column: 1 / -1;
      justify-self: start;
    }
    .tier-editor .remove {
      margin-top: 0;
    }
    .card {
      padding: 14px;
    }
    /* Tables become one card per row on a phone: each cell says what it is. */
    table.cards thead {
      display: none;
    }
    table.cards tr {
      display: grid;
      gap: 2px;
      padding: 10px 0;
      border-bottom: 1px solid var(--c-line);
    }
    table.cards td {
      border: 0;
      padding: 2px 0;
    }
    table.cards td[data-label]::before {
      content: attr(data-label) ' · ';
      color: var(--c-muted);
    }
  }
`;
