// One shader for all points: round sprites, size and opacity from the per-point state
// (normal, faded by the filter, selected, hovered), an outline on selected points. Normal points
// also take a per-point density factor (point-density.ts) so large clusters do not merge into blobs.
import * as THREE from 'three';

const vertexShader = /* glsl */ `
attribute vec3 aColor;
attribute float aState;
attribute float aDensity;
uniform float uSize;
uniform float uPixelRatio;
varying vec3 vColor;
varying float vState;
varying float vDensity;
void main() {
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mv;
  float grow = aState > 2.5 ? 3.2 : (aState > 1.5 ? 2.2 : (aState > 0.5 ? 0.8 : 1.0));
  gl_PointSize = uSize * grow * uPixelRatio;
  // Selected and hovered points are drawn in front of the cloud.
  if (aState > 1.5) gl_Position.z -= 0.02 * gl_Position.w;
  vColor = aColor;
  vState = aState;
  vDensity = aDensity;
}`;

const fragmentShader = /* glsl */ `
uniform vec3 uOutline;
varying vec3 vColor;
varying float vState;
varying float vDensity;
void main() {
  vec2 c = gl_PointCoord - 0.5;
  float r2 = dot(c, c);
  if (r2 > 0.25) discard;
  float alpha = (vState > 0.5 && vState < 1.5) ? 0.07 : (vState > 1.5 ? 0.85 : 0.85 * vDensity);
  vec3 color = vColor;
  if (vState > 1.5 && r2 > 0.1) { color = uOutline; alpha = 1.0; }
  gl_FragColor = vec4(color, alpha);
}`;

/** The points' default diameter in CSS pixels (the 3-D toolbar's point size starts here). */
export const DEFAULT_POINT_SIZE = 3.5;

export function createPointMaterial(outline: THREE.Color): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: { uSize: { value: DEFAULT_POINT_SIZE }, uPixelRatio: { value: 1 }, uOutline: { value: outline } },
    vertexShader,
    fragmentShader,
    transparent: true,
    depthWrite: false,
  });
}
