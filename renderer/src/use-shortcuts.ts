// Keyboard: 1–N switch views and Shift+1–N dock a view beside the current one (the digits come from
// views/view-registry.ts, N = the number of views, at most 9), 0 closes the dock,
// j/k or →/← step through the filtered list, / focuses the search, t toggles the theme, Escape
// clears the sample selection. Ignored while typing in a field.
import { useEffect } from 'react';
import type { AppServices } from './app-context';
import { dockView, selectSamples, setActiveView, stepFocus, toggleTheme } from './state/actions';
import type { ViewId, ViewRegistry } from './views/view-registry';
import { viewRegistry } from './views/view-registry';

type Shortcut<Id extends string = string> = { kind: 'view' | 'dock'; id: Id } | { kind: 'step'; delta: 1 | -1 } | { kind: 'search' | 'theme' | 'clear' | 'undock' } | null;

/** `code` is the physical key (Shift+1 types '!' on a US layout, but its code stays 'Digit1'). */
export function shortcutFor(key: string, modifiers: { shift?: boolean; code?: string } = {}): Shortcut<ViewId> {
  return shortcutIn(viewRegistry, key, modifiers);
}

/** The same for any registry (the tests register a test-only view). */
export function shortcutIn<Id extends string>(views: ViewRegistry<Id>, key: string, modifiers: { shift?: boolean; code?: string } = {}): Shortcut<Id> {
  const digit = /^Digit([1-9])$/.exec(modifiers.code ?? '');
  const docked = modifiers.shift && digit ? views.atKey(digit[1]) : undefined;
  if (docked !== undefined && views.dockable(docked)) return { kind: 'dock', id: docked };
  if (modifiers.shift && digit) return null;
  const shown = views.atKey(key);
  if (shown !== undefined) return { kind: 'view', id: shown };
  if (key === '0') return { kind: 'undock' };
  if (key === 'j' || key === 'ArrowRight') return { kind: 'step', delta: 1 };
  if (key === 'k' || key === 'ArrowLeft') return { kind: 'step', delta: -1 };
  if (key === '/') return { kind: 'search' };
  if (key === 't') return { kind: 'theme' };
  if (key === 'Escape') return { kind: 'clear' };
  return null;
}

export function useShortcuts(services: AppServices, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (typing) {
        if (event.key === 'Escape') target.blur();
        return;
      }
      const action = shortcutFor(event.key, { shift: event.shiftKey, code: event.code });
      if (!action) return;
      event.preventDefault();
      const { store, derived } = services;
      if (action.kind === 'view') setActiveView(store, action.id);
      else if (action.kind === 'dock') dockView(store, action.id);
      else if (action.kind === 'undock') dockView(store, null);
      else if (action.kind === 'step') stepFocus(store, derived.get().indices, action.delta);
      else if (action.kind === 'search') document.getElementById('sample-search')?.focus();
      else if (action.kind === 'theme') toggleTheme(store);
      else selectSamples(store, []);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [services, enabled]);
}
