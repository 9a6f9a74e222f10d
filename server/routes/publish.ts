/**
 * @module server/routes/publish
 * What every answer carries once it leaves the service: the index that wrote it (`indexBuild`, the corpus
 * fingerprint of the index in service, so a stored answer can be re-verified against the corpus it came from)
 * and, when PUBLIC_URL is set, an absolute `link` on each citation that a policy writer can paste.
 */
import type { ChatReply } from '../answer/types.js';
import type { Services } from '../services.js';

export interface PublishContext {
  indexBuild: string;
  publicUrl: string | undefined;
}

export function publishContext({ index, config }: Pick<Services, 'index' | 'config'>): PublishContext {
  return { indexBuild: index.manifest.corpusFingerprint, publicUrl: config.publicUrl };
}

/** `url` ("/documents/prague-1997#rec-18") under the public address, or undefined without one. */
export function absoluteLink(publicUrl: string | undefined, url: string): string | undefined {
  return publicUrl ? `${publicUrl}${url.startsWith('/') ? '' : '/'}${url}` : undefined;
}

export function publishReply(reply: ChatReply, { indexBuild, publicUrl }: PublishContext): ChatReply {
  const citations = publicUrl
    ? reply.citations.map((c) => ({ ...c, link: absoluteLink(publicUrl, c.url) }))
    : reply.citations;
  return { ...reply, citations, indexBuild };
}
