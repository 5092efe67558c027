// Orbit camera maths (no three.js): azimuth / elevation / distance around the origin.
import type { CameraState } from '../../state/app-state';

export function cameraPosition(c: CameraState): [number, number, number] {
  const cosPhi = Math.cos(c.phi);
  return [c.radius * cosPhi * Math.sin(c.theta), c.radius * Math.sin(c.phi), c.radius * cosPhi * Math.cos(c.theta)];
}

export function rotate(c: CameraState, dxPx: number, dyPx: number): CameraState {
  const limit = Math.PI / 2 - 0.05;
  return { ...c, theta: c.theta - dxPx * 0.008, phi: Math.max(-limit, Math.min(limit, c.phi + dyPx * 0.008)) };
}

export function zoom(c: CameraState, wheelDelta: number): CameraState {
  return { ...c, radius: Math.max(0.6, Math.min(20, c.radius * Math.exp(wheelDelta * 0.001))) };
}
