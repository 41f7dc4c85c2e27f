import { runSubgraphProcess } from '@opsgraph/kit';
import { financeSubgraph } from './server';

await runSubgraphProcess(financeSubgraph, 'FINANCE_PORT', 4005);
