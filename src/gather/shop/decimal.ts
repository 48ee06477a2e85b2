// Money as the lexicons write it, decimal strings ("0.0003"), compared and
// summed exactly: a decimal is held as a BigInt count of its smallest unit and
// the number of digits after the point, never as a float.

/** A decimal: units × 10^-scale. */
export type Decimal = { units: bigint; scale: number }

/** The lexicons bound amounts and prices to 32 characters. */
const MAX_CHARS = 32
const DECIMAL = /^(\d+)(?:\.(\d+))?$/

/** The decimal a string writes ("1", "0.50"), or undefined when it is not one (signs, exponents, spaces). */
export function parseDecimal(value: unknown): Decimal | undefined {
  if (typeof value !== 'string' || value.length > MAX_CHARS) return undefined
  const m = DECIMAL.exec(value)
  if (!m) return undefined
  const fraction = m[2] ?? ''
  return { units: BigInt(`${m[1]}${fraction}`), scale: fraction.length }
}

function atScale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale)
}

/** Whether two decimals are the same number ("1.0" and "1" are). */
export function sameDecimal(a: Decimal, b: Decimal): boolean {
  const scale = Math.max(a.scale, b.scale)
  return atScale(a, scale) === atScale(b, scale)
}

/** Σ quantity × unitPrice, exactly. */
export function sumOfLines(lines: { quantity: number; unitPrice: Decimal }[]): Decimal {
  const scale = Math.max(0, ...lines.map((l) => l.unitPrice.scale))
  let units = 0n
  for (const l of lines) units += BigInt(l.quantity) * atScale(l.unitPrice, scale)
  return { units, scale }
}

/** The shortest string of a decimal: no trailing zeros after the point, no point for a whole number. */
export function formatDecimal(d: Decimal): string {
  const digits = d.units.toString().padStart(d.scale + 1, '0')
  const whole = digits.slice(0, digits.length - d.scale)
  const fraction = digits.slice(digits.length - d.scale).replace(/0+$/, '')
  return fraction === '' ? whole : `${whole}.${fraction}`
}
