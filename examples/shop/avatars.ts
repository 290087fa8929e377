/** Demo shoppers' avatars: a coloured circle with an initial, as SVG, so the demo needs no image files. */
const palette = ['#ff8f1f', '#1989fa', '#07c160', '#7232dd', '#ee0a24', '#00a6a6'];

export function avatarSvg(name: string): string {
  const initial = [...name][0]?.toUpperCase() ?? '?';
  const color = palette[[...name].reduce((sum, ch) => sum + (ch.codePointAt(0) ?? 0), 0) % palette.length];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="${color}"/><text x="32" y="42" font-family="Helvetica, Arial, sans-serif" font-size="28" font-weight="700" fill="#fff" text-anchor="middle">${initial}</text></svg>`;
}
