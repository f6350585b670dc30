// A country's flag emoji where the system can draw it in colour; elsewhere (Windows, or Linux without
// an emoji font) its ISO code in a small badge rather than empty boxes or bare letters.
import { flagEmoji } from '../i18n/flag.ts';

let colourFlags: boolean | undefined;

/** Draws a flag on a canvas once and looks for colour: tofu and letter fallbacks are monochrome. */
function canDrawFlags(): boolean {
  if (colourFlags === undefined) {
    colourFlags = false;
    const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    if (context) {
      context.font = '24px sans-serif';
      context.textBaseline = 'top';
      context.fillText(flagEmoji('CH'), 0, 0);
      const pixels = context.getImageData(0, 0, 32, 32).data;
      for (let i = 0; i < pixels.length; i += 4) {
        const [r = 0, g = 0, b = 0, a = 0] = pixels.subarray(i, i + 4);
        if (a > 0 && (Math.abs(r - g) > 60 || Math.abs(g - b) > 60)) {
          colourFlags = true;
          break;
        }
      }
    }
  }
  return colourFlags;
}

export function CountryFlag({ code }: { code: string }) {
  return canDrawFlags() ? (
    <span className="flag" aria-hidden="true">
      {flagEmoji(code)}
    </span>
  ) : (
    <span className="cc" aria-hidden="true">
      {code}
    </span>
  );
}
