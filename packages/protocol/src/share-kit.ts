// How a promoter's share is put together, the same in the browser (which builds it inside the tap)
// and on the server (which documents and tests it). A subpath of its own: pages without a share kit
// do not download it.

/** Where a material's text takes the link; without it the link is appended on a line of its own. */
export const LINK_PLACEHOLDER = '{link}';
/** The query parameter that carries a share id through a promoter's link. */
export const SHARE_PARAM = 'flock_share';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A share id made in the browser: `shr_` and 16 random letters or digits (~95 bits). */
export function newShareId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  let id = 'shr_';
  // 62 symbols: bytes ≥ 248 are skipped so each symbol is equally likely.
  while (id.length < 20) {
    for (const byte of random(new Uint8Array(24))) {
      if (byte < 248 && id.length < 20) id += ID_ALPHABET[byte % 62];
    }
  }
  return id;
}

/** The promoter's link (already carrying their `flock_ref`) with the share id added. */
export function shareLink(link: string, shareId: string): string {
  const url = new URL(link);
  url.searchParams.set(SHARE_PARAM, shareId);
  return url.toString();
}

/** The material's text with the link in place of `{link}` (every one), or appended. */
export function shareText(text: string, link: string): string {
  return text.includes(LINK_PLACEHOLDER) ? text.split(LINK_PLACEHOLDER).join(link) : `${text}\n${link}`;
}
