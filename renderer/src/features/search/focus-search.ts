export const SEARCH_INPUT_ID = 'client-search';

/** Ctrl+K / Cmd+K and "after saving" both land here. */
export function focusSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}
