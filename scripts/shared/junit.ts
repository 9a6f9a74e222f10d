/**
 * @module scripts/shared/junit
 * JUnit XML for the command-line checks (`npm run eval`, `npm run verify`): one testsuite of testcases that
 * pass, fail or are skipped. Written here rather than with a library: the format is a dozen lines and the
 * only subtlety, XML escaping, is below.
 */

export interface JUnitCase {
  name: string;
  /** Seconds, when measured. */
  seconds?: number;
  outcome: 'pass' | 'fail' | 'skip';
  /** The failure or skip message. */
  message?: string;
  /** The failure's type attribute, e.g. "expected-unit-not-cited". */
  type?: string;
  /** The failure's body: details over several lines. */
  details?: string;
}

// XML 1.0 allows no control characters but tab, newline and carriage return, even escaped.
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatJUnitSuite(suitesName: string, suiteName: string, cases: readonly JUnitCase[]): string {
  const suite = xml(suiteName);
  const time = (s: number | undefined): string => (s === undefined ? '' : ` time="${s.toFixed(3)}"`);
  const total = cases.reduce((sum, c) => sum + (c.seconds ?? 0), 0);
  const failures = cases.filter((c) => c.outcome === 'fail').length;
  const skipped = cases.filter((c) => c.outcome === 'skip').length;
  const body = cases.map((c) => {
    const open = `    <testcase classname="${suite}" name="${xml(c.name)}"${time(c.seconds)}`;
    if (c.outcome === 'pass') return `${open}/>`;
    const inner =
      c.outcome === 'skip'
        ? `      <skipped message="${xml(c.message ?? '')}"/>`
        : `      <failure message="${xml(c.message ?? '')}"${c.type ? ` type="${xml(c.type)}"` : ''}>${xml(c.details ?? '')}</failure>`;
    return `${open}>\n${inner}\n    </testcase>`;
  });
  const counts = `tests="${cases.length}" failures="${failures}" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(suitesName)}" ${counts}${time(total)}>`,
    `  <testsuite name="${suite}" ${counts} errors="0"${time(total)}>`,
    ...body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
