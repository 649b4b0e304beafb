/** Imported first by main.ts: the reactor's heap flags (see heap-flags.ts) in force before anything else is loaded. */
import { applyHeapFlags } from './heap-flags';

applyHeapFlags();
