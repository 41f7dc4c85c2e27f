import type { BaseContext } from '@opsgraph/kit';
import { createLoaders, type Loaders } from './loaders';

export type InventoryContext = BaseContext & { loaders: Loaders };

export function createContext(base: BaseContext): InventoryContext {
  return { ...base, loaders: createLoaders(base.database.db) };
}
