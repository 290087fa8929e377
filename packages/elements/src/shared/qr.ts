import { correction, generate } from 'lean-qr/nano';

export interface QrPath {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** An SVG path of the dark modules, one unit per module, offset by the quiet zone. */
  path: string;
  /** Modules per side including the quiet zone: the SVG's viewBox. */
  box: number;
}

/**
 * A QR code as one SVG path (crisp at any size, no canvas): error correction M, as in the poster,
 * with the 4-module quiet zone that phone and counter scanners expect.
 */
export function qrPath(text: string, quiet = 4): QrPath {
  const code = generate(text, { minCorrectionLevel: correction.M });
  let path = '';
  for (let row = 0; row < code.size; row++) {
    for (let col = 0; col < code.size; col++) {
      if (!code.get(col, row)) continue;
      // Runs of dark modules on a row become one rectangle: a smaller path, no hairline seams.
      let run = 1;
      while (col + run < code.size && code.get(col + run, row)) run++;
      path += `M${col + quiet} ${row + quiet}h${run}v1h-${run}z`;
      col += run - 1;
    }
  }
  return { size: code.size, path, box: code.size + 2 * quiet };
}
