// Names shown to other shoppers (leaderboard, payout ticker, the friend's reward) are masked: the
// first character and stars, 王** for a Chinese name and A*** for a Latin one, so a promoter is
// recognisable to friends who know them and to nobody else.

const HAN = /\p{Script=Han}/u;

/** The first character (a whole grapheme, so an emoji or accented letter stays whole) and stars. */
export function maskName(name: string): string {
  const first = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name.trim())][0]?.segment ?? '';
  if (first === '') return '***';
  return HAN.test(first) ? `${first}**` : `${first.toUpperCase()}***`;
}
