import { runSubgraphProcess } from '@opsgraph/kit';
import { ordersSubgraph } from './server';

await runSubgraphProcess(ordersSubgraph, 'ORDERS_PORT', 4003);
