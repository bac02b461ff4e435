// App-wide state: start-up (and listening to main's events), settings, keychain status (and Try again), store notice, data-folder
// problem, current view, toast.
import { bridge } from '../bridge/bridge';
import { applyLanguage } from '../i18n';
import { defaultSettings } from '../../../../src-preload/contract/defaults';
import type { AppError, AppState, KeychainStatus, PolicyView, Settings } from './contract-types';
import { keys } from './keys.svelte';
import { copies } from './copies.svelte';
import { profiles } from './profiles.svelte';
import { secrets } from './secrets.svelte';
import { health } from './health.svelte';
import { policy } from './policy.svelte';
import { refreshAll } from './refresh-all.svelte';
import { rotation } from './rotation.svelte';

/** Applies a theme choice: `data-theme` on <html> for Light or Dark; System removes it (the CSS follows prefers-color-scheme). */
export function applyTheme(theme: Settings['theme']): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}

/** Which screen the content area shows. */
export type View = 'keys' | 'add-profile' | 'health';

/** The app's start-up state and preferences. */
export class AppStore {
  status = $state<'loading' | 'ready' | 'failed'>('loading');
  loadError = $state<AppError | null>(null);
  version = $state('');
  settings = $state<Settings>({ ...defaultSettings });
  keychain = $state<KeychainStatus>({ available: true, backend: '' });
  storeNotice = $state<{ messageKey: string; backupPath: string } | null>(null);
  readOnly = $state(false);
  /** The data folder cannot be written: what is wrong, where, and the system's reason (the app browses read-only). */
  dataProblem = $state<AppState['dataProblem']>(null);
  /** A Try again of the keychain is in flight. */
  retryingKeychain = $state(false);
  defaultEndpoint = $state<string | null>(null);
  view = $state<View>('keys');
  toast = $state<string | null>(null);
  #toastTimer: ReturnType<typeof setTimeout> | undefined;
  /** Unsubscribes from main's events. */
  #stopListening: (() => void)[] = [];

  /** Listens to main's events, loads everything the renderer needs, the one-time keys still open in main, then opens the last used profile. */
  async load(): Promise<void> {
    this.#listen();
    this.status = 'loading';
    this.loadError = null;
    // Asked together, never one after another's answer (issue 22): the policy (what it locks and hides is known before the first
    // screen), the one-time keys still open in main, and the last profile's key screen.
    const restoring = secrets.restore();
    const [result, , opened] = await Promise.all([bridge.app.getState(), policy.load(), bridge.profiles.open({})]);
    if (!result.ok) {
      this.loadError = result.error;
      this.status = 'failed';
      return;
    }
    const state = result.value;
    this.version = state.version;
    this.storeNotice = state.storeNotice;
    this.defaultEndpoint = state.defaultEndpoint ?? null;
    this.#applyStatus(state);
    // The saved language is shown from the first screen on (its chunk loaded first when it is not English: no flash of another language).
    await this.#showSettings(state.settings);
    profiles.replaceAll(state.profiles);
    profiles.shortcuts = state.shortcuts;
    this.view = state.profiles.length === 0 ? 'add-profile' : 'keys';
    this.status = 'ready';
    // One-time keys generated before a reload are still open in main: shown again (without their values) as main answers.
    void restoring;
    const screen = opened.ok ? opened.value : null;
    if (screen && state.profiles.some((p) => p.id === screen.keys.profile.id)) await profiles.showOpened(screen);
    else if (state.profiles[0]) await profiles.select(state.profiles[0].id);
    // Key-health findings for the sidebar's counts: asked once the first keys are shown, so computing them across every
    // profile (and listing the keychain's copies) never delays the first rows.
    if (state.profiles.length > 0) void health.load(null);
  }

