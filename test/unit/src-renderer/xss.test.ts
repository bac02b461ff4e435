// API data is rendered as text: a key named like HTML shows literally, nowhere becomes markup.
import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import KeyTable from '../../../src-renderer/src/lib/components/Keys/KeyTable.svelte';
import RevokeDialog from '../../../src-renderer/src/lib/components/Keys/RevokeDialog.svelte';
import SecretNotifications from '../../../src-renderer/src/lib/components/Secret/SecretNotifications.svelte';
import { installBridge, resetAll } from './helpers';

const evil = '<img src=x onerror=alert(1)>';
const key = { id: 'k1', name: evil, creationDate: '2024-01-01T00:00:00Z', lastUsedDate: null, lastUsedIp: '<b>1.2.3.4</b>' };

describe('key names are text', () => {
  beforeEach(() => resetAll('en'));

  it('in the table', () => {
    const { container } = render(KeyTable, { keys: [key], onedit: vi.fn(), onrevoke: vi.fn() });
    expect(screen.getByRole('cell', { name: evil }).textContent).toBe(evil);
    expect(screen.getByText('<b>1.2.3.4</b>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('td b')).toBeNull();
  });

  it('in the revoke dialog', () => {
    installBridge({});
    render(RevokeDialog, { profileId: 'p1', apiKey: key, oncancel: vi.fn(), onrevoked: vi.fn() });
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key' });
    expect(dialog.textContent).toContain(`Revoke the API key ${evil}? Any application using it stops working immediately.`);
    expect(within(dialog).getByText(evil).closest('strong > bdi')).not.toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });

  it('in the notification', () => {
    render(SecretNotifications, {
      items: [{ secretId: 's', keyName: evil, value: 'v', copied: false, stored: false, clearAfterSeconds: null, busy: false, error: null, restored: false }],
      keychain: { available: true, backend: 't' }, oncopy: vi.fn(), onstore: vi.fn(), ondismiss: vi.fn(),
    });
    expect(screen.getByText(evil).closest('strong > bdi')).not.toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('table', () => {
  beforeEach(() => resetAll('fr'));

  it('says "never used" and shows a dash for a missing IP, and disables row actions with the reason', () => {
    render(KeyTable, { keys: [{ ...key, name: 'k', lastUsedIp: null }], disabledReason: 'Hors ligne', onedit: vi.fn(), onrevoke: vi.fn() });
    expect(screen.getByText('Jamais utilisée')).toBeTruthy();
    expect(screen.getByRole('cell', { name: '—' })).toBeTruthy();
    const edit = screen.getByRole('button', { name: "Modification de la clé d'API" }) as HTMLButtonElement;
    expect(edit.disabled).toBe(true);
    expect(edit.title).toBe('Hors ligne');
    expect((screen.getByRole('button', { name: "Révoquer la clé d'API" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
