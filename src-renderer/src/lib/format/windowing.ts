// Windowing for long lists: which rows to render for a scroll position (fixed row height, with overscan).

/** The rows to render and the space the others take. */
/** Past this many keys the key table renders only the rows in view. */
export const KEY_WINDOW_THRESHOLD = 200;
/** Fixed key-table row height in windowed mode, px. */
export const KEY_ROW_HEIGHT = 56;

export interface RowWindow {
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Height of the rows above `start`, in px. */
  before: number;
  /** Height of the rows from `end` to the last one, in px. */
  after: number;
}

/** Computes the rendered window for `count` rows of `rowHeight` px seen through a viewport. */
export function rowWindow(count: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = 8): RowWindow {
  const safeTop = Math.max(0, scrollTop);
  const first = Math.floor(safeTop / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.max(start, Math.min(count, first + visible + overscan));
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}
