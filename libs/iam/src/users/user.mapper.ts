import { StaffUser } from '../entities/staff-user.entity';
import { toRoleRef } from '../roles/role.mapper';
import { UserDto } from './dto/user.dto';

export function toUserDto(user: StaffUser, now = new Date()): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email ?? undefined,
    status: user.status,
    roles: [...user.roles].sort((a, b) => a.code.localeCompare(b.code)).map(toRoleRef),
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil.toISOString() : undefined,
    lastLoginAt: user.lastLoginAt?.toISOString(),
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
  };
}
