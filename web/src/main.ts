/**
 * @module web/src/main
 * Entry point: mounts the view for the current route into <main>, keeps the chat view alive across
 * navigation, and handles focus and scroll on each route change so keyboard and screen-reader users land
 * on the new content.
 */
import { ChatView } from './chat.js';
import { renderDocument, renderDocumentList, renderError, renderLoading } from './documents.js';
import { type Route, startRouter } from './router.js';
import { loadDocument, loadDocuments } from './store.js';

const APP_NAME = 'Budapest Process Q&A';

function start(): void {
  const main = document.getElementById('app-main');
  if (!main) return;
  // The views restore scroll themselves (the chat where the reader left it, a document at its unit).
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';

  let chat: ChatView | null = null;
  let chatScroll = 0;
  let chatFocus: HTMLElement | null = null;
  let current: Route['name'] | null = null;
  // Each render gets a token; an older one finishing its fetch late must not overwrite a newer view.
  let renderToken = 0;

  const markNav = (name: Route['name']): void => {
    for (const link of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
      const active =
        (link.dataset.route === 'chat' && name === 'chat') || (link.dataset.route === 'documents' && name !== 'chat');
      if (active) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  };

  const render = (route: Route): void => {
    const token = ++renderToken;
    const firstRender = current === null;
    if (current === 'chat' && route.name !== 'chat') {
      chatScroll = window.scrollY;
      // Usually the "Open in document" link just followed: coming back puts the reader there again.
      chatFocus =
        chat && document.activeElement instanceof HTMLElement && chat.root.contains(document.activeElement)
          ? document.activeElement
          : null;
    }
    const previous = current;
    current = route.name;
    markNav(route.name);

    if (route.name === 'chat') {
      document.title = APP_NAME;
      const fresh = !chat;
      if (!chat) chat = new ChatView(loadDocuments());
      if (main.firstChild !== chat.root) main.replaceChildren(chat.root);
      // A shared address asks its question once, when the page opens on it; coming back to the conversation
      // ("Ask" in the menu) shows the last answer's address again instead.
      if (fresh && route.question) chat.reopen(route.question, route.documents);
      else if (!route.question && chat.href) history.replaceState(null, '', chat.href);
      if (previous !== 'chat') window.scrollTo(0, chatScroll);
      if (!firstRender && previous !== 'chat') {
        if (chatFocus && chat.root.contains(chatFocus)) chatFocus.focus({ preventScroll: true });
        else chat.focusInput();
      }
      return;
    }

    if (route.name === 'documents') {
      document.title = `Documents — ${APP_NAME}`;
      renderLoading(main, 'documents');
      loadDocuments().then(
        (docs) => {
          if (token !== renderToken) return;
          const heading = renderDocumentList(main, docs);
          window.scrollTo(0, 0);
          if (!firstRender) heading.focus({ preventScroll: true });
        },
        (err: unknown) => {
          if (token === renderToken) renderError(main, 'Documents', err);
        },
      );
      return;
    }

    if (route.name === 'document') {
      renderLoading(main, 'the document');
      // The list names the document another one's date is quoted from; the page does without it if it fails.
      Promise.all([loadDocument(route.id), loadDocuments().catch(() => [])]).then(
        ([doc, docs]) => {
          if (token !== renderToken) return;
          document.title = `${doc.shortTitle || doc.title} — ${APP_NAME}`;
          const { focus, target } = renderDocument(main, doc, route.unit, route.quote, docs);
          if (target) target.scrollIntoView({ block: 'start' });
          else window.scrollTo(0, 0);
          // On first load the reader has not acted yet; moving focus then would only confuse.
          if (!firstRender || target) focus.focus({ preventScroll: true });
        },
        (err: unknown) => {
          if (token === renderToken) renderError(main, 'Document', err).focus();
        },
      );
      return;
    }

    document.title = `Not found — ${APP_NAME}`;
    renderError(main, 'Page not found', null);
    const alert = main.querySelector('.error');
    if (alert) alert.textContent = 'There is no page at this address.';
  };

  startRouter(render);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
