// Reads and updates the user's preferences in the config store.
import { defaultSettings } from '../../../src-preload/contract/defaults';
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
    // Settings added after a file was written (theme) read as their defaults.
    get: () => ({ ...defaultSettings, ...stores.config.read().settings }),
    update(change) {
      const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<Settings>;
      return {
        ...defaultSettings,
        ...writable(stores.config).update((doc) => ({ ...doc, settings: { ...defaultSettings, ...doc.settings, ...defined } })).settings,
      };
    },
  };
}
