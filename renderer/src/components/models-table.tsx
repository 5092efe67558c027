// The bundle's models: role, method, sparsity, I/O, parameter count and structure (N:M,
// quantisation, low rank, heads, comparison with the parent), or why one failed.
import type { BundleSummary, TensorInfo } from '../../../src-shared/api/types';
import { structureRows } from '../../../src-shared/onnx/card-text';

const tensorText = (t: TensorInfo) => `${t.name} ${t.type}[${t.shape.map((d) => d ?? '?').join('×')}]`;
const percent = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);
const compact = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(2)} G` : n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} K` : String(n));

export function ModelsTable({ bundle }: { bundle: BundleSummary }) {
  return (
    <table className="models-table" aria-label="Models">
      <thead>
        <tr>
          <th>Model</th>
          <th>Role</th>
          <th>Method</th>
          <th className="num">Sparsity</th>
          <th className="num">Parameters</th>
          <th>Inputs</th>
          <th>Outputs</th>
          <th>Structure</th>
        </tr>
      </thead>
      <tbody>
        {bundle.models.map((model) => (
          <tr key={model.id} data-model-id={model.id} className={model.error ? 'has-error' : undefined}>
            <td className="model-id">{model.id}</td>
            <td>{model.role}</td>
            <td>{model.method}</td>
            <td className="num">{percent(model.sparsity)}</td>
            {model.card ? (
              <>
                <td className="num">{model.card.parameterCount.toLocaleString('en-US')}</td>
                <td>{model.card.inputs.map(tensorText).join(', ')}</td>
                <td>{model.card.outputs.map(tensorText).join(', ')}</td>
                <td className="structure">
                  {structureRows(model.card, compact).map(([label, text], i) => (
                    <div key={i}>
                      <b>{label}</b> {text}
                    </div>
                  ))}
                </td>
              </>
            ) : (
              <td colSpan={4} className="error-text" role="alert">
                {model.error?.message}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
