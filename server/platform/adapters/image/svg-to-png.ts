/**
 * SVG → PNG in process (resvg). Text needs a font resvg can load: no declared dependency ships a
 * text font (TTF/OTF) yet, so the machine's fonts are loaded (`loadSystemFonts`), preferring
 * DejaVu Sans / Liberation Sans (Debian's). On a machine without any, text is left out of the
 * picture (resvg draws no glyphs) while shapes and images still render.
 */
import { Resvg } from '@resvg/resvg-js';

export const SANS = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

export function svgToPng(svg: string, width: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    // Nothing outside the SVG is read: images come inline (data: URLs) or not at all.
    imageRendering: 0,
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
