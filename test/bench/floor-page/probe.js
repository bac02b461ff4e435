// The bench's probe, injected into a page before any of its scripts (the app's page and the floor page alike).
// It times, inside the page, from an input event (or the page script's start mark) to the end of the frame painted once the expected text shows.
// Read from the bench with page.evaluate('window.__benchProbe.…'); window.__benchProbeConfig is set by an earlier init script.
(() => {
  const config = window.__benchProbeConfig || {};
  const timeoutMs = config.timeoutMs || 15000;
  /** The mark the bench puts at the very top of the page's module script (the app's copy and the floor page's). */
  const scriptStartMark = 'cloudmc-bench:script-start';

  /** Performance.now() after the next frame is rendered: a rAF callback runs before style, layout and paint; a message posted from it runs after them. */
  const afterNextPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );

  const holds = (expect) => {
    const element = document.querySelector(expect.selector);
    return element !== null && (element.textContent || '').includes(expect.text);
  };

  /** Resolves once `expect` holds (checked now and after every DOM change): when it was first seen and when the frame showing it was painted. */
  const watch = (expect) =>
    new Promise((resolve) => {
      let done = false;
      const observer = new MutationObserver(() => check());
      const check = () => {
        if (done || !holds(expect)) return;
        done = true;
        observer.disconnect();
        const seen = performance.now();
        void afterNextPaint().then((painted) => resolve({ seen, painted }));
      };
      observer.observe(document, { childList: true, subtree: true, characterData: true });
      check();
    });

  const withDeadline = (promise, what) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what} did not happen within ${timeoutMs} ms`)), timeoutMs);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });

  /** The page's start: times from navigation start (performance.timeOrigin) until the expected rows are painted. */
  const startup = config.firstRows
    ? watch(config.firstRows).then(({ seen, painted }) => {
        performance.mark('cloudmc-bench:first-rows', { startTime: seen });
        const mark = performance.getEntriesByName(scriptStartMark)[0];
        const navigation = performance.getEntriesByType('navigation')[0];
        return { scriptStart: mark ? mark.startTime : null, domInteractive: navigation ? navigation.domInteractive : null, seen, painted };
      })
    : null;

  let armed = null;

  window.__benchProbe = {
    /** Startup times (ms from navigation start): the script-start mark, the rows first seen, the frame showing them painted. */
    firstRows: () =>
      startup ? withDeadline(startup, `rows with "${config.firstRows.text}"`) : Promise.reject(new Error('no firstRows in the probe config')),

    /**
     * Arms one measurement, ended by `result()`.
     * trigger "click": starts at the next click's timestamp; ends after the frame painted once `expect` holds.
     * trigger "input" (a keystroke in a field): starts at the keydown's timestamp; "seen" is when the input event has been handled by every
     * listener (window's bubble phase, after the page's own listeners and their microtasks); ends after the next frame is painted.
     */
    arm: (trigger, expect) => {
      performance.clearResourceTimings();
      let resolveResult;
      const result = new Promise((resolve) => (resolveResult = resolve));
      armed = { result };
      if (trigger === 'click') {
        const onClick = (event) => {
          window.removeEventListener('click', onClick, true);
          const start = event.timeStamp;
          void watch(expect).then(({ seen, painted }) => resolveResult({ start, seen, painted }));
        };
        window.addEventListener('click', onClick, true);
      } else if (trigger === 'input') {
        let start = null;
        const onKeydown = (event) => {
          start = event.timeStamp;
        };
        const onInput = () => {
          const seen = performance.now();
          window.removeEventListener('keydown', onKeydown, true);
          window.removeEventListener('input', onInput, false);
          void afterNextPaint().then((painted) => resolveResult({ start: start === null ? seen : start, seen, painted }));
        };
        window.addEventListener('keydown', onKeydown, true);
        window.addEventListener('input', onInput, false);
      } else {
        throw new Error(`unknown trigger ${trigger}`);
      }
    },

    /** The armed measurement: { start, seen, painted } in ms from navigation start. */
    result: () => (armed ? withDeadline(armed.result, 'the armed measurement') : Promise.reject(new Error('nothing armed'))),

    /** The bridge calls (web host RPCs) that started at or after `from` and had answered by `to`: channel, start and end (ms from navigation start). */
    rpcs: (from, to) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/__host/rpc/') && e.startTime >= from && e.responseEnd <= to)
        .map((e) => ({ channel: decodeURIComponent(e.name.slice(e.name.lastIndexOf('/') + 1)), start: e.startTime, end: e.responseEnd })),
  };
})();
