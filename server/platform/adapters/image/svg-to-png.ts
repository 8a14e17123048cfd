/**
 * SVG → PNG in process (resvg). Text is set in DejaVu Sans from the `dejavu-fonts-ttf` package
 * (regular and bold), never from the machine's fonts: a machine with only Node draws the same
 * picture as one with a desktop's fonts.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = [join(fontDir, 'DejaVuSans.ttf'), join(fontDir, 'DejaVuSans-Bold.ttf')];

export const SANS = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

export function svgToPng(svg: string, width: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    // Nothing outside the SVG is read: images come inline (data: URLs) or not at all.
    imageRendering: 0,
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
