// Issue 8 item 10, display part: API text is isolated wherever it is shown, so a bidi override inside a name cannot
// reorder the text around it; key names are counted as CloudMC counts them (code points) and an invisible-only name is refused in main's words.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import RenameDialog from '../../../src-renderer/src/lib/components/Keys/RenameDialog.svelte';
import { keyNameMaxCodePoints } from '../../../src-preload/contract/limits';
import en from '../../../src-renderer/src/lib/i18n/locales/en.json';
import { appState, generatedAnswer, installBridge, ok, profile, refreshAnswer, renamedAnswer, resetAll, sampleKeys, workingHandlers } from './helpers';

const spoof = 'prod\u202Egnp.exe';
const spoofKey = { ...sampleKeys[0]!, id: 'k7', name: spoof, lastUsedIp: `10.0.0.1\u202E` };
const spoofProfile = { ...profile, name: `Prof\u202Eelif`, identity: { userName: 'u', displayName: `Rose\u202E`, organizationName: `Acme\u202E` } };
const emoji60 = '🔑'.repeat(60);
const invisible = '\u200B\u200D\u2060\u202E';

/** True when `text` appears only inside a <bdi> (or an element isolated by unicode-bidi) wherever it is shown. */
function everyOccurrenceIsolated(text: string): boolean {
  const holders = Array.from(document.querySelectorAll('body *')).filter((e) => Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').includes(text)));
  return holders.length > 0 && holders.every((e) => e.closest('bdi') !== null);
}

describe('API text is isolated (<bdi>)', () => {
  beforeEach(() => resetAll('en'));

  it('key names and last IPs in the table, profile name and identity in the sidebar', async () => {
    installBridge(workingHandlers({ 'keys:refresh': () => refreshAnswer(spoofProfile, [spoofKey, sampleKeys[1]!]) }, appState({ profiles: [spoofProfile] })));
    render(App);
    await screen.findByRole('cell', { name: spoof });
    for (const text of [spoof, '10.0.0.1\u202E', 'Prof\u202Eelif', 'Rose\u202E', 'Acme\u202E']) expect(everyOccurrenceIsolated(text), JSON.stringify(text)).toBe(true);
  });

  it('in the revoke and rename dialogs and the notification', async () => {
    installBridge(workingHandlers({
      'keys:refresh': () => refreshAnswer(profile, [spoofKey]),
      'keys:generate': () => generatedAnswer({ ...spoofKey, id: 'k8' }, { before: [spoofKey] }),
    }));
    render(App);
    const row = (await screen.findByRole('cell', { name: spoof })).closest('tr')!;
    await fireEvent.click(within(row).getByRole('button', { name: 'Revoke API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key' });
    expect(within(dialog).getByText(spoof).tagName).toBe('BDI');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Generate API key' }));
    await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Generate' }));
    const region = await screen.findByRole('region', { name: 'Key generated' });
    expect(within(region).getByText(spoof).tagName).toBe('BDI');
  });

  it('in search hits (key name, profile name, last IP)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      installBridge(workingHandlers({ 'keys:search': () => ok([{ profileId: 'p1', profileName: 'Prof\u202Eelif', key: spoofKey }]) }));
      render(App);
      await screen.findByRole('cell', { name: 'Update KB' });
      await fireEvent.input(screen.getByRole('searchbox', { name: 'Search all keys' }), { target: { value: 'prod' } });
      await vi.advanceTimersByTimeAsync(200);
      await screen.findByRole('region', { name: 'Keys found' });
      for (const text of [spoof, 'Prof\u202Eelif', '10.0.0.1\u202E']) expect(everyOccurrenceIsolated(text), JSON.stringify(text)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('key names as CloudMC counts them', () => {
  beforeEach(() => resetAll('en'));

  it(`Generate accepts a name of 60 emoji (60 characters, ${keyNameMaxCodePoints} allowed) and refuses one of only invisible characters in main's words`, async () => {
    const calls = installBridge(workingHandlers({
      'keys:generate': () => generatedAnswer({ ...sampleKeys[1]!, id: 'k9', name: emoji60 }),
    }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await fireEvent.input(name, { target: { value: invisible } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect(within(dialog).getByText(en.errors['name-invisible'])).toBeTruthy();
    expect(calls.some((c) => c.channel === 'keys:generate')).toBe(false);
    await fireEvent.input(name, { target: { value: emoji60 } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    await screen.findByRole('region', { name: 'Key generated' });
    expect(calls.find((c) => c.channel === 'keys:generate')?.input).toEqual({ profileId: 'p1', name: emoji60, storeInKeychain: false });
  });

  it('Generate counts characters, not UTF-16 units, when refusing a name too long', async () => {
    installBridge(workingHandlers());
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: '🔑'.repeat(101) } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect(within(dialog).getByText('The name must be at most 100 characters (it has 101).')).toBeTruthy();
  });

  it('Rename accepts 60 emoji and refuses a name of only invisible characters with the words main uses', async () => {
    const calls = installBridge({ 'keys:rename': () => renamedAnswer({ ...sampleKeys[0]!, name: emoji60 }) });
    const onrenamed = vi.fn();
    render(RenameDialog, { profileId: 'p1', apiKey: sampleKeys[0]!, oncancel: vi.fn(), onrenamed });
    const dialog = screen.getByRole('dialog', { name: 'Edit API key' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await fireEvent.input(name, { target: { value: ` ${invisible} ` } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText(en.errors['name-invisible'])).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(calls).toHaveLength(0);
    await fireEvent.input(name, { target: { value: emoji60 } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onrenamed).toHaveBeenCalledWith({ ...sampleKeys[0]!, name: emoji60 }));
    expect((calls[0]?.input as { name: string }).name).toBe(emoji60);
  });
});
