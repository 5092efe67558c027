// IPC channels private to the shell (main ⇄ preload). The contract's channels are in
// src-shared/api/bridge.ts; this one never reaches the page.

/** Preload → main, one way: absolute paths of files or folders dropped on the window. */
export const IPC_DROP_CHANNEL = 'prunelens:drop';
