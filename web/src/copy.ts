/**
 * @module web/src/copy
 * Copying text to the clipboard. The async Clipboard API needs a secure context and may be refused by a
 * permission policy, so a selected off-screen textarea with execCommand('copy') is the fallback.
 */
import { el } from './dom.js';

export async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied or unavailable (e.g. document not focused): try the old way.
    }
  }
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = el('textarea', { class: 'offscreen', attrs: { readonly: true, 'aria-hidden': 'true', tabindex: -1 } });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    // Deprecated but still the only synchronous fallback; its absence just means "could not copy".
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  previous?.focus({ preventScroll: true });
  return ok;
}
