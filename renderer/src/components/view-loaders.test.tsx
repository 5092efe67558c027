// The workspace's lazily loaded views: one load per view shared by preloading and the lazy
// wrapper, the active and docked views first and the rest when idle, a failed preload retried.
import type { ComponentType } from 'react';
import { Suspense } from 'react';
import { prerender } from 'react-dom/static';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createViewRegistry, viewRegistry } from '../views/view-registry';
import { createViewLoaders, preloadViews, viewLoaders, whenIdle } from './view-loaders';

const view = (text: string): ComponentType => {
  const View = () => <p>{text}</p>;
  return View;
};

function registryWithSpies() {
  const loads = { a: vi.fn(async () => view('view a')), b: vi.fn(async () => view('view b')), c: vi.fn(async () => view('view c')) };
  const registry = createViewRegistry([
    { id: 'a', title: 'A', help: '', load: loads.a },
    { id: 'b', title: 'B', help: '', load: loads.b },
    { id: 'c', title: 'C', help: '', load: loads.c },
  ]);
  return { registry, loads };
}

async function html(View: ComponentType): Promise<string> {
  const { prelude } = await prerender(<Suspense fallback={<p>loading</p>}><View /></Suspense>);
  // Without React's Suspense boundary markers (<!--$-->…<!--/$-->).
  return (await new Response(prelude).text()).replace(/<!--\/?\$[!?]?-->/g, '');
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('view loaders', () => {
  it('gives each view one lazy wrapper and one load, shared with preloading', async () => {
    const { registry, loads } = registryWithSpies();
    const loaders = createViewLoaders(registry);
    expect(loaders.component('b')).toBe(loaders.component('b'));
    expect(loaders.component('a')).not.toBe(loaders.component('b'));
    expect(loads.b).not.toHaveBeenCalled();
    const first = loaders.preload('b');
    expect(loaders.preload('b')).toBe(first);
    expect(await html(loaders.component('b'))).toBe('<p>view b</p>');
    expect(loads.b).toHaveBeenCalledTimes(1);
    expect(loads.a).not.toHaveBeenCalled();
    expect(() => loaders.component('z' as 'a')).toThrow(/Unknown view 'z'/);
  });

  it('loads again when the view is shown after its preload failed', async () => {
    let tries = 0;
    const registry = createViewRegistry([
      { id: 'flaky', title: 'Flaky', help: '', load: async () => (++tries === 1 ? Promise.reject(new Error('chunk failed')) : view('loaded on try 2')) },
    ]);
    const loaders = createViewLoaders(registry);
    await expect(loaders.preload('flaky')).rejects.toThrow('chunk failed');
    expect(await html(loaders.component('flaky'))).toBe('<p>loaded on try 2</p>');
    expect(tries).toBe(2);
  });

  it('keeps a failed wrapper failed until retry, which loads the view again with a fresh wrapper', async () => {
    let tries = 0;
    const registry = createViewRegistry([
      { id: 'flaky', title: 'Flaky', help: '', load: async () => (++tries === 1 ? Promise.reject(new Error('chunk failed')) : view('loaded after retry')) },
      { id: 'fine', title: 'Fine', help: '', load: async () => view('fine') },
    ]);
    const loaders = createViewLoaders(registry);
    const render = async (View: ComponentType) => {
      const errors: string[] = [];
      const { prelude } = await prerender(<Suspense fallback={<p>failed</p>}><View /></Suspense>, { onError: (e) => void errors.push((e as Error).message) });
      // Without the Suspense markers and the <template> that hands a failed boundary to the client.
      return { html: (await new Response(prelude).text()).replace(/<!--\/?\$[!?]?-->|<template[^>]*><\/template>/g, ''), errors };
    };
    const first = loaders.component('flaky');
    expect(await render(first)).toEqual({ html: '<p>failed</p>', errors: ['chunk failed'] });
    // React.lazy keeps the rejection: the same wrapper fails again without loading again.
    expect(await render(loaders.component('flaky'))).toEqual({ html: '<p>failed</p>', errors: ['chunk failed'] });
    expect(tries).toBe(1);
    loaders.retry('flaky');
    const second = loaders.component('flaky');
    expect(second).not.toBe(first);
    expect(await render(second)).toEqual({ html: '<p>loaded after retry</p>', errors: [] });
    expect(tries).toBe(2);
    // A view whose wrapper did not fail keeps it (a new one would suspend the view again).
    loaders.retry('flaky');
    expect(loaders.component('flaky')).toBe(second);
    const fine = loaders.component('fine');
    loaders.retry('fine');
    expect(loaders.component('fine')).toBe(fine);
  });

  it('preloads the active and docked views at once and the others when idle', () => {
    const { registry, loads } = registryWithSpies();
    const loaders = createViewLoaders(registry);
    const idleTasks: (() => void)[] = [];
    const cancel = vi.fn();
    const stop = preloadViews(loaders, registry, ['c', null], (task) => {
      idleTasks.push(task);
      return cancel;
    });
    expect(loads.c).toHaveBeenCalledTimes(1);
    expect(loads.a).not.toHaveBeenCalled();
    expect(loads.b).not.toHaveBeenCalled();
    expect(idleTasks).toHaveLength(1);
    idleTasks[0]();
    expect(loads.a).toHaveBeenCalledTimes(1);
    expect(loads.b).toHaveBeenCalledTimes(1);
    expect(loads.c).toHaveBeenCalledTimes(1);
    stop();
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('ignores a stored id that is no longer registered', () => {
    const { registry, loads } = registryWithSpies();
    const loaders = createViewLoaders(registry);
    preloadViews(loaders, registry, ['gone' as 'a', 'b'], () => () => undefined);
    expect(loads.b).toHaveBeenCalledTimes(1);
    expect(loads.a).not.toHaveBeenCalled();
  });

  it('waits for requestIdleCallback where there is one, else for a timeout', () => {
    const idle = vi.fn((_task: () => void, _options?: { timeout: number }) => 7);
    const cancelIdle = vi.fn();
    vi.stubGlobal('requestIdleCallback', idle);
    vi.stubGlobal('cancelIdleCallback', cancelIdle);
    const task = vi.fn();
    whenIdle(task)();
    expect(idle).toHaveBeenCalledWith(task, { timeout: 2000 });
    expect(cancelIdle).toHaveBeenCalledWith(7);
    vi.unstubAllGlobals();

    expect(typeof globalThis.requestIdleCallback).toBe('undefined');
    vi.useFakeTimers();
    whenIdle(task);
    const cancelled = vi.fn();
    whenIdle(cancelled)();
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(task).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('loads every product view to its component', async () => {
    const views = await Promise.all(viewRegistry.ids.map((id) => viewLoaders.preload(id)));
    expect(views.map((v) => v.name)).toEqual(['EvaluationView', 'SimilarityView', 'RedundancyView', 'LocalGeometryView', 'GlobalGeometryView', 'ThreeDView', 'SampleView', 'SweepView']);
  });
});
