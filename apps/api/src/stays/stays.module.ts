import { GuestStayService } from '@app/domain';
import { EventStore, StateCache } from '@app/store/core';
import { Module } from '@nestjs/common';
import { EVENT_STORE, STATE_CACHE } from '../infrastructure/store-infrastructure';
import { StaysController } from './stays.controller';

@Module({
  controllers: [StaysController],
  providers: [
    {
      provide: GuestStayService,
      useFactory: (store: EventStore, cache: StateCache) => new GuestStayService(store, { cache }),
      inject: [EVENT_STORE, STATE_CACHE],
    },
  ],
})
export class StaysModule {}
