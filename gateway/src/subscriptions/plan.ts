import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type QueryPlan } from '@apollo/query-planner';
import {
  GraphQLError,
  GraphQLString,
  Kind,
  parse,
  print,
  valueFromAST,
  visit,
  type DocumentNode,
  type ArgumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** The argument every subscription field takes to resume after a cursor, and the field every payload carries it in. */
const AFTER_ARGUMENT = 'after';
const CURSOR_FIELD = 'cursor';
/** Names the gateway adds to the subgraph operation; a client's own names cannot start with `__`. */
export const UPSTREAM_AFTER = '__opsgraph_after';
export const UPSTREAM_CURSOR = '__opsgraph_cursor';

/** What the subscription runs on the owning subgraph: its own `after`, so the gateway can resume it anywhere. */
export type UpstreamOperation = {
  subgraph: string;
  query: string;
  /** The client's variables the subgraph operation uses (the cursor goes in as UPSTREAM_AFTER). */
  variables: Record<string, unknown>;
  /** The response key of the subscription field in each event. */
  rootKey: string;
  /** Where the client asked to start: its `after`, or null for only what is committed from now on. */
  after: string | null;
};

export type OperationContext = ReturnType<typeof buildOperationContext>;

/** What a subscription document plans to, whatever its variables: planned once per document and shared. */
export type SubscriptionPlan = {
  operationContext: OperationContext;
  /** The primary fetch then the rest, for executeQueryPlan to run once per event. */
  perEvent: QueryPlan;
  primary: FetchNode;
  /** The primary fetch as the gateway sends it (see upstreamQuery), and the client's own `after` argument. */
  upstreamQuery: { query: string; rootKey: string; variableNames: string[]; clientAfter: ArgumentNode | undefined };
};
/**
 * The supergraph as the gateway plans subscriptions over it: its own query planner over the composed schema
 * (ApolloGateway plans them too, then refuses to execute them). One per loaded supergraph.
 */
export class SubscriptionPlanner {
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
  private readonly queryPlanner: QueryPlanner;

  constructor(
    coreSupergraphSdl: string,
    /** The gateway's API schema, which clients' documents were validated against. */
    readonly schema: GraphQLSchema,
  ) {
    const supergraph = Supergraph.build(coreSupergraphSdl);
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.apiSchema = supergraph.apiSchema();
    this.queryPlanner = new QueryPlanner(supergraph);
  }

  private readonly plans = new WeakMap<DocumentNode, Map<string, SubscriptionPlan>>();

  /** Plans a validated subscription document (cached per document: clients sending the same text share one). */
  plan(document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    let byName = this.plans.get(document);
    if (!byName) this.plans.set(document, (byName = new Map()));
    let plan = byName.get(operationName ?? '');
    if (!plan) byName.set(operationName ?? '', (plan = this.planAnew(document, operationName)));
    return plan;
  }

  private planAnew(document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    const operationContext = buildOperationContext({ schema: this.schema, operationDocument: document, operationName });
    const queryPlan = this.queryPlanner.buildQueryPlan(operationFromDocument(this.apiSchema, document, { operationName }));
    const node = queryPlan.node;
    if (node?.kind !== 'Subscription') throw new Error(`expected a subscription plan, got ${node?.kind ?? 'none'}`);
    const { primary, rest } = node;
    return {
      operationContext,
      perEvent: { kind: 'QueryPlan', node: { kind: 'Sequence', nodes: rest ? [primary, rest] : [primary] } },
      primary,
      upstreamQuery: upstreamQuery(primary, rootField(operationContext.operation)),
    };
  }
}

/** The upstream subscription of a plan for one subscriber's variables. */
export function upstreamOperation(plan: SubscriptionPlan, variables: Record<string, unknown>): UpstreamOperation {
  const { query, rootKey, variableNames, clientAfter } = plan.upstreamQuery;
  const after = clientAfter ? ((valueFromAST(clientAfter.value, GraphQLString, variables) as string | null | undefined) ?? null) : null;
  return {
    subgraph: plan.primary.serviceName,
    query,
    variables: Object.fromEntries(variableNames.filter((v) => v in variables).map((v) => [v, variables[v]])),
    rootKey,
    after,
  };
}

function rootField(operation: OperationDefinitionNode): FieldNode {
  const [field, ...others] = operation.selectionSet.selections;
  // Validation guarantees one root field for a subscription; fragments at the root are not worth supporting.
  if (!field || others.length > 0 || field.kind !== Kind.FIELD) {
    throw new GraphQLError('Select the subscription field directly (no fragment at the root).', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  }
  return field;
}

/**
 * The primary fetch rewritten so the gateway controls where it starts: `after` becomes a variable of the
 * gateway's, and the cursor is selected under an alias of its own whatever the client selected, so a
 * dropped subgraph connection is resumed right after the last event received.
 */
function upstreamQuery(primary: FetchNode, clientRoot: FieldNode): SubscriptionPlan['upstreamQuery'] {
  const clientAfter = clientRoot.arguments?.find((argument) => argument.name.value === AFTER_ARGUMENT);
  const document = parse(primary.operation);
  let rootKey = '';
  const rewritten = visit(document, {
    OperationDefinition(operation) {
      const [root] = operation.selectionSet.selections as FieldNode[];
      rootKey = root!.alias?.value ?? root!.name.value;
      const field: FieldNode = {
        ...root!,
        arguments: [
          ...(root!.arguments ?? []).filter((argument) => argument.name.value !== AFTER_ARGUMENT),
          { kind: Kind.ARGUMENT, name: name(AFTER_ARGUMENT), value: { kind: Kind.VARIABLE, name: name(UPSTREAM_AFTER) } },
        ],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [
            ...(root!.selectionSet?.selections ?? []),
            { kind: Kind.FIELD, alias: name(UPSTREAM_CURSOR), name: name(CURSOR_FIELD) },
          ],
        },
      };
      return {
        ...operation,
        variableDefinitions: [
          ...(operation.variableDefinitions ?? []),
          { kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: name(UPSTREAM_AFTER) }, type: { kind: Kind.NAMED_TYPE, name: name('String') } },
        ],
        selectionSet: { ...operation.selectionSet, selections: [field] },
      };
    },
  });
  // A client variable used only as `after` is no longer used: a subgraph refuses unused variable definitions.
  const used = new Set<string>();
  visit(rewritten, { Variable: (node) => void used.add(node.name.value), VariableDefinition: () => false });
  const withUsedVariables = visit(rewritten, {
    VariableDefinition: (definition) => (used.has(definition.variable.name.value) ? undefined : null),
  });
  return {
    query: print(withUsedVariables),
    rootKey,
    variableNames: primary.variableUsages?.filter((v) => used.has(v)) ?? [],
    clientAfter,
  };
}

function name(value: string) {
  return { kind: Kind.NAME, value } as const;
}
