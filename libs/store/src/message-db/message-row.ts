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

function fromJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}
