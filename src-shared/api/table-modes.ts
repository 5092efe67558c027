// What the evaluation table shows in its cells: accuracy, the change against the dense model, or
// corruption error. Listed once here; the renderer's state type and its persisted schema derive from it.
export const tableModes = ['accuracy', 'delta', 'ce'] as const;
export type TableMode = (typeof tableModes)[number];
