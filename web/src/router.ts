/**
 * @module web/src/router
 * A small History API router. The server sends index.html for /documents/* so deep links work; a
 * "#/documents/…" hash path is understood as well, for hosting the bundle as plain static files.
 * `parseRoute` is pure and unit-tested; `startRouter` wires it to the browser.
 */

export type Route =
  /** The conversation; `?q=…&documents=a,b` asks that question (a shared or reopened answer). */
  | { name: 'chat'; question: string | null; documents: string[] }
  | { name: 'documents' }
  | { name: 'document'; id: string; unit: string | null; quote: string | null }
  | { name: 'not-found'; path: string };

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a malformed escape: use it as written rather than fail the whole page
  }
}

/** Maps a location (pathname, search, hash) to a view. */
export function parseRoute(pathname: string, search = '', hash = ''): Route {
  if (hash.startsWith('#/')) {
    // Hash routing: "#/documents/prague-1997?q=…#rec-18" carries the whole route in the fragment.
    const inner = hash.slice(1);
    const innerHashAt = inner.indexOf('#', 1);
    const pathAndSearch = innerHashAt < 0 ? inner : inner.slice(0, innerHashAt);
    const innerHash = innerHashAt < 0 ? '' : inner.slice(innerHashAt);
    const qAt = pathAndSearch.indexOf('?');
    return parseRoute(
      qAt < 0 ? pathAndSearch : pathAndSearch.slice(0, qAt),
      qAt < 0 ? '' : pathAndSearch.slice(qAt),
      innerHash,
    );
  }
  const path = pathname.replace(/(?<!\/)\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') {
    const params = new URLSearchParams(search);
    const question = params.get('q')?.trim() || null;
    const documents = (params.get('documents') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    return { name: 'chat', question, documents };
  }
  if (path === '/documents') return { name: 'documents' };
  const m = /^\/documents\/([^/]+)$/.exec(path);
  if (m) {
    const quote = new URLSearchParams(search).get('q');
    const unit = hash.length > 1 ? decode(hash.slice(1)) : null;
    return { name: 'document', id: decode(m[1]), unit, quote: quote && quote.trim() ? quote : null };
  }
  return { name: 'not-found', path: pathname };
}

/** The address of a question's answer, to share or reopen: "/?q=…&documents=prague-1997,prague-2009". */
export function chatHref(question: string, documents: readonly string[] = []): string {
  const params = new URLSearchParams({ q: question.trim() });
  if (documents.length) params.set('documents', documents.join(','));
  return `/?${params.toString().replace(/%2C/g, ',')}`;
}

/** Whether a click on a link should be handled in-page rather than by the browser. */
export function isInAppNavigation(
  anchor: {
    href: string;
    target: string;
    hasAttribute(name: string): boolean;
    getAttribute(name: string): string | null;
  },
  event: {
    button: number;
    metaKey: boolean;
    ctrlKey: boolean;
    shiftKey: boolean;
    altKey: boolean;
    defaultPrevented: boolean;
  },
  origin: string,
): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false; // new tab/window: let it be
  if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return false;
  // "#app-main" (the skip link) and other in-page fragments: plain browser scrolling and focus.
  if (anchor.getAttribute('href')?.startsWith('#')) return false;
  let url: URL;
  try {
    url = new URL(anchor.href);
  } catch {
    return false;
  }
  return url.origin === origin && parseRoute(url.pathname, url.search, url.hash).name !== 'not-found';
}

/**
 * Listens for in-app link clicks and back/forward, calling `render` with each new route. Returns
 * `navigate(url)` for code that moves programmatically.
 */
export function startRouter(render: (route: Route) => void): (url: string) => void {
  const current = (): Route => parseRoute(location.pathname, location.search, location.hash);
  const navigate = (url: string): void => {
    history.pushState(null, '', url);
    render(current());
  };
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!(target instanceof HTMLAnchorElement)) return;
    if (!isInAppNavigation(target, event, location.origin)) return;
    const url = new URL(target.href);
    event.preventDefault();
    // Following a link to where we already are re-renders (the document view scrolls back to its unit)
    // without pushing a duplicate history entry.
    if (url.href === location.href) {
      render(current());
      return;
    }
    navigate(url.pathname + url.search + url.hash);
  });
  // popstate also fires for fragment-only changes (back to "#rec-5", a hash typed in the address bar), so
  // one listener covers them; adding hashchange too would render twice.
  window.addEventListener('popstate', () => {
    // The page's own anchors ("#app-main") are not routes; the browser has already scrolled to them.
    if (location.hash.startsWith('#app-')) return;
    render(current());
  });
  render(current());
  return navigate;
}
