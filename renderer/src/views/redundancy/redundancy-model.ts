// The redundancy matrix's cell colours: the shared correlation scale, as the report's heat maps.
import type { Rgb } from '../../../../src-shared/util/color-ramps';
import { correlationScale } from '../../../../src-shared/util/value-scales';

export const matrixCellColor = (r: number): Rgb | null => correlationScale.color(r);
