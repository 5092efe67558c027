// The 3-D toolbar's interaction controls: point size, reset camera, lasso mode (Alt + drag
// lassos too, without the toggle).
import { useServices } from '../../app-context';
import { defaultCamera } from '../../state/app-state';

export interface ThreeDControlsProps {
  pointSize: number;
  onPointSize: (size: number) => void;
  lassoMode: boolean;
  onLassoMode: (on: boolean) => void;
}

export function ThreeDControls({ pointSize, onPointSize, lassoMode, onLassoMode }: ThreeDControlsProps) {
  const { store } = useServices();
  return (
    <>
      <label title="Point diameter in pixels">
        Point size
        <input type="range" name="point-size" min={1} max={12} step={0.5} value={pointSize} onChange={(e) => onPointSize(Number(e.target.value))} />
      </label>
      <button type="button" className="secondary" name="reset-camera" onClick={() => store.set({ cameras: [defaultCamera] })} title="Back to the starting view in every model">Reset camera</button>
      <button type="button" className="secondary" name="lasso" aria-pressed={lassoMode} onClick={() => onLassoMode(!lassoMode)} title="Drag a loop around points to select them (Shift adds; Alt + drag lassos in orbit mode too)">Lasso</button>
    </>
  );
}
