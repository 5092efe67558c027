// The four corruption families of CIFAR-10-C (Hendrycks & Dietterich 2019, Fig. 1): the
// benchmark 15 and the 4 extra corruptions, each assigned to the family it perturbs like.
export const corruptionFamilies = ['noise', 'blur', 'weather', 'digital'] as const;
export type CorruptionFamily = (typeof corruptionFamilies)[number];

const familyOf: Record<string, CorruptionFamily> = {
  gaussian_noise: 'noise', shot_noise: 'noise', impulse_noise: 'noise', speckle_noise: 'noise',
  defocus_blur: 'blur', glass_blur: 'blur', motion_blur: 'blur', zoom_blur: 'blur', gaussian_blur: 'blur',
  snow: 'weather', frost: 'weather', fog: 'weather', brightness: 'weather', spatter: 'weather',
  contrast: 'digital', elastic_transform: 'digital', pixelate: 'digital', jpeg_compression: 'digital', saturate: 'digital',
};

/** The family of a corruption, or null for a name outside the 19. */
export function corruptionFamily(corruption: string): CorruptionFamily | null {
  return Object.prototype.hasOwnProperty.call(familyOf, corruption) ? familyOf[corruption] : null;
}
