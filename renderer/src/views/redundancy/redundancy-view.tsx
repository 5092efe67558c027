// View 3: which corruption benchmarks measure the same thing — the correlation matrix in
// clustering order, its dendrogram, and the near-duplicate pairs.
import { useMemo, useState } from 'react';
import type { RedundancyResult } from '../../../../src-shared/api/result-types';
import { useAnalysis, useOpenBundle, useServices } from '../../app-context';
import { ResourceView } from '../../components/view-state';
import { useCached } from '../../data/resource';
import { css, textOn } from '../../../../src-shared/util/color-ramps';
import { correlationScale } from '../../../../src-shared/util/value-scales';
import { ColorLegend } from '../../components/color-legend';
import { Term } from '../../components/term';
import { dendrogramLinks, reorder } from './dendrogram';
import { emptyRowReason, emptyRows } from '../../../../src-shared/findings/redundancy-notes';
import { matrixCellColor } from './redundancy-model';

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
  const evaluation = useAnalysis((s) => s.evaluation);
  const k = result.corruptions.length;
  const matrix = useMemo(() => reorder(source === 'models' ? result.correlation : result.sampleCorrelation, result.order), [result, source]);
  const { links, maxHeight } = useMemo(() => dendrogramLinks(result.order, result.merges), [result]);
  const cell = Math.max(14, Math.min(30, Math.floor(520 / k)));
  const labelW = 130;
  const dendroH = 90;
  const size = cell * k;
  const names = result.order.map((i) => result.corruptions[i].replace(/_/g, ' '));
  const empty = useMemo(() => emptyRows(matrix, k), [matrix, k]);
  const table = evaluation.status === 'ready' ? evaluation.data : null;
  const reasons = empty.map((r) => ({ row: r, name: names[r], reason: emptyRowReason(result.corruptions[result.order[r]], source, table) }));
  const colLabelH = Math.min(labelW, 8 + 6 * Math.max(...names.map((n) => n.length)));
  const hx = (pos: number) => labelW + (pos + 0.5) * cell;
  const hy = (height: number) => dendroH - 6 - (maxHeight > 0 ? (height / maxHeight) * (dendroH - 12) : 0);
  return (
    <div className="redundancy-layout">
      <div>
        <span className="view-title"><Term term="correlation" /> between corruptions, of:</span>
        <div className="segmented" role="radiogroup" aria-label="Correlation of">
          <button type="button" role="radio" aria-checked={source === 'models'} className={source === 'models' ? 'on' : ''} onClick={() => setSource('models')}>accuracy drops across models</button>
          <button type="button" role="radio" aria-checked={source === 'samples'} className={source === 'samples' ? 'on' : ''} onClick={() => setSource('samples')}>per-sample correctness</button>
        </div>
        <svg width={labelW + Math.max(size, reasons.length ? 150 : 0) + 8} height={dendroH + size + colLabelH + 8} role="img" aria-label="Corruption correlation matrix" className="redundancy-svg">
          {links.map((l, i) => (
            <path key={i} className="dendro-link" d={`M${hx(l.x1)},${hy(l.h1)} V${hy(l.h)} H${hx(l.x2)} V${hy(l.h2)}`} />
          ))}
          {names.map((name, r) => (
            <text key={name} x={labelW - 6} y={dendroH + (r + 0.5) * cell + 4} textAnchor="end" className={`axis-label${hover && (hover[0] === r || hover[1] === r) ? ' hot' : ''}`}>
              {name}
            </text>
          ))}
          {names.map((name, c) => (
            <text key={name} transform={`translate(${labelW + (c + 0.5) * cell + 4},${dendroH + size + 6}) rotate(-90)`} textAnchor="end" className={`axis-label column-label${hover && hover[1] === c ? ' hot' : ''}`}>
              {name}
            </text>
          ))}
          {Array.from({ length: k * k }, (_, p) => {
            const r = Math.floor(p / k);
            const c = p % k;
            const v = matrix[p];
            const color = matrixCellColor(v);
            return (
              <g key={p} onMouseEnter={() => setHover([r, c])} onMouseLeave={() => setHover(null)}>
                <rect x={labelW + c * cell} y={dendroH + r * cell} width={cell - 1} height={cell - 1} fill={color ? css(color) : 'none'} className="matrix-cell" />
                {cell >= 26 && color && <text x={labelW + (c + 0.5) * cell} y={dendroH + (r + 0.5) * cell + 4} textAnchor="middle" className="cell-value" fill={textOn(color)}>{v.toFixed(1)}</text>}
              </g>
            );
          })}
          {reasons.map(({ row }) => (
            <text key={row} x={labelW + 6} y={dendroH + (row + 0.5) * cell + 4} className="empty-row-note" data-empty-row={names[row]}>
              no variation (note below)
            </text>
          ))}
        </svg>
        <p className="muted" role="status">
          {hover ? `${names[hover[0]]} × ${names[hover[1]]}: r = ${Number.isFinite(matrix[hover[0] * k + hover[1]]) ? matrix[hover[0] * k + hover[1]].toFixed(3) : 'undefined (no variation)'}` : 'Hover a cell for its r.'}
        </p>
        <ColorLegend scale={correlationScale} />
        {reasons.length > 0 && (
          <ul className="empty-row-notes" aria-label="Empty rows">
            {reasons.map(({ row, name, reason }) => <li key={row}><strong>{name}</strong>: {reason}.</li>)}
          </ul>
        )}
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
