// Defaults stated once (no runtime dependency, so the renderer may import it): main writes them, the renderer starts from the same values.
import type { Settings } from './models';

/** Settings for a first run. */
export const defaultSettings: Readonly<Settings> = {
  language: 'system',
  theme: 'system',
  storeCopyByDefault: true,
  clipboardClearSeconds: 30,
  idleDays: 90,
  updates: true,
  sidebarDensity: 'comfortable',
};
