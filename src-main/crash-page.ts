// The page shown after the window crashed several times in a row, in the user's language; static HTML, no script.
const texts = {
  en: {
    title: 'The window stopped working',
    body: 'CloudMC Credentials reloaded its window several times and it kept stopping. Nothing was lost: keys waiting to be saved are still held by the app.',
    action: 'Quit and start the app again. If it happens again, the log file says what went wrong.',
  },
  fr: {
    title: 'La fenêtre a cessé de fonctionner',
    body: 'CloudMC Credentials a rechargé sa fenêtre plusieurs fois et elle s\u2019arrête toujours. Rien n\u2019est perdu\u00a0: les clés en attente d\u2019enregistrement sont toujours conservées par l\u2019application.',
    action: 'Quittez puis relancez l\u2019application. Si cela se reproduit, le fichier journal indique ce qui s\u2019est passé.',
  },
  es: {
    title: 'La ventana dejó de funcionar',
    body: 'CloudMC Credentials recargó su ventana varias veces y sigue deteniéndose. No se perdió nada: las claves pendientes de guardar siguen en la aplicación.',
    action: 'Cierre y vuelva a abrir la aplicación. Si vuelve a ocurrir, el archivo de registro indica qué falló.',
  },
} as const;

/** A `data:` URL of the error page for a locale (en, fr or es, else en). */
export function crashPageUrl(locale: string): string {
  const lang = (locale.slice(0, 2).toLowerCase() in texts ? locale.slice(0, 2).toLowerCase() : 'en') as keyof typeof texts;
  const t = texts[lang];
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${t.title}</title><style>body{font:16px system-ui,sans-serif;margin:3rem;max-width:40rem;color:#1a1a1a;background:#fff}@media (prefers-color-scheme:dark){body{color:#eee;background:#1b1b1b}}</style></head><body><main><h1>${t.title}</h1><p>${t.body}</p><p>${t.action}</p></main></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
