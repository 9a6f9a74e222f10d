/**
 * @module core/index/bm25-codec
 * The BM25 index on disk: a small JSON header (fields, ids, terms, array lengths) followed by the typed
 * arrays' bytes, 4-byte aligned. Loading makes views onto the file's buffer instead of parsing: the 100k-unit
 * index loads in milliseconds and takes no more memory than its file.
 */
import { IndexError } from '../errors.js';
import type { Bm25Data, Bm25Params, FieldPostings } from './bm25.js';

const MAGIC = 'BM25';
const CODEC_VERSION = 3;

type ArrayKind = 'u32' | 'u16';

interface Header {
  version: number;
  params: Bm25Params;
  fields: string[];
  forwardFields: string[];
  sequenceField: string;
  ids: string[];
  groups: string[];
  terms: string[];
  surfaces: string[];
  arrays: { kind: ArrayKind; length: number }[];
}

const align4 = (n: number) => (n + 3) & ~3;

/** The data's typed arrays in the order they are written and read. */
function arraysOf(data: Bm25Data): (Uint32Array | Uint16Array)[] {
  return [
    data.groupOf,
    ...data.postings.flatMap((p) => [p.offsets, p.units, p.frequencies, p.lengths]),
    data.forwardOffsets,
    data.forwardTerms,
    data.sequenceOffsets,
    data.sequenceTerms,
  ];
}

export function encodeBm25(data: Bm25Data): Buffer {
  const arrays = arraysOf(data);
  const header: Header = {
    version: CODEC_VERSION,
    params: data.params,
    fields: data.fields,
    forwardFields: data.forwardFields,
    sequenceField: data.sequenceField,
    ids: data.ids,
    groups: data.groups,
    terms: data.terms,
    surfaces: data.surfaces,
    arrays: arrays.map((a) => ({ kind: a instanceof Uint16Array ? 'u16' : 'u32', length: a.length })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align4(12 + json.length);
  const size = arrays.reduce((at, a) => align4(at + a.byteLength), start);
  const out = Buffer.alloc(size);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(CODEC_VERSION, 4);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  let at = start;
  for (const a of arrays) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, at);
    at = align4(at + a.byteLength);
  }
  return out;
}

function corrupt(why: string): IndexError {
  return new IndexError(
    'INDEX_CORRUPT',
    `bm25-codec: the lexical index is unreadable (${why}); run \`npm run ingest\``,
  );
}

export function decodeBm25(file: Buffer): Bm25Data {
  if (file.length < 12 || file.toString('latin1', 0, 4) !== MAGIC) throw corrupt('not a BM25 index file');
  const version = file.readUInt32LE(4);
  if (version !== CODEC_VERSION) throw corrupt(`codec version ${version}, expected ${CODEC_VERSION}`);
  const headerLength = file.readUInt32LE(8);
  if (12 + headerLength > file.length) throw corrupt('header runs past the end of the file');
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', 12, 12 + headerLength)) as Header;
  } catch {
    throw corrupt('header is not JSON');
  }
  // Typed-array views need an aligned offset; a buffer sliced from Node's pool may not have one.
  const bytes = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  let at = align4(12 + headerLength);
  const arrays = header.arrays.map(({ kind, length }) => {
    const width = kind === 'u16' ? 2 : 4;
    if (at + length * width > bytes.length) throw corrupt('arrays run past the end of the file');
    const view =
      kind === 'u16'
        ? new Uint16Array(bytes.buffer, bytes.byteOffset + at, length)
        : new Uint32Array(bytes.buffer, bytes.byteOffset + at, length);
    at = align4(at + length * width);
    return view;
  });
  const perField: ArrayKind[] = ['u32', 'u32', 'u16', 'u32'];
  // groupOf, each field's four arrays, the forward lists, the sequences.
  const kinds: ArrayKind[] = ['u32', ...header.fields.flatMap(() => perField), 'u32', 'u32', 'u32', 'u32'];
  if (header.arrays.map((a) => a.kind).join() !== kinds.join()) throw corrupt('unexpected array layout');
  const next = <T extends Uint32Array | Uint16Array>() => arrays.shift() as T;
  const groupOf = next<Uint32Array>();
  const postings = header.fields.map((): FieldPostings => ({
    offsets: next<Uint32Array>(),
    units: next<Uint32Array>(),
    frequencies: next<Uint16Array>(),
    lengths: next<Uint32Array>(),
  }));
  return {
    params: header.params,
    fields: header.fields,
    ids: header.ids,
    groups: header.groups,
    groupOf,
    terms: header.terms,
    surfaces: header.surfaces,
    postings,
    forwardFields: header.forwardFields,
    forwardOffsets: next<Uint32Array>(),
    forwardTerms: next<Uint32Array>(),
    sequenceField: header.sequenceField,
    sequenceOffsets: next<Uint32Array>(),
    sequenceTerms: next<Uint32Array>(),
  };
}
