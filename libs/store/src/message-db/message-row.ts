import { RecordedEvent } from '../core/event-store';

/** A row of get_stream_messages / get_category_messages, as the pools of createPool() parse it. */
export interface MessageRow {
  id: string;
  stream_name: string;
  type: string;
  position: number;
  global_position: number;
  data: string | null;
  metadata: string | null;
  time: Date;
}

export function toRecordedEvent(row: MessageRow): RecordedEvent {
  return {
    id: row.id,
    streamName: row.stream_name,
    type: row.type,
    data: fromJson(row.data),
    metadata: fromJson(row.metadata),
    position: row.position,
    globalPosition: row.global_position,
    time: row.time,
  };
}

/** The columns of a message, in the order MessageValues holds them: select them so, and query with rowMode 'array'. */
export const MESSAGE_COLUMNS = 'id, stream_name, type, position, global_position, data, metadata, time';

/**
 * A message as a row in rowMode 'array' (values of MESSAGE_COLUMNS, in order): reads of many rows skip building a
 * keyed object per row that is dropped at once.
 */
export type MessageValues = [string, string, string, number, number, string | null, string | null, Date];

export function valuesToRecordedEvent(values: MessageValues): RecordedEvent {
  return {
    id: values[0],
    streamName: values[1],
    type: values[2],
    data: fromJson(values[5]),
    metadata: fromJson(values[6]),
    position: values[3],
    globalPosition: values[4],
    time: values[7],
  };
}

function fromJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}
