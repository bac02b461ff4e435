// Adapts Electron's clipboard to the plain interface the clipboard service takes, with the OS marks that keep a secret out of clipboard history.
import type { Clipboard, ClipboardItem as ClipboardItemType } from 'electron';
import type { ClipboardPort } from './services/clipboard/clipboard-service';

/** Raw clipboard formats that ask clipboard managers, history and cloud sync to leave a value alone (docs/security.md 33). */
export const concealmentFormats: Readonly<Record<string, string>> = {
  // Windows: excluded from clipboard history, cloud clipboard and monitors that honour it.
  ExcludeClipboardContentFromMonitorProcessing: '',
  CanIncludeInClipboardHistory: '\u0000\u0000\u0000\u0000',
  CanUploadToCloudClipboard: '\u0000\u0000\u0000\u0000',
  // KDE Klipper: not kept in history.
  'x-kde-passwordManagerHint': 'secret',
  // macOS pasteboard convention (nspasteboard.org) honoured by clipboard managers.
  'org.nspasteboard.ConcealedType': '',
};

/** The MIME type Electron uses for a raw OS clipboard format. */
export function rawFormat(format: string): string {
  return `electron application/osclipboard;format="${format}"`;
}

/** The entries of one atomic clipboard write: the text and every concealment mark. */
export function concealedEntries(text: string): Record<string, string | Blob> {
  const entries: Record<string, string | Blob> = { 'text/plain': text };
  for (const [format, value] of Object.entries(concealmentFormats)) entries[rawFormat(format)] = new Blob([value]);
  return entries;
}

/** Electron's clipboard as the clipboard port; secrets are written with the concealment marks in one write. */
export function electronClipboard(
  clipboard: Pick<Clipboard, 'writeText' | 'readText' | 'clear' | 'write'>,
  ClipboardItem: typeof ClipboardItemType,
): ClipboardPort {
  return {
    writeText: (t) => clipboard.writeText(t),
    writeSecret: (t) => clipboard.write([new ClipboardItem(concealedEntries(t))]),
    readText: () => clipboard.readText(),
    clear: () => clipboard.clear(),
  };
}
