import { runSubgraphProcess } from '@opsgraph/kit';
import { inventorySubgraph } from './server';

await runSubgraphProcess(inventorySubgraph, 'INVENTORY_PORT', 4002);
