import { Injectable } from '@nestjs/common';
import { PermissionDto } from './dto/permission.dto';
import { NON_SCOPE_PERMISSIONS, PERMISSIONS } from './permission-catalog';

@Injectable()
export class PermissionsService {
  catalog(): PermissionDto[] {
    return PERMISSIONS.map((p) => ({ ...p, apiKeyScope: !NON_SCOPE_PERMISSIONS.has(p.code) }));
  }
}
