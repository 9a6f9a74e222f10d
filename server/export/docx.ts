/**
 * @module server/export/docx
 * A footnoted answer as a Word document, built with the `docx` package: the question as a heading (when
 * given), the answer's lines as paragraphs (Markdown headings, bullets and **bold** kept as Word's own), its
 * markers as Word footnote references, and one Word footnote per citation: reference, quote, link.
 * `docx` is loaded on the first export, so the server starts without it.
 */
import type { FootnotedAnswer, Footnote, Piece } from './footnotes.js';

type Docx = typeof import('docx');

const HEADING = /^(#{1,6})\s+/;
const BULLET = /^\s*[-*•]\s+/;

/** Text runs with Markdown's **bold** as bold runs. */
function textRuns(docx: Docx, text: string): InstanceType<Docx['TextRun']>[] {
  return text
    .split(/(\*\*[^*]+\*\*)/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('**') && part.endsWith('**') && part.length > 4
        ? new docx.TextRun({ text: part.slice(2, -2), bold: true })
        : new docx.TextRun(part),
    );
}

function runs(docx: Docx, pieces: readonly Piece[]) {
  return pieces.flatMap((p) =>
    typeof p === 'string' ? textRuns(docx, p) : [new docx.FootnoteReferenceRun(p.footnote)],
  );
}

/** Strips a line's Markdown prefix (heading hashes, bullet) from its first piece. */
function withoutPrefix(pieces: readonly Piece[], prefix: RegExp): Piece[] {
  const [first, ...rest] = pieces;
  return typeof first === 'string' ? [first.replace(prefix, ''), ...rest] : [...pieces];
}

function paragraph(docx: Docx, pieces: readonly Piece[]) {
  const first = typeof pieces[0] === 'string' ? pieces[0] : '';
  const heading = HEADING.exec(first);
  if (heading) {
    const level = [
      docx.HeadingLevel.HEADING_2,
      docx.HeadingLevel.HEADING_2,
      docx.HeadingLevel.HEADING_3,
      docx.HeadingLevel.HEADING_4,
      docx.HeadingLevel.HEADING_5,
      docx.HeadingLevel.HEADING_6,
    ][heading[1].length - 1];
    return new docx.Paragraph({ heading: level, children: runs(docx, withoutPrefix(pieces, HEADING)) });
  }
  if (BULLET.test(first)) {
    return new docx.Paragraph({ bullet: { level: 0 }, children: runs(docx, withoutPrefix(pieces, BULLET)) });
  }
  return new docx.Paragraph({ children: runs(docx, pieces) });
}

function footnoteParagraph(docx: Docx, f: Footnote) {
  const children = [
    new docx.TextRun(f.reference.endsWith('.') ? f.reference : `${f.reference}.`),
    ...(f.quote ? [new docx.TextRun(` “${f.quote}”`)] : []),
    ...(f.link
      ? [
          new docx.TextRun(' '),
          new docx.ExternalHyperlink({
            link: f.link,
            children: [new docx.TextRun({ text: f.link, style: 'Hyperlink' })],
          }),
        ]
      : []),
  ];
  return new docx.Paragraph({ children });
}

export async function toDocx(answer: FootnotedAnswer): Promise<Buffer> {
  const docx = await import('docx');
  const body = answer.lines.filter((pieces) => pieces.length > 0).map((pieces) => paragraph(docx, pieces));
  const title = answer.question
    ? [new docx.Paragraph({ heading: docx.HeadingLevel.HEADING_1, children: [new docx.TextRun(answer.question)] })]
    : [];
  const document = new docx.Document({
    creator: 'Budapest Process assistant',
    title: answer.question ?? 'Answer',
    footnotes: Object.fromEntries(
      answer.footnotes.map((f) => [String(f.id), { children: [footnoteParagraph(docx, f)] }]),
    ),
    sections: [{ children: [...title, ...body] }],
  });
  return docx.Packer.toBuffer(document);
}
