// Reads and updates the user's preferences in the config store.
import type { Settings } from '../../../src-preload/contract/models';
import type { AppStores } from '../store/app-stores';
import { writable } from '../store/writable';

/** The settings use-cases. */
export interface SettingsService {
  get(): Settings;
  update(change: Partial<Settings>): Settings;
}

/** Creates the settings service. */
export function createSettingsService(stores: AppStores): SettingsService {
  return {
    get: () => stores.config.read().settings,
    update(change) {
      const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<Settings>;
      return writable(stores.config).update((doc) => ({ ...doc, settings: { ...doc.settings, ...defined } })).settings;
    },
  };
}
