/**
 * @module ingest/parse/priority-goals
 * Action plans: "Priority Goal N" headings, each over actions numbered from 1. Every action is a
 * unit `<doc>:pg-N.M`; a goal becomes a unit `pg-N` only if it has text of its own.
 */
import type { Unit } from '../../core/types.js';
import { contentLines, type Line, splitLines } from './layout.js';
import { canStartItem, expectedNumber } from './markers.js';
import { parseNumberedParagraphs } from './numbered-paragraphs.js';
import { closingDrafts, findClosingStart, introDrafts } from './regions.js';
import { finishUnits, type ParseContext, type UnitDraft } from './units.js';

// The goal number may be OCR-damaged like action numbers; the sequence supplies it.
const GOAL_LINE = /^\s*Priority\s+Goal\s+(\d{1,2}|[/|lI])\b/i;

interface Goal {
  line: Line;
  number: number;
  /** Index of the line after the goal's last line. */
  endIndex: number;
}

export function goalLines(lines: Line[]): Goal[] {
  const goals: Goal[] = [];
  for (const line of lines) {
    const m = GOAL_LINE.exec(line.text);
    const expected = goals.length + 1;
    if (!m || (/\d/.test(m[1]) && Number(m[1]) !== expected)) continue;
    if (goals.length > 0) goals[goals.length - 1].endIndex = line.index;
    goals.push({ line, number: expected, endIndex: lines.length });
  }
  return goals;
}

export function parsePriorityGoals(ctx: ParseContext): Unit[] {
  const lines = splitLines(ctx.paged.text);
  const goals = goalLines(lines);
  if (goals.length === 0) return parseNumberedParagraphs(ctx);
  const drafts: UnitDraft[] = [];
  introDrafts(ctx, lines, goals[0].line.index, drafts);
  goals.forEach((goal, i) => {
    const last = i === goals.length - 1;
    const endIndex = last ? findClosingStart(lines, lastActionIndex(lines, goal), lines.length) : goal.endIndex;
    drafts.push(...goalDrafts(ctx, lines, { ...goal, endIndex }));
    if (last) drafts.push(...closingDrafts(lines, endIndex, lines.length));
  });
  return finishUnits(ctx, drafts);
}

function goalDrafts(ctx: ParseContext, lines: Line[], goal: Goal): UnitDraft[] {
  const section = ctx.clean(goal.line.text);
  const actions = actionStarts(lines, goal);
  const drafts: UnitDraft[] = [];
  const ownEnd = actions.length > 0 ? actions[0].line.index : goal.endIndex;
  const own = contentLines(lines, goal.line.index + 1, ownEnd);
  if (own.length > 0) {
    drafts.push({
      key: `pg-${goal.number}`,
      label: `Priority Goal ${goal.number}`,
      kind: 'priority-goal',
      number: goal.number,
      section,
      start: own[0].start,
      end: own[own.length - 1].end,
    });
  }
  actions.forEach((action, j) => {
    const endIndex = j + 1 < actions.length ? actions[j + 1].line.index : goal.endIndex;
    const content = contentLines(lines, action.line.index, endIndex);
    drafts.push({
      key: `pg-${goal.number}.${action.number}`,
      label: `Priority Goal ${goal.number}, Action ${action.number}`,
      kind: 'action',
      number: `${goal.number}.${action.number}`,
      section,
      start: action.line.start + action.contentOffset,
      end: content[content.length - 1].end,
    });
  });
  return drafts;
}

function actionStarts(lines: Line[], goal: Goal): { line: Line; number: number; contentOffset: number }[] {
  const starts: { line: Line; number: number; contentOffset: number }[] = [];
  for (let i = goal.line.index + 1; i < goal.endIndex; i++) {
    const marker = expectedNumber(lines[i], starts.length + 1);
    if (marker && canStartItem(lines, i)) {
      starts.push({ line: lines[i], number: starts.length + 1, contentOffset: marker.contentOffset });
    }
  }
  return starts;
}

function lastActionIndex(lines: Line[], goal: Goal): number {
  const actions = actionStarts(lines, goal);
  return actions.length > 0 ? actions[actions.length - 1].line.index : goal.line.index;
}
