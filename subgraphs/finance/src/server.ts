import { DateTime, Decimal, loadSdl, type SubgraphDefinition } from '@opsgraph/kit';
import type { Resolvers } from './generated/resolvers';
import { createContext, type FinanceContext } from './context';
import { JournalEntry, JournalLine } from './resolvers/JournalEntry';
import { Query } from './resolvers/Query';
import { TrialBalance, TrialBalanceLine } from './resolvers/TrialBalance';

export const financeSubgraph: SubgraphDefinition<FinanceContext> = {
  name: 'finance',
  typeDefs: loadSdl(new URL('../schema.graphql', import.meta.url)),
  resolvers: { Decimal, DateTime, Query, TrialBalance, TrialBalanceLine, JournalEntry, JournalLine } satisfies Resolvers,
  createContext,
};
