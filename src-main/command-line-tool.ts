// macOS: the app menu's "Install 'cloudmc' command in PATH" (like VS Code's "Install 'code' command in PATH"). Asks first, then links
// /usr/local/bin/cloudmc to the launcher inside the app bundle (Contents/Resources/bin/cloudmc, which runs the app with --cli).
// Plain Node: the message box, the paths and the locale are given by the caller (lifecycle.ts), so tests use real files in a temp dir.
import fs from 'node:fs';
import path from 'node:path';
import type { MessageBoxSyncOptions } from 'electron';

/** What the action needs from Electron and the OS. */
export interface CommandLineToolParts {
  /** A native message box; answers the index of the button clicked. */
  showMessageBox: (options: MessageBoxSyncOptions) => number;
  /** The launcher in the app bundle (process.resourcesPath/bin/cloudmc). */
  launcher: string;
  /** Where the command goes: /usr/local/bin/cloudmc. */
  linkPath: string;
  /** The system language (app.getLocale()). */
  locale: string;
}

/** How the action ended. */
export type CommandLineToolOutcome = 'installed' | 'already-installed' | 'cancelled' | 'not-writable' | 'no-launcher' | 'translocated' | 'failed';

type Texts = {
  menu: string;
  ask: string;
  askDetail: (link: string) => string;
  replaceDetail: (link: string) => string;
  install: string;
  replace: string;
  cancel: string;
  ok: string;
  done: string;
  doneDetail: string;
  already: string;
  notWritable: (dir: string) => string;
  notWritableDetail: string;
  noLauncher: string;
  translocated: string;
  failed: string;
};

const texts: Record<'en' | 'fr' | 'es', Texts> = {
  en: {
    menu: "Install 'cloudmc' command in PATH",
    ask: "Install the 'cloudmc' command in PATH?",
    askDetail: (link) => `${link} will run this app's command line from any terminal. You can remove it at any time.`,
    replaceDetail: (link) => `${link} already exists and is not this app's command. It will be replaced.`,
    install: 'Install',
    replace: 'Replace',
    cancel: 'Cancel',
    ok: 'OK',
    done: "The 'cloudmc' command is installed",
    doneDetail: 'Open a new terminal window and run: cloudmc --help',
    already: "The 'cloudmc' command is already installed",
    notWritable: (dir) => `You cannot write to ${dir}`,
    notWritableDetail: 'To install the command, run this in Terminal (it asks for your password):',
    noLauncher: "This copy of the app has no 'cloudmc' launcher (a development build).",
    translocated: 'macOS runs this copy of the app from a temporary place. Move the app to Applications, open it from there, then try again.',
    failed: "The 'cloudmc' command could not be installed",
  },
  fr: {
    menu: 'Installer la commande « cloudmc » dans le PATH',
    ask: 'Installer la commande « cloudmc » dans le PATH ?',
    askDetail: (link) => `${link} lancera la ligne de commande de cette app depuis tout terminal. Vous pouvez la retirer à tout moment.`,
    replaceDetail: (link) => `${link} existe déjà et n'est pas la commande de cette app. Il sera remplacé.`,
    install: 'Installer',
    replace: 'Remplacer',
    cancel: 'Annuler',
    ok: 'OK',
    done: 'La commande « cloudmc » est installée',
    doneDetail: 'Ouvrez une nouvelle fenêtre de terminal et lancez : cloudmc --help',
    already: 'La commande « cloudmc » est déjà installée',
    notWritable: (dir) => `Vous ne pouvez pas écrire dans ${dir}`,
    notWritableDetail: 'Pour installer la commande, lancez ceci dans le Terminal (votre mot de passe vous sera demandé) :',
    noLauncher: "Cette copie de l'app n'a pas de lanceur « cloudmc » (une version de développement).",
    translocated:
      "macOS lance cette copie de l'app depuis un emplacement temporaire. Déplacez l'app dans Applications, ouvrez-la de là, puis réessayez.",
    failed: "La commande « cloudmc » n'a pas pu être installée",
  },
  es: {
    menu: 'Instalar el comando «cloudmc» en el PATH',
    ask: '¿Instalar el comando «cloudmc» en el PATH?',
    askDetail: (link) => `${link} ejecutará la línea de comandos de esta app desde cualquier terminal. Puede quitarlo en cualquier momento.`,
    replaceDetail: (link) => `${link} ya existe y no es el comando de esta app. Se reemplazará.`,
    install: 'Instalar',
    replace: 'Reemplazar',
    cancel: 'Cancelar',
    ok: 'Aceptar',
    done: 'El comando «cloudmc» está instalado',
    doneDetail: 'Abra una nueva ventana de terminal y ejecute: cloudmc --help',
    already: 'El comando «cloudmc» ya está instalado',
    notWritable: (dir) => `No puede escribir en ${dir}`,
    notWritableDetail: 'Para instalar el comando, ejecute esto en Terminal (le pedirá su contraseña):',
    noLauncher: 'Esta copia de la app no tiene el lanzador «cloudmc» (una versión de desarrollo).',
    translocated: 'macOS ejecuta esta copia de la app desde un lugar temporal. Mueva la app a Aplicaciones, ábrala desde allí y vuelva a intentarlo.',
    failed: 'No se pudo instalar el comando «cloudmc»',
  },
};

