// The error boundaries without a DOM (the renderer's unit tests render with react-dom/server, which
// does not run boundaries): the state a throw leads to, what the panes show, and what Retry does.
// The boundaries in a real page, with a view that throws and a chunk that fails, are in
// e2e/view-errors.spec.ts.
import type { ReactElement, ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppErrorFallback, ErrorBoundary, errorText, reportCaughtError, ViewErrorBoundary, ViewErrorFallback } from './error-boundary';

const markup = (node: ReactNode) => renderToStaticMarkup(<>{node}</>).replace(/&#x27;|&#39;/g, "'");

/** A boundary driven by hand: React's two steps (getDerivedStateFromError, setState) applied to it. */
function boundary(onReset?: () => void) {
  const fallback = vi.fn((error: unknown, reset: () => void) => <ViewErrorFallback title="Sweeps" error={error} onRetry={reset} />);
  const instance = new ErrorBoundary({ children: <p>the view</p>, fallback, onReset });
  instance.setState = (update) => Object.assign(instance.state, update);
  return { instance, fallback };
}

afterEach(() => vi.unstubAllGlobals());

describe('error boundaries', () => {
  it('render their children while nothing throws', () => {
    expect(markup(<ViewErrorBoundary title="Sweeps"><p>the view</p></ViewErrorBoundary>)).toBe('<p>the view</p>');
    expect(boundary().instance.render()).toEqual(<p>the view</p>);
  });

  it('show a thrown error in place of the children, and render the children again on reset', () => {
    const onReset = vi.fn();
    const { instance, fallback } = boundary(onReset);
    const error = new TypeError("Cannot read properties of undefined (reading 'rows')");
    Object.assign(instance.state, ErrorBoundary.getDerivedStateFromError(error));
    const html = markup(instance.render());
    expect(fallback).toHaveBeenCalledWith(error, instance.reset);
    expect(html).toContain('role="alert"');
    expect(html).toContain("<strong>Could not load the Sweeps view.</strong> Cannot read properties of undefined (reading 'rows')");
    expect(html).toContain('<button type="button" class="secondary">Retry</button>');
    expect(html).not.toContain('at '); // no stack
    expect(onReset).not.toHaveBeenCalled();
    instance.reset();
    expect(onReset).toHaveBeenCalledTimes(1);
    expect(instance.state.caught).toBeNull();
    expect(instance.render()).toEqual(<p>the view</p>);
  });

  it('catch whatever is thrown, undefined included', () => {
    expect(ErrorBoundary.getDerivedStateFromError(undefined)).toEqual({ caught: { error: undefined } });
    expect(errorText(undefined)).toBe('Unexpected error (undefined)');
    expect(errorText('chunk failed')).toBe('chunk failed');
    expect(errorText(new Error(''))).toBe('Error');
    expect(errorText(new Error('Failed to fetch dynamically imported module: /assets/x.js'))).toBe('Failed to fetch dynamically imported module: /assets/x.js');
  });

  it('give the whole app a Reload as a last resort', () => {
    const reload = vi.fn();
    const page = AppErrorFallback({ error: new Error('store exploded'), reload });
    expect(markup(page)).toBe('<div class="error-banner app-crash" role="alert"><strong>PruneLens hit an unexpected error.</strong> store exploded <button type="button" class="secondary">Reload</button></div>');
    const button = (page.props as { children: ReactElement[] }).children.find((c) => c?.type === 'button') as ReactElement<{ onClick: () => void }>;
    button.props.onClick();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('report a caught error through reportError where there is one, else console.error', () => {
    const error = new Error('view exploded');
    const reported = vi.fn();
    vi.stubGlobal('reportError', reported);
    reportCaughtError(error);
    expect(reported).toHaveBeenCalledWith(error);
    vi.unstubAllGlobals();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.stubGlobal('reportError', undefined);
    reportCaughtError(error);
    expect(logged).toHaveBeenCalledWith(error);
    logged.mockRestore();
  });
});
