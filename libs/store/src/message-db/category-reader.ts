import pg from 'pg';
import { RecordedEvent } from '../core/event-store';
import { ConsumerGroup, PartitionedCategoryReader, isPartitioned, validateConsumerGroup } from '../feed/consumer-group';
import { translateStoreError } from './errors';
import { MESSAGE_COLUMNS, MessageValues, valuesToRecordedEvent } from './message-row';
import { withTransaction } from './transaction';

export interface MessageDbCategoryReaderOptions {
  /**
   * Read only this member's share of the category: Message DB hashes each stream's cardinal id to one member.
   * A stream name without an id reaches no member.
   */
  readonly consumerGroup?: ConsumerGroup;
}

const READ_SQL = `SELECT ${MESSAGE_COLUMNS} FROM message_store.get_category_messages($1, $2, $3)`;
const READ_AS_MEMBER_SQL = `SELECT ${MESSAGE_COLUMNS} FROM message_store.get_category_messages($1, $2, $3, NULL, $4, $5)`;
/**
 * With a consumer group the planner prefers a bitmap scan over the rest of the category, and JIT-compiles it: a
 * catch-up read gets many times slower. Both are switched off for the read's transaction only.
 */
const MEMBER_READ_SETTINGS_SQL = 'SET LOCAL enable_bitmapscan = off; SET LOCAL jit = off';
/** Served backwards by the messages_category index. */
const TAIL_SQL = `SELECT max(global_position) AS last FROM message_store.messages
                  WHERE message_store.category(stream_name) = $1`;

/** Reads a Message DB category page by page, optionally as one member of a consumer group. The pool must come from createPool(). */
export class MessageDbCategoryReader implements PartitionedCategoryReader {
  readonly consumerGroup?: ConsumerGroup;

  constructor(
    private readonly pool: pg.Pool,
    options: MessageDbCategoryReaderOptions = {},
  ) {
    if (options.consumerGroup) validateConsumerGroup(options.consumerGroup);
    this.consumerGroup = options.consumerGroup;
  }

  async readCategory(category: string, fromGlobalPosition: number, batchSize: number): Promise<RecordedEvent[]> {
    try {
      const rows = isPartitioned(this.consumerGroup)
        ? await this.readAsMember(this.consumerGroup, category, fromGlobalPosition, batchSize)
        : await readValues(this.pool, READ_SQL, [category, fromGlobalPosition, batchSize]);
      return rows.map(valuesToRecordedEvent);
    } catch (error) {
      throw translateStoreError(error, `read category ${category}`);
    }
  }

  async categoryTail(category: string): Promise<number> {
    try {
      const { rows } = await this.pool.query<{ last: number | string | null }>(TAIL_SQL, [category]);
      return rows[0].last === null ? 0 : Number(rows[0].last) + 1;
    } catch (error) {
      throw translateStoreError(error, `read the tail of category ${category}`);
    }
  }

  private readAsMember(group: ConsumerGroup, category: string, from: number, batchSize: number): Promise<MessageValues[]> {
    return withTransaction(this.pool, async (client) => {
      await client.query(MEMBER_READ_SETTINGS_SQL);
      return readValues(client, READ_AS_MEMBER_SQL, [category, from, batchSize, group.member, group.size]);
    });
  }
}

async function readValues(queryable: pg.Pool | pg.PoolClient, text: string, values: unknown[]): Promise<MessageValues[]> {
  const query: pg.QueryArrayConfig = { text, values, rowMode: 'array' };
  const { rows } = await queryable.query<MessageValues>(query);
  return rows;
}
