import type { IdTree, TreeCursor } from './id-tree';
import type { StreamId } from './stream-id';
import type { StreamEntry, StreamNode } from './stream-node';

/** A walk over live entries between two IDs (inclusive), forwards or backwards. Mutations invalidate it. */
export class StreamCursor {
  private readonly nodes: TreeCursor<StreamNode>;
  private node: StreamNode | undefined;
  private index: number;

  constructor(
    tree: IdTree<StreamNode>,
    private readonly start: StreamId,
    private readonly end: StreamId,
    private readonly rev: boolean,
  ) {
    if (!rev) {
      let c = tree.floorCursor(start);
      if (c.value === undefined) c = tree.firstCursor();
      this.nodes = c;
      this.node = c.value;
      this.index = this.node === undefined ? 0 : this.node.lowerIndex(start);
    } else {
      this.nodes = tree.floorCursor(end);
      this.node = this.nodes.value;
      this.index = this.node === undefined ? -1 : this.node.upperIndex(end) - 1;
    }
  }

  /** The next live entry in range, or undefined when the walk is over. */
  next(): StreamEntry | undefined {
    return this.rev ? this.backward() : this.forward();
  }

  private forward(): StreamEntry | undefined {
    while (this.node !== undefined) {
      const node = this.node;
      while (this.index < node.size) {
        const i = this.index++;
        if (node.isDeleted(i)) continue;
        if (node.compareAt(i, this.end) > 0) {
          this.node = undefined;
          return undefined;
        }
        return node.entryAt(i);
      }
      this.node = this.nodes.next();
      this.index = 0;
    }
    return undefined;
  }

  private backward(): StreamEntry | undefined {
    while (this.node !== undefined) {
      const node = this.node;
      while (this.index >= 0) {
        const i = this.index--;
        if (node.isDeleted(i)) continue;
        if (node.compareAt(i, this.start) < 0) {
          this.node = undefined;
          return undefined;
        }
        return node.entryAt(i);
      }
      this.node = this.nodes.prev();
      this.index = this.node === undefined ? -1 : this.node.size - 1;
    }
    return undefined;
  }
}
