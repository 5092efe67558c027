// The menu-like closing of <details> panels, on Node's own EventTarget (no DOM in unit tests);
// in a real page the header's Export and Options panels are driven by e2e/views.spec.ts.
import { describe, expect, it } from 'vitest';
import { attachDismiss } from './dismiss-details';

function panel() {
  const inside = { name: 'inside' };
  const focused: string[] = [];
  const details = {
    open: true,
    contains: (node: unknown) => node === inside,
    querySelector: () => ({ focus: () => focused.push('summary') }),
  };
  return { details, inside, focused };
}

function fire(doc: EventTarget, type: string, init: { target?: unknown; key?: string }) {
  const event = new Event(type);
  if (init.target) Object.defineProperty(event, 'target', { value: init.target });
  if (init.key) Object.defineProperty(event, 'key', { value: init.key });
  doc.dispatchEvent(event);
}

describe('dismissing a <details> drop-down', () => {
  it('closes on a press outside, stays open on a press inside', () => {
    const doc = new EventTarget();
    const { details, inside } = panel();
    attachDismiss(details, doc);
    fire(doc, 'pointerdown', { target: inside });
    expect(details.open).toBe(true);
    fire(doc, 'pointerdown', { target: { name: 'elsewhere' } });
    expect(details.open).toBe(false);
  });

  it('closes on Escape and gives the focus back to its summary; other keys do nothing', () => {
    const doc = new EventTarget();
    const { details, focused } = panel();
    attachDismiss(details, doc);
    fire(doc, 'keydown', { key: 'Enter' });
    expect(details.open).toBe(true);
    fire(doc, 'keydown', { key: 'Escape' });
    expect(details.open).toBe(false);
    expect(focused).toEqual(['summary']);
    fire(doc, 'keydown', { key: 'Escape' }); // already closed: the focus is left alone
    expect(focused).toEqual(['summary']);
  });

  it('stops listening once detached', () => {
    const doc = new EventTarget();
    const { details } = panel();
    attachDismiss(details, doc)();
    fire(doc, 'pointerdown', { target: { name: 'elsewhere' } });
    fire(doc, 'keydown', { key: 'Escape' });
    expect(details.open).toBe(true);
  });
});
