/**
 * @module server/retrieve/reference
 * Recognises exact references in a question ("Recommendation 18", "paragraph 12", "Priority Goal 4,
 * action 6", "clause (f) point 4", "recital 3") and finds those units, so they come first.
 */
import type { DocumentId, Unit, UnitKind } from '../../core/types.js';
import { normaliseReferenceWords, romanValue } from './reference-words.js';

export interface UnitReference {
  kind: UnitKind;
  /** "18", "4.6", "f", "f.4", or "last" (the highest number of that kind in each document). */
  number: string;
}

/**
 * Every reference the text makes, in the order written. Ordinals, number words, Roman numerals and other
 * spellings are first rewritten to plain numbers (reference-words.ts).
 */
export function parseReferences(question: string): UnitReference[] {
  const q = normaliseReferenceWords(question);
  const refs: { at: number; ref: UnitReference }[] = [];
  const add = (at: number, kind: UnitKind, number: string) => refs.push({ at, ref: { kind, number } });

  for (const m of q.matchAll(
    /\b(?:recommendations?|recs?\.?)\s*(?:(?:no\.?|number|#)\s*)?(\d{1,3})((?:\s*(?:[,&\-–]|and|to)\s*\d{1,3})*)/g,
  )) {
    add(m.index, 'recommendation', m[1]);
    expandList(m[1], m[2]).forEach((n) => add(m.index + 1, 'recommendation', n));
  }
  for (const m of q.matchAll(/(?:\bparagraphs?|\bparas?\.?|§)\s*(\d{1,3})((?:\s*(?:[,&\-–]|and|to)\s*\d{1,3})*)/g)) {
    add(m.index, 'paragraph', m[1]);
    expandList(m[1], m[2]).forEach((n) => add(m.index + 1, 'paragraph', n));
  }
  for (const m of q.matchAll(
    /\b(?:priority\s+)?goal\s*(\d|[ivx]+)\b[\s,;:-]*(?:(?:action|point|item)\s*(\d{1,2}))?/g,
  )) {
    const goal = String(romanValue(m[1]) ?? m[1]);
    if (m[2]) add(m.index, 'action', `${goal}.${m[2]}`);
    else add(m.index, 'priority-goal', goal);
  }
  for (const m of q.matchAll(/\baction\s*(\d)\.(\d{1,2})\b/g)) add(m.index, 'action', `${m[1]}.${m[2]}`);
  for (const m of q.matchAll(/\baction\s*(\d{1,2}|last)\s*(?:of|under|in)\s*(?:priority\s+)?goal\s*(\d)\b/g)) {
    add(m.index, 'action', `${m[2]}.${m[1]}`);
  }
  for (const m of q.matchAll(
    /\bclause\s*\(?([a-n])\)?(?![a-z])(?:[\s,;:-]+(?:point|item|subparagraph)\s*(\d{1,2}))?/g,
  )) {
    add(m.index, m[2] ? 'point' : 'clause', m[2] ? `${m[1]}.${m[2]}` : m[1]);
  }
  for (const m of q.matchAll(
    /\b(?:point|item)\s*(\d{1,2}|last)\s*(?:of|under|in)\s*clause\s*\(?([a-n])\)?(?![a-z])/g,
  )) {
    add(m.index, 'point', `${m[2]}.${m[1]}`);
  }
  // "subpara h-9", "point j9", "subparagraph (f) 4", "(h)(9)": a 2009 clause letter and its point written together.
  for (const m of q.matchAll(
    /\b(?:point|item|sub-?para(?:graph)?|sub-?clause)\s*\(?([a-n])\)?[\s.-]{0,3}\(?(\d{1,2})\)?(?![\d.])/g,
  )) {
    add(m.index, 'point', `${m[1]}.${m[2]}`);
  }
  for (const m of q.matchAll(/\(([a-n])\)\s*\((\d{1,2})\)/g)) add(m.index, 'point', `${m[1]}.${m[2]}`);
  for (const m of q.matchAll(/\b(?:preamble\s*(?:,\s*)?)?recital\s*(\d{1,2})\b/g)) add(m.index, 'preamble', m[1]);
  for (const m of q.matchAll(/\bconsideration\s*(\d{1,2})\b/g)) add(m.index, 'consideration', m[1]);
  for (const m of q.matchAll(/\b(recommendation|paragraph|recital|consideration) last\b/g)) {
    add(m.index, m[1] === 'recital' ? 'preamble' : (m[1] as UnitKind), 'last');
  }

  const seen = new Set<string>();
  const all = refs.sort((a, b) => a.at - b.at).map((r) => r.ref);
  // "point 4 of clause (f)" also reads as "clause (f)": the finer reference wins.
  const refined = (r: UnitReference) =>
    (r.kind === 'clause' && all.some((o) => o.kind === 'point' && o.number.startsWith(`${r.number}.`))) ||
    (r.kind === 'priority-goal' && all.some((o) => o.kind === 'action' && o.number.startsWith(`${r.number}.`)));
  return all.filter((r) => {
    const key = `${r.kind}:${r.number}`;
    if (seen.has(key) || refined(r)) return false;
    seen.add(key);
    return true;
  });
}

function expandList(first: string, rest: string): string[] {
  if (!rest) return [];
  const out: string[] = [];
  let prev = Number(first);
  for (const m of rest.matchAll(/([,&\-–]|and|to)\s*(\d{1,3})/g)) {
    const n = Number(m[2]);
    if ((m[1] === 'to' || m[1] === '-' || m[1] === '–') && n > prev && n - prev <= 10) {
      for (let i = prev + 1; i <= n; i++) out.push(String(i));
    } else out.push(String(n));
    prev = n;
  }
  return out;
}

/**
 * Units the references point to, within `scope` when given. A goal reference returns the goal's actions
 * in order (goals have no text of their own).
 */
export function findReferencedUnits(refs: UnitReference[], units: Unit[], scope: DocumentId[] | null): Unit[] {
  // Most questions name no unit: no pass over every unit for them.
  if (refs.length === 0) return [];
  const scoped = scope ? new Set(scope) : null;
  const inScope = scoped ? units.filter((u) => scoped.has(u.documentId)) : units;
  const out: Unit[] = [];
  for (const ref of refs) {
    const matches =
      ref.kind === 'priority-goal'
        ? inScope.filter((u) => u.kind === 'action' && String(u.number).startsWith(`${ref.number}.`))
        : ref.number === 'last'
          ? lastOfEachDocument(inScope.filter((u) => u.kind === ref.kind))
          : ref.number.endsWith('.last')
            ? lastInGroup(inScope, ref)
            : inScope.filter((u) => u.kind === ref.kind && String(u.number) === ref.number);
    for (const m of matches) if (!out.includes(m)) out.push(m);
  }
  return out;
}

/** "The last action of Priority Goal 6": the unit of the kind with the highest number under its goal or clause. */
function lastInGroup(units: Unit[], ref: UnitReference): Unit[] {
  const prefix = ref.number.slice(0, -'last'.length);
  const tail = (u: Unit) => Number(String(u.number).slice(prefix.length));
  const group = units.filter((u) => u.kind === ref.kind && String(u.number).startsWith(prefix));
  const last = group.reduce<Unit | undefined>((best, u) => (!best || tail(u) > tail(best) ? u : best), undefined);
  return last ? [last] : [];
}

/** The unit with the highest number in each document (of units of one kind). */
function lastOfEachDocument(units: Unit[]): Unit[] {
  const last = new Map<DocumentId, Unit>();
  for (const u of units) {
    const best = last.get(u.documentId);
    if (Number.isFinite(Number(u.number)) && (!best || Number(u.number) > Number(best.number)))
      last.set(u.documentId, u);
  }
  return [...last.values()];
}

/** The reference one step along ("the next one" after Recommendation 33 is Recommendation 34), or null. */
export function stepReference(ref: UnitReference, step: 1 | -1): UnitReference | null {
  const bump = (n: string) => (Number(n) + step >= 1 ? String(Number(n) + step) : null);
  switch (ref.kind) {
    case 'action':
    case 'point': {
      const [head, tail] = ref.number.split('.');
      const next = bump(tail);
      return next ? { kind: ref.kind, number: `${head}.${next}` } : null;
    }
    case 'clause': {
      const code = ref.number.charCodeAt(0) + step;
      return code >= 97 && code <= 122 ? { kind: 'clause', number: String.fromCharCode(code) } : null;
    }
    default: {
      const next = bump(ref.number);
      return next ? { kind: ref.kind, number: next } : null;
    }
  }
}

/** A reference written the way parseReferences reads it back. */
export function formatReference(ref: UnitReference): string {
  switch (ref.kind) {
    case 'recommendation':
      return `Recommendation ${ref.number}`;
    case 'paragraph':
      return `paragraph ${ref.number}`;
    case 'action': {
      const [goal, action] = ref.number.split('.');
      return action === 'last' ? `the last action of Priority Goal ${goal}` : `Priority Goal ${goal}, action ${action}`;
    }
    case 'priority-goal':
      return `Priority Goal ${ref.number}`;
    case 'clause':
      return `clause (${ref.number})`;
    case 'point': {
      const [clause, point] = ref.number.split('.');
      return point === 'last' ? `the last point of clause (${clause})` : `clause (${clause}) point ${point}`;
    }
    case 'preamble':
      return `recital ${ref.number}`;
    case 'consideration':
      return `consideration ${ref.number}`;
    default:
      return `${ref.kind} ${ref.number}`;
  }
}
