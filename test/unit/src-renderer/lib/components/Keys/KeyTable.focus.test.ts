// Item 8: row actions name their key, focus after Revoke lands on the next row's Revoke (the previous one's for the last row, the heading
// when the list is empty), after Rotate on the rotated key's row, and outcomes are announced in a polite live region.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { ApiKeyView } from '../../../../../../src-renderer/src/lib/state/contract-types';
import { installBridge, polyfillDialog, refreshAnswer, resetAll, revokedAnswer, profile, workingHandlers } from '../../../helpers';

const three: ApiKeyView[] = [
  { id: 'a', name: 'alpha', creationDate: '2024-03-01T00:00:00.000Z', lastUsedDate: null, lastUsedIp: null },
  { id: 'b', name: 'nightly-backup', creationDate: '2024-02-01T00:00:00.000Z', lastUsedDate: null, lastUsedIp: null },
  { id: 'c', name: 'gamma', creationDate: '2024-01-01T00:00:00.000Z', lastUsedDate: null, lastUsedIp: null },
];

function appWith(list: ApiKeyView[]): { current: ApiKeyView[] } {
  const state = { current: list };
  installBridge(
    workingHandlers({
      'keys:refresh': () => refreshAnswer(profile, state.current),
      'keys:revoke': (input: never) => {
        const { keyId } = input as { keyId: string };
        const answer = revokedAnswer(keyId, { before: state.current });
        state.current = state.current.filter((k) => k.id !== keyId);
        return answer;
      },
    }),
  );
  render(App);
  return state;
}

async function revoke(name: string): Promise<void> {
  await fireEvent.click(screen.getByRole('button', { name: `Revoke API key ${name}` }));
  const dialog = await screen.findByRole('dialog');
  await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
}

describe('key table: names, focus and announcements (item 8)', () => {
  beforeEach(() => {
    resetAll('en');
    polyfillDialog();
  });

  it('names every row action with its key: the fixed label, a space, the name', async () => {
    appWith(three);
    await screen.findByRole('cell', { name: 'nightly-backup' });
    for (const label of ['Edit API key', 'Revoke API key', 'Rotate API key', 'Note'])
      expect(screen.getByRole('button', { name: `${label} nightly-backup` })).toBeTruthy();
  });

  it('after Revoke: the next row’s Revoke has focus, and the outcome is announced politely', async () => {
    appWith(three);
    await screen.findByRole('cell', { name: 'nightly-backup' });
    await revoke('nightly-backup');
    await expect.poll(() => document.activeElement?.getAttribute('aria-label')).toBe('Revoke API key gamma');
    const live = document.querySelector('[aria-live="polite"][data-announcer="keys"]');
    // The name is isolated (U+2068 … U+2069) so a right-to-left name cannot reorder the sentence.
    await expect.poll(() => live?.textContent?.replace(/[\u2068\u2069]/g, '').trim()).toBe('API key nightly-backup revoked');
  });

  it('after revoking the last row: the previous row’s Revoke; after the only one: the heading', async () => {
    appWith(three.slice(1));
    await screen.findByRole('cell', { name: 'gamma' });
    await revoke('gamma');
    await expect.poll(() => document.activeElement?.getAttribute('aria-label')).toBe('Revoke API key nightly-backup');
    await revoke('nightly-backup');
    await expect.poll(() => document.activeElement?.id).toBe('keys-title');
  });
});
