// The Ctrl+K (Cmd+K) profile switcher: filter, arrows, Enter selects, Escape closes.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { ProfileSummary } from '../../../../../../src-preload/contract/models';
import { appState, installBridge, profile, resetAll, workingHandlers } from '../../../helpers';

const staging: ProfileSummary = {
  ...profile,
  id: 'p2',
  name: 'Staging',
  endpoint: 'https://staging.example.net/api/v1',
  syncState: 'live',
  identity: { userName: 'jdoe', displayName: 'Jane Doe', organizationName: 'Globex' },
};

const lab: ProfileSummary = { ...profile, id: 'p3', name: 'Lab', endpoint: 'https://lab.internal/api/v1', syncState: 'rejected', identity: null };

const fresh: ProfileSummary = {
  ...profile,
  id: 'p4',
  name: 'Imported',
  endpoint: 'https://new.example.org/api/v1',
  syncState: 'never',
  accessKey: 'missing',
  identity: null,
};

const never: ProfileSummary = {
  ...profile,
  id: 'p5',
  name: 'Never',
  endpoint: 'https://never.example.org/api/v1',
  syncState: 'never',
  identity: null,
};

const all = [profile, staging, lab, fresh, never];

function nav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Profiles' });
}

describe('Ctrl+K switcher', () => {
  beforeEach(() => resetAll('en'));

  it('opens with Ctrl+K, filters, moves with the arrows and selects with Enter', async () => {
    const calls = installBridge(workingHandlers({}, appState({ profiles: all })));
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'API credentials' });
    await fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Switch profile' });
    const box = within(dialog).getByRole('combobox', { name: 'Profile' });
    expect(document.activeElement).toBe(box);
    expect(within(dialog).getAllByRole('option')).toHaveLength(5);
    await fireEvent.input(box, { target: { value: 'example' } });
    const options = within(dialog).getAllByRole('option');
    expect(options.map((o) => o.querySelector('.name')?.textContent)).toEqual(['Production', 'Staging', 'Imported', 'Never']);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'ArrowUp' });
    const active = within(dialog)
      .getAllByRole('option')
      .find((o) => o.getAttribute('aria-selected') === 'true');
    expect(active?.textContent).toContain('Staging');
    expect(box.getAttribute('aria-activedescendant')).toBe(active?.id);
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'profiles:open').at(-1)?.input).toEqual({ profileId: 'p2' }));
    expect(within(nav()).getByRole('button', { current: true }).textContent).toContain('Staging');
  });

  it('opens with Cmd+K and closes with Escape without selecting', async () => {
    const calls = installBridge(workingHandlers({}, appState({ profiles: all })));
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'API credentials' });
    const before = calls.filter((c) => c.channel === 'profiles:open').length;
    await fireEvent.keyDown(window, { key: 'K', metaKey: true });
    const box = screen.getByRole('combobox', { name: 'Profile' });
    await fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(within(screen.getByRole('listbox')).getAllByRole('option').at(-1)?.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.filter((c) => c.channel === 'profiles:open')).toHaveLength(before);
  });
});
