// The native error box shown when the app cannot start at all (no window to say it in), in the system language.
import { AppFailure } from './errors';

const texts = {
  en: {
    title: 'CloudMC Credentials could not start',
    detail: 'The app stopped while starting, before its window could open. Details were written to the log.',
    reason: 'Reason: ',
    at: 'at',
  },
  fr: {
    title: "CloudMC Credentials n'a pas pu démarrer",
    detail: "L'application s'est arrêtée au démarrage, avant que sa fenêtre puisse s'ouvrir. Les détails ont été écrits dans le journal.",
    reason: 'Raison\u00a0: ',
    at: 'à',
  },
  es: {
    title: 'CloudMC Credentials no pudo iniciarse',
    detail: 'La aplicación se detuvo al iniciarse, antes de poder abrir su ventana. Los detalles se escribieron en el registro.',
    reason: 'Motivo: ',
    at: 'en',
  },
} as const;

/** The title and text of the start-up error box for a locale (en, fr or es, else en): what happened, the system's reason and the path when known, never anything else of the error. */
export function startupFailureMessage(locale: string, error: unknown): { title: string; content: string } {
  const lang = locale.slice(0, 2).toLowerCase() as keyof typeof texts;
  const t = texts[lang] ?? texts.en;
  const { code, path } = reasonOf(error);
  const reason = code ? `\n\n${t.reason}${code}${path ? ` ${t.at} ${path}` : ''}` : '';
  return { title: t.title, content: `${t.detail}${reason}` };
}

/** Only a code (errno or AppError) and a file path are shown: an error's message could carry anything. */
function reasonOf(error: unknown): { code: string | null; path: string | null } {
  if (error instanceof AppFailure) return { code: error.appError.code, path: null };
  const e = error as { code?: unknown; path?: unknown } | null;
  const code = typeof e?.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(e.code) ? e.code : null;
  const path = code && typeof e?.path === 'string' ? e.path : null;
  return { code, path };
}
