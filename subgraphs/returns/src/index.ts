import { runSubgraphProcess } from '@opsgraph/kit';
import { returnsSubgraph } from './server';

await runSubgraphProcess(returnsSubgraph, 'RETURNS_PORT', 4004);
