/** A lex range bound as ZRANGEBYLEX reads it: '-' / '+' are the extremes, else '[' inclusive or '(' exclusive. */
export interface LexBound {
  /** -1: '-' (below everything), 1: '+' (above everything), 0: a member value. */
  readonly inf: -1 | 0 | 1;
  readonly value: string;
  readonly exclusive: boolean;
}

/** member >= min bound (or > when exclusive). Members are latin1 strings, so `<` is byte order. */
export function lexGteMin(member: string, min: LexBound): boolean {
  if (min.inf !== 0) return min.inf < 0;
  return min.exclusive ? member > min.value : member >= min.value;
}

/** member <= max bound (or < when exclusive). */
export function lexLteMax(member: string, max: LexBound): boolean {
  if (max.inf !== 0) return max.inf > 0;
  return max.exclusive ? member < max.value : member <= max.value;
}
