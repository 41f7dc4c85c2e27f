import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** ISO-8601 timestamps. Dates from the database serialize as UTC strings. */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
    return date.toISOString();
  },
  parseValue(value) {
    const date = new Date(String(value));
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) {
      throw new GraphQLError('DateTime must be an ISO-8601 string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return date;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || Number.isNaN(new Date(ast.value).getTime())) {
      throw new GraphQLError('DateTime must be an ISO-8601 string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return new Date(ast.value);
  },
});

const decimalPattern = /^-?\d+(\.\d+)?$/;

/** Exact decimal amounts as strings ("12.50"): money never passes through a float. */
export const Decimal = new GraphQLScalarType({
  name: 'Decimal',
  serialize: (value) => String(value),
  parseValue(value) {
    if (typeof value !== 'string' || !decimalPattern.test(value)) {
      throw new GraphQLError('Decimal must be a string such as "12.50"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !decimalPattern.test(ast.value)) {
      throw new GraphQLError('Decimal must be a string such as "12.50"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return ast.value;
  },
});
