/**
 * @module core/index/checksum
 * The digest index files are checked with (and corpus files fingerprinted with).
 */
import { createHash } from 'node:crypto';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
