// App-wide state: start-up, settings, keychain status, store notice, current view, toast.
import { bridge } from '../bridge/bridge';
import { applyLanguage } from '../i18n';
import type { AppError, KeychainStatus, Settings } from './contract-types';
import { copies } from './copies.svelte';
import { profiles } from './profiles.svelte';
import { secrets } from './secrets.svelte';

/** Which screen the content area shows. */
export type View = 'keys' | 'add-profile';

const defaultSettings: Settings = { language: 'system', storeCopyByDefault: false, clipboardClearSeconds: 30 };

/** The app's start-up state and preferences. */
export class AppStore {
  status = $state<'loading' | 'ready' | 'failed'>('loading');
  loadError = $state<AppError | null>(null);
  version = $state('');
  settings = $state<Settings>({ ...defaultSettings });
  keychain = $state<KeychainStatus>({ available: true, backend: '' });
  storeNotice = $state<{ messageKey: string; backupPath: string } | null>(null);
  readOnly = $state(false);
  defaultEndpoint = $state<string | null>(null);
  view = $state<View>('keys');
  toast = $state<string | null>(null);
  #toastTimer: ReturnType<typeof setTimeout> | undefined;

  /** Loads everything the renderer needs, the one-time keys still open in main, then opens the last used profile. */
  async load(): Promise<void> {
    this.status = 'loading';
    this.loadError = null;
    const result = await bridge.getAppState();
    if (!result.ok) {
      this.loadError = result.error;
      this.status = 'failed';
      return;
    }
    const state = result.value;
    this.version = state.version;
    this.settings = state.settings;
    this.keychain = state.keychain;
    this.storeNotice = state.storeNotice;
    this.readOnly = state.readOnly;
    this.defaultEndpoint = state.defaultEndpoint ?? null;
    copies.available = state.keychain.available;
    applyLanguage(state.settings.language);
    profiles.replaceAll(state.profiles);
    this.view = state.profiles.length === 0 ? 'add-profile' : 'keys';
    this.status = 'ready';
    // One-time keys generated before a reload are still open in main: show them again (without their values).
    void secrets.restore();
    const first = state.profiles.find((p) => p.id === state.lastProfileId) ?? state.profiles[0];
    if (first) await profiles.select(first.id);
  }

  /** Saves some settings; the UI keeps the new value even if saving fails (it applies to this session). */
  async updateSettings(patch: Partial<Settings>): Promise<AppError | null> {
    this.settings = { ...this.settings, ...patch };
    if (patch.language) applyLanguage(patch.language);
    const result = await bridge.updateSettings(patch);
    if (result.ok) {
      this.settings = result.value;
      return null;
    }
    return result.error;
  }

  /** Shows a short message (e.g. "Copied") for a moment. */
  showToast(text: string, ms = 2500): void {
    this.toast = text;
    clearTimeout(this.#toastTimer);
    this.#toastTimer = setTimeout(() => (this.toast = null), ms);
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.status = 'loading';
    this.loadError = null;
    this.settings = { ...defaultSettings };
    this.keychain = { available: true, backend: '' };
    this.storeNotice = null;
    this.readOnly = false;
    this.defaultEndpoint = null;
    this.view = 'keys';
    this.toast = null;
  }
}

/** The app state singleton. */
export const app = new AppStore();
