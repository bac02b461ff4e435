// Remembers the main window's size and position (and maximized state) between runs; a place no display shows any more is ignored.
import { z } from 'zod';
import { openJsonStore, type JsonStore, type StoreBackendFactory } from './services/store/json-store';

/** A window rectangle in screen coordinates. */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface WindowStateDoc {
  schemaVersion: 1;
  bounds: Bounds | null;
  maximized: boolean;
}

const boundsSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(1), height: z.number().int().min(1) });
const docSchema = z.object({ schemaVersion: z.literal(1), bounds: boundsSchema.nullable(), maximized: z.boolean() });

/** The window-state file and how to use it. */
export interface WindowState {
  /** Bounds to open with, when the saved ones are still on a display (at least 100×50 px of the window visible). */
  restore(displays: readonly { workArea: Bounds }[]): { bounds: Bounds | null; maximized: boolean };
  /** Saves the window's normal bounds and maximized state; a failed write only costs the remembered place. */
  save(bounds: Bounds, maximized: boolean): void;
}

/** Opens `window-state.json` in the data dir. */
export function openWindowState(dataDir: string, backend: StoreBackendFactory): WindowState {
  const store: JsonStore<WindowStateDoc> = openJsonStore<WindowStateDoc>({
    name: 'window-state',
    cwd: dataDir,
    backend,
    defaults: () => ({ schemaVersion: 1, bounds: null, maximized: false }),
    isValid: (doc): doc is WindowStateDoc => docSchema.safeParse(doc).success,
  });
  return {
    restore(displays) {
      const { bounds, maximized } = store.read();
      return { bounds: bounds && displays.some((d) => visiblePart(bounds, d.workArea)) ? bounds : null, maximized };
    },
    save(bounds, maximized) {
      try {
        if (!store.readOnly) store.update((doc) => ({ ...doc, bounds: roundBounds(bounds), maximized }));
      } catch {
        /* the next start opens at the default size: nothing else depends on it */
      }
    },
  };
}

function roundBounds(b: Bounds): Bounds {
  return { x: Math.round(b.x), y: Math.round(b.y), width: Math.max(1, Math.round(b.width)), height: Math.max(1, Math.round(b.height)) };
}

/** True when enough of the window lies on the area to grab and move it. */
function visiblePart(win: Bounds, area: Bounds): boolean {
  const width = Math.min(win.x + win.width, area.x + area.width) - Math.max(win.x, area.x);
  const height = Math.min(win.y + win.height, area.y + area.height) - Math.max(win.y, area.y);
  return width >= 100 && height >= 50;
}
