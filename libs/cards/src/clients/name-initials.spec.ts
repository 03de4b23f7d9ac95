import { nameInitials } from './name-initials';

describe('nameInitials', () => {
  it.each([
    ['张三', 'zs'],
    ['欧阳娜娜', 'oynn'],
    ['曾小贤', 'zxx'],
    ['单田芳', 'stf'],
    ['John Smith', 'js'],
    ['李 Lily', 'll'],
  ])('%s → %s', (name, initials) => {
    expect(nameInitials(name)).toBe(initials);
  });
});
