import { HotelReadQueries } from '@app/read-model';
import { MessageDbConnections } from '@app/store/nest';
import { Module } from '@nestjs/common';
import { GroupCheckoutListController } from '../group-checkouts/group-checkout-list.controller';
import { StayListController } from '../stays/stay-list.controller';
import { ProjectionWaiter } from './projection-waiter';

/** The front desk's lists, from the hotel_read tables the reactor's projector keeps (on the replica when there is one). */
@Module({
  controllers: [StayListController, GroupCheckoutListController],
  providers: [
    {
      provide: HotelReadQueries,
      useFactory: (connections: MessageDbConnections) => new HotelReadQueries(connections.readPool ?? connections.pool),
      inject: [MessageDbConnections],
    },
    { provide: ProjectionWaiter, useFactory: (queries: HotelReadQueries) => new ProjectionWaiter(queries), inject: [HotelReadQueries] },
  ],
})
export class ReadSideModule {}
