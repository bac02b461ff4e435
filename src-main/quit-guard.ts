// The native confirmation shown when the window closes while a one-time key was neither copied nor stored.
import type { MessageBoxSyncOptions } from 'electron';

const texts = {
  en: {
    message: 'A new API key has not been saved',
    detail: 'You have neither copied nor stored the API key that was just generated. If you quit now, its value is lost for good.',
    quit: 'Quit anyway',
    stay: 'Cancel',
  },
  fr: {
    message: "Une nouvelle clé d'API n'a pas été enregistrée",
    detail:
      "Vous n'avez ni copié ni enregistré la clé d'API qui vient d'être générée. Si vous quittez maintenant, sa valeur est perdue pour toujours.",
    quit: 'Quitter quand même',
    stay: 'Annuler',
  },
  es: {
    message: 'Una nueva clave API no se ha guardado',
    detail: 'No ha copiado ni guardado la clave API que se acaba de generar. Si sale ahora, su valor se perderá para siempre.',
    quit: 'Salir de todos modos',
    stay: 'Cancelar',
  },
} as const;

/** The dialog options in the system language; button 0 quits, button 1 stays. */
export function confirmQuitMessage(locale: string): MessageBoxSyncOptions {
  const lang = locale.slice(0, 2) as keyof typeof texts;
  const t = texts[lang] ?? texts.en;
  return { type: 'warning', message: t.message, detail: t.detail, buttons: [t.quit, t.stay], defaultId: 1, cancelId: 1, noLink: true };
}
