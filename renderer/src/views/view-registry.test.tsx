// A view registered only here, through the same factory as the product's views, gets a tab with
// its digit, a shortcut, a dock entry, a persisted id and its component (its own `load`): the "how
// to add a view" walk-through in docs/ARCHITECTURE.md relies on exactly this.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ComponentType } from 'react';
import { Suspense } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { prerender } from 'react-dom/static';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createViewLoaders } from '../components/view-loaders';
import { ViewTabs } from '../components/view-tabs';
import { viewFields } from '../state/persist';
import { shortcutIn } from '../use-shortcuts';
import type { ViewEntry, ViewId } from './view-registry';
import { createViewRegistry, viewRegistry } from './view-registry';
import { architectureSection, missingFiles, namedSourceFiles } from '../../../tools/testing/architecture-doc';

function TestOnlyView() {
  return <p className="test-only-body">The test-only view</p>;
}
const testView = { id: 'test-only', title: 'Test-only view', help: 'Registered by the test alone.', load: async () => TestOnlyView } as const;
const withTestView = createViewRegistry([...viewRegistry.entries, testView]);
const noop = () => {};

describe('view registry', () => {
  it('gives a view registered in a test its tab, digit key and dock entry', () => {
    const html = renderToStaticMarkup(<ViewTabs views={withTestView} active="evaluation" docked={null} onSelect={noop} onDock={noop} />);
    const key = String(viewRegistry.ids.length + 1);
    expect(withTestView.keyOf('test-only')).toBe(key);
    expect(html).toContain(`id="tab-test-only"`);
    expect(html).toContain(`title="Registered by the test alone."`);
    expect(html).toContain(`<kbd>${key}</kbd> Test-only view`);
    expect(html).toContain('<option value="test-only">Test-only view</option>');
    expect(html).toContain(`Shift+1–${key}`);
    // The product's tabs do not have it.
    const product = renderToStaticMarkup(<ViewTabs views={viewRegistry} active="evaluation" docked={null} onSelect={noop} onDock={noop} />);
    expect(product).not.toContain('test-only');
    expect(product.match(/role="tab"/g)).toHaveLength(viewRegistry.ids.length);
  });

  it('gives it a shortcut and a persisted id', () => {
    const key = withTestView.keyOf('test-only');
    expect(shortcutIn(withTestView, key)).toEqual({ kind: 'view', id: 'test-only' });
    expect(shortcutIn(withTestView, '!', { shift: true, code: `Digit${key}` })).toEqual({ kind: 'dock', id: 'test-only' });
    expect(shortcutIn(viewRegistry, key)).toBeNull();
    expect(viewFields(withTestView).activeView.parse('test-only')).toBe('test-only');
    expect(viewFields(withTestView).dockedView.parse(null)).toBeNull();
    expect(viewFields(viewRegistry).activeView.safeParse('test-only').success).toBe(false);
  });

  it('leaves a view that cannot dock out of the dock picker and Shift+digit', () => {
    const solo = createViewRegistry([...viewRegistry.entries, { ...testView, dockable: false }]);
    const key = solo.keyOf('test-only');
    expect(shortcutIn(solo, '!', { shift: true, code: `Digit${key}` })).toBeNull();
    const html = renderToStaticMarkup(<ViewTabs views={solo} active="evaluation" docked={null} onSelect={noop} onDock={noop} />);
    expect(html).toContain('id="tab-test-only"');
    expect(html).not.toContain('<option value="test-only">');
  });

  it('rejects duplicate ids and more views than digit keys', () => {
    expect(() => createViewRegistry([testView, testView])).toThrow(/registered twice/);
    const ten = Array.from({ length: 10 }, (_, i) => ({ id: `v${i}`, title: `V${i}`, help: '', load: testView.load }));
    expect(() => createViewRegistry(ten)).toThrow(/1 to 9 views/);
    expect(() => createViewRegistry([])).toThrow(/1 to 9 views/);
  });

  it('renders the test-only view through its own load, in the workspace\'s Suspense', async () => {
    const View = createViewLoaders(withTestView).component('test-only');
    const { prelude } = await prerender(<Suspense fallback={<p>loading</p>}><View /></Suspense>);
    const html = await new Response(prelude).text();
    expect(html).toContain('<p class="test-only-body">The test-only view</p>');
    expect(html).not.toContain('loading');
  });

  it('derives the product ids, titles and keys in tab order', () => {
    expect(viewRegistry.ids).toEqual(['evaluation', 'similarity', 'redundancy', 'local', 'global', 'three-d', 'sample', 'sweeps']);
    expect(viewRegistry.ids.map((id) => viewRegistry.keyOf(id))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(viewRegistry.titles.sample).toBe('Sample');
    expectTypeOf<ViewId>().toEqualTypeOf<'evaluation' | 'similarity' | 'redundancy' | 'local' | 'global' | 'three-d' | 'sample' | 'sweeps'>();
  });

  it('loads each product view from its own folder, as a component without props', async () => {
    const source = readFileSync(path.join(import.meta.dirname, 'view-registry.ts'), 'utf8');
    const lines = [...source.matchAll(/\{ id: '([\w-]+)',.*load: \(\) => import\('\.\/([\w-]+)\/([\w-]+-view)'\)\.then\(\(m\) => m\.(\w+View)\) \},/g)];
    expect(lines.map((m) => m[1])).toEqual([...viewRegistry.ids]);
    for (const [, id, folder, file, name] of lines) {
      const View = await viewRegistry.entry(id as ViewId).load();
      expect(View.name, id).toBe(name);
      expect(View.length, `${id} takes no props`).toBeLessThanOrEqual(1);
      expect(existsSync(path.join(import.meta.dirname, folder, `${file}.tsx`)), `${folder}/${file}.tsx`).toBe(true);
    }
    // The compiler holds each entry to a component without props.
    expectTypeOf<ViewEntry['load']>().returns.resolves.toEqualTypeOf<ComponentType>();
    const needsProps = ({ n }: { n: number }) => <p>{n}</p>;
    // @ts-expect-error a view's component takes no props
    createViewRegistry([{ ...testView, load: async () => needsProps }]);
    // @ts-expect-error a module without that component
    createViewRegistry([{ ...testView, load: () => import('./sample/sample-view').then((m) => m.NoSuchView) }]);
  });

  it('matches the walk-through in docs/ARCHITECTURE.md: every file it names exists, and what it quotes is in them', () => {
    const section = architectureSection('## How to add a view');
    const named = namedSourceFiles(section);
    expect(named.length).toBeGreaterThanOrEqual(8);
    expect(missingFiles(named, ['renderer/src', 'renderer/src/components', 'renderer/src/views'])).toEqual([]);
    expect(section).toContain('createViewRegistry');
    expect(section).toContain(`Open sample view (${viewRegistry.keyOf('sample')})`);
  });
});
