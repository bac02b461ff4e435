// Adapts Electron's clipboard to the plain interface the clipboard service takes.
import type { Clipboard } from 'electron';
import type { ClipboardPort } from './services/clipboard/clipboard-service';

/** Electron's clipboard as the clipboard port. */
export function electronClipboard(clipboard: Pick<Clipboard, 'writeText' | 'readText' | 'clear'>): ClipboardPort {
  return { writeText: (t) => clipboard.writeText(t), readText: () => clipboard.readText(), clear: () => clipboard.clear() };
}
