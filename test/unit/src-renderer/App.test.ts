// The exact accessible names the UI specification fixes (as test/e2e/labels.ts states them), in English, French and Spanish, through the whole App.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import { appState, cachedView, generatedAnswer, installBridge, refreshFailed, resetAll, sampleKeys, settings, workingHandlers } from './helpers';

const labels = {
  en: {
    title: 'API credentials',
    section: 'API keys',
    generate: 'Generate API key',
    endpoint: 'Endpoint',
    copyEndpoint: 'Copy endpoint',
    name: 'Name',
    lastIp: 'Last IP',
    lastActivity: 'Last activity',
    edit: 'Edit API key',
    revoke: 'Revoke API key',
    submit: 'Generate',
    revokeConfirm: 'Revoke',
    field: 'API key',
    show: 'Show API key',
    hide: 'Hide API key',
    copy: 'Copy API key',
    store: 'Store in keychain',
    dismiss: 'Dismiss',
    save: 'Save',
    cancel: 'Cancel',
    addProfile: 'Add profile',
    profileName: 'Profile name',
    refresh: 'Refresh',
    language: 'Language',
    offline: 'Offline',
  },
  fr: {
    title: "Identifiants d'API",
    section: "Clés d'API",
    generate: "Générer une clé d'API",
    endpoint: "Point d'entrée",
    copyEndpoint: "Copier le point d'entrée",
    name: 'Nom',
    lastIp: 'Dernière IP',
    lastActivity: 'Dernière activité',
    edit: "Modification de la clé d'API",
    revoke: "Révoquer la clé d'API",
    submit: 'Générer',
    revokeConfirm: 'Révoquer',
    field: "Clé d'API",
    show: "Afficher la clé d'API",
    hide: "Masquer la clé d'API",
    copy: "Copier la clé d'API",
    store: 'Enregistrer dans le trousseau',
    dismiss: 'Fermer',
    save: 'Enregistrer',
    cancel: 'Annuler',
    addProfile: 'Ajouter un profil',
    profileName: 'Nom du profil',
    refresh: 'Actualiser',
    language: 'Langue',
    offline: 'Hors ligne',
  },
  es: {
    title: 'Credenciales de API',
    section: 'Claves API',
    generate: 'Generar clave de API',
    endpoint: 'Punto final',
    copyEndpoint: 'Copiar punto final',
    name: 'Nombre',
    lastIp: 'Última IP',
    lastActivity: 'Última actividad',
    edit: 'Editar clave API',
    revoke: 'Revocar clave de API',
    submit: 'Generar',
    revokeConfirm: 'Revocar',
    field: 'Clave API',
    show: 'Mostrar clave API',
    hide: 'Ocultar clave API',
    copy: 'Copiar clave API',
    store: 'Guardar en el llavero',
    dismiss: 'Cerrar',
    save: 'Guardar',
    cancel: 'Cancelar',
    addProfile: 'Añadir perfil',
    profileName: 'Nombre del perfil',
    refresh: 'Actualizar',
    language: 'Idioma',
    offline: 'Sin conexión',
  },
} as const;

const languages = ['en', 'fr', 'es'] as const;

describe.each(languages)('labels in %s', (lang) => {
  const l = labels[lang];
  const chosen = settings({ language: lang });
  beforeEach(() => resetAll(lang));

  it('names the credentials screen, table, row icons and language selector exactly', async () => {
    installBridge(workingHandlers({}, appState({ settings: chosen })));
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: l.title })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: l.section })).toBeTruthy();
    expect(await screen.findByRole('cell', { name: 'Update KB' })).toBeTruthy();
    expect(screen.getByRole('button', { name: l.generate })).toBeTruthy();
    expect(screen.getByRole('button', { name: l.copyEndpoint })).toBeTruthy();
    expect(screen.getByRole('button', { name: l.refresh })).toBeTruthy();
    expect(screen.getByText(`${l.endpoint}:`)).toBeTruthy();
    for (const column of [l.name, l.lastIp, l.lastActivity]) expect(screen.getByRole('columnheader', { name: column })).toBeTruthy();
    // Each row's action is named with its key: the fixed label, a space, the name.
    for (const k of sampleKeys) {
      expect(screen.getByRole('button', { name: `${l.edit} ${k.name}` })).toBeTruthy();
      expect(screen.getByRole('button', { name: `${l.revoke} ${k.name}` })).toBeTruthy();
    }
    expect(screen.getByRole('combobox', { name: l.language })).toBeTruthy();
    expect(document.documentElement.lang).toBe(lang);
  });

  it('names the generate form, revoke dialog and notification exactly', async () => {
    installBridge(
      workingHandlers(
        {
          'keys:generate': () => generatedAnswer({ ...sampleKeys[1]!, id: 'k9', name: 'New one' }, { secret: 'SECRET-VALUE' }),
        },
        appState({ settings: chosen }),
      ),
    );
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: l.generate }));
    const dialog = screen.getByRole('dialog', { name: l.generate });
    within(dialog).getByRole('textbox', { name: l.name });
    within(dialog).getByRole('button', { name: l.cancel });
    await fireEvent.click(within(dialog).getByRole('button', { name: l.submit }));
    const region = await screen.findByRole('region');
    expect(within(region).getByLabelText(l.field, { selector: 'input' })).toBeTruthy();
    within(region).getByRole('button', { name: l.show });
    within(region).getByRole('button', { name: l.copy });
    within(region).getByRole('button', { name: l.store });
    within(region).getByRole('button', { name: l.dismiss });
    await fireEvent.click(within(region).getByRole('button', { name: l.show }));
    within(region).getByRole('button', { name: l.hide });

    await fireEvent.click(screen.getByRole('button', { name: `${l.revoke} ${sampleKeys[0]!.name}` }));
    const revoke = screen.getByRole('dialog', { name: l.revoke });
    within(revoke).getByRole('button', { name: l.revokeConfirm });
    within(revoke).getByRole('button', { name: l.cancel });
  });

  it('names the add-profile form exactly', async () => {
    installBridge(workingHandlers({}, appState({ settings: chosen, profiles: [], lastProfileId: null })));
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: l.addProfile })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: l.profileName })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: l.endpoint })).toBeTruthy();
    const key = screen.getByLabelText(l.field) as HTMLInputElement;
    expect(key.type).toBe('password');
    expect(screen.getByRole('button', { name: l.save })).toBeTruthy();
    expect(screen.getByRole('button', { name: l.addProfile })).toBeTruthy();
  });

  it('starts the offline banner with the Offline label', async () => {
    installBridge(
      workingHandlers(
        {
          'keys:listCached': () => cachedView(sampleKeys, '2024-03-12T09:00:00.000Z'),
          'keys:refresh': () => refreshFailed('unreachable', {}, sampleKeys, { syncedAt: '2024-03-12T09:00:00.000Z' }),
        },
        appState({ settings: chosen }),
      ),
    );
    render(App);
    const banner = await screen.findByRole('status', { name: l.offline });
    expect(banner.textContent?.trim().startsWith(l.offline)).toBe(true);
  });
});

describe('first run', () => {
  beforeEach(() => resetAll('en'));

  it('puts the focus on the first field of Add profile, not on the page', async () => {
    installBridge(workingHandlers({}, appState({ profiles: [], lastProfileId: null })));
    render(App);
    const name = await screen.findByRole('textbox', { name: 'Profile name' });
    await vi.waitFor(() => expect(document.activeElement).toBe(name));
  });
});
