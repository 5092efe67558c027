// The New bundle… wizard's input normalisation: a preset (the engine's guess preselected and
// labelled as a guess; nothing preselected when no preset fits, so the user must choose), layout,
// scale, mean and std, and an import from a pasted or loaded preprocessor_config.json or
// torchvision mean/std lists. Writes bundle.json `input` (scale divides, then (x − mean) / std).
// A guess (`input.guessed`) stays until the user picks, edits, imports or ticks "checked": the
// wizard does not save before that.
import { useState } from 'react';
import type { BundleManifest } from '../../../src-shared/bundle/manifest';
import { importNormalisation } from '../../../src-shared/bundle/normalisation-import';
import { matchPreset, normalisationPresets, presetFor } from '../../../src-shared/bundle/normalisation-presets';
import type { NormalisationChoice, PresetId } from '../../../src-shared/bundle/normalisation-presets';

type Input = BundleManifest['input'];
/** '' = not chosen yet (saving is blocked), 'custom' = numbers that match no preset. */
export type PresetSelection = PresetId | 'custom' | '';

export function initialSelection(choice: NormalisationChoice): PresetSelection {
  if (choice.origin === 'guessed' && choice.preset === 'none') return '';
  return choice.preset ?? 'custom';
}

/** The input without init's `guessed` mark: the user has chosen or confirmed the numbers. */
export function confirmedInput(input: Input): Input {
  const { guessed: _guessed, ...rest } = input;
  return rest;
}

const parseList = (text: string): number[] | null => {
  const values = text.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  return values.length >= 1 && values.length <= 4 && values.every(Number.isFinite) ? values : null;
};

export function NormalisationFields({ input, choice, selection, onChange }: {
  input: Input;
  choice: NormalisationChoice;
  selection: PresetSelection;
  onChange: (input: Input, selection: PresetSelection) => void;
}) {
  const channels = input.mean.length;
  const [meanText, setMeanText] = useState(input.mean.join(', '));
  const [stdText, setStdText] = useState(input.std.join(', '));
  const [pasted, setPasted] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  /** What the user last did (replaces the engine's "guessed" note once they chose). */
  const [chosen, setChosen] = useState<string | null>(null);

  const apply = (next: Input, sel: PresetSelection = matchPreset(next) ?? 'custom') => {
    setMeanText(next.mean.join(', '));
    setStdText(next.std.join(', '));
    onChange(confirmedInput(next), sel);
  };
  const pickPreset = (id: PresetSelection) => {
    if (id === '' || id === 'custom') return onChange(input, id);
    try {
      apply({ ...input, ...presetFor(id, channels) }, id);
      setMessage(null);
      setChosen(`Chosen by you: ${normalisationPresets.find((p) => p.id === id)!.label}.`);
    } catch (error) {
      setMessage({ error: true, text: (error as Error).message });
    }
  };
  const editList = (which: 'mean' | 'std', text: string) => {
    (which === 'mean' ? setMeanText : setStdText)(text);
    const values = parseList(text);
    if (values === null || (which === 'std' && values.some((v) => v <= 0))) return setMessage({ error: true, text: `${which}: 1–4 comma-separated numbers${which === 'std' ? ', all positive' : ''}` });
    setMessage(null);
    setChosen('Set by you (numbers edited).');
    const next = confirmedInput({ ...input, [which]: values });
    onChange(next, matchPreset(next) ?? 'custom');
  };
  const importText = (text: string) => {
    try {
      const n = importNormalisation(text);
      apply({ ...input, scale: n.scale, mean: n.mean, std: n.std });
      setMessage({ error: false, text: `Imported: ${n.notes.join('; ')}` });
      setChosen('Imported by you.');
    } catch (error) {
      setMessage({ error: true, text: (error as Error).message });
    }
  };
  const guessed = choice.origin === 'guessed';

  return (
    <fieldset className="normalisation" aria-label="Input normalisation">
      <legend>Input normalisation (pixels ÷ scale, then (x − mean) ÷ std per channel)</legend>
      <label className="field">
        Preset
        <select aria-label="Normalisation preset" value={selection} onChange={(e) => pickPreset(e.target.value as PresetSelection)}>
          {selection === '' && <option value="">— choose what the models were trained with —</option>}
          {normalisationPresets.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          <option value="custom">Custom (the numbers below)</option>
        </select>
      </label>
      <p className={guessed && !chosen ? 'warning' : 'bundle-meta'} data-testid="normalisation-origin">
        {selection === '' ? `No preset fits (${choice.reason}): choose one, import a config, or "None" if the models take pixels ÷ 255.`
          : chosen ?? (guessed ? `Guessed from ${choice.reason}: check that the models were trained with it.` : `From ${choice.origin}: ${choice.reason}.`)}
      </p>
      {input.guessed !== undefined && selection !== '' && (
        <label className="warning normalisation-confirm">
          <input type="checkbox" checked={false} onChange={() => (setChosen('Checked by you.'), onChange(confirmedInput(input), selection))} /> I checked: the models were trained with this normalisation
        </label>
      )}
      <div className="normalisation-numbers">
        <label className="field">Layout
          <select aria-label="Layout" value={input.layout} onChange={(e) => (setChosen('Set by you (layout changed).'), onChange({ ...input, layout: e.target.value as Input['layout'] }, selection))}>
            <option value="NCHW">NCHW</option><option value="NHWC">NHWC</option>
          </select>
        </label>
        <label className="field">Scale ÷ <input aria-label="Scale" type="number" min="0" step="any" value={input.scale} onChange={(e) => Number(e.target.value) > 0 && (setChosen('Set by you (numbers edited).'), onChange(confirmedInput({ ...input, scale: Number(e.target.value) }), matchPreset({ ...input, scale: Number(e.target.value) }) ?? 'custom'))} /></label>
        <label className="field">Mean <input aria-label="Mean" value={meanText} onChange={(e) => editList('mean', e.target.value)} /></label>
        <label className="field">Std <input aria-label="Std" value={stdText} onChange={(e) => editList('std', e.target.value)} /></label>
      </div>
      <div className="normalisation-import">
        <textarea aria-label="Paste normalisation" rows={2} value={pasted} spellCheck={false} placeholder="Paste a preprocessor_config.json, {&quot;mean&quot;: […], &quot;std&quot;: […]} or Normalize((…), (…))" onChange={(e) => setPasted(e.target.value)} />
        <button type="button" className="secondary" disabled={!pasted.trim()} onClick={() => importText(pasted)}>Import</button>
        <label className="secondary file-import">Load file…<input type="file" accept=".json,.txt,.py,.yaml,.yml" hidden onChange={(e) => void e.target.files?.[0]?.text().then(importText)} /></label>
      </div>
      {message && <p className={message.error ? 'error-banner' : 'bundle-meta'} role={message.error ? 'alert' : undefined}>{message.text}</p>}
    </fieldset>
  );
}
