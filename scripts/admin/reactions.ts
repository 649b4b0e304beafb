import { DEFAULT_CHECKOUT_PARALLELISM } from '@app/domain';
import { StreamHandler } from '@app/store';
import { createGroupCheckoutHandler } from '../../apps/reactor/src/group-checkout-handler';
import { buildGroupCheckoutProcess } from '../../apps/reactor/src/group-checkout-reactor';
import { AdminContext } from './context';

/**
 * The handler a processor runs, for `parked retry`: the GroupCheckout reaction under the reactor's PROCESSOR_NAME.
 * Running it beside live reactors is safe: its writes are guarded by expected versions, like two members' would be.
 */
export function reactionOf(context: AdminContext, processorName: string): StreamHandler<unknown> | undefined {
  if (processorName !== context.settings.processorName) return undefined;
  return createGroupCheckoutHandler(buildGroupCheckoutProcess(context.store, undefined, DEFAULT_CHECKOUT_PARALLELISM));
}
