/**
 * One area's strings in both console languages: the English table fixes the keys, and the
 * Chinese one must give every one of them (a missing translation fails the type check).
 */
export const messages = <const English extends Record<string, string>>(en: English, zhCN: Record<keyof English, string>) => ({
  en,
  zhCN,
});
