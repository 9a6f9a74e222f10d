/**
 * @module tests/web/plain-text.test
 * The answer's markdown as plain text for pasting: emphasis and heading marks gone, list items and numbered
 * items kept, table rows as "cell | cell", markers kept as written.
 */
import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from '../../web/src/plain-text.js';

describe('markdownToPlainText', () => {
  it('drops emphasis and heading marks but keeps the structure and markers', () => {
    expect(
      markdownToPlainText(
        '## Prague 1997\n\n- **Recommendation 18**: carriers are *fined* [1]\n- Recommendation 10 [2]\n\n### Prague 2009\n\n1. return [3]\n2. readmission',
      ),
    ).toBe(
      'Prague 1997\n\n- Recommendation 18: carriers are fined [1]\n- Recommendation 10 [2]\n\nPrague 2009\n\n1. return [3]\n2. readmission',
    );
  });

  it('writes a table as one line per row', () => {
    expect(
      markdownToPlainText('| | 1997 | 2009 |\n|---|---|---|\n| Return | agreements [1] | **migrants** [2] |'),
    ).toBe(' | 1997 | 2009\nReturn | agreements [1] | migrants [2]');
  });

  it('indents nested lists and keeps a numbered list’s start and link text', () => {
    expect(markdownToPlainText('3. three\n   - sub [1]\n4. four, see [the text](/documents/x)')).toBe(
      '3. three\n   - sub [1]\n4. four, see the text',
    );
  });

  it('keeps text that only looks like markup as written', () => {
    expect(markdownToPlainText('A <b>tag</b> & `code` stays.')).toBe('A <b>tag</b> & code stays.');
  });
});
