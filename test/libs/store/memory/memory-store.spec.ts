import { MemoryStore } from '@app/store';
import { describeEventStoreContract } from '../support/event-store-contract';

describeEventStoreContract('MemoryStore', async () => ({ store: new MemoryStore(), dispose: async () => undefined }));
