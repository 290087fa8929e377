/**
 * One area's strings in the console's languages: the English table fixes the keys, and each
 * Chinese one must give every one of them (a missing translation fails the type check).
 */
export const messages = <const English extends Record<string, string>>(
  en: English,
  zhCN: Record<keyof English, string>,
  zhTW: Record<keyof English, string>,
) => ({
  en,
  zhCN,
  zhTW,
});
