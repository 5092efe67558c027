// The view tabs (digit keys) and the "Beside" dock picker, both listed from a view registry.
import type { ViewRegistry } from '../views/view-registry';

interface Props<Id extends string> {
  views: ViewRegistry<Id>;
  active: Id;
  docked: Id | null;
  onSelect: (id: Id) => void;
  onDock: (id: Id | null) => void;
}

export function ViewTabs<Id extends string>({ views, active, docked, onSelect, onDock }: Props<Id>) {
  const n = views.ids.length;
  const range = n > 1 ? `1–${n}` : '1';
  return (
    <div className="view-tabs" role="tablist" aria-label="Views">
      {views.entries.map(({ id, title, help }) => (
        <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={id === active} aria-controls="view-panel" className={id === active ? 'tab on' : 'tab'} title={help} onClick={() => onSelect(id)}>
          <kbd>{views.keyOf(id)}</kbd> {title}
        </button>
      ))}
      <label className="dock-picker" title={`Show a second view beside this one (Shift+${range}; 0 closes it)`}>
        Beside
        <select name="docked-view" value={docked ?? ''} onChange={(e) => onDock(views.isId(e.target.value) ? e.target.value : null)}>
          <option value="">—</option>
          {views.ids.filter((id) => id !== active && views.dockable(id)).map((id) => <option key={id} value={id}>{views.titles[id]}</option>)}
        </select>
      </label>
    </div>
  );
}
