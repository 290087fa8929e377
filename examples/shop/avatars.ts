/** Demo shoppers' avatars: a coloured circle with an initial, as SVG, so the demo needs no image files. */
const palette = ['#ff8f1f', '#1989fa', '#07c160', '#7232dd', '#ee0a24', '#00a6a6'];
/** The demo's people, each a colour of their own (a hash of four short names would pair two of them). */
const colours: Record<string, string> = {
  alice: '#ff8f1f',
  bob: '#1989fa',
  carol: '#7232dd',
  dave: '#07c160',
  chen: '#00a6a6',
  grace: '#00a6a6',
};

/** `seed` picks the colour (so a shopper keeps theirs in every language); `initial` is what it shows. */
export function avatarSvg(seed: string, initial = [...seed][0]?.toUpperCase() ?? '?'): string {
  const color = colours[seed] ?? palette[[...seed].reduce((sum, ch) => sum + (ch.codePointAt(0) ?? 0), 0) % palette.length];
  const letter = [...initial]
    .slice(0, 1)
    .join('')
    .replace(/[&<>"']/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="${color}"/><text x="32" y="42" font-family="Helvetica, Arial, 'PingFang SC', 'Noto Sans CJK SC', sans-serif" font-size="28" font-weight="700" fill="#fff" text-anchor="middle">${letter || '?'}</text></svg>`;
}

/** Where a demo shopper's avatar is served: the initial rides in the query. */
export const avatarPath = (id: string, initial: string) => `/assets/avatar/${id}.svg?initial=${encodeURIComponent(initial)}`;
