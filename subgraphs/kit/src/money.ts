/** Minor units per major unit for the currencies we price in; two decimals unless listed. */
const exponents: Record<string, number> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3 };

export type Money = { amount: string; currencyCode: string };

/** Integer minor units (as stored) to the API's decimal string. Never goes through a float. */
export function toMoney(minor: number | bigint, currencyCode: string): Money {
  const exponent = exponents[currencyCode] ?? 2;
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, '0');
  const amount = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return { amount: negative ? `-${amount}` : amount, currencyCode };
}

/** The API's decimal string to integer minor units; null when it is not a valid amount in that currency. */
export function parseMoney(amount: string, currencyCode: string): number | null {
  const exponent = exponents[currencyCode] ?? 2;
  const match = /^(-?)(\d{1,13})(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) return null;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return sign ? -minor : minor;
}
