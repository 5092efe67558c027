// No remote content: every webContents (the window, devtools, anything created later) may not
// navigate or redirect away from the app, open windows, or attach webviews. File drops never
// navigate (navigateOnDragDrop is off); the preload reports them instead.
import type { App, WebContents } from 'electron';

type Guardable = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardNavigation(contents: Guardable, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Applies the guard to every webContents the app ever creates. */
export function setupNavigationGuards(app: Pick<App, 'on'>, isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, isAppUrl));
}
