// The CLI's default data dir is the installed app's userData (`<appData>/CloudMC Credentials`, Electron's rule with the packaged productName).
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../../src-main/cli/data-dir';

describe('the default data dir', () => {
  it('is <appData>/CloudMC Credentials on each OS, as Electron computes userData', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/CloudMC Credentials');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe('/xdg/CloudMC Credentials');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/ana')).toBe('/home/ana/.config/CloudMC Credentials');
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/CloudMC Credentials');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\CloudMC Credentials',
    );
  });
});
