/**
 * A generic event-sourcing library, in layers; a folder imports only its own layer and those below it
 * (test/libs/store/layers.spec.ts checks):
 *
 *   runtime ← core ← memory, feed, sink, checkpoints ← message-db ← reactor ← nest
 *
 * - runtime: logger, timers, backoff (imports nothing; core's conflict retry needs backoff and timers, so it sits below)
 * - core: decider, codec, store contracts: all that a pure domain may import
 * - memory, feed, sink, checkpoints: the in-memory store, change-feed sources, the stream scheduler and the projection
 *   sink, checkpoint keeping
 * - message-db: Message DB (and Postgres checkpoints) on pg
 * - reactor: source + sink + checkpoints composed (startReactor, and startProjector for projections); every reactor setting's default is in reactor/reactor-settings.ts
 * - nest: Nest integration, when there is one
 */
export * from './core';
export * from './runtime';
export * from './memory/memory-change-notifier';
export * from './memory/memory-store';
export * from './checkpoints';
export * from './feed';
export * from './sink';
export * from './reactor';
export * from './message-db';
