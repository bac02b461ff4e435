// The application menu: on macOS the usual app, Edit and Window menus; elsewhere none. Never Reload or DevTools (docs/security.md 14).
import type { MenuItemConstructorOptions } from 'electron';

/** A menu item the caller builds (label in the system language, its action). */
export interface AppMenuAction {
  label: string;
  click: () => void;
}

/** The menu template for a platform, or null for no menu bar (Windows, Linux: text editing works without one). On macOS the app menu
 * offers `installCommandLineTool` (src-main/command-line-tool.ts) when given. */
export function appMenuTemplate(platform: NodeJS.Platform, installCommandLineTool?: AppMenuAction): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [
    {
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        ...(installCommandLineTool
          ? [{ label: installCommandLineTool.label, click: installCommandLineTool.click }, { type: 'separator' as const }]
          : []),
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      role: 'editMenu',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'close' }] },
  ];
}
