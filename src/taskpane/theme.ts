/**
 * Which Fluent UI theme the pane uses, from Office's theme (Office.context.officeTheme) and the
 * browser's forced-colors mode (Windows high contrast in the pane's web view).
 *
 * High contrast: forced colors, or Office's body colours at the contrast of black on white
 * (≥ 20:1; Office's own themes stay below, their text is #262626-like, not pure black or white)
 * with controls at least 15:1 (yellow on black is 19.6:1). Dark: Office says so (isDarkTheme, Black and Dark Gray) or the body
 * background is dark. Otherwise light. Without an Office theme (older hosts): light.
 */
export type PaneTheme = 'light' | 'dark' | 'highContrast';

export type OfficeThemeColors = Pick<Office.OfficeTheme, 'bodyBackgroundColor' | 'bodyForegroundColor' | 'controlBackgroundColor' | 'controlForegroundColor'> & {
  isDarkTheme?: boolean;
};

/** WCAG relative luminance of "#RRGGBB" (null when not such a colour). */
function luminance(color: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (!m) return null;
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  if (x === null || y === null) return 1;
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

export function paneTheme(office: OfficeThemeColors | undefined, forcedColors: boolean): PaneTheme {
  if (forcedColors) return 'highContrast';
  if (!office) return 'light';
  if (contrast(office.bodyBackgroundColor, office.bodyForegroundColor) >= 20 && contrast(office.controlBackgroundColor, office.controlForegroundColor) >= 15) {
    return 'highContrast';
  }
  const background = luminance(office.bodyBackgroundColor);
  return office.isDarkTheme === true || (background !== null && background < 0.2) ? 'dark' : 'light';
}
