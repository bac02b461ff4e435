// confirmQuitMessage (docs/security.md 14): the native confirmation defaults to staying, in the system language.
import { describe, expect, it } from 'vitest';
import { confirmQuitMessage } from '../../../src-main/quit-guard';

describe('confirmQuitMessage', () => {
  it.each(['en-US', 'fr-CA', 'es-ES', 'de-DE', ''])('%s: a warning whose default and cancel button is "stay"', (locale) => {
    const options = confirmQuitMessage(locale);
    expect(options.type).toBe('warning');
    expect(options.buttons).toHaveLength(2);
    expect(options.defaultId).toBe(1);
    expect(options.cancelId).toBe(1);
    expect(options.message.length).toBeGreaterThan(10);
  });

  it('speaks the system language, English otherwise', () => {
    expect(confirmQuitMessage('fr-FR').buttons).toEqual(['Quitter quand même', 'Annuler']);
    expect(confirmQuitMessage('es-MX').buttons).toEqual(['Salir de todos modos', 'Cancelar']);
    expect(confirmQuitMessage('en-GB').buttons).toEqual(['Quit anyway', 'Cancel']);
    expect(confirmQuitMessage('ja-JP')).toEqual(confirmQuitMessage('en-US'));
  });
});