const textsFor = (locale: string): Texts => texts[locale.slice(0, 2) as keyof typeof texts] ?? texts.en;

/** The menu item's label in the system language. */
export function commandLineToolLabel(locale: string): string {
  return textsFor(locale).menu;
}

/** A word for a POSIX shell, single-quoted. */
const shellQuote = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

/** The commands that install the link with administrator rights, for the user to run when the folder is not theirs. */
export function sudoInstallCommand(launcher: string, linkPath: string): string {
  return `sudo mkdir -p ${shellQuote(path.dirname(linkPath))} && sudo ln -sf ${shellQuote(launcher)} ${shellQuote(linkPath)}`;
}

/** What is at the link's place now: nothing, the app's own link, or something else. */
function whatIsAt(linkPath: string, launcher: string): 'nothing' | 'ours' | 'other' {
  try {
    const stat = fs.lstatSync(linkPath);
    return stat.isSymbolicLink() && fs.readlinkSync(linkPath) === launcher ? 'ours' : 'other';
  } catch {
    return 'nothing';
  }
}

/** Errors that mean "this folder is not yours to write". */
const notWritableCodes = new Set(['EACCES', 'EPERM', 'EROFS']);

/** Runs the menu action: asks, then links `linkPath` to `launcher` (a link made beside it, then renamed over it: never half done). */
export function installCommandLineTool(parts: CommandLineToolParts): CommandLineToolOutcome {
  const t = textsFor(parts.locale);
  const box = (options: Omit<MessageBoxSyncOptions, 'buttons'> & { buttons?: string[] }): number =>
    parts.showMessageBox({ buttons: [t.ok], noLink: true, ...options });
  if (!fs.existsSync(parts.launcher)) {
    box({ type: 'error', message: t.failed, detail: t.noLauncher });
    return 'no-launcher';
  }
  // Gatekeeper's App Translocation runs a quarantined app from a random read-only path that goes away: a link to it would break.
  if (parts.launcher.includes('/AppTranslocation/')) {
    box({ type: 'error', message: t.failed, detail: t.translocated });
    return 'translocated';
  }
  const present = whatIsAt(parts.linkPath, parts.launcher);
  if (present === 'ours') {
    box({ type: 'info', message: t.already, detail: t.doneDetail });
    return 'already-installed';
  }
  const detail = [t.askDetail(parts.linkPath), ...(present === 'other' ? [t.replaceDetail(parts.linkPath)] : [])].join('\n\n');
  const choice = box({
    type: 'question',
    message: t.ask,
    detail,
    buttons: [present === 'other' ? t.replace : t.install, t.cancel],
    defaultId: 0,
    cancelId: 1,
  });
  if (choice !== 0) return 'cancelled';

  const temp = path.join(path.dirname(parts.linkPath), `.cloudmc-${process.pid}.tmp`);
  try {
    fs.mkdirSync(path.dirname(parts.linkPath), { recursive: true });
    fs.rmSync(temp, { force: true });
    fs.symlinkSync(parts.launcher, temp);
    fs.renameSync(temp, parts.linkPath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (notWritableCodes.has(code)) {
      box({
        type: 'warning',
        message: t.notWritable(path.dirname(parts.linkPath)),
        detail: `${t.notWritableDetail}\n\n${sudoInstallCommand(parts.launcher, parts.linkPath)}`,
      });
      return 'not-writable';
    }
    box({ type: 'error', message: t.failed, detail: (error as Error).message });
    return 'failed';
  }
  box({ type: 'info', message: t.done, detail: t.doneDetail });
  return 'installed';
}
