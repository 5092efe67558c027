// Drop-down panels made of <details> (Export, run Options) close like menus: on a pointer press
// outside the panel, on Escape (focus goes back to its summary, so the keyboard user is where they
// were), and when the active view changes (an open panel would otherwise cover the new view).
import { useEffect } from 'react';
import type { RefObject } from 'react';

/** What of a <details> element the dismissal needs (a real HTMLDetailsElement in the app). */
export interface DetailsLike {
  open: boolean;
  contains(node: Node | null): boolean;
  querySelector(selector: 'summary'): { focus(): void } | null;
}

/** Listens on `doc` and closes `details` on an outside press or Escape; returns the detach. */
export function attachDismiss(details: DetailsLike, doc: Pick<EventTarget, 'addEventListener'>): () => void {
  const press = (event: Event) => {
    if (details.open && !details.contains(event.target as Node | null)) details.open = false;
  };
  const key = (event: Event) => {
    if (!details.open || (event as KeyboardEvent).key !== 'Escape') return;
    details.open = false;
    details.querySelector('summary')?.focus();
  };
  // One abort detaches both (removing a capture listener by flag is not honoured by every EventTarget).
  const listening = new AbortController();
  doc.addEventListener('pointerdown', press, { capture: true, signal: listening.signal }); // capture: a view that stops propagation still closes it
  doc.addEventListener('keydown', key, { signal: listening.signal });
  return () => listening.abort();
}

/** Closes the <details> behind `ref` like a menu (above); `closeWhen` changing (the active view) closes it too. */
export function useDismissDetails(ref: RefObject<HTMLDetailsElement | null>, closeWhen: unknown): void {
  useEffect(() => {
    const el = ref.current;
    return el ? attachDismiss(el, document) : undefined;
  }, [ref]);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [ref, closeWhen]);
}
