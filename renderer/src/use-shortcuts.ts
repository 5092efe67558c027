// Keyboard: 1–N switch views (N = the number of views, at most 9), Shift+1–N dock a view beside the current one, 0 closes the dock,
// j/k or →/← step through the filtered list, / focuses the search, t toggles the theme, Escape
// clears the sample selection. Ignored while typing in a field.
import { useEffect } from 'react';
import type { AppServices } from './app-context';
import { dockView, selectSamples, setActiveView, stepFocus, toggleTheme } from './state/actions';
import { viewIds } from './state/app-state';

type Shortcut = { kind: 'view' | 'dock'; index: number } | { kind: 'step'; delta: 1 | -1 } | { kind: 'search' | 'theme' | 'clear' | 'undock' } | null;

/** `code` is the physical key (Shift+1 types '!' on a US layout, but its code stays 'Digit1'). */
export function shortcutFor(key: string, modifiers: { shift?: boolean; code?: string } = {}): Shortcut {
  const digit = /^Digit([1-9])$/.exec(modifiers.code ?? '');
  if (modifiers.shift && digit && Number(digit[1]) <= viewIds.length) return { kind: 'dock', index: Number(digit[1]) - 1 };
  if (/^[1-9]$/.test(key) && Number(key) <= viewIds.length) return { kind: 'view', index: Number(key) - 1 };
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
      if (action.kind === 'view') setActiveView(store, viewIds[action.index]);
      else if (action.kind === 'dock') dockView(store, viewIds[action.index]);
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
