// One one-time key's card: the profile and endpoint it belongs to, and one story in each state (stored or not, held since a
// reload or not): shown once, gone on dismiss; "somewhere safe" only while nothing holds the value.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import SecretCard from '../../../../../../src-renderer/src/lib/components/Secret/SecretCard.svelte';
import type { PendingSecret } from '../../../../../../src-renderer/src/lib/state/secrets.svelte';
import { profile, resetAll } from '../../../helpers';

const item = (overrides: Partial<PendingSecret>): PendingSecret => ({
  secretId: 's1',
  profileId: 'p1',
  keyId: 'k1',
  keyName: 'nightly-backup',
  value: 'v'.repeat(43),
  copied: false,
  stored: false,
  clearAfterSeconds: null,
  busy: false,
  error: null,
  restored: false,
  ...overrides,
});

function renderCard(overrides: Partial<PendingSecret>) {
  const handlers = { oncopy: vi.fn(), oncopyenv: vi.fn(), onstore: vi.fn(), ondismiss: vi.fn() };
  render(SecretCard, { item: item(overrides), keychain: { available: true, backend: 'test' }, profile, ...handlers });
  return handlers;
}

describe('the one-time key card', () => {
  beforeEach(() => resetAll('en'));

  it.each([
    [{}, 'The API key nightly-backup has been generated. Save the value somewhere safe: it will not be shown again.'],
    [{ stored: true }, 'The API key nightly-backup has been generated and stored in the keychain. Its value is shown only here'],
    [{ restored: true, value: '' }, 'The API key nightly-backup was generated but not saved yet.'],
    [{ restored: true, value: '', stored: true }, 'The API key nightly-backup was generated and stored in the keychain.'],
  ] as const)('%o: says %s', (state, text) => {
    renderCard(state);
    const card = document.querySelector('article')!;
    expect(card.textContent).toContain(text);
    if ('stored' in state) expect(card.textContent).not.toContain('somewhere safe');
  });

  it('names its profile and endpoint, and copies as environment variables, fresh or held since a reload', async () => {
    for (const restored of [false, true]) {
      const { oncopyenv } = renderCard({ restored });
      expect(document.querySelector('.belongs')?.textContent).toBe('Profile Production · https://cloudmc.example.com/api/v1');
      await fireEvent.click(screen.getByRole('button', { name: 'Copy as environment variables' }));
      expect(oncopyenv).toHaveBeenCalledTimes(1);
      document.body.innerHTML = '';
    }
  });
});
