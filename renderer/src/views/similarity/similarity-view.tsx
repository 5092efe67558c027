// View 2: models placed by their geometric distance (MDS) with the minimum spanning tree.
// Hover a model for its distances; click two models to make them the comparison pair; hover a
// legend entry to highlight that method here and in every other view.
import { useEffect, useState } from 'react';
import type { SimilarityResult } from '../../../../src-shared/api/result-types';
import { useAnalysis, useAppState, useOpenBundle, useServices } from '../../app-context';
import { ResourceView } from '../../components/view-state';
import { useCached } from '../../data/resource';
import { comparePair } from '../../state/actions';
import { classColor, css } from '../../state/color-scales';
import { highlightMethod } from '../../state/method-highlight';
import { useMethodHighlight } from '../../use-method-highlight';
import { Term } from '../../components/term';
import { placeLabels } from './label-placement';
import { fitLayout, methodSlots, neighbours } from './similarity-model';

const W = 640;
const H = 440;
const NODE_RADIUS = 11;
/** Node labels are 12 px text: about 7 px per character. */
const labelWidth = (text: string) => text.length * 7 + 2;

export function SimilarityView() {
  const { api, cache } = useServices();
  const { bundle } = useOpenBundle();
  const ready = useAnalysis((s) => s.readyVersion);
  const version = useAnalysis((s) => s.version);
  const resource = useCached(cache, `similarity|${bundle.dir}|${ready}`, () => api.getSimilarity({ path: bundle.dir }), version);
  return (
    <div className="view similarity-view">
      <ResourceView resource={resource} what="model similarity" empty="Model similarity needs the clean set of every model: run the analysis.">
        {(result) => <SimilarityPlot result={result} />}
      </ResourceView>
    </div>
  );
}

function SimilarityPlot({ result }: { result: SimilarityResult }) {
  const { store } = useServices();
  const { bundle } = useOpenBundle();
  const selected = useAppState((s) => s.selectedModels);
  const [hover, setHover] = useState<number | null>(null);
  const [edge, setEdge] = useState<number | null>(null);
  const [pending, setPending] = useState<number | null>(null);
  const highlight = useMethodHighlight();
  useEffect(() => () => highlightMethod(store, null), [store]);
  const m = result.models.length;
  const points = fitLayout(result.layout, m, W, H, 48);
  // Close models (e.g. dense and its lightly pruned variants) must not print over each other.
  const labels = placeLabels(points.map((p, i) => ({ ...p, width: labelWidth(result.models[i]), height: 14 })), { width: W, height: H }, NODE_RADIUS);
  const methods = methodSlots(bundle.models);
  const methodOf = (id: string) => bundle.models.find((x) => x.id === id)?.method ?? '';
  // The dense model neutral; each pruned method the colour the sweep view and the report give it.
  const fillOf = (method: string) => {
    const slot = methods.find((x) => x.method === method)?.slot ?? null;
    return slot === null ? 'var(--muted)' : css(classColor(slot));
  };
  const click = (i: number) => {
    if (pending === null || pending === i) setPending(pending === i ? null : i);
    else {
      comparePair(store, result.models[pending], result.models[i]);
      setPending(null);
    }
  };
  const focus = hover ?? pending;
  return (
    <div className="similarity-layout">
      <svg viewBox={`0 0 ${W} ${H}`} className="similarity-svg" role="img" aria-label="Model similarity layout">
        {result.mst.map((e, k) => (
          <g key={k} onMouseEnter={() => setEdge(k)} onMouseLeave={() => setEdge(null)}>
            <line x1={points[e.a].x} y1={points[e.a].y} x2={points[e.b].x} y2={points[e.b].y} className={`mst-edge${edge === k ? ' hot' : ''}`} />
            {(edge === k || focus === e.a || focus === e.b) && (
              <text x={(points[e.a].x + points[e.b].x) / 2} y={(points[e.a].y + points[e.b].y) / 2 - 4} className="edge-label">
                {e.distance.toFixed(3)}
              </text>
            )}
          </g>
        ))}
        {result.models.map((id, i) => {
          const at = selected.indexOf(id);
          return (
            <g key={id} className="model-node" data-node-model={id} data-highlight={highlight(id)} transform={`translate(${points[i].x},${points[i].y})`} onMouseEnter={() => setHover(i)} onMouseLeave={() => setHover(null)} onClick={() => click(i)}>
              {labels[i].leader && <line className="label-leader" x1={0} y1={0} x2={labels[i].dx} y2={labels[i].dy} />}
              <circle r={at === 0 || at === 1 ? 11 : 8} style={{ fill: fillOf(methodOf(id)) }} className={`${at === 0 || at === 1 ? 'in-pair' : ''}${pending === i ? ' pending' : ''}`} />
              {(at === 0 || at === 1) && <text className="node-badge" dy="4">{at === 0 ? 'A' : 'B'}</text>}
              <text className="node-label" x={labels[i].dx} y={labels[i].dy} dy="4" textAnchor={labels[i].anchor}>{id}</text>
            </g>
          );
        })}
      </svg>
      <aside className="similarity-side">
        <p className="muted">{pending !== null ? `Pick a second model to compare with ${result.models[pending]}.` : 'Click two models to compare them (A, B).'}</p>
        <ul className="legend">
          {methods.map(({ method }) => (
            <li key={method} data-legend-method={method} onMouseEnter={() => highlightMethod(store, method)} onMouseLeave={() => highlightMethod(store, null)}><span className="swatch" style={{ background: fillOf(method) }} />{method}</li>
          ))}
        </ul>
        {focus !== null && <DistanceList result={result} i={focus} />}
      </aside>
    </div>
  );
}

function DistanceList({ result, i }: { result: SimilarityResult; i: number }) {
  const m = result.models.length;
  return (
    <table className="mini-table" aria-label={`Distances from ${result.models[i]}`}>
      <caption>{result.models[i]}</caption>
      <thead>
        <tr><th>to</th><th className="num"><Term term="geometricDistance">geom. dist.</Term></th><th className="num"><Term term="agreement" align="right">agreement</Term></th><th className="num"><Term term="cka" align="right" /></th></tr>
      </thead>
      <tbody>
        {neighbours(result.distance, m, i).map(({ j, value }) => (
          <tr key={j}>
            <td>{result.models[j]}</td>
            <td className="num">{value.toFixed(3)}</td>
            <td className="num">{(result.agreement[i * m + j] * 100).toFixed(1)} %</td>
            <td className="num">{result.cka[i * m + j].toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
      {result.ckaSamples < result.samples && (
        <tfoot><tr><td colSpan={4} className="hint" data-cka-samples={result.ckaSamples}>CKA on a seeded subsample of {result.ckaSamples.toLocaleString('en-US')} of {result.samples.toLocaleString('en-US')} clean samples</td></tr></tfoot>
      )}
    </table>
  );
}
