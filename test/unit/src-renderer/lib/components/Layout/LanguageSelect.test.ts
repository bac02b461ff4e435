// The language selector: switches at once and saves the choice.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import { installBridge, resetAll, workingHandlers } from '../../../helpers';

describe('language selector', () => {
  beforeEach(() => resetAll('en'));

  it('switches at once and saves the choice', async () => {
    const calls = installBridge(workingHandlers());
    render(App);
    const select = await screen.findByRole('combobox', { name: 'Language' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['System default', 'English', 'Français', 'Español']);
    await fireEvent.change(select, { target: { value: 'fr' } });
    expect(await screen.findByRole('heading', { level: 1, name: "Identifiants d'API" })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Langue' })).toBeTruthy();
    expect(calls.find((c) => c.channel === 'settings:update')?.input).toEqual({ language: 'fr' });
  });
});
