import type { BaseContext } from '@opsgraph/kit';
import { createLoaders, type Loaders } from './loaders';

export type FinanceContext = BaseContext & { loaders: Loaders };

export function createContext(base: BaseContext): FinanceContext {
  return { ...base, loaders: createLoaders(base.database.db) };
}
