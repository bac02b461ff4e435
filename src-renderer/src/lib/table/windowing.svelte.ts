// The key table's windowing (split from KeyTable.svelte): which rows to render for the scroller's position, and where to scroll for a row.
import { rowWindow, type RowWindow } from '../format';

/** Follows one scroller and answers which rows of a list to render: all of them, or a window once the list is long enough. */
export class RowWindowing {
  /** The scroller's position, px. */
  scrollTop = $state(0);
  /** The scroller's height, px (jsdom and hidden windows report 0: the default stays). */
  viewport = $state(600);

  constructor(
    /** Every row's height when windowed, px. */
    readonly rowHeight: number,
    /** Lists longer than this are windowed. */
    readonly threshold: number,
  ) {}

  /** Whether a list of this many rows is windowed (decided by main's list, not the filtered one: typing never switches the layout). */
  windows(total: number): boolean {
    return total > this.threshold;
  }

  /** The rows to render of `count` shown: all when not windowed. */
  range(count: number, windowed: boolean): RowWindow {
    return windowed ? rowWindow(count, this.rowHeight, this.scrollTop, this.viewport) : { start: 0, end: count, before: 0, after: 0 };
  }

  /** Reads the scroller's position and height (on scroll). */
  follow(scroller: HTMLElement): void {
    this.scrollTop = scroller.scrollTop;
    if (scroller.clientHeight > 0) this.viewport = scroller.clientHeight;
  }

  /** Scrolls to the first row. */
  toTop(scroller: HTMLElement | undefined): void {
    this.scrollTo(scroller, 0);
  }

  /** Scrolls so that row `at` is in the middle of the window. */
  center(scroller: HTMLElement | undefined, at: number): void {
    this.scrollTo(scroller, Math.max(0, at * this.rowHeight - Math.max(0, this.viewport - this.rowHeight) / 2));
  }

  private scrollTo(scroller: HTMLElement | undefined, top: number): void {
    if (scroller) scroller.scrollTop = top;
    this.scrollTop = top;
  }
}
