import {
  EXPIRE_GT,
  EXPIRE_LT,
  EXPIRE_NX,
  EXPIRE_XX,
  expireConditionsHold,
  parseExpireOptions,
} from './expire-options';

describe('parseExpireOptions', () => {
  test('bits, case-insensitive, repeats allowed', () => {
    expect(parseExpireOptions(['expire', 'k', '1'], 3)).toBe(0);
    expect(parseExpireOptions(['expire', 'k', '1', 'nX', 'Nx'], 3)).toBe(EXPIRE_NX);
    expect(parseExpireOptions(['expire', 'k', '1', 'XX', 'GT'], 3)).toBe(EXPIRE_XX | EXPIRE_GT);
    expect(parseExpireOptions(['expire', 'k', '1', 'xx', 'lt'], 3)).toBe(EXPIRE_XX | EXPIRE_LT);
  });

  test('errors: unknown word first, then NX conflicts, then GT+LT', () => {
    expect(parseExpireOptions(['e', 'k', '1', 'nx', 'xx', 'bad'], 3)).toBe('ERR Unsupported option bad');
    expect(parseExpireOptions(['e', 'k', '1', 'gt', 'lt', 'nx'], 3)).toBe(
      'ERR NX and XX, GT or LT options at the same time are not compatible',
    );
    expect(parseExpireOptions(['e', 'k', '1', 'gt', 'lt'], 3)).toBe(
      'ERR GT and LT options at the same time are not compatible',
    );
    expect(parseExpireOptions(['e', 'k', '1', 'nxx'], 3)).toBe('ERR Unsupported option nxx');
  });
});

describe('expireConditionsHold', () => {
  test('no TTL is an infinite TTL', () => {
    expect(expireConditionsHold(EXPIRE_GT, -1, 100)).toBe(false);
    expect(expireConditionsHold(EXPIRE_LT, -1, 100)).toBe(true);
    expect(expireConditionsHold(EXPIRE_NX, -1, 100)).toBe(true);
    expect(expireConditionsHold(EXPIRE_XX, -1, 100)).toBe(false);
  });

  test('strict comparisons', () => {
    expect(expireConditionsHold(EXPIRE_GT, 100, 100)).toBe(false);
    expect(expireConditionsHold(EXPIRE_GT, 100, 101)).toBe(true);
    expect(expireConditionsHold(EXPIRE_LT, 100, 100)).toBe(false);
    expect(expireConditionsHold(EXPIRE_LT, 100, 99)).toBe(true);
    expect(expireConditionsHold(EXPIRE_NX, 100, 5)).toBe(false);
    expect(expireConditionsHold(EXPIRE_XX | EXPIRE_LT, 100, 5)).toBe(true);
  });
});
