/**
 * @module ingest/parse/lettered-clauses
 * Declarations: preamble recitals, then clauses (a), (b)… whose lead-in may introduce numbered
 * points. Units: `preamble-N`, `clause-x` (the lead-in only), `clause-x.N`, and a closing paragraph.
 */
import type { Unit } from '../../core/types.js';
import { isBlank, isFurniture, type Line, splitLines } from './layout.js';
import { canStartItem, expectedLetter, expectedNumber, nextLetter } from './markers.js';
import { parseNumberedParagraphs } from './numbered-paragraphs.js';
import { PREAMBLE, firstTextLine, recitalDrafts } from './recitals.js';
import { closingDrafts, findClosingStart } from './regions.js';
import { finishUnits, type ParseContext, type UnitDraft } from './units.js';

interface ItemStart {
  index: number;
  value: string | number;
  contentStart: number;
}

export function clauseStarts(lines: Line[]): ItemStart[] {
  const starts: ItemStart[] = [];
  for (const line of lines) {
    const expected = starts.length === 0 ? 'a' : nextLetter(String(starts[starts.length - 1].value));
    const marker = expectedLetter(line, expected);
    if (marker && canStartItem(lines, line.index)) {
      starts.push({ index: line.index, value: expected, contentStart: line.start + marker.contentOffset });
    }
  }
  return starts;
}

export function parseLetteredClauses(ctx: ParseContext): Unit[] {
  const lines = splitLines(ctx.paged.text);
  const clauses = clauseStarts(lines);
  if (clauses.length === 0) return parseNumberedParagraphs(ctx);
  const preambleStart = firstTextLine(lines, 0, clauses[0].index);
  const drafts: UnitDraft[] = recitalDrafts(lines, preambleStart, clauses[0].index, PREAMBLE);
  clauses.forEach((clause, i) => {
    const last = i === clauses.length - 1;
    let endIndex = last ? lines.length : clauses[i + 1].index;
    const points = pointStarts(lines, clause.index + 1, endIndex);
    if (last) endIndex = findClosingStart(lines, points.at(-1)?.index ?? clause.index, lines.length);
    drafts.push(...clauseDrafts(lines, clause, points, endIndex));
    if (last) drafts.push(...closingDrafts(lines, endIndex, lines.length));
  });
  return finishUnits(ctx, drafts);
}

function pointStarts(lines: Line[], from: number, to: number): ItemStart[] {
  const starts: ItemStart[] = [];
  for (let i = from; i < to; i++) {
    const marker = expectedNumber(lines[i], starts.length + 1);
    if (marker && canStartItem(lines, i)) {
      starts.push({ index: i, value: starts.length + 1, contentStart: lines[i].start + marker.contentOffset });
    }
  }
  return starts;
}

function clauseDrafts(lines: Line[], clause: ItemStart, points: ItemStart[], endIndex: number): UnitDraft[] {
  const letter = String(clause.value);
  const leadEnd = points.length > 0 ? points[0].index : endIndex;
  const drafts: UnitDraft[] = [
    {
      key: `clause-${letter}`,
      label: `Clause (${letter})`,
      kind: 'clause',
      number: letter,
      section: '',
      start: clause.contentStart,
      end: contentEnd(lines, clause.index, leadEnd),
    },
  ];
  points.forEach((point, j) => {
    const to = j + 1 < points.length ? points[j + 1].index : endIndex;
    drafts.push({
      key: `clause-${letter}.${point.value}`,
      label: `Clause (${letter}), point ${point.value}`,
      kind: 'point',
      number: `${letter}.${point.value}`,
      section: `Clause (${letter})`,
      start: point.contentStart,
      end: contentEnd(lines, point.index, to),
    });
  });
  return drafts;
}

/** End offset of the last content line in lines[from, to); page furniture does not count. */
function contentEnd(lines: Line[], from: number, to: number): number {
  for (let i = to - 1; i > from; i--) {
    if (!isBlank(lines[i]) && !isFurniture(lines[i].text)) return lines[i].end;
  }
  return lines[from].end;
}
