import { AuditVerification } from '../audit-events/audit-verification.entity';
import { ApiKey } from './api-key.entity';
import { Organisation } from './organisation.entity';
import { RefreshToken } from './refresh-token.entity';
import { Role } from './role.entity';
import { StaffUser } from './staff-user.entity';

export { ApiKey, Organisation, RefreshToken, Role, StaffUser };

export const IAM_ENTITIES = [Organisation, StaffUser, Role, ApiKey, RefreshToken, AuditVerification];
