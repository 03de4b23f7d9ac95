import { Role } from '../entities/role.entity';
import { RoleDto, RoleRefDto } from './dto/role.dto';
import { RoleWithCount } from './role.repository';

export function toRoleRef(role: Role): RoleRefDto {
  return { id: role.id, code: role.code, name: role.name, nameEn: role.nameEn ?? role.name };
}

export function toRoleDto(role: RoleWithCount): RoleDto {
  return { ...toRoleRef(role), builtIn: role.builtIn, permissions: role.permissions, userCount: role.userCount };
}
