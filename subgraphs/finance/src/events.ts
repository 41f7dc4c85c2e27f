import { defineEvents } from '@opsgraph/kit';

/** Finance's outbox events. */
export type FinanceEvents = {
  JournalEntryPosted: {
    entryId: string;
    description: string;
    sourceType: string;
    sourceId: string | null;
    postedAt: string;
    lines: { accountCode: string; currency: string; debitMinor: number; creditMinor: number }[];
  };
};

export const financeEvent = defineEvents<FinanceEvents>({ JournalEntryPosted: 'JournalEntry' });
