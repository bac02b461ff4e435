// "Search all keys" says how many profiles it could not search (main counts those with no saved list) and offers Refresh all,
// in each language; it says nothing of the kind when every profile was searched.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import { appState, installBridge, manyProfiles, ok, resetAll, sampleKeys, settings, workingHandlers } from '../../../helpers';

const profiles = manyProfiles(300, { syncState: 'never' });
const hit = { profileId: 'p2', profileName: 'Profile 2', key: { ...sampleKeys[0]!, id: 'k7', name: 'Deploy bot' }, matched: 'name' as const };
const run = { runId: 'r1', seq: 1, running: true, items: [] };

async function search(answer: { hits: (typeof hit)[]; total: number; unsearched: number }, language: 'en' | 'fr' | 'es' = 'en') {
  const calls = installBridge(
    workingHandlers({ 'keys:search': () => ok(answer), 'refreshAll:start': () => ok(run) }, appState({ profiles, settings: settings({ language }) })),
  );
  render(App);
  const box = await screen.findByRole('searchbox', { name: /^(Search all keys|Rechercher dans toutes les clés|Buscar en todas las claves)$/ });
  await fireEvent.input(box, { target: { value: 'dep' } });
  return { calls, results: await screen.findByRole('region', { name: /^(Keys found|Clés trouvées|Claves encontradas)$/ }) };
}

describe('search all keys: profiles it could not search', () => {
  it.each([
    ['en', '298 profiles could not be searched: they have no saved list yet.', 'Refresh all'],
    ['fr', "298 profils n'ont pas pu être fouillés\u00a0: ils n'ont pas encore de liste enregistrée.", 'Tout actualiser'],
    ['es', 'No se pudo buscar en 298 perfiles: aún no tienen una lista guardada.', 'Actualizar todo'],
  ] as const)('%s: says how many, beside the hits, and offers Refresh all', async (language, text, refresh) => {
    resetAll(language);
    const { calls, results } = await search({ hits: [hit], total: 1, unsearched: 298 }, language);
    await vi.waitFor(() => expect([...results.querySelectorAll('p')].map((p) => p.textContent)).toContain(text));
    await fireEvent.click(within(results).getByRole('button', { name: refresh }));
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'refreshAll:start')).toHaveLength(1));
  });

  it('says it when nothing was found too', async () => {
    resetAll('en');
    const { results } = await search({ hits: [], total: 0, unsearched: 1 });
    expect(await within(results).findByText('1 profile could not be searched: it has no saved list yet.')).toBeTruthy();
    expect(within(results).getByText('No key matches in the saved lists.')).toBeTruthy();
  });

  it('says nothing of the kind when every profile was searched', async () => {
    resetAll('en');
    const { results } = await search({ hits: [hit], total: 1, unsearched: 0 });
    await within(results).findByRole('button', { name: /Deploy bot/ });
    expect(results.textContent).not.toContain('could not be searched');
    expect(within(results).queryByRole('button', { name: 'Refresh all' })).toBeNull();
  });
});
