/**
 * @module web/src/download
 * Saves a file the page received (an exported answer) the way a browser saves a download: through a
 * temporary object URL and a link with a `download` name, removed again straight after.
 */
import { el } from './dom.js';

export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = el('a', { class: 'offscreen', attrs: { href: url, download: filename, tabindex: -1 } });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; revoking at once can cancel it in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
