import { AdminCommand } from '../command';
import { CHECKPOINT_COMMANDS } from './checkpoints';
import { DB_COMMANDS } from './db-init';
import { PARKED_COMMANDS } from './parked';
import { PROJECTION_COMMANDS } from './projections';
import { STREAM_COMMANDS } from './stream-show';
import { STUCK_COMMANDS } from './stuck';

export const ADMIN_COMMANDS: readonly AdminCommand[] = [
  ...DB_COMMANDS,
  ...CHECKPOINT_COMMANDS,
  ...STREAM_COMMANDS,
  ...STUCK_COMMANDS,
  ...PARKED_COMMANDS,
  ...PROJECTION_COMMANDS,
];
