/**
 * @module scripts/glossary-check
 * `npm run glossary:check`: for each glossary group, which members WordNet's map and the word-vector neighbours
 * already bridge to which others, through the same functions and thresholds the server uses. A member they
 * bridge to every corpus word of its group is a candidate to drop (measure with BRIDGES/GLOSSARY first).
 * `--json` prints the checks as data.
 */
import { Command } from 'commander';
import { loadConfig } from '../core/config.js';
import { createEmbedder } from '../core/embed/select.js';
import { relatedTerms } from '../core/index/lexicon.js';
import { loadIndex } from '../core/index/store.js';
import { ensureIndex } from '../ingest/ensure-index.js';
import { termBridges } from '../server/retrieve/context.js';
import { PROJECT_GLOSSARY } from '../server/retrieve/glossary.js';
import { checkGroup, formatGroup } from './glossary/check.js';

const opts = new Command().option('--json', 'print JSON').parse().opts<{ json?: boolean }>();

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureIndex(config, (l) => process.stderr.write(`${l}\n`));
  const index = await loadIndex(config.indexDir);
  const embedder = await createEmbedder(config, index.embedderState);
  const sources = {
    wordnet: termBridges(index, embedder, 'wordnet'),
    vectors: termBridges(index, embedder, 'vectors'),
    inCorpus: (term: string) => index.lexical.termId(term) !== undefined,
    wordnetMap: (term: string) => relatedTerms(index.lexicon, term),
  };
  const checks = PROJECT_GLOSSARY.groups.map((group) => checkGroup(group, sources));
  if (opts.json) {
    const rows = PROJECT_GLOSSARY.groups.map((group, i) => ({ ...group, members: checks[i] }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const counts = new Map<string, number>();
  for (const c of checks.flat()) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const lines = PROJECT_GLOSSARY.groups.flatMap((group, i) => formatGroup(i, group, checks[i]));
  process.stdout.write(`${lines.join('\n')}\n\nMembers: ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
