import { allCommands } from '@drake/commands';
import { TestServer, type TestClient } from '../../../commands/src/testing/test-server';
import { applyMasterCommand, applySnapshotRecord } from '../replica/apply-master-command';

/**
 * An in-process replica for tests: a TestServer in replica expiry mode that applies the master's stream the way
 * a mirroring ReplicaLink does (applyMasterCommand and applySnapshotRecord, as the master link, propagating
 * nothing), and throws on any command it refuses.
 */
export class TestReplica {
  readonly server: TestServer;
  readonly client: TestClient;

  constructor(options: { dbCount?: number; shardCount?: number; now?: () => number } = {}) {
    this.server = new TestServer(allCommands, undefined, options);
    this.server.keyspace.expiryMode = 'replica';
    this.client = this.server.connect();
    this.client.isMasterLink = true;
    this.client.propagates = false;
  }

  /** Bound, so it can be handed to FlowApplier as its ApplyFn. */
  readonly apply = (dbIndex: number, argv: readonly string[]): void => {
    const error = applyMasterCommand(this.client, dbIndex, argv as string[]);
    if (error !== null) throw new Error(`replica refused ${JSON.stringify(argv)}: ${error}`);
  };

  /** The ApplyFn for snapshot records (FlowApplier's applySnapshot option). */
  readonly applySnapshot = (dbIndex: number, argv: readonly string[]): void => {
    const error = applySnapshotRecord(this.client, dbIndex, argv as string[]);
    if (error !== null) throw new Error(`replica refused snapshot ${JSON.stringify(argv)}: ${error}`);
  };
}
