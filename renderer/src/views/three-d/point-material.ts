// One shader for all points: round sprites, size and opacity from the per-point state
// (normal, faded by the filter, selected, hovered), an outline on selected points.
import * as THREE from 'three';

const vertexShader = /* glsl */ `
attribute vec3 aColor;
attribute float aState;
uniform float uSize;
uniform float uPixelRatio;
varying vec3 vColor;
varying float vState;
void main() {
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mv;
  float grow = aState > 2.5 ? 3.2 : (aState > 1.5 ? 2.2 : (aState > 0.5 ? 0.8 : 1.0));
  gl_PointSize = uSize * grow * uPixelRatio;
  // Selected and hovered points are drawn in front of the cloud.
  if (aState > 1.5) gl_Position.z -= 0.02 * gl_Position.w;
  vColor = aColor;
  vState = aState;
}`;

const fragmentShader = /* glsl */ `
uniform vec3 uOutline;
varying vec3 vColor;
varying float vState;
void main() {
  vec2 c = gl_PointCoord - 0.5;
  float r2 = dot(c, c);
  if (r2 > 0.25) discard;
  float alpha = (vState > 0.5 && vState < 1.5) ? 0.07 : 0.85;
  vec3 color = vColor;
  if (vState > 1.5 && r2 > 0.1) { color = uOutline; alpha = 1.0; }
  gl_FragColor = vec4(color, alpha);
}`;

export function createPointMaterial(outline: THREE.Color): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: { uSize: { value: 3.5 }, uPixelRatio: { value: 1 }, uOutline: { value: outline } },
    vertexShader,
    fragmentShader,
    transparent: true,
    depthWrite: false,
  });
}
