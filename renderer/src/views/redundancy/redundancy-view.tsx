// View 3: which corruption benchmarks measure the same thing — the correlation matrix in
// clustering order, its dendrogram, and the near-duplicate pairs.
import { useMemo, useState } from 'react';
import type { RedundancyResult } from '../../../../src-shared/api/result-types';
import { useAnalysis, useOpenBundle, useServices } from '../../app-context';
import { ResourceView } from '../../components/view-state';
import { useCached } from '../../data/resource';
import { css, diverging, textOn } from '../../state/color-scales';
import { dendrogramLinks, reorder } from './dendrogram';

export function RedundancyView() {
  const { api, cache } = useServices();
  const { bundle } = useOpenBundle();
  const ready = useAnalysis((s) => s.readyVersion);
  const version = useAnalysis((s) => s.version);
  const resource = useCached(cache, `redundancy|${bundle.dir}|${ready}`, () => api.getRedundancy({ path: bundle.dir }), version);
  return (
    <div className="view redundancy-view">
      <ResourceView resource={resource} what="benchmark redundancy" empty="Benchmark redundancy needs at least two corruptions analysed on every model.">
        {(result) => (result.corruptions.length < 2 ? <p className="view-empty">Only {result.corruptions.length} corruption analysed: nothing to correlate.</p> : <RedundancyPlot result={result} />)}
      </ResourceView>
    </div>
  );
}

function RedundancyPlot({ result }: { result: RedundancyResult }) {
  const [source, setSource] = useState<'models' | 'samples'>('models');
  const [hover, setHover] = useState<[number, number] | null>(null);
  const k = result.corruptions.length;
  const matrix = useMemo(() => reorder(source === 'models' ? result.correlation : result.sampleCorrelation, result.order), [result, source]);
  const { links, maxHeight } = useMemo(() => dendrogramLinks(result.order, result.merges), [result]);
  const cell = Math.max(14, Math.min(30, Math.floor(520 / k)));
  const labelW = 130;
  const dendroH = 90;
  const size = cell * k;
  const names = result.order.map((i) => result.corruptions[i].replace(/_/g, ' '));
  const hx = (pos: number) => labelW + (pos + 0.5) * cell;
  const hy = (height: number) => dendroH - 6 - (maxHeight > 0 ? (height / maxHeight) * (dendroH - 12) : 0);
  return (
    <div className="redundancy-layout">
      <div>
        <div className="segmented" role="radiogroup" aria-label="Correlation of">
          <button type="button" role="radio" aria-checked={source === 'models'} className={source === 'models' ? 'on' : ''} onClick={() => setSource('models')}>accuracy drops across models</button>
          <button type="button" role="radio" aria-checked={source === 'samples'} className={source === 'samples' ? 'on' : ''} onClick={() => setSource('samples')}>per-sample correctness</button>
        </div>
        <svg width={labelW + size + 8} height={dendroH + size + 8} role="img" aria-label="Corruption correlation matrix" className="redundancy-svg">
          {links.map((l, i) => (
            <path key={i} className="dendro-link" d={`M${hx(l.x1)},${hy(l.h1)} V${hy(l.h)} H${hx(l.x2)} V${hy(l.h2)}`} />
          ))}
          {names.map((name, r) => (
            <text key={name} x={labelW - 6} y={dendroH + (r + 0.5) * cell + 4} textAnchor="end" className={`axis-label${hover && (hover[0] === r || hover[1] === r) ? ' hot' : ''}`}>
              {name}
            </text>
          ))}
          {Array.from({ length: k * k }, (_, p) => {
            const r = Math.floor(p / k);
            const c = p % k;
            const v = matrix[p];
            const color = diverging(Number.isNaN(v) ? 0 : -v);
            return (
              <g key={p} onMouseEnter={() => setHover([r, c])} onMouseLeave={() => setHover(null)}>
                <rect x={labelW + c * cell} y={dendroH + r * cell} width={cell - 1} height={cell - 1} fill={Number.isNaN(v) ? 'none' : css(color)} className="matrix-cell" />
                {cell >= 26 && <text x={labelW + (c + 0.5) * cell} y={dendroH + (r + 0.5) * cell + 4} textAnchor="middle" className="cell-value" fill={textOn(color)}>{Number.isNaN(v) ? '' : v.toFixed(1)}</text>}
              </g>
            );
          })}
        </svg>
        <p className="muted" role="status">
          {hover ? `${names[hover[0]]} × ${names[hover[1]]}: r = ${matrix[hover[0] * k + hover[1]].toFixed(3)}` : 'Red: strongly correlated (redundant) · blue: anti-correlated.'}
        </p>
      </div>
      <aside>
        <h3>Near-duplicate benchmarks</h3>
        {result.nearDuplicates.length === 0 ? (
          <p className="muted">None above the threshold.</p>
        ) : (
          <table className="mini-table" aria-label="Near-duplicate pairs">
            <tbody>
              {result.nearDuplicates.map((d) => (
                <tr key={`${d.a}|${d.b}`}><td>{d.a.replace(/_/g, ' ')}</td><td>{d.b.replace(/_/g, ' ')}</td><td className="num">r = {d.r.toFixed(3)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </aside>
    </div>
  );
}
