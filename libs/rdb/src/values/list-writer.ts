/**
 * A list as Redis saves its quicklist: the node count, then per node (type 18, 7.0) a container tag and the
 * listpack blob, or (type 14, 6.2) just the ziplist blob. The nodes are cut as Redis cuts a list pushed from
 * head to tail (RPUSH), the only layout that follows from the elements alone: Redis's real layout also depends
 * on the push direction and on deletions, which Drake's list does not record. Inner nodes are written LZF'd
 * when list-compress-depth asks for it, as quicklist keeps them.
 */
import type { RedisList } from '@drake/storage';
import { ByteWriter } from '../byte-writer';
import { RDB_ENCVAL, RDB_ENC_LZF, writeLength, writeRdbString, writeRdbStringBytes } from '../rdb-encoding';
import { ListpackWriter } from './listpack';
import {
  clampFill,
  compressNodeBlob,
  isCompressedPosition,
  listpackNodeAllows,
  ziplistNodeAllows,
} from './quicklist-rules';
import { QUICKLIST_NODE_PACKED, QUICKLIST_NODE_PLAIN } from './rdb-types';
import type { ValueWriteOptions } from './write-options';
import { ZiplistWriter } from './ziplist';

/** A finished node: a packed blob (listpack or ziplist), or a plain node's single element. */
type Node = { plain: false; blob: Buffer } | { plain: true; element: string };

/** Shared node builders: blobs are copied out when a node closes, so one buffer serves every list. */
const listpack = new ListpackWriter(8192);
const ziplist = new ZiplistWriter(8192);

/** Cuts the list into nodes the way repeated tail pushes would. */
function buildNodes(list: RedisList, opts: ValueWriteOptions): Node[] {
  const v7 = opts.version >= 10;
  const fill = clampFill(opts.listFill);
  const packer = v7 ? listpack : ziplist;
  const nodeAllows = v7 ? listpackNodeAllows : ziplistNodeAllows;
  const nodes: Node[] = [];
  packer.reset();
  for (const s of list.values()) {
    const len = s.length;
    if (v7 && len >= opts.packedThreshold) {
      if (packer.length > 0) nodes.push({ plain: false, blob: Buffer.from(packer.finish()) });
      packer.reset();
      nodes.push({ plain: true, element: s });
      continue;
    }
    if (packer.length > 0 && !nodeAllows(packer.totalBytes, packer.length, len, fill)) {
      nodes.push({ plain: false, blob: Buffer.from(packer.finish()) });
      packer.reset();
    }
    packer.appendString(s);
  }
  if (packer.length > 0) nodes.push({ plain: false, blob: Buffer.from(packer.finish()) });
  packer.reset();
  return nodes;
}

/** rdbSaveLzfBlob: an already compressed blob with its lengths. */
function writeLzfBlob(w: ByteWriter, compressed: Uint8Array, rawLength: number): void {
  w.writeByte((RDB_ENCVAL << 6) | RDB_ENC_LZF);
  writeLength(w, compressed.length);
  writeLength(w, rawLength);
  w.writeBytes(compressed);
}

/** Writes the body of a list value (type 18 for version 10, type 14 for version 9). */
export function writeList(w: ByteWriter, list: RedisList, opts: ValueWriteOptions): void {
  const v7 = opts.version >= 10;
  const nodes = buildNodes(list, opts);
  const count = nodes.length;
  writeLength(w, count);
  for (let i = 0; i < count; i++) {
    const node = nodes[i];
    if (v7) writeLength(w, node.plain ? QUICKLIST_NODE_PLAIN : QUICKLIST_NODE_PACKED);
    const bytes = node.plain ? Buffer.from(node.element, 'latin1') : node.blob;
    const lzf = isCompressedPosition(i, count, opts.listCompressDepth) ? compressNodeBlob(bytes) : null;
    if (lzf !== null) writeLzfBlob(w, lzf, bytes.length);
    else if (node.plain) writeRdbString(w, node.element, opts.compress);
    else writeRdbStringBytes(w, node.blob, opts.compress);
  }
}

/** A list's quicklist as DEBUG OBJECT reports it: the node count and the bytes of the nodes uncompressed. */
export interface QuicklistShape {
  readonly nodes: number;
  readonly uncompressedBytes: number;
}

/** The quicklist writeList would save for `list` (7.0's listpack nodes), measured rather than written. */
export function quicklistShape(list: RedisList, opts: ValueWriteOptions): QuicklistShape {
  const nodes = buildNodes(list, { ...opts, version: 10 });
  let uncompressedBytes = 0;
  for (const node of nodes) uncompressedBytes += node.plain ? node.element.length : node.blob.length;
  return { nodes: nodes.length, uncompressedBytes };
}
