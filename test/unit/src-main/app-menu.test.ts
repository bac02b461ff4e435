// The application menu never offers Reload, Force Reload or DevTools, which would drop or expose an open one-time key.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../../../src-main/app-menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
}

describe('app menu', () => {
  it('has none on Windows and Linux', () => {
    expect(appMenuTemplate('linux')).toBeNull();
    expect(appMenuTemplate('win32')).toBeNull();
  });

  it('on macOS keeps quit and text editing, without any view or developer item', () => {
    const all = roles(appMenuTemplate('darwin') ?? []);
    expect(all).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'selectAll', 'undo']));
    for (const forbidden of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(all).not.toContain(forbidden);
  });

  it("on macOS offers the command-line tool's install in the app menu when given, and only there", () => {
    let clicked = 0;
    const action = { label: "Install 'cloudmc' command in PATH", click: () => (clicked += 1) };
    const appMenu = appMenuTemplate('darwin', action)![0]!.submenu as MenuItemConstructorOptions[];
    const item = appMenu.find((i) => i.label === action.label)!;
    (item.click as () => void)();
    expect(clicked).toBe(1);
    expect(appMenuTemplate('linux', action)).toBeNull();
    expect((appMenuTemplate('darwin')![0]!.submenu as MenuItemConstructorOptions[]).some((i) => i.label)).toBe(false);
  });
});
