// The renderer figures in a process of their own: Playwright's traffic with Chromium then never waits in the web host's event loop (nor delays its answers).
// Started by runRendererChild with the run as JSON in argv[2]; sends its report rows back over the IPC channel.
import { fork } from 'node:child_process';
import { rendererFigures, type RendererRun } from './renderer-figures';
import { Report, type Row } from './report';

/** Runs the renderer figures in a child process and adds its rows to `report`; a child that dies without answering is a failed step. */
export async function runRendererChild(report: Report, run: RendererRun): Promise<void> {
  const child = fork(import.meta.filename, [JSON.stringify(run)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let rows: Row[] | null = null;
  child.on('message', (message) => {
    rows = message as Row[];
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (rows !== null) report.adopt(rows);
  else {
    report.begin('Renderer in Chromium through the web host');
    report.failed('renderer figures', new Error(`the renderer process exited with code ${code} without reporting`));
  }
}

if (process.argv[1] === import.meta.filename && process.send) {
  const report = new Report();
  await rendererFigures(report, JSON.parse(process.argv[2] ?? '{}') as RendererRun);
  process.send(report.rows, () => process.exit(0));
}
