import type { BaseContext } from '@opsgraph/kit';
import { createLoaders, type Loaders } from './loaders';

export type OrdersContext = BaseContext & { loaders: Loaders };

export function createContext(base: BaseContext): OrdersContext {
  return { ...base, loaders: createLoaders(base.database.db) };
}
