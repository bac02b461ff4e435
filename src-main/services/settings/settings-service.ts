// Reads and updates the user's preferences in the config store; the organization's policy gives defaults and locks some.
import { defaultSettings } from '../../../src-preload/contract/defaults';
import type { Settings } from '../../../src-preload/contract/models';
import { fail } from '../../errors';
import type { Policy } from '../policy/policy-document';
import type { AppStores, ConfigDoc } from '../store/app-stores';
import { writable } from '../store/writable';

/** The settings use-cases. */
export interface SettingsService {
  get(): Settings;
  update(change: Partial<Settings>): Settings;
}

/** What the settings ask of the organization's policy (none: the user's settings as they are). */
export interface SettingsPolicy {
  current(): Pick<Policy, 'settings' | 'locked'> | null;
}

/** Creates the settings service. */
export function createSettingsService(stores: AppStores, policy: SettingsPolicy = { current: () => null }): SettingsService {
  const get = (): Settings => {
    const doc = stores.config.read();
    // Settings added after a file was written (theme) read as their defaults.
    const own: Settings = { ...defaultSettings, ...doc.settings };
    const rules = policy.current();
    if (!rules) return own;
    const chosen = chosenSettings(doc);
    const fromPolicy = Object.entries(rules.settings).filter(([name]) => rules.locked.has(name as keyof Settings) || !chosen.has(name));
    const locked = [...rules.locked].map((name) => [name, rules.settings[name] ?? defaultSettings[name]] as const);
    return { ...own, ...Object.fromEntries(fromPolicy), ...Object.fromEntries(locked) };
  };
  return {
    get,
    update(change) {
      const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<Settings>;
      const rules = policy.current();
      const current = get();
      for (const [name, value] of Object.entries(defined)) {
        if (!rules?.locked.has(name as keyof Settings)) continue;
        // Sending the locked value back (a form saved whole) changes nothing; any other value is refused.
        if (value !== current[name as keyof Settings])
          throw fail('policy-refused', { messageKey: 'policy.refused.setting-locked', details: { field: name, reason: 'locked' } });
        delete defined[name as keyof Settings];
      }
      writable(stores.config).update((doc) => ({
        ...doc,
        settings: { ...defaultSettings, ...doc.settings, ...defined },
        settingsChosen: [...new Set([...chosenSettings(doc), ...Object.keys(defined)])],
      }));
      return get();
    },
  };
}

/** The settings the user set; a file from before policies records none, so those that differ from the app's defaults count as set. */
function chosenSettings(doc: ConfigDoc): Set<string> {
  if (doc.settingsChosen) return new Set(doc.settingsChosen);
  const settings = doc.settings as Partial<Settings>;
  return new Set(Object.keys(settings).filter((name) => settings[name as keyof Settings] !== defaultSettings[name as keyof Settings]));
}
