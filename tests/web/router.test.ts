/**
 * @module tests/web/router.test
 * Route parsing (History and hash forms), which link clicks the page handles itself, and static guards on
 * the page's source: no HTML parsing of data anywhere, nothing inline that the CSP would block.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chatHref, isInAppNavigation, parseRoute } from '../../web/src/router.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('parseRoute', () => {
  it('maps paths to views', () => {
    expect(parseRoute('/')).toEqual({ name: 'chat', question: null, documents: [] });
    expect(parseRoute('/documents')).toEqual({ name: 'documents' });
    expect(parseRoute('/documents/')).toEqual({ name: 'documents' });
    expect(parseRoute('/documents/prague-1997', '', '#rec-18')).toEqual({
      name: 'document',
      id: 'prague-1997',
      unit: 'rec-18',
      quote: null,
    });
    expect(parseRoute('/nope')).toEqual({ name: 'not-found', path: '/nope' });
  });

  it('reads the quote from ?q= and decodes the id and unit', () => {
    expect(parseRoute('/documents/prague-1997', '?q=by%20fining%20and', '#rec-18')).toEqual({
      name: 'document',
      id: 'prague-1997',
      unit: 'rec-18',
      quote: 'by fining and',
    });
    expect(parseRoute('/documents/a%20b', '?q=%20%20', '#x%3Ay')).toEqual({
      name: 'document',
      id: 'a b',
      unit: 'x:y',
      quote: null,
    });
    expect(parseRoute('/documents/%E0%A4%A', '', '')).toMatchObject({ name: 'document', id: '%E0%A4%A' });
  });

  it('reads a shared question and its documents from the chat address, and writes them back', () => {
    const href = chatHref('What did Prague 1997 say about carriers & fines?', ['prague-1997', 'prague-2009']);
    expect(href).toBe('/?q=What+did+Prague+1997+say+about+carriers+%26+fines%3F&documents=prague-1997,prague-2009');
    const url = new URL(href, 'http://x');
    expect(parseRoute(url.pathname, url.search)).toEqual({
      name: 'chat',
      question: 'What did Prague 1997 say about carriers & fines?',
      documents: ['prague-1997', 'prague-2009'],
    });
    expect(chatHref(' q ')).toBe('/?q=q');
    expect(parseRoute('/', '?q=%20%20&documents=,,')).toEqual({ name: 'chat', question: null, documents: [] });
  });

  it('understands hash routes', () => {
    expect(parseRoute('/', '', '#/documents')).toEqual({ name: 'documents' });
    expect(parseRoute('/', '', '#/documents/prague-1997?q=carriers#rec-18')).toEqual({
      name: 'document',
      id: 'prague-1997',
      unit: 'rec-18',
      quote: 'carriers',
    });
  });
});

describe('isInAppNavigation', () => {
  const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
  const anchor = (href: string, attrs: Record<string, string> = {}) => ({
    href: new URL(href, 'http://app.test/').href,
    target: attrs.target ?? '',
    hasAttribute: (n: string) => n in attrs,
    getAttribute: (n: string) => (n === 'href' ? href : (attrs[n] ?? null)),
  });

  it('handles plain clicks on links to the page’s own routes', () => {
    expect(isInAppNavigation(anchor('/documents/prague-1997?q=x#rec-18'), click, 'http://app.test')).toBe(true);
    expect(isInAppNavigation(anchor('/'), click, 'http://app.test')).toBe(true);
  });

  it('leaves other links, modified clicks and in-page anchors to the browser', () => {
    expect(isInAppNavigation(anchor('https://example.org/'), click, 'http://app.test')).toBe(false);
    expect(isInAppNavigation(anchor('/api/documents'), click, 'http://app.test')).toBe(false);
    expect(isInAppNavigation(anchor('#app-main'), click, 'http://app.test')).toBe(false);
    expect(isInAppNavigation(anchor('/documents', { target: '_blank' }), click, 'http://app.test')).toBe(false);
    expect(isInAppNavigation(anchor('/documents'), { ...click, ctrlKey: true }, 'http://app.test')).toBe(false);
    expect(isInAppNavigation(anchor('/documents'), { ...click, button: 1 }, 'http://app.test')).toBe(false);
  });
});

describe('page source guards', () => {
  const srcDir = path.join(root, 'web', 'src');
  const sources = readdirSync(srcDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ f, text: readFileSync(path.join(srcDir, f), 'utf8') }));

  it('never parses strings as HTML', () => {
    expect(sources.length).toBeGreaterThan(3);
    for (const { f, text } of sources) {
      const code = text.replace(/\/\*[\s\S]*?\*\/|(?<!\/)\/\/.*$/gm, ''); // comments may mention the words
      expect(code, f).not.toMatch(
        /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|\beval\(|new Function\(/,
      );
    }
  });

  it('turns server text into markup only through the sanitiser, in one module', () => {
    const users = sources.filter(({ text }) => /from 'dompurify'|\.sanitize\(/.test(text)).map(({ f }) => f);
    expect(users).toEqual(['answer-html.ts']);
  });

  it('index.html has no inline script, inline style or event-handler attributes (blocked by the CSP)', () => {
    const html = readFileSync(path.join(root, 'web', 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]+\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/https?:\/\//i); // no CDNs or external fonts
  });

  it('styles load nothing from elsewhere', () => {
    const css = readFileSync(path.join(root, 'web', 'styles.css'), 'utf8');
    expect(css).not.toMatch(/@import|url\(\s*['"]?https?:/i);
  });
});
