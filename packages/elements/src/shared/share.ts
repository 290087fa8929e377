/**
 * Shares a link the best way the browser allows: the native share sheet (with `files` first, e.g. a
 * poster, where `canShare({files})` allows it; then the link), then the clipboard (see copyText).
 * `shared` also covers a share sheet the shopper closed: there is nothing more to say to them.
 */
export async function shareLink(data: {
  title: string;
  text: string;
  url: string;
  files?: File[];
}): Promise<'shared' | 'copied' | 'failed'> {
  if (typeof navigator.share === 'function') {
    const attempts: ShareData[] = [];
    // Apps drop the url of a file share (iOS keeps only the files), so the link rides in the text.
    if (data.files?.length) attempts.push({ files: data.files, title: data.title, text: `${data.text} ${data.url}` });
    attempts.push({ title: data.title, text: data.text, url: data.url });
    for (const attempt of attempts) {
      // Without canShare there is no telling whether files are allowed: share the link only.
      if (navigator.canShare ? !navigator.canShare(attempt) : attempt.files) continue;
      try {
        await navigator.share(attempt);
        return 'shared';
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return 'shared';
      }
    }
  }
  return (await copyText(data.url)) ? 'copied' : 'failed';
}

/**
 * Copies text to the clipboard, Safari-safe: Safari allows clipboard writes only inside the user
 * gesture, with no `await` before them. So a string is written at once (this function's first
 * statement runs inside the caller's gesture), and text still being fetched goes in as a
 * ClipboardItem given a promise. Where the API is missing or refused (WeChat's and other in-app
 * browsers), a selected textarea and `execCommand('copy')` do it.
 */
export async function copyText(text: string | Promise<string>): Promise<boolean> {
  const clipboard = globalThis.navigator?.clipboard;
  try {
    if (typeof text === 'string') {
      if (typeof clipboard?.writeText !== 'function') throw new Error('no Clipboard API');
      await clipboard.writeText(text);
    } else {
      if (typeof clipboard?.write !== 'function' || typeof ClipboardItem === 'undefined') throw new Error('no ClipboardItem');
      await clipboard.write([
        new ClipboardItem({ 'text/plain': text.then((value) => new Blob([value], { type: 'text/plain' })) }),
      ]);
    }
    return true;
  } catch {
    try {
      return copyWithTextarea(await text);
    } catch {
      return false;
    }
  }
}

function copyWithTextarea(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  // CSSOM properties, not a style attribute: allowed under a strict CSP.
  area.style.position = 'fixed';
  area.style.opacity = '0';
  area.style.fontSize = '16px'; // iOS zooms into smaller text fields
  document.body.append(area);
  area.select();
  area.setSelectionRange(0, text.length); // iOS ignores select() on a readonly field
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
