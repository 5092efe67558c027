// One sweep chart (recharts): per sweep a line of the metric against the x-axis, its bootstrap
// band as a range area, the breaking point ringed; clicking a point selects that model.
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SweepXAxis } from '../../../../src-shared/analysis/sweep-groups';
import type { SweepMetricKey } from '../../../../src-shared/analysis/sweep-types';
import { classColor, css } from '../../state/color-scales';
import type { SweepChartPoint, SweepLine } from './sweep-model';
import { formatMetric, formatX, isPercentMetric, yAxisTicks } from './sweep-model';

interface Props {
  lines: SweepLine[];
  metric: SweepMetricKey;
  axis: SweepXAxis;
  label: string;
  /** The comparison pair (A, B), drawn ringed. */
  selected: readonly string[];
  onSelect(modelId: string): void;
  /** The sweep under the pointer (highlighted in every chart of the view), and its setter. */
  hovered: string | null;
  onHover(key: string | null): void;
  height?: number;
}

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: SweepChartPoint;
}

function SweepTooltip({ active, payload, metric, axis }: { active?: boolean; payload?: readonly { payload?: SweepChartPoint; name?: unknown }[]; metric: SweepMetricKey; axis: SweepXAxis }) {
  const p = payload?.find((x) => x.payload && !Array.isArray(x.payload))?.payload;
  if (!active || !p) return null;
  return (
    <div className="sweep-tooltip" style={{ background: 'var(--panel)', border: '1px solid var(--border)', padding: '4px 8px', fontSize: 12 }}>
      <b>{p.modelId}</b> · {formatX(axis, p.x)}
      <br />
      {formatMetric(metric, p.value)} <span className="muted">[{formatMetric(metric, p.band[0])}, {formatMetric(metric, p.band[1])}]</span>
    </div>
  );
}

export function SweepChart({ lines, metric, axis, label, selected, onSelect, hovered, onHover, height = 300 }: Props) {
  const dim = (key: string) => hovered !== null && hovered !== key;
  const percent = isPercentMetric(metric);
  const y = yAxisTicks(lines, metric);
  return (
    <div className="chart-box" data-metric={metric} role="figure" aria-label={`${label}${percent ? ' (%)' : ''} along the sparsity sweeps`}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart margin={{ top: 8, right: 20, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} tickFormatter={(x: number) => formatX(axis, x)} tick={{ fontSize: 11, fill: 'var(--muted)' }} allowDuplicatedCategory={false} label={{ value: axis === 'sparsity' ? 'sparsity' : axis === 'remainingParameters' ? 'remaining parameters' : 'effective MACs', position: 'insideBottom', offset: -8, fontSize: 11 }} />
          <YAxis domain={[y.ticks[0], y.ticks[y.ticks.length - 1]]} ticks={y.ticks} interval={0} allowDataOverflow width={52} tick={{ fontSize: 11, fill: 'var(--muted)' }} tickFormatter={y.label} />
          <Tooltip content={(props) => <SweepTooltip active={props.active} payload={props.payload as never} metric={metric} axis={axis} />} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 11 }} onMouseEnter={(e) => onHover(String(e.value))} onMouseLeave={() => onHover(null)} />
          {lines.map((line, k) => (
            <Area key={`band-${line.key}`} data={line.points} dataKey="band" type="linear" stroke="none" fill={css(classColor(k))} fillOpacity={dim(line.key) ? 0.05 : 0.18} legendType="none" isAnimationActive={false} activeDot={false} name={`${line.key} band`} tooltipType="none" />
          ))}
          {lines.map((line, k) => (
            <Line
              key={line.key}
              data={line.points}
              dataKey="value"
              name={line.key}
              type="linear"
              stroke={css(classColor(k))}
              strokeWidth={hovered === line.key ? 3.5 : 2}
              strokeOpacity={dim(line.key) ? 0.25 : 1}
              isAnimationActive={false}
              // recharts' hover dot would sit on top of ours and swallow the click that selects a model.
              activeDot={false}
              onMouseEnter={() => onHover(line.key)}
              onMouseLeave={() => onHover(null)}
              // Selection also on mouseup: hovering re-renders the chart and recharts re-creates its
              // dots, so press and release can land on two elements and the browser sends no click.
              dot={(props: DotProps) => {
                const p = props.payload;
                if (!p || props.cx === undefined || props.cy === undefined) return <g key={`${line.key}-none`} />;
                const on = selected.includes(p.modelId);
                return (
                  <circle key={`${line.key}-${p.modelId}`} className="sweep-dot" data-model={p.modelId} data-sweep={line.key} cx={props.cx} cy={props.cy} r={on ? 6 : 4.5} fill={css(classColor(k))} fillOpacity={dim(line.key) ? 0.3 : 1} stroke={on ? 'var(--text)' : 'none'} strokeWidth={2} style={{ cursor: 'pointer' }} onClick={() => onSelect(p.modelId)} onMouseUp={() => onSelect(p.modelId)} onMouseEnter={() => onHover(line.key)} onMouseLeave={() => onHover(null)}>
                    <title>{`${line.key} · ${p.modelId}: ${formatMetric(metric, p.value)}`}</title>
                  </circle>
                );
              }}
            />
          ))}
          {metric === 'robustAccuracy' && lines.map((line, k) => line.marker && (
            <ReferenceDot key={`break-${line.key}`} x={line.marker.x} y={line.marker.value} r={10} fill="none" stroke={css(classColor(k))} strokeWidth={2} strokeDasharray="3 2" ifOverflow="extendDomain" className="breaking-point" />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
