// Where focus goes after a dialog, panel or action: the ids the screens give their targets, and one helper that focuses the first that exists.
import { tick } from 'svelte';

/**
 * Ids of focus targets. Elements that are not controls get tabindex="-1" from `focusFirst` when they have none.
 * - `main`: the <main> element (App.svelte), the skip link's target and the last resort.
 * - `keysHeading`: the credentials screen's <h1> (Keys/CredentialsScreen.svelte).
 * - `generateButton`: the "Generate API key" button (Keys/CredentialsScreen.svelte; the one in the empty state when the list is empty).
 * - `keyTable`: the key table (Keys/KeyTable.svelte), after the last row was revoked.
 * - `keyRowId(keyId)`: one row of the key table (its <tr>), e.g. the new key after Dismiss, the rotated key after Rotate.
 * - `keyActionId(keyId, action)`: a row's action button (Keys/KeyRow.svelte), e.g. the next row's Revoke after a Revoke.
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

/** The actions every key row offers (each button is named with its fixed label, a space and the key's name). */
export type KeyAction = 'edit' | 'rotate' | 'revoke' | 'note';

/** The id of a row's action button in the key table. */
export function keyActionId(keyId: string, action: KeyAction): string {
  return `key-${action}-${keyId}`;
}

/** The keys of the rows shown just after and just before a key's row (read before that row goes). */
export interface RowNeighbours {
  next: string | null;
  previous: string | null;
}

/** Reads, in the order shown, which rows surround `keyId`'s row (spacer rows of a windowed table have no key). */
export function rowNeighbours(keyId: string): RowNeighbours {
  const row = document.getElementById(keyRowId(keyId));
  const keyOf = (element: Element | null | undefined): string | null => (element as HTMLElement | null)?.dataset?.keyId ?? null;
  let next = row?.nextElementSibling;
  while (next && !keyOf(next)) next = next.nextElementSibling;
  let previous = row?.previousElementSibling;
  while (previous && !keyOf(previous)) previous = previous.previousElementSibling;
  return { next: keyOf(next), previous: keyOf(previous) };
}

/** After a row went (a Revoke): the same action on the next row, else on the previous one, else the screen's heading. */
export function focusAfterRemoval(around: RowNeighbours, action: KeyAction): Promise<boolean> {
  const ids = [around.next, around.previous].filter((id): id is string => id !== null).flatMap((id) => [keyActionId(id, action), keyRowId(id)]);
  return focusFirst(...ids, focusIds.keysHeading, focusIds.main);
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
