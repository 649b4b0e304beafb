import { GuestStayService } from '@app/domain';
import { EventStore } from '@app/store/core';
import { Module } from '@nestjs/common';
import { EVENT_STORE } from '../infrastructure/store-infrastructure';
import { StaysController } from './stays.controller';

@Module({
  controllers: [StaysController],
  providers: [{ provide: GuestStayService, useFactory: (store: EventStore) => new GuestStayService(store), inject: [EVENT_STORE] }],
})
export class StaysModule {}
