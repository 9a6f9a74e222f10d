/**
 * @module tests/web/markdown.test
 * The answer's markdown as HTML text before sanitising: lists, tables and headings (from <h3>) rendered,
 * citation markers turned into chip placeholders only for citations the answer has, and raw HTML, images and
 * unsafe links kept as text whatever the input (fast-check): only tags the sanitiser's allow-list keeps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_TAGS } from '../../web/src/answer-html.js';
import { SAFE_LINK, answerToHtml } from '../../web/src/markdown.js';

const upTo = (max: number) => ({ isCitation: (n: number) => n >= 1 && n <= max });

/** The tag names an HTML string opens or closes. */
function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-z][\w-]*)/gi)].map((m) => m[1].toLowerCase());
}

const RENDERED_TAGS = new Set(ANSWER_TAGS);

describe('answerToHtml', () => {
  it('renders bullet and numbered lists with a chip placeholder per marker', () => {
    const html = answerToHtml(
      'In 1997 the Recommendations said:\n- Recommendation 33: “conclude readmission agreements” [1]\n- Recommendation 36 [2]\n\n1. first [3]\n2. second',
      upTo(3),
    );
    expect(html).toContain(
      '<ul>\n<li>Recommendation 33: “conclude readmission agreements” <span data-cite="1"></span></li>',
    );
    expect(html).toContain('<li>Recommendation 36 <span data-cite="2"></span></li>');
    expect(html).toMatch(/<ol>\s*<li>first <span data-cite="3"><\/span><\/li>\s*<li>second<\/li>\s*<\/ol>/);
  });

  it('renders a comparison table, markers in its cells', () => {
    const html = answerToHtml(
      '| | Prague 1997 | Prague 2009 |\n| --- | --- | --- |\n| Return | readmission agreements [1] | return of irregular migrants [2] |',
      upTo(2),
    );
    expect(html).toMatch(
      /<table>[\s\S]*<th>Prague 1997<\/th>[\s\S]*<td>readmission agreements <span data-cite="1"><\/span><\/td>/,
    );
    expect(tagsOf(html)).toEqual(expect.arrayContaining(['table', 'thead', 'tbody', 'tr', 'th', 'td']));
  });

  it('starts headings at h3 whatever level the answer uses, keeping their order', () => {
    expect(answerToHtml('# A\n\ntext\n\n## B', upTo(0))).toBe('<h3>A</h3>\n<p>text</p>\n<h4>B</h4>\n');
    expect(answerToHtml('### Prague 1997\n\n#### Detail\n\n### Prague 2009', upTo(0))).toBe(
      '<h3>Prague 1997</h3>\n<h4>Detail</h4>\n<h3>Prague 2009</h3>\n',
    );
    expect(answerToHtml('###### deep', upTo(0))).toBe('<h3>deep</h3>\n');
  });

  it('keeps bold, paragraphs and line breaks', () => {
    expect(answerToHtml('**Prague 1997** fines [1].\nNext line.\n\nNew paragraph.', upTo(1))).toBe(
      '<p><strong>Prague 1997</strong> fines <span data-cite="1"></span>.<br>Next line.</p>\n<p>New paragraph.</p>\n',
    );
  });

  it('splits grouped markers, and leaves markers without a citation, years and code as text', () => {
    expect(answerToHtml('Both [1, 2] and [1; 9].', upTo(2))).toBe(
      '<p>Both <span data-cite="1"></span><span data-cite="2"></span> and <span data-cite="1"></span>[9].</p>\n',
    );
    expect(answerToHtml('In [1997] they agreed [3], see `[1]`.', upTo(1))).toBe(
      '<p>In [1997] they agreed [3], see <code>[1]</code>.</p>\n',
    );
  });

  it('shows raw HTML as text, and keeps the markers after it', () => {
    const html = answerToHtml('<script>alert(1)</script> <img src=x onerror="alert(2)"> <b>bold</b> See [1].', upTo(1));
    expect(html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(2)&quot;&gt; &lt;b&gt;bold&lt;/b&gt; See <span data-cite="1"></span>.</p>\n',
    );
  });

  it('keeps only same-site and http(s) links; images become their alt text', () => {
    expect(
      answerToHtml('[doc](/documents/prague-1997#rec-18) [x](javascript:alert(1)) [y](//evil.example)', upTo(0)),
    ).toBe('<p><a href="/documents/prague-1997#rec-18">doc</a> x y</p>\n');
    expect(answerToHtml('![a chart](https://example.org/c.png)', upTo(0))).toBe('<p>a chart</p>\n');
  });

  it('does not swallow a "[1]: …" line as a link definition', () => {
    expect(answerToHtml('[1]: Prague 1997, Recommendation 18', upTo(1))).toBe(
      '<p><span data-cite="1"></span>: Prague 1997, Recommendation 18</p>\n',
    );
  });

  it('never lets markup from the answer through, whatever the answer (property)', () => {
    const hostile = fc.constantFrom(
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<iframe src="https://evil.example">',
      '<a href="javascript:alert(1)">x</a>',
      '[x](javascript:alert(1))',
      '<style>*{}</style>',
      '<svg onload=alert(1)>',
      '![i](https://evil.example/x.png)',
      '<div style="x">',
      '[1]',
      '\n\n| a | b |\n|---|---|\n| <b>c</b> | d |\n',
      '- ',
      '# ',
      '**',
      '`',
    );
    const answer = fc.array(fc.oneof(hostile, fc.string({ maxLength: 12 })), { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(answer, (text) => {
        const html = answerToHtml(text, upTo(3));
        for (const tag of tagsOf(html)) expect(RENDERED_TAGS.has(tag), `<${tag}> in ${html}`).toBe(true);
        for (const m of html.matchAll(/<a href="([^"]*)"/g)) expect(m[1]).toMatch(SAFE_LINK);
        expect(html).not.toMatch(/<[^<>]*\son\w+=/i);
      }),
      { numRuns: 300 },
    );
  });
});
