/** The monthly participation probability of a synthetic person: propensity plus age and calendar shifts, clamped. */

const Q_MIN = 0.01;
const Q_MAX = 0.98;

/** Participation shift by age (years): none of school age, lower for the young and near pension age. */
export function ageEffect(age: number): number {
  if (age < 15) return -Infinity;
  if (age < 18) return -0.15;
  if (age < 23) return -0.05;
  if (age < 55) return 0;
  if (age < 62) return -0.05;
  if (age < 67) return -0.15;
  return -0.35;
}

/** A probability kept inside [Q_MIN, Q_MAX]; 0 of school age (an age effect of −∞). */
export function clampQ(x: number): number {
  if (x === -Infinity) return 0;
  return x < Q_MIN ? Q_MIN : x > Q_MAX ? Q_MAX : x;
}
