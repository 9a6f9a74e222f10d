/**
 * @module scripts/glossary/check
 * What WordNet and the word vectors already bridge inside each glossary group. Bridges read only a question's
 * words the corpus never uses (server/retrieve/bridges.ts), so a member is bridgeable only when it is a single
 * word outside the corpus; the direction that matters is the user's word → the corpus's word.
 */
import { analyse, tokenize } from '../../core/text/terms.js';
import type { TermBridges } from '../../server/retrieve/bridges.js';
import type { GlossaryGroup } from '../../server/retrieve/glossary.js';

export type MemberStatus =
  /** A phrase: bridges read words one by one and cannot stand for it. */
  | 'phrase'
  /** A word the corpus uses: bridges never read it, so only the glossary links it to the rest of its group. */
  | 'corpus word'
  /** A word outside the corpus that bridges skip as too common ("help", "keep"). */
  | 'not bridged'
  /** Bridged to some, not all, of the group's single corpus words. */
  | 'bridged in part'
  /** Bridged to every single corpus word of the group. */
  | 'bridged';

export interface MemberCheck {
  member: string;
  status: MemberStatus;
  /** Other members a bridge from this one reaches, by source. */
  wordnet: string[];
  vectors: string[];
  /** Every bridge target, for reading: "carrier 0.8". */
  targets: string[];
}

export interface BridgeSourcesOf {
  wordnet: TermBridges;
  vectors: TermBridges;
  /** Whether the corpus uses an index term. */
  inCorpus: (term: string) => boolean;
  /** For a corpus word, the corpus words WordNet joins to it in a main sense of both (bridged at half weight). */
  wordnetMap: (term: string) => readonly (readonly [string, number])[];
}

/** Each member of a group, and which other members WordNet and the vectors bridge it to. */
export function checkGroup(group: GlossaryGroup, sources: BridgeSourcesOf): MemberCheck[] {
  const single = group.terms.filter((m) => tokenize(m).length === 1 && analyse(m).length === 1);
  const termOf = new Map(single.map((m) => [m, analyse(m)[0]]));
  const corpusMembers = single.filter((m) => sources.inCorpus(termOf.get(m)!));
  return group.terms.map((member) => {
    const term = termOf.get(member);
    if (term === undefined) return { member, status: 'phrase', wordnet: [], vectors: [], targets: [] };
    if (sources.inCorpus(term)) {
      // A corpus word bridges to these at half weight (ingest/lexicon/known.ts); a glossary match is full weight.
      const related = new Set(sources.wordnetMap(term).map(([t]) => t));
      const wordnet = single.filter((m) => m !== member && related.has(termOf.get(m)!));
      return { member, status: 'corpus word', wordnet, vectors: [], targets: [] };
    }
    const reach = (bridges: TermBridges) => {
      const targets = bridges(member).get(term) ?? [];
      const hit = new Set(targets.map(([t]) => t));
      return {
        members: single.filter((m) => m !== member && hit.has(termOf.get(m)!)),
        all: targets.map(([t, w]) => `${t} ${w.toFixed(2)}`),
      };
    };
    const w = reach(sources.wordnet);
    const v = reach(sources.vectors);
    const reached = new Set([...w.members, ...v.members]);
    const corpusReached = corpusMembers.filter((m) => reached.has(m));
    const status: MemberStatus =
      corpusReached.length === 0
        ? 'not bridged'
        : corpusReached.length === corpusMembers.length
          ? 'bridged'
          : 'bridged in part';
    return { member, status, wordnet: w.members, vectors: v.members, targets: [...new Set([...w.all, ...v.all])] };
  });
}

/** One group's report as lines of text. */
export function formatGroup(index: number, group: GlossaryGroup, checks: readonly MemberCheck[]): string[] {
  const lines = [`#${index} ${group.terms.slice(0, 3).join(' / ')}${group.terms.length > 3 ? ' / …' : ''}`];
  lines.push(`   why: ${group.why}`);
  for (const c of checks) {
    const via = [
      c.wordnet.length ? `WordNet → ${c.wordnet.join(', ')}` : '',
      c.vectors.length ? `vectors → ${c.vectors.join(', ')}` : '',
    ].filter(Boolean);
    const targets = c.targets.length ? ` [bridges: ${c.targets.join('; ')}]` : '';
    lines.push(`   ${c.member}: ${c.status}${via.length ? ` (${via.join('; ')})` : ''}${targets}`);
  }
  return lines;
}
