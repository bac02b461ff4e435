// Where focus goes after a dialog, panel or action: the ids the screens give their targets, and one helper that focuses the first that exists.
import { tick } from 'svelte';

/**
 * Ids of focus targets. Elements that are not controls get tabindex="-1" from `focusFirst` when they have none.
 * - `main`: the <main> element (App.svelte), the skip link's target and the last resort.
 * - `keysHeading`: the credentials screen's <h1> (Keys/CredentialsScreen.svelte).
 * - `generateButton`: the "Generate API key" button (Keys/CredentialsScreen.svelte; the one in the empty state when the list is empty).
 * - `keyTable`: the key table (Keys/KeyTable.svelte), after the last row was revoked.
 * - `keyRowId(keyId)`: one row of the key table (its <tr>), e.g. the new key after Dismiss, the next row after a Revoke.
 */
export const focusIds = {
  main: 'main-content',
  keysHeading: 'keys-title',
  generateButton: 'generate-key-button',
  keyTable: 'key-table',
} as const;

/** The id of a key's row in the key table. */
export function keyRowId(keyId: string): string {
  return `key-row-${keyId}`;
}

const natively = 'a[href], button, input, select, textarea, summary, [tabindex]';

/** Focuses the first element found among `ids` once Svelte has applied pending changes; answers whether one was focused. */
export async function focusFirst(...ids: string[]): Promise<boolean> {
  await tick();
  for (const id of ids) {
    const element = document.getElementById(id);
    if (!element || (element as HTMLButtonElement).disabled) continue;
    if (!element.matches(natively)) element.setAttribute('tabindex', '-1');
    element.focus({ preventScroll: false });
    if (document.activeElement === element) {
      element.scrollIntoView?.({ block: 'nearest' });
      return true;
    }
  }
  return false;
}

/** After switching profile or view: the key screen's heading, else the main content. */
export function focusKeyScreen(): Promise<boolean> {
  return focusFirst(focusIds.keysHeading, focusIds.main);
}

/** After a key leaves the notification: its row, else Generate, else the heading. */
export function focusKeyRow(keyId: string): Promise<boolean> {
  return focusFirst(keyRowId(keyId), focusIds.generateButton, focusIds.keysHeading, focusIds.main);
}
