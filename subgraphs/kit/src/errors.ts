import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export type UserError = { field: string[] | null; code: string; message: string };

/**
 * Thrown inside a mutation to abort it (rolling back its transaction) and answer with userErrors.
 * Business failures are data a client branches on, never exceptions that escape to GraphQL.
 */
export class UserErrors extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
  }
  static of(field: string[] | null, code: string, message: string): UserErrors {
    return new UserErrors([{ field, code, message }]);
  }
}

/**
 * Runs a mutation and shapes its payload: the result plus `userErrors: []`, or every payload field null
 * and the userErrors when the mutation was refused.
 */
export async function mutationPayload<T extends object>(
  run: () => Promise<T>,
  emptyPayload: { [K in keyof T]: null },
): Promise<(T | { [K in keyof T]: null }) & { userErrors: UserError[] }> {
  try {
    return { ...(await run()), userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrors) return { ...emptyPayload, userErrors: error.userErrors };
    throw error;
  }
}

/** A bad argument on a query (not a mutation): a GraphQL error with a stable code. */
export function badInput(message: string, argument: string, code = 'BAD_USER_INPUT'): GraphQLError {
  return new GraphQLError(message, { extensions: { code, argument } });
}

/** Collects validation failures so a request hears about all of them at once. */
export class Validator {
  private readonly errors: UserError[] = [];

  check(ok: boolean, field: string[], code: string, message: string): this {
    if (!ok) this.errors.push({ field, code, message });
    return this;
  }

  /** A positive whole quantity no larger than `max` (larger is almost certainly a typo). */
  quantity(value: number, field: string[], max = QUANTITY_LIMIT): this {
    if (!Number.isInteger(value)) return this.check(false, field, 'INVALID_QUANTITY', 'Quantity must be a whole number.');
    this.check(value > 0, field, 'INVALID_QUANTITY', 'Quantity must be greater than zero.');
    return this.check(value <= max, field, 'QUANTITY_TOO_LARGE', `Quantity must be at most ${max}.`);
  }

  required(value: string | null | undefined, field: string[], what: string): this {
    return this.check(Boolean(value && value.trim()), field, 'REQUIRED', `${what} is required.`);
  }

  /** Throws what was collected, if anything. */
  done(): void {
    if (this.errors.length > 0) throw new UserErrors(this.errors);
  }
}

/** The largest quantity a single stock or order line may carry. */
export const QUANTITY_LIMIT = 1_000_000;

/**
 * Unexpected errors are logged with their detail and answered with a generic message: a client never
 * sees SQL or stack traces, and always gets a GraphQL response rather than a dropped connection.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (code === 'INTERNAL_SERVER_ERROR' && original && !(original instanceof GraphQLError)) {
    console.error('Unexpected error while resolving', formatted.path?.join('.') ?? '', original);
    return { message: 'Internal server error', path: formatted.path, extensions: { code } };
  }
  return formatted;
}