  /** What may change while the app runs: the keychain's status, read-only mode and its cause. */
  #applyStatus(state: Pick<AppState, 'keychain' | 'readOnly' | 'dataProblem'>): void {
    this.#setKeychain(state.keychain);
    this.readOnly = state.readOnly;
    this.dataProblem = state.dataProblem ?? null;
  }

  #setKeychain(status: KeychainStatus): void {
    this.keychain = status;
    copies.available = status.available;
  }

  /**
   * Subscribes each state class to the events main sends (set here, where the app starts: no wiring at import time; again on a
   * second load, after dropping the first subscriptions).
   */
  #listen(): void {
    for (const stop of this.#stopListening) stop();
    this.#stopListening = [
      bridge.on('keychain:did-change', ({ status }) => void this.#keychainChanged(status)),
      keys.listen(),
      rotation.listen(),
      secrets.listen(),
      refreshAll.listen(),
      bridge.on('policy:did-change', (view) => void this.#policyChanged(view)),
      profiles.listen(),
    ];
  }

  /**
   * The organization's policy changed in main: what it locks and hides follows, the settings main now applies (a newly locked
   * one takes the policy's value) are shown, and the profiles (managed ones included) are listed again.
   */
  async #policyChanged(view: PolicyView): Promise<void> {
    policy.apply(view);
    const [state] = await Promise.all([bridge.app.getState(), profiles.reload()]);
    if (state.ok) void this.#showSettings(state.value.settings);
  }

  /** Shows settings as main reports them: the values, the language and the theme; settles once the language is shown. */
  async #showSettings(settings: Settings): Promise<void> {
    this.settings = settings;
    applyTheme(settings.theme);
    await applyLanguage(settings.language);
  }

  /**
   * The keychain's status changed in main (it stopped answering, or answers again): the banner follows, the profiles' access-key
   * states are read again, and the shown list too once its key can be read.
   */
  async #keychainChanged(status: KeychainStatus): Promise<void> {
    const wasAvailable = this.keychain.available;
    if (JSON.stringify(status) === JSON.stringify(this.keychain)) return;
    this.#setKeychain(status);
    if (this.status !== 'ready') return;
    await profiles.reload();
    const selected = profiles.selected;
    if (status.available && !wasAvailable && selected && keys.accessKeyProblem === 'unknown') await keys.load(selected.id);
  }

  /** Try again with a keychain that was not answering; what it found is applied as main's event would (which then changes nothing). */
  async retryKeychain(): Promise<void> {
    if (this.retryingKeychain) return;
    this.retryingKeychain = true;
    const result = await bridge.app.retryKeychain();
    this.retryingKeychain = false;
    if (result.ok) await this.#keychainChanged(result.value);
  }

  /** Saves some settings; the UI keeps the new value even if saving fails (it applies to this session). */
  async updateSettings(change: Partial<Settings>): Promise<AppError | null> {
    // A setting the organization locks keeps its value: it is never changed here, nor sent.
    const patch = Object.fromEntries(Object.entries(change).filter(([name]) => !policy.isLocked(name as keyof Settings))) as Partial<Settings>;
    if (Object.keys(patch).length === 0) return null;
    this.settings = { ...this.settings, ...patch };
    if (patch.language) void applyLanguage(patch.language);
    if (patch.theme) applyTheme(patch.theme);
    const result = await bridge.settings.update(patch);
    if (result.ok) {
      this.settings = result.value;
      applyTheme(result.value.theme);
      return null;
    }
    return result.error;
  }

  /** Copies plain text (not a secret: no auto-clear) through main, and says whether it worked. */
  async copyText(text: string, failureText: (error: AppError) => string, copiedText: string): Promise<void> {
    const result = await bridge.clipboard.copyText({ text });
    this.showToast(result.ok ? copiedText : failureText(result.error));
  }

  /** Shows a short message (e.g. "Copied") for a moment. */
  showToast(text: string, ms = 2500): void {
    this.toast = text;
    clearTimeout(this.#toastTimer);
    this.#toastTimer = setTimeout(() => (this.toast = null), ms);
  }

  /** Back to the initial state (tests). */
  reset(): void {
    for (const stop of this.#stopListening) stop();
    this.#stopListening = [];
    this.status = 'loading';
    this.loadError = null;
    this.settings = { ...defaultSettings };
    this.keychain = { available: true, backend: '' };
    this.storeNotice = null;
    this.readOnly = false;
    this.dataProblem = null;
    this.retryingKeychain = false;
    this.defaultEndpoint = null;
    this.view = 'keys';
    this.toast = null;
  }
}

/** The app state singleton. */
export const app = new AppStore();
