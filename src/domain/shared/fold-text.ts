// Search folding: lower case, no diacritics, collapsed whitespace. "Żółw" and "ZOLW" both fold to
// "zolw". Stored in the searchText columns and applied to queries the same way, so a trigram
// index answers diacritic-insensitive searches.

// Letters that Unicode does not decompose into base + combining mark.
const SPECIAL: Record<string, string> = { ł: 'l', Ł: 'l', ß: 'ss', æ: 'ae', ø: 'o', đ: 'd', œ: 'oe' };

export function foldText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .join(' ')
    .replace(/[łŁßæøđœ]/g, (ch) => SPECIAL[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
