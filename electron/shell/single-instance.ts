// One PruneLens at a time: a second launch (`prunelens-desktop path/to/bundle`, a double-clicked
// .plbundle) hands its bundle to the running app, which opens it and comes to the front. macOS
// delivers file-association opens as 'open-file' instead.
import path from 'node:path';
import type { App } from 'electron';

/**
 * The bundle named on a command line: the first argument after the executable (and, unpackaged,
 * the app's entry script) that is not a switch, resolved against the launch folder.
 */
export function bundleArgument(argv: readonly string[], workingDirectory: string, isPackaged: boolean): string | null {
  const args = argv.slice(isPackaged ? 1 : 2);
  const candidate = args.find((arg) => arg.length > 0 && !arg.startsWith('-'));
  return candidate ? path.resolve(workingDirectory, candidate) : null;
}

export interface SingleInstanceHandlers {
  /** A bundle to open, from another launch or the OS. */
  openPath(bundle: string): void;
  /** Another launch without a bundle: just show the window. */
  focus(): void;
}

type SingleInstanceApp = Pick<App, 'requestSingleInstanceLock' | 'on' | 'isPackaged'>;

/** False when another instance already runs (this one should quit at once). */
export function setupSingleInstance(app: SingleInstanceApp, handlers: SingleInstanceHandlers): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const bundle = bundleArgument(argv, workingDirectory, app.isPackaged);
    handlers.focus();
    if (bundle) handlers.openPath(bundle);
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    handlers.openPath(file);
  });
  return true;
}
