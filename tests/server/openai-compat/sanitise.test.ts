import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeDestination, sanitiseModelMarkdown } from '../../../server/openai-compat/sanitise.js';

describe('sanitiseModelMarkdown', () => {
  it.each([
    ['plain text, ampersands kept', 'Carriers & airlines are fined [1].', 'Carriers & airlines are fined [1].'],
    ['a script and its body', 'Fined [1].<script>alert(1)</script> Done.', 'Fined [1]. Done.'],
    ['an element with a handler', 'A <img src=x onerror="alert(2)">B', 'A B'],
    ['markup kept as text', 'See <b>this</b> [2].', 'See this [2].'],
    ['a style element', '<style>body{display:none}</style>Text', 'Text'],
    ['an svg with script', '<svg><script>alert(1)</script></svg>ok', 'ok'],
    ['a javascript: link', 'See [this](javascript:alert(3)).', 'See [this](#).'],
    ['an entity-disguised scheme', 'See [x](jav&#x61;script:alert(1)).', 'See [x](#).'],
    ['a safe link', 'See [the text](https://example.org/a?b=c).', 'See [the text](https://example.org/a?b=c).'],
    ['a data: image', '![x](data:image/png;base64,AAAA)', '![x](#)'],
    ['a reference definition', '[r]: javascript:alert(1)', '[r]: #'],
  ])('%s', (_, input, expected) => {
    expect(sanitiseModelMarkdown(input)).toBe(expected);
  });

  it('never lets a tag through, whatever the model writes', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      'script',
      'img',
      ' src=x',
      ' onerror=',
      '"',
      "'",
      '/',
      'a',
      '=',
      ' ',
      '!--',
      'svg',
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')),
        (text) => {
          expect(sanitiseModelMarkdown(text)).not.toMatch(/<[a-z!/]/i);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves text without "<" and without links unchanged', () => {
    fc.assert(
      fc.property(
        fc.string().filter((t) => !t.includes('<') && !t.includes('](') && !/^ {0,3}\[/m.test(t)),
        (text) => {
          expect(sanitiseModelMarkdown(text)).toBe(text);
        },
      ),
    );
  });
});

describe('isSafeDestination', () => {
  it.each([
    ['https://example.org', true],
    ['/api/units/x', true],
    ['mailto:a@b.org', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['&#106;avascript:alert(1)', false],
    ['data:text/html,x', false],
  ])('%s → %s', (destination, safe) => {
    expect(isSafeDestination(destination)).toBe(safe);
  });
});
