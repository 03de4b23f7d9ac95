import { randomBytes } from 'node:crypto';
import { BlindIndex, normaliseForIndex } from './blind-index';

describe('BlindIndex', () => {
  const index = new BlindIndex(randomBytes(32));

  it('gives equal hashes for equal normalised values', () => {
    const hash = index.compute('11010119780402001X', 'client.id_number');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(index.compute(' 110101 19780402001x ', 'client.id_number')).toBe(hash);
    expect(index.compute('１１０１０１１９７８０４０２００１Ｘ', 'client.id_number')).toBe(hash);
  });

  it('separates contexts and keys', () => {
    expect(index.compute('13800138000', 'client.phone')).not.toBe(index.compute('13800138000', 'client.id_number'));
    expect(new BlindIndex(randomBytes(32)).compute('13800138000', 'client.phone')).not.toBe(
      index.compute('13800138000', 'client.phone'),
    );
  });

  it('hashes exact values without normalising: case and dashes tell identifiers apart', () => {
    const openId = 'oAbC-12_xyz';
    expect(index.computeExact(openId, 'client.wechat_open_id')).toMatch(/^[0-9a-f]{64}$/);
    expect(index.computeExact(openId, 'client.wechat_open_id')).toBe(index.computeExact(openId, 'client.wechat_open_id'));
    expect(index.computeExact(openId, 'client.wechat_open_id')).not.toBe(
      index.computeExact('OABC-12_XYZ', 'client.wechat_open_id'),
    );
    expect(index.computeExact(openId, 'client.wechat_open_id')).not.toBe(
      index.computeExact('oAbC12_xyz', 'client.wechat_open_id'),
    );
    expect(index.computeExact('11010119780402001X', 'client.id_number')).toBe(
      index.compute(' 110101 19780402001x ', 'client.id_number'),
    );
  });

  it('refuses short keys', () => {
    expect(() => new BlindIndex(randomBytes(16))).toThrow(/at least 32 bytes/);
  });

  it('normalises width, spaces, dashes and case', () => {
    expect(normaliseForIndex(' ｅ1234-5678 ')).toBe('E12345678');
  });
});
