import { GroupCheckoutService } from '@app/domain';
import { ChangeNotifier, EventStore, StateCache } from '@app/store/core';
import { DynamicModule, Module } from '@nestjs/common';
import { CHANGE_NOTIFIER, EVENT_STORE, STATE_CACHE } from '../infrastructure/store-infrastructure';
import { GroupCheckoutWaiter, GroupCheckoutWaiterOptions } from './group-checkout-waiter';
import { GroupCheckoutEventsController } from './group-checkout-events.controller';
import { GroupCheckoutsController } from './group-checkouts.controller';

@Module({})
export class GroupCheckoutsModule {
  static forRoot(waiterOptions: GroupCheckoutWaiterOptions): DynamicModule {
    return {
      module: GroupCheckoutsModule,
      controllers: [GroupCheckoutsController, GroupCheckoutEventsController],
      providers: [
        {
          provide: GroupCheckoutService,
          useFactory: (store: EventStore, cache: StateCache) => new GroupCheckoutService(store, { cache }),
          inject: [EVENT_STORE, STATE_CACHE],
        },
        {
          provide: GroupCheckoutWaiter,
          useFactory: (groups: GroupCheckoutService, notifier: ChangeNotifier) =>
            new GroupCheckoutWaiter(groups, notifier, waiterOptions),
          inject: [GroupCheckoutService, CHANGE_NOTIFIER],
        },
      ],
    };
  }
}
