import { describe, expect, it } from 'vitest';
import { sessionsToEvict, touch } from './session-eviction';

describe('session eviction', () => {
  it('closes the least recently used idle sessions beyond the maximum, never a busy one or the current one', () => {
    const sessions = new Map(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, { busy: k === 'a' }]));
    touch(sessions, 'b', sessions.get('b')!); // b becomes the most recent
    expect([...sessions.keys()]).toEqual(['a', 'c', 'd', 'e', 'f', 'b']);
    expect(sessionsToEvict(sessions, 4, 'b')).toEqual(['c', 'd']);
    expect(sessionsToEvict(sessions, 4, 'c')).toEqual(['d', 'e']);
    expect(sessionsToEvict(sessions, 6, 'b')).toEqual([]);
    const allBusy = new Map(['x', 'y', 'z'].map((k) => [k, { busy: true }]));
    expect(sessionsToEvict(allBusy, 1, 'x')).toEqual([]);
  });
});
